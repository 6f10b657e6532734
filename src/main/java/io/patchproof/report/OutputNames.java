package io.patchproof.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * File names of a report set: {@code <profile>-<site>-<as-of>[-<scope>][-rN]} plus {@code .xlsx},
 * {@code .findings.csv} and {@code .manifest.json} (and {@code .manifest.json.sig} where the set is
 * signed). The site is in the name so that two sites'
 * reports of the same date and scope can share a folder. Demo output is named
 * {@code demo-<profile>-…}: no profile is called "demo", so it never takes a real set's name.
 */
public final class OutputNames {

    public static final String WORKBOOK_SUFFIX = ".xlsx";
    public static final String FINDINGS_SUFFIX = ".findings.csv";
    public static final String MANIFEST_SUFFIX = ".manifest.json";
    /** The manifest's detached signature, beside it, where the set is signed. */
    public static final String SIGNATURE_SUFFIX = MANIFEST_SUFFIX + ".sig";
    /** The output folder's note on how to verify its signed sets, and with which certificate. */
    public static final String README = "README.txt";

    /** The start of every demo file name. */
    public static final String DEMO_PREFIX = "demo-";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern STEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private OutputNames() {
    }

    /**
     * The stem of a run's files.
     *
     * @param profile  monthly, cio, audit
     * @param site     the site as a file name part (a site code, or a server and database made
     *                 safe for a file name; letters, digits, {@code . _ -})
     * @param scopeKey short key of a non-default scope (letters, digits, {@code . _ -}), or null
     *                 for all systems
     * @param rerun    as in {@link RunDescription#rerun()}: 0 for the first run, N for the N-th
     *                 {@code --rerun}, which is the run's (N+1)-th set: the first rerun writes
     *                 {@code -r2}, the next {@code -r3}
     */
    public static String stem(String profile, String site, LocalDate asOf, String scopeKey, int rerun) {
        requirePart("profile", profile);
        if (profile.equals("demo")) {
            throw new IllegalArgumentException("'demo' is no report profile: demo- starts the names of demo output");
        }
        requirePart("site", site);
        if (asOf == null) {
            throw new IllegalArgumentException("as-of date is required for a file name");
        }
        if (rerun < 0) {
            throw new IllegalArgumentException("rerun must be 0 or more, was " + rerun);
        }
        StringBuilder stem = new StringBuilder(profile).append('-').append(site).append('-').append(asOf);
        if (scopeKey != null && !scopeKey.isEmpty()) {
            requirePart("scope key", scopeKey);
            stem.append('-').append(scopeKey);
        }
        if (rerun > 0) {
            stem.append("-r").append(rerun + 1);
        }
        return stem.toString();
    }

    /** The stem of demo output: {@code demo-} and the stem a real run would have. */
    public static String demoStem(String stem) {
        return DEMO_PREFIX + requireStem(stem);
    }

    public static String workbook(String stem) {
        return requireStem(stem) + WORKBOOK_SUFFIX;
    }

    public static String findings(String stem) {
        return requireStem(stem) + FINDINGS_SUFFIX;
    }

    public static String manifest(String stem) {
        return requireStem(stem) + MANIFEST_SUFFIX;
    }

    public static String signature(String stem) {
        return requireStem(stem) + SIGNATURE_SUFFIX;
    }

    /**
     * The files published beside a set's workbook, as the console names them after its path:
     * {@code (+ .findings.csv, .manifest.json)}, and {@code .manifest.json.sig} where the signature
     * is there, so that a signed set says so.
     */
    public static String companions(Path workbook) {
        String name = workbook.getFileName().toString();
        String stem = name.endsWith(WORKBOOK_SUFFIX) ? name.substring(0, name.length() - WORKBOOK_SUFFIX.length()) : name;
        boolean signed = Files.exists(workbook.resolveSibling(stem + SIGNATURE_SUFFIX));
        return "(+ " + FINDINGS_SUFFIX + ", " + MANIFEST_SUFFIX + (signed ? ", " + SIGNATURE_SUFFIX : "") + ")";
    }

    /** The stem of a set's file name ({@code x.findings.csv} → {@code x}); the name itself if it has no set suffix. */
    static String stemOf(String fileName) {
        for (String suffix : new String[] {FINDINGS_SUFFIX, MANIFEST_SUFFIX, SIGNATURE_SUFFIX, WORKBOOK_SUFFIX}) {
            if (fileName.endsWith(suffix)) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        return fileName;
    }

    /** A stem is one plain file name part: no directory, no leading dot (those are temp files). */
    static String requireStem(String stem) {
        if (stem == null || !STEM.matcher(stem).matches()) {
            throw new IllegalArgumentException("'" + stem + "' is not a valid report file stem: use letters, digits,"
                    + " '.', '_' and '-', starting with a letter or digit, at most 200 characters");
        }
        return stem;
    }

    private static void requirePart(String what, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid " + what + " for a file name: use letters,"
                    + " digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters");
        }
    }
}
