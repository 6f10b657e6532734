package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportJson.array;
import static io.patchproof.testsupport.ReportJson.object;
import static io.patchproof.testsupport.ReportRunBuilder.aRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.Verdict;
import io.patchproof.testsupport.ReportDataBuilder;
import io.patchproof.testsupport.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestWriterTests {

    private static final ReportTemplate TEMPLATE = ReportTemplate.monthlyFromClasspath();

    private static ReportDataBuilder threeFindings() {
        return aReport().with(aNotInEffectFinding().build(), aMissingFinding().host("WS-1").build(), anInEffectFinding().host("SRV-2").build());
    }

    private static WorkbookStats stats(long notInEffect, long missing) {
        return new WorkbookStats(List.of("Summary", "Reboot plan", "Not in effect", "Missing", "Hosts", "Updates", "Data quality"),
                Map.of("Not in effect", notInEffect, "Missing", missing, "Reboot plan", 0L, "Hosts", 0L, "Updates", 0L, "Data quality", 0L),
                1, 2, 3);
    }

    private static List<PublishedFile> outputs() {
        return List.of(new PublishedFile("workbook", Path.of("out", "monthly-PS1-2008-11-30.xlsx"), 12345, "c".repeat(64)),
                new PublishedFile("findings", Path.of("out", "monthly-PS1-2008-11-30.findings.csv"), 678, "d".repeat(64)));
    }

    private static String render(ReportData data, WorkbookStats stats, long csvRows) {
        return new ManifestWriter().render(new ManifestWriter.Content(data.run(), data.metrics(), TEMPLATE, stats, csvRows, outputs()));
    }

    private static Map<String, Object> manifest(ReportData data) {
        return object(ReportJson.parse(render(data, stats(1, 1), 3)));
    }

    @Test
    void aCioManifestChecksTheCsvButNoSheetThatListsFindingsAndNamesItsRunAndSnapshot() {
        ReportData monthly = threeFindings().build();
        RunDescription cio = ReportPublisherTests.asCio(monthly.run()).renderedAs("cio", 1);
        WorkbookStats cioStats = new WorkbookStats(List.of("Executive summary", "Trend"), Map.of("Trend", 4L), 0, 0, 0);

        Map<String, Object> m = object(ReportJson.parse(new ManifestWriter().render(new ManifestWriter.Content(cio,
                monthly.metrics(), TEMPLATE, cioStats, 3, outputs()))));

        Map<String, Object> counts = object(m.get("counts"));
        assertThat(counts).containsEntry("reconciles", true).containsEntry("workbookRows", Map.of("Trend", 4L));
        assertThat(array(counts.get("checks"))).extracting(c -> object(c).get("check").toString())
                .noneMatch(name -> name.contains("Not in effect") || name.contains("Missing"))
                .anyMatch(name -> name.startsWith("findings.csv rows"));
        assertThat(object(m.get("run"))).containsEntry("profile", "cio").containsEntry("rerun", 1L)
                .containsEntry("snapshotId", 7L).containsEntry("renderedFromKeptSnapshot", true)
                .containsEntry("runProfile", "cio");
        assertThat(object(object(m.get("run")).get("parameters"))).containsEntry("profile", "cio");
        assertThatThrownBy(() -> new ManifestWriter().render(new ManifestWriter.Content(monthly.run(), monthly.metrics(),
                TEMPLATE, cioStats, 3, outputs()))).as("the monthly profile's sheets must hold its findings")
                .isInstanceOf(CountMismatchException.class);
    }

    @Test
    void theManifestIsJsonWithItsSectionsInAFixedOrder() {
        Map<String, Object> m = manifest(threeFindings().build());
        assertThat(m.keySet()).containsExactly("manifestVersion", "tool", "ruleVersion", "run", "schemaProfile", "source",
                "freshness", "sqlFiles", "absentOptionalColumns", "snapshotCounts", "counts", "workbook", "template", "exceptions",
                "outputs", "signed");
        assertThat(m.get("signed")).as("a set without a signing key says it is not signed").isEqualTo(false);
        assertThat(m.get("exceptions")).as("a run without a register says so").isEqualTo("none");
        assertThat(object(m.get("tool"))).containsEntry("name", "patchproof").containsEntry("version", "0.1.0");
        assertThat(m.get("ruleVersion")).isEqualTo("1");
    }

    @Test
    void renderingTheSameInputTwiceGivesTheSameText() {
        ReportData data = threeFindings().build();
        assertThat(render(data, stats(1, 1), 3)).isEqualTo(render(data, stats(1, 1), 3));
    }

    @Test
    void theRunIdentityAndEveryParameterAreRecordedInSortedOrder() {
        ReportData data = threeFindings().withRun(aRun().rerun(2).scope("collection SMS00001").parameter("zeta", "last")
                .parameter("alpha", "first").build()).build();
        Map<String, Object> run = object(manifest(data).get("run"));
        assertThat(run).containsEntry("profile", "monthly").containsEntry("asOf", "2008-11-30").containsEntry("schema", "configmgr")
                .containsEntry("scope", "collection SMS00001").containsEntry("rerun", 2L).containsEntry("jobInstanceId", 12L)
                .containsEntry("jobExecutionId", 15L);
        Map<String, Object> parameters = object(run.get("parameters"));
        assertThat(parameters.keySet()).containsExactly("alpha", "patchproof.as-of", "patchproof.report.profile", "patchproof.source.schema", "zeta");
        assertThat(object(manifest(data).get("schemaProfile"))).containsEntry("name", "configmgr")
                .containsEntry("reason", "auto: v_UpdateComplianceStatus present");
    }

    @Test
    void noPasswordAppearsAnywhereEvenWhenTheCallerLeftOneIn() {
        String secret = "S3cr3t-pw!";
        ReportData data = threeFindings().withRun(aRun()
                .source("jdbc:sqlserver://cm01:1433;databaseName=CM_PS1;user=reader;password=" + secret + ";encrypt=true",
                        "CM01", "CM_PS1", "PS1", "reader")
                .parameter("patchproof.source.password", secret)
                .parameter("spring.datasource.url", "jdbc:h2:file:./data/store;PASSWORD=" + secret)
                .parameter("other.url", "jdbc:postgresql://reader:" + secret + "@db/x")
                .parameter("patchproof.api-token", secret)
                .build()).build();
        String json = render(data, stats(1, 1), 3);
        assertThat(json).doesNotContain(secret);
        Map<String, Object> m = object(ReportJson.parse(json));
        assertThat(object(m.get("source"))).containsEntry("login", "reader").containsEntry("server", "CM01")
                .containsEntry("database", "CM_PS1").containsEntry("siteCode", "PS1");
        assertThat((String) object(m.get("source")).get("url")).contains("password=(redacted);encrypt=true");
        Map<String, Object> parameters = object(object(m.get("run")).get("parameters"));
        assertThat(parameters).containsEntry("patchproof.source.password", "(redacted)")
                .containsEntry("patchproof.api-token", "(redacted)")
                .containsEntry("other.url", "jdbc:postgresql://reader:(redacted)@db/x");
    }

    @Test
    void freshnessComparesWhenTheSourceWasReadWithTheAsOfDate() {
        Map<String, Object> freshness = object(manifest(threeFindings().build()).get("freshness"));
        assertThat(freshness).containsEntry("asOf", "2008-11-30").containsEntry("sourceReadAtUtc", "2008-12-01T07:15:30Z")
                .containsEntry("sourceReadDaysAfterAsOf", 1L).containsEntry("newestInventoryClientLocal", "2008-11-29T23:10")
                .containsEntry("newestStateMessageUtc", "2008-11-30T06:01:02Z");
    }

    @Test
    void everySqlFileIsListedWithItsHashAndRowsRead() {
        List<Object> sql = array(manifest(threeFindings().build()).get("sqlFiles"));
        assertThat(sql).hasSize(2);
        assertThat(object(sql.get(1))).containsEntry("path", "sql/configmgr/select_compliance.sql")
                .containsEntry("sha256", "b".repeat(64)).containsEntry("rowsRead", 1200L);
        assertThat(object(manifest(threeFindings().build()).get("snapshotCounts")).keySet()).containsExactly("compliance", "hosts");
    }

    @Test
    void everyOptionalColumnTheSiteLackedIsNamedWithItsFile() {
        assertThat(array(manifest(threeFindings().build()).get("absentOptionalColumns"))).isEmpty();
        ReportData data = threeFindings().withRun(aRun().sqlFiles(List.of(
                new RunDescription.SqlFileInfo("sql/configmgr/select_hosts.sql", "a".repeat(64), 8450,
                        List.of("v_GS_WORKSTATION_STATUS.TimeZoneOffset", "v_R_System.Decommissioned0")),
                new RunDescription.SqlFileInfo("sql/configmgr/select_maintenance_windows.sql", "b".repeat(64), 6,
                        List.of("v_ServiceWindow.IsGMT")))).build()).build();

        assertThat(array(manifest(data).get("absentOptionalColumns"))).extracting(o -> object(o).get("file") + " "
                + object(o).get("column")).containsExactly(
                        "sql/configmgr/select_hosts.sql v_GS_WORKSTATION_STATUS.TimeZoneOffset",
                        "sql/configmgr/select_hosts.sql v_R_System.Decommissioned0",
                        "sql/configmgr/select_maintenance_windows.sql v_ServiceWindow.IsGMT");
    }

    @Test
    void theCountsAddUpAndSaySo() {
        Map<String, Object> counts = object(manifest(threeFindings().build()).get("counts"));
        long rowsRead = (Long) counts.get("rowsRead");
        long outOfScope = (Long) counts.get("outOfScope");
        long inScope = (Long) counts.get("inScope");
        Map<String, Object> byVerdict = object(counts.get("byVerdict"));
        assertThat(byVerdict.keySet()).containsExactly("IN_EFFECT", "NOT_IN_EFFECT", "UNVERIFIED", "MISSING", "FAILED", "EXEMPT", "OUT_OF_SCOPE");
        assertThat(rowsRead).isEqualTo(203).isEqualTo(outOfScope + inScope);
        assertThat(byVerdict.values().stream().mapToLong(v -> (Long) v).sum()).isEqualTo(rowsRead);
        assertThat(object(counts.get("outOfScopeByReason"))).containsExactly(Map.entry("expired", 50L), Map.entry("not reboot-dependent", 150L));
        assertThat(counts).containsEntry("findingsCsvRows", 3L).containsEntry("reconciles", true);
        assertThat(object(counts.get("workbookRows"))).containsEntry("Not in effect", 1L).containsEntry("Missing", 1L);
        assertThat(array(counts.get("checks"))).hasSize(5).allSatisfy(c -> assertThat(object(c)).containsEntry("holds", true));
    }

    @Test
    void rowsReadThatDoNotAddUpAreRefused() {
        ReportData data = threeFindings().withRowsRead(999).build();
        assertThatThrownBy(() -> render(data, stats(1, 1), 3))
                .isInstanceOf(CountMismatchException.class)
                .hasMessageContaining("rows read = out of scope + \u03a3 verdicts in scope: 999 \u2260 203");
    }

    @Test
    void aCsvThatLostARowIsRefused() {
        assertThatThrownBy(() -> render(threeFindings().build(), stats(1, 1), 2))
                .isInstanceOf(CountMismatchException.class)
                .hasMessageContaining("findings.csv rows = \u03a3 verdicts in scope: 3 \u2260 2");
    }

    @Test
    void aWorkbookThatLostARowIsRefused() {
        assertThatThrownBy(() -> render(threeFindings().build(), stats(0, 1), 3))
                .isInstanceOf(CountMismatchException.class)
                .hasMessageContaining("workbook 'Not in effect' rows = NOT_IN_EFFECT: 1 \u2260 0");
    }

    @Test
    void outOfScopeReasonsThatDoNotAddUpAreRefused() {
        ReportData data = aReport().build();
        var m = data.metrics();
        var broken = new io.patchproof.reconcile.Metrics(m.asOf(), m.rowsRead(), m.verdictCounts(), Map.of("expired", 1L),
                m.qualityFlags(), m.supersededExcluded(), m.supersededVerdicts(), m.overall(), m.servers(), m.workstations(), m.bySeverity(),
                m.byCollection(), m.serversFullyPatched(), m.workstationsFullyPatched(), m.allFullyPatched(), m.hosts(), m.updates());
        assertThatThrownBy(() -> new ManifestWriter().render(new ManifestWriter.Content(data.run(), broken, TEMPLATE, stats(0, 0), 0, outputs())))
                .isInstanceOf(CountMismatchException.class)
                .hasMessageContaining("out of scope = \u03a3 out-of-scope reasons: 200 \u2260 1");
    }

    @Test
    void theTemplateAndTheOutputFilesAreListedWithTheirHashes() {
        Map<String, Object> m = manifest(threeFindings().build());
        assertThat(object(m.get("template"))).containsEntry("path", "reports/templates/monthly.xlsx")
                .containsEntry("sha256", TEMPLATE.sha256()).containsEntry("size", TEMPLATE.size());
        List<Object> outputs = array(m.get("outputs"));
        assertThat(object(outputs.get(0))).containsExactly(Map.entry("role", "workbook"), Map.entry("name", "monthly-PS1-2008-11-30.xlsx"),
                Map.entry("size", 12345L), Map.entry("sha256", "c".repeat(64)));
        assertThat(object(outputs.get(1))).containsEntry("name", "monthly-PS1-2008-11-30.findings.csv");
        assertThat(object(m.get("workbook"))).containsEntry("truncatedCells", 1L).containsEntry("quotePrefixedCells", 2L)
                .containsEntry("replacedCharacters", 3L);
    }

    @Test
    void textIsEscapedSoThatItParsesBackExactly() {
        String scope = "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u0007 del \u007F ls \u2028 emoji \uD83D\uDE00 lone \uD800 end";
        ReportData data = threeFindings().withRun(aRun().scope(scope).build()).build();
        String json = render(data, stats(1, 1), 3);
        assertThat(json).doesNotContain("\u2028").doesNotContain("\u0007");
        assertThat(object(object(ReportJson.parse(json)).get("run")).get("scope")).isEqualTo(scope);
    }

    @Test
    void writeProducesUtf8WithoutAByteOrderMark() throws IOException {
        ReportData data = threeFindings().withRun(aRun().scope("\u00e9t\u00e9").build()).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ManifestWriter().write(new ManifestWriter.Content(data.run(), data.metrics(), TEMPLATE, stats(1, 1), 3, outputs()), out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[0]).isEqualTo((byte) '{');
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"scope\": \"\u00e9t\u00e9\"").endsWith("}\n");
    }

    @Test
    void aVerdictWithoutFindingsIsCountedAsZero() {
        String json = render(aReport().with(aNotInEffectFinding().build()).build(), stats(1, 0), 1);
        Map<String, Object> counts = object(object(ReportJson.parse(json)).get("counts"));
        assertThat(object(counts.get("byVerdict"))).containsEntry(Verdict.FAILED.name(), 0L);
    }
}
