package io.patchproof.job;

import io.patchproof.history.HistoryKey;
import io.patchproof.report.OutputNames;
import io.patchproof.source.SourceScope;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of a run. The identifying ones make the run identity of design.md: site,
 * as-of date, report profile, schema profile, scope, plus the rerun number (0 for the first
 * run). The others travel with the execution so that a restart works from exactly what the
 * failed run used.
 *
 * <p>A demo run's identity carries {@code demo=true} as well, so that demo runs never take the
 * identity of a real run of the same site and date (a real site may well have the demo's site
 * code), nor their files its names ({@link #stem()}).
 *
 * <p>{@code fileRerun} is the rerun number in the file names ({@link #stem()}): a run's own
 * {@code rerun}, except for the demo, whose files carry no suffix and are replaced by the next
 * demo run, unless it was started with {@code --rerun}: its files then take the next free suffix
 * ({@code -r2}, {@code -r3}, ...) and are kept. Not part of the identity; an execution of an
 * earlier version, without it, names its files as before.
 *
 * <p>Runs of versions before the site was part of the identity have no {@code site} parameter
 * ({@link #site()} is null); this version recognises them ({@link #legacyIdentity}) but does not
 * resume them.
 */
public record RunParameters(
        RunSite site,
        LocalDate asOf,
        String profile,
        String schema,
        String scopeKey,
        long rerun,
        boolean demo,
        Path outputDir,
        String scopeDescription,
        SourceScope scope,
        long fileRerun) {

    static final String SITE = "site";
    static final String SITE_HOW = "siteIdentifiedBy";
    static final String AS_OF = "asOf";
    static final String PROFILE = "profile";
    static final String SCHEMA = "schema";
    static final String SCOPE = "scope";
    static final String RERUN = "rerun";
    static final String DEMO = "demo";
    static final String FILE_RERUN = "fileRerun";

    /** A run whose files carry its own rerun number, and a demo run whose files replace the last demo's. */
    public RunParameters(RunSite site, LocalDate asOf, String profile, String schema, String scopeKey, long rerun,
            boolean demo, Path outputDir, String scopeDescription, SourceScope scope) {
        this(site, asOf, profile, schema, scopeKey, rerun, demo, outputDir, scopeDescription, scope, demo ? 0 : rerun);
    }

    /** This run with its files suffixed as the {@code fileRerun}-th rerun's ({@code -r<fileRerun + 1>}). */
    public RunParameters withFileRerun(long fileRerun) {
        return new RunParameters(site, asOf, profile, schema, scopeKey, rerun, demo, outputDir, scopeDescription, scope,
                fileRerun);
    }

    /**
     * Whether publishing replaces a set of the same name: only a demo run's unsuffixed files, which
     * are demo data; a suffixed demo set and every real set are never overwritten.
     */
    public boolean replacesOwnFiles() {
        return demo && fileRerun == 0;
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString(SITE, site.key(), true)
                .addString(AS_OF, asOf.toString(), true)
                .addString(PROFILE, profile, true)
                .addString(SCHEMA, schema, true)
                .addString(SCOPE, scopeKey, true)
                .addLong(RERUN, rerun, true)
                .addString(SITE_HOW, site.how(), false)
                .addString(DEMO, Boolean.toString(demo), demo)
                .addLong(FILE_RERUN, fileRerun, false)
                .addString("outputDir", outputDir.toString(), false)
                .addString("scopeDescription", scopeDescription, false)
                .addString("scope.collection", nz(scope.collectionId()), false)
                .addString("scope.articles", String.join(",", scope.articleIds()), false)
                .addString("scope.bulletins", String.join(",", scope.bulletinIds()), false)
                .addString("scope.hosts", nz(scope.hostPattern()), false)
                .addString("scope.minSeverity", scope.minSeverity() == null ? "" : scope.minSeverity().toString(), false)
                .addString("scope.serversOnly", Boolean.toString(scope.serversOnly()), false);
        return b.toJobParameters();
    }

    /** The key this run's trend point and first-seen dates are kept under: site, schema profile and scope. */
    public HistoryKey historyKey() {
        return HistoryKey.forRun(site == null ? null : site.key(), demo, schema, scopeKey);
    }

    /** Identity only (for looking up instances); {@code demo} for the demo's own runs. */
    public static JobParameters identity(RunSite site, LocalDate asOf, String profile, String schema, String scopeKey,
            long rerun, boolean demo) {
        JobParametersBuilder b = new JobParametersBuilder()
                .addString(SITE, site.key(), true)
                .addJobParameters(legacyIdentity(asOf, profile, schema, scopeKey, rerun));
        if (demo) {
            b.addString(DEMO, "true", true);
        }
        return b.toJobParameters();
    }

    /**
     * The identity a run of an earlier version had: the same without the site. Such a run's
     * files are named {@code <profile>-<as-of>[-<scope>][-rN]}.
     */
    public static JobParameters legacyIdentity(LocalDate asOf, String profile, String schema, String scopeKey, long rerun) {
        return new JobParametersBuilder()
                .addString(AS_OF, asOf.toString(), true)
                .addString(PROFILE, profile, true)
                .addString(SCHEMA, schema, true)
                .addString(SCOPE, scopeKey, true)
                .addLong(RERUN, rerun, true)
                .toJobParameters();
    }

    public static RunParameters of(JobParameters p) {
        LocalDate asOf = LocalDate.parse(p.getString(AS_OF));
        String minSeverity = p.getString("scope.minSeverity", "");
        SourceScope scope = new SourceScope(emptyToNull(p.getString("scope.collection", "")),
                list(p.getString("scope.articles", "")), list(p.getString("scope.bulletins", "")),
                emptyToNull(p.getString("scope.hosts", "")),
                minSeverity.isEmpty() ? null : Integer.valueOf(minSeverity),
                Boolean.parseBoolean(p.getString("scope.serversOnly", "false")),
                asOf.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
        String site = p.getString(SITE);
        long rerun = p.getLong(RERUN, 0L);
        boolean demo = Boolean.parseBoolean(p.getString(DEMO, "false"));
        return new RunParameters(site == null ? null : new RunSite(site, p.getString(SITE_HOW, "")), asOf,
                p.getString(PROFILE), p.getString(SCHEMA), p.getString(SCOPE, ""), rerun, demo,
                Path.of(p.getString("outputDir", "reports/out")), p.getString("scopeDescription", ""), scope,
                p.getLong(FILE_RERUN, demo ? 0L : rerun));
    }

    /**
     * The file stem: {@code <profile>-<site>-<as-of>[-<scope>][-rN]}; the demo's own files are
     * {@code demo-<profile>-<site>-<as-of>[-<scope>][-rN]}, never a real set's name, and carry no
     * suffix unless the demo ran with {@code --rerun} (each demo run replaces the unsuffixed ones).
     */
    public String stem() {
        if (site == null) {
            throw new IllegalStateException("a run of an earlier version, without a site, has no file names in this version");
        }
        String stem = OutputNames.stem(profile, site.fileLabel(), asOf, fileKey(scopeKey), (int) fileRerun);
        return demo ? OutputNames.demoStem(stem) : stem;
    }

    /**
     * The scope key as it may appear in a file name: unchanged when it is already made of
     * {@code [A-Za-z0-9._-]} and short, else a readable prefix plus a hash of the whole key, so
     * that two scopes never share a file name.
     */
    static String fileKey(String scopeKey) {
        if (scopeKey.isEmpty()) {
            return null;
        }
        if (scopeKey.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            return scopeKey;
        }
        String readable = scopeKey.replaceAll("[^A-Za-z0-9._-]", "");
        readable = readable.substring(0, Math.min(readable.length(), 48));
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(scopeKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return (readable.isEmpty() || !Character.isLetterOrDigit(readable.charAt(0)) ? "scope" : readable) + "-" + hash;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static List<String> list(String s) {
        return s == null || s.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(s.split(",")));
    }
}
