package io.patchproof.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How and when the data of a run was read: what the Summary's header, the audit Evidence sheet
 * and the manifest say about the run. Never holds a password.
 *
 * @param toolVersion        patchproof version
 * @param ruleVersion        version of the verdict rules (changes when a rule changes)
 * @param profile            report profile: monthly, cio, audit
 * @param asOf               the as-of date
 * @param schemaProfile      configmgr or sms2003
 * @param schemaReason       why that profile was chosen ("configured", "auto: v_UpdateComplianceStatus present")
 * @param scope              human-readable scope ("all systems", "collection SMS00001; servers only")
 * @param rerun              0 for the first run of an identity, N for the N-th --rerun
 * @param parameters         every run parameter and rule setting, as text (no secrets)
 * @param sourceUrl          JDBC URL of the site database with any password removed
 * @param sourceServer       server name as the source reports it
 * @param sourceDatabase     database name
 * @param siteCode           site code(s) of the hosts read, may be empty
 * @param sourceLogin        login name used (never the password)
 * @param sourceReadAt       when the extract read the site database
 * @param newestInventory    newest inventory time seen (client local, shown as read), may be null
 * @param newestStateMessage newest state-message time seen (UTC), may be null
 * @param jobInstanceId      Spring Batch job instance
 * @param jobExecutionId     Spring Batch job execution that published
 * @param sqlFiles           every SQL file run, with hash and rows read
 * @param snapshotCounts     rows copied into the snapshot per table
 * @param site               the site of the run identity: its site code, or {@code server/database}
 *                           where the site database has no single site code
 * @param siteIdentifiedBy   how the site was found, before the run started
 * @param demo               the demo: generated data, not a real site (the Summary says DEMO)
 * @param snapshotId         the snapshot of the local store the report was rendered from (null: not known)
 * @param renderedFromProfile null when the run published this report itself; else the profile of
 *                           the completed run whose kept snapshot the {@code report} command
 *                           rendered it from, without reading the site database again
 */
public record RunDescription(
        String toolVersion,
        String ruleVersion,
        String profile,
        LocalDate asOf,
        String schemaProfile,
        String schemaReason,
        String scope,
        int rerun,
        Map<String, String> parameters,
        String sourceUrl,
        String sourceServer,
        String sourceDatabase,
        String siteCode,
        String sourceLogin,
        Instant sourceReadAt,
        java.time.LocalDateTime newestInventory,
        Instant newestStateMessage,
        long jobInstanceId,
        long jobExecutionId,
        List<SqlFileInfo> sqlFiles,
        Map<String, Long> snapshotCounts,
        String site,
        String siteIdentifiedBy,
        boolean demo,
        Long snapshotId,
        String renderedFromProfile) {

    /** A report the run published itself, without its snapshot named. */
    public RunDescription(String toolVersion, String ruleVersion, String profile, LocalDate asOf, String schemaProfile,
            String schemaReason, String scope, int rerun, Map<String, String> parameters, String sourceUrl,
            String sourceServer, String sourceDatabase, String siteCode, String sourceLogin, Instant sourceReadAt,
            java.time.LocalDateTime newestInventory, Instant newestStateMessage, long jobInstanceId, long jobExecutionId,
            List<SqlFileInfo> sqlFiles, Map<String, Long> snapshotCounts, String site, String siteIdentifiedBy,
            boolean demo) {
        this(toolVersion, ruleVersion, profile, asOf, schemaProfile, schemaReason, scope, rerun, parameters, sourceUrl,
                sourceServer, sourceDatabase, siteCode, sourceLogin, sourceReadAt, newestInventory, newestStateMessage,
                jobInstanceId, jobExecutionId, sqlFiles, snapshotCounts, site, siteIdentifiedBy, demo, null, null);
    }

    /**
     * This description for another profile rendered from the same run's kept snapshot: the run,
     * execution and snapshot stay, the profile and the set's rerun number are the new report's.
     */
    public RunDescription renderedAs(String newProfile, int newRerun) {
        Map<String, String> p = new java.util.LinkedHashMap<>(parameters == null ? Map.of() : parameters);
        p.put("profile", newProfile);
        p.put("rerun", Integer.toString(newRerun));
        p.put("rendered-from.profile", profile);
        p.put("rendered-from.rerun", Integer.toString(rerun));
        return new RunDescription(toolVersion, ruleVersion, newProfile, asOf, schemaProfile, schemaReason, scope, newRerun,
                Map.copyOf(p), sourceUrl, sourceServer, sourceDatabase, siteCode, sourceLogin, sourceReadAt,
                newestInventory, newestStateMessage, jobInstanceId, jobExecutionId, sqlFiles, snapshotCounts, site,
                siteIdentifiedBy, demo, snapshotId, profile);
    }

    /**
     * One SQL file as run against the source.
     *
     * @param absentOptionalColumns the optional columns ({@code View.Column}) the site database
     *                              lacked, which the file read as NULL; empty when none
     */
    public record SqlFileInfo(String path, String sha256, long rowsRead, List<String> absentOptionalColumns) {

        public SqlFileInfo {
            absentOptionalColumns = absentOptionalColumns == null ? List.of() : List.copyOf(absentOptionalColumns);
        }

        /** A file whose every optional column was there. */
        public SqlFileInfo(String path, String sha256, long rowsRead) {
            this(path, sha256, rowsRead, List.of());
        }
    }
}
