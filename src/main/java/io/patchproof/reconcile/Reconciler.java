package io.patchproof.reconcile;

/**
 * Applies design.md's verdict table to one host × update pair. Plain Java, stateless after
 * construction and therefore thread-safe: partitions may share one instance.
 */
public final class Reconciler {

    private final RuleSettings settings;
    private final ExemptionRegister exemptions;

    public Reconciler(RuleSettings settings, ExemptionRegister exemptions) {
        this.settings = settings;
        this.exemptions = exemptions;
    }

    /**
     * The verdict for one compliance row.
     *
     * @param row        the compliance row
     * @param host       its discovery/inventory record, or null when the site has none (orphan)
     * @param update     its update metadata, or null when v_UpdateInfo does not list it (orphan)
     * @param duplicate  true when the same (ResourceID, CI_ID) occurs more than once
     */
    public Finding reconcile(ComplianceFacts row, HostFacts host, UpdateFacts update, boolean duplicate) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
