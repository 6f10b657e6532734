package io.patchproof.job;

/** Versions recorded in every manifest. */
public final class Versions {

    /** patchproof's version, from the jar manifest when packaged. */
    public static final String TOOL = version();

    /**
     * The verdict rules' version: changes whenever a rule changes its answer for some input, so
     * that two workbooks can be compared knowing whether the rules differed.
     */
    public static final String RULES = io.patchproof.reconcile.Reconciler.RULES_VERSION;

    private Versions() {
    }

    private static String version() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
