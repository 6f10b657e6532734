package io.patchproof.testsupport;

import io.patchproof.report.RunDescription;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run description as the job would hand it to the report: the story's site, read once. */
public final class ReportRunBuilder {

    private String toolVersion = "0.1.0";
    private String ruleVersion = "1";
    private String profile = "monthly";
    private LocalDate asOf = LocalDate.parse("2008-11-30");
    private String schemaProfile = "configmgr";
    private String schemaReason = "auto: v_UpdateComplianceStatus present";
    private String scope = "all systems";
    private int rerun;
    private boolean demo;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private String sourceUrl = "jdbc:sqlserver://cm01.corp.example:1433;databaseName=CM_PS1;encrypt=true;applicationIntent=ReadOnly";
    private String sourceServer = "CM01";
    private String sourceDatabase = "CM_PS1";
    private String siteCode = "PS1";
    private String sourceLogin = "patchproof_reader";
    private Instant sourceReadAt = Instant.parse("2008-12-01T07:15:30Z");
    private LocalDateTime newestInventory = LocalDateTime.parse("2008-11-29T23:10:00");
    private Instant newestStateMessage = Instant.parse("2008-11-30T06:01:02Z");
    private long jobInstanceId = 12;
    private long jobExecutionId = 15;
    private List<RunDescription.SqlFileInfo> sqlFiles = List.of(
            new RunDescription.SqlFileInfo("sql/configmgr/select_hosts.sql", "a".repeat(64), 8450),
            new RunDescription.SqlFileInfo("sql/configmgr/select_compliance.sql", "b".repeat(64), 1200));
    private final Map<String, Long> snapshotCounts = new LinkedHashMap<>(Map.of("hosts", 8450L, "compliance", 1200L));

    public ReportRunBuilder() {
        parameters.put("patchproof.report.profile", "monthly");
        parameters.put("patchproof.as-of", "2008-11-30");
        parameters.put("patchproof.source.schema", "auto");
    }

    public static ReportRunBuilder aRun() {
        return new ReportRunBuilder();
    }

    public ReportRunBuilder asOf(LocalDate asOf) {
        this.asOf = asOf;
        return this;
    }

    public ReportRunBuilder scope(String scope) {
        this.scope = scope;
        return this;
    }

    public ReportRunBuilder rerun(int rerun) {
        this.rerun = rerun;
        return this;
    }

    /** The demo's run: generated data. */
    public ReportRunBuilder demo() {
        this.demo = true;
        return this;
    }

    public ReportRunBuilder parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    public ReportRunBuilder source(String url, String server, String database, String siteCode, String login) {
        this.sourceUrl = url;
        this.sourceServer = server;
        this.sourceDatabase = database;
        this.siteCode = siteCode;
        this.sourceLogin = login;
        return this;
    }

    public ReportRunBuilder readAt(Instant readAt) {
        this.sourceReadAt = readAt;
        return this;
    }

    public ReportRunBuilder freshness(LocalDateTime newestInventory, Instant newestStateMessage) {
        this.newestInventory = newestInventory;
        this.newestStateMessage = newestStateMessage;
        return this;
    }

    public ReportRunBuilder sqlFiles(List<RunDescription.SqlFileInfo> sqlFiles) {
        this.sqlFiles = sqlFiles;
        return this;
    }

    public RunDescription build() {
        return new RunDescription(toolVersion, ruleVersion, profile, asOf, schemaProfile, schemaReason, scope, rerun,
                Map.copyOf(parameters), sourceUrl, sourceServer, sourceDatabase, siteCode, sourceLogin, sourceReadAt,
                newestInventory, newestStateMessage, jobInstanceId, jobExecutionId, sqlFiles, Map.copyOf(snapshotCounts),
                siteCode, "site code " + siteCode + " of all 8450 systems in All Systems (v_FullCollectionMembership)", demo);
    }
}
