package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.reconcile.OutOfScope;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The SMS 2003 demo through the command line: the story of MS08-067 on an SMS 2003 site, read
 * with the sms2003 profile, must show the gap between what the site reported and what was in
 * effect. Expectations are derived from the generated site database itself (which hosts are
 * servers, when KB958644 was released, what the scan and the agent reported), not from the
 * generator. Where a figure depends on the verdict rules' details, the tests assert the relation
 * the story needs, not a count.
 */
class Sms2003DemoIntegrationTests {

    static final int HOSTS = 240;
    static final String STEM = "demo-monthly-S03-" + DemoSiteDatabase.SMS2003_AS_OF;
    static final String KB = "958644";

    @TempDir
    static Path demoDir;

    @TempDir
    static Path work;

    static Cli.Result result;
    static Path out;
    static List<Map<String, String>> findings;
    static JdbcTemplate site;

    @TempDir
    Path otherWork;

    @BeforeAll
    static void runTheDemo() {
        Cli cli = new Cli(work, demoDir);
        result = cli.run("demo", "--patchproof.demo.schema=sms2003", "--patchproof.demo.hosts=" + HOSTS);
        out = cli.output();
        findings = result.exitCode() == 0 ? FindingsCsv.read(out.resolve(STEM + ".findings.csv")).rows() : List.of();
        site = new JdbcTemplate(new DriverManagerDataSource(DemoSiteDatabase.jdbcUrl(
                DemoSiteDatabase.fileFor(demoDir, DemoSiteDatabase.SMS2003, HOSTS, DemoSiteDatabase.DEFAULT_SEED))));
    }

    @Test
    void theRunDetectsTheSms2003SchemaAndSaysWhyInItsOutputAndManifest() throws IOException {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String why = "auto: v_UpdateComplianceStatus absent, v_GS_PatchStatusEx present";
        assertThat(result.out()).contains("demo run of site S03, as-of " + DemoSiteDatabase.SMS2003_AS_OF)
                .contains("schema sms2003 (" + why + ")");
        String manifest = Files.readString(out.resolve(STEM + ".manifest.json"));
        assertThat(manifest).contains("\"sms2003\"").contains(why).contains("sql/sms2003/select_compliance.sql")
                .contains("\"reconciles\": true");
        try (TestWorkbook wb = TestWorkbook.open(out.resolve(STEM + ".xlsx"))) {
            assertThat(wb.addressOf("Summary", "sms2003 (" + why + ")")).as("schema on the Summary sheet").isNotNull();
        }
    }

    @Test
    void theSms2003DemoReadsARegisterOfItsOwnTimeWhoseLinesStandOnItsAsOfDate() throws IOException {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(Files.readString(out.resolve(STEM + ".manifest.json"))));
        assertThat(ReportJson.object(manifest.get("exceptions")))
                .containsEntry("file", "classpath:demo/exceptions-sms2003.csv")
                .containsEntry("lines", 4L).containsEntry("active", 2L).containsEntry("expired", 1L)
                .containsEntry("notYetApproved", 1L);
        assertThat(rows(r -> r.get("verdict").equals("EXEMPT"))).as("the domain controllers' MS08-067, until their window")
                .isNotEmpty().allSatisfy(r -> {
                    assertThat(r.get("host")).startsWith("SRVDC");
                    assertThat(r.get("bulletin_id")).isEqualTo("MS08-067");
                    assertThat(r.get("exempt_reason")).startsWith("exceptions-sms2003.csv line 4: Domain controllers");
                });
    }

    @Test
    void serversReportedPatchedForMs08067WhileTheirLastBootPredatesItsReleaseAreNeverInEffect() {
        Instant released = site.queryForObject("SELECT MIN(DatePosted) FROM v_ApplicableUpdatesSummaryEx "
                + "WHERE QNumbers LIKE '%" + KB + "'", Timestamp.class).toLocalDateTime().toInstant(ZoneOffset.UTC);
        Set<String> servers = new HashSet<>(site.queryForList("SELECT CAST(ResourceID AS VARCHAR(20)) FROM v_R_System "
                + "WHERE Operating_System_Name_and0 LIKE '%Server%'", String.class));
        Set<String> handInstalled = new HashSet<>(site.queryForList("SELECT CAST(ResourceID AS VARCHAR(20)) + '/' + "
                + "CAST(UpdateID AS VARCHAR(20)) FROM v_GS_PatchStatusEx WHERE Status = 'Installed' "
                + "AND LastStateName IS NULL AND AgentInstallDate IS NULL", String.class));

        List<Map<String, String>> story = rows(r -> r.get("article_id").equals(KB) && servers.contains(r.get("resource_id"))
                && r.get("status").equals("3") && !r.get("last_boot_utc").isEmpty()
                && Instant.parse(r.get("last_boot_utc")).isBefore(released));

        assertThat(story).as("servers reported patched for KB%s that last booted before its release", KB)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(story).extracting(r -> r.get("verdict")).contains("NOT_IN_EFFECT")
                .doesNotContain("IN_EFFECT", "MISSING", "FAILED");
        assertThat(story).allSatisfy(r -> assertThat(r.get("evidence"))
                .startsWith("scan status 'Installed' (Microsoft Updates Tool, scanned "));
        assertThat(story).as("installed by the agent").anySatisfy(r -> assertThat(r.get("evidence"))
                .contains("agent state 'Install Verified' read as installed (no state), AgentInstallDate "));
        assertThat(story).as("installed by the agent, waiting for the restart").anySatisfy(r -> {
            assertThat(r.get("evidence")).contains("agent state 'Reboot pending' read as pending-restart (state 9)");
            assertThat(r.get("verdict")).isEqualTo("NOT_IN_EFFECT");
        });
        List<Map<String, String>> byHand = rows(r -> handInstalled.contains(r.get("resource_id") + "/" + r.get("ci_id"))
                && servers.contains(r.get("resource_id")) && !r.get("last_boot_utc").isEmpty()
                && Instant.parse(r.get("last_boot_utc")).isBefore(Instant.parse("2008-10-01T00:00:00Z")));
        assertThat(byHand).as("updates installed by hand on servers that have not booted since").isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.get("status")).isEqualTo("3");
                    assertThat(r.get("evidence")).contains("no SMS agent state, no AgentInstallDate");
                    assertThat(r.get("verdict")).isNotIn("IN_EFFECT", "MISSING");
                });
    }

    @Test
    void ms08067TakesItsPublishedSeverityFromTheBulletinSeverityFile() {
        List<Map<String, String>> kb = rows(r -> r.get("article_id").equals(KB));

        assertThat(kb).isNotEmpty().extracting(r -> r.get("severity")).containsOnly("Critical");
        assertThat(rows(r -> r.get("bulletin_id").equals("MS08-068"))).extracting(r -> r.get("severity"))
                .isNotEmpty().containsOnly("Important");
        assertThat(findings).extracting(r -> r.get("severity")).doesNotContain("Unspecified");
    }

    @Test
    void anOlderScanToolsRowBesideItmusGivesNoSecondVerdictAndIsCountedUnderDataQuality() throws IOException {
        List<Map<String, Object>> older = site.queryForList("SELECT ResourceID, UpdateID, ID FROM v_GS_PatchStatusEx "
                + "WHERE ScanAgent = 'Security Updates Tool'");
        Set<String> olderPairs = new HashSet<>();
        older.forEach(o -> olderPairs.add(o.get("ResourceID") + "/" + o.get("UpdateID")));
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(Files.readString(out.resolve(STEM + ".manifest.json"))));
        Map<String, Object> reasons = ReportJson.object(ReportJson.object(manifest.get("counts")).get("outOfScopeByReason"));

        assertThat(older).isNotEmpty();
        assertThat(reasons).containsEntry(OutOfScope.OTHER_SCAN_TOOL, (long) older.size());
        assertThat(rows(r -> olderPairs.contains(r.get("resource_id") + "/" + r.get("ci_id")))).isEmpty();
        for (Map<String, Object> o : older) {
            assertThat(rows(r -> r.get("resource_id").equals(String.valueOf(o.get("ResourceID")))
                    && r.get("bulletin_id").equals(o.get("ID")))).as("verdicts for host %s and %s", o.get("ResourceID"),
                            o.get("ID")).hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(r -> assertThat(r.get("evidence")).contains("(Microsoft Updates Tool, scanned "));
        }
    }

    @Test
    void reportedComplianceForKb958644IsWellAboveEffectiveCompliance() {
        Set<String> servers = new HashSet<>(site.queryForList("SELECT CAST(ResourceID AS VARCHAR(20)) FROM v_R_System "
                + "WHERE Operating_System_Name_and0 LIKE '%Server%'", String.class));
        List<Map<String, String>> kb = rows(r -> r.get("article_id").equals(KB));
        List<Map<String, String>> onServers = kb.stream().filter(r -> servers.contains(r.get("resource_id"))).toList();

        assertThat(kb).isNotEmpty();
        assertThat(reported(kb) - effective(kb)).as("gap over all hosts, points").isGreaterThanOrEqualTo(10);
        assertThat(reported(onServers) - effective(onServers)).as("gap on servers, points").isGreaterThanOrEqualTo(25);

        try (TestWorkbook wb = TestWorkbook.open(out.resolve(STEM + ".xlsx"))) {
            String s = "Updates";
            int title = wb.column(s, 0, "Title");
            int ciId = wb.column(s, 0, "CI_ID");
            int rep = wb.column(s, 0, "Reported %");
            int eff = wb.column(s, 0, "Effective %");
            List<List<Object>> sheet = wb.rows(s);
            int seen = 0;
            for (int i = 1; i < sheet.size(); i++) {
                if (!String.valueOf(sheet.get(i).get(title)).contains("KB" + KB)) {
                    continue;
                }
                seen++;
                String ci = String.valueOf(Math.round((Double) sheet.get(i).get(ciId)));
                List<Map<String, String>> ofUpdate = kb.stream().filter(r -> r.get("ci_id").equals(ci)).toList();
                double reportedShown = wb.cell(s, i, rep).number();
                double effectiveShown = wb.cell(s, i, eff).number();
                assertThat(reportedShown).as("Updates!%s reported", wb.cell(s, i, rep).address())
                        .isCloseTo(reported(ofUpdate) / 100, within(1e-9));
                assertThat(effectiveShown).as("Updates!%s effective", wb.cell(s, i, eff).address())
                        .isCloseTo(effective(ofUpdate) / 100, within(1e-9));
                assertThat(reportedShown).as("row %s", i).isGreaterThan(effectiveShown);
                if (String.valueOf(sheet.get(i).get(title)).contains("Windows Server 2003")) {
                    assertThat(reportedShown - effectiveShown).as("Server 2003 gap").isGreaterThanOrEqualTo(0.25);
                }
            }
            assertThat(seen).as("KB%s rows on the Updates sheet (one per product)", KB).isEqualTo(3);
        }
    }

    @Test
    void stateNamesTheMappingDoesNotKnowAreCountedUnderDataQualityAndAddNoState() {
        List<Map<String, String>> unknown = rows(r -> r.get("evidence").contains("is not in patchproof.source.sms2003.state-names"));

        assertThat(unknown).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("enforcement_state")).isEmpty();
            assertThat(r.get("evidence")).startsWith("scan status ");
        });
        try (TestWorkbook wb = TestWorkbook.open(out.resolve(STEM + ".xlsx"))) {
            List<Object> counted = wb.rows("Data quality").stream()
                    .filter(r -> r.size() >= 3 && "UNKNOWN_STATE_NAME".equals(r.get(2))).findFirst().orElseThrow();
            assertThat(counted.get(0)).isEqualTo("Pairs by quality flag");
            assertThat((Double) counted.get(1)).isGreaterThanOrEqualTo(unknown.size());
        }
    }

    @Test
    void aStateNameConfiguredOnTheCommandLineIsReadAsConfigured() {
        Cli cli = new Cli(otherWork, demoDir);
        Cli.Result configured = cli.run("demo", "--patchproof.demo.schema=sms2003", "--patchproof.demo.hosts=60",
                "--patchproof.source.sms2003.state-names.[Uninstall Pending]=pending-restart");

        assertThat(configured.exitCode()).as(configured.toString()).isZero();
        List<Map<String, String>> rows = FindingsCsv.read(findingsIn(cli.output())).rows();
        assertThat(rows).filteredOn(r -> r.get("evidence").contains("agent state 'Uninstall Pending'")).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.get("evidence")).contains("agent state 'Uninstall Pending' read as pending-restart (state 9)");
                    assertThat(r.get("enforcement_state")).isEqualTo("9");
                });
    }

    @Test
    void aSeverityScopeSelectsTheBulletinsTheSeverityFileRatesAtOrAboveIt() {
        Cli cli = new Cli(otherWork, demoDir);
        Cli.Result critical = cli.run("demo", "--patchproof.demo.schema=sms2003", "--patchproof.demo.hosts=" + HOSTS,
                "--patchproof.scope.min-severity=critical");

        assertThat(critical.exitCode()).as(critical.toString()).isZero();
        List<Map<String, String>> scoped = FindingsCsv.read(findingsIn(cli.output())).rows();
        assertThat(scoped).isNotEmpty().hasSizeLessThan(findings.size())
                .allSatisfy(r -> assertThat(r.get("severity")).isEqualTo("Critical"));
        assertThat(scoped).extracting(r -> r.get("article_id")).contains(KB);
        assertThat(scoped.size()).as("every critical pair of the unscoped run, no other")
                .isEqualTo(rows(r -> r.get("severity").equals("Critical")).size());
    }

    @Test
    void aBadBulletinSeverityFileIsRefusedBeforeTheRunNamingTheFileAndTheLine() throws IOException {
        Path bad = otherWork.resolve("severity.csv");
        Files.writeString(bad, "bulletin_id,severity\nMS08-067,Critical\nMS08-068,Severe\n");

        Cli.Result refused = new Cli(otherWork, demoDir).run("demo", "--patchproof.demo.schema=sms2003",
                "--patchproof.demo.hosts=" + HOSTS, "--patchproof.source.sms2003.bulletin-severity=file:" + bad);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("patchproof.source.sms2003.bulletin-severity").contains(bad.toString())
                .contains("line 3").contains("'Severe'");
        assertThat(refused.err().lines().count()).isEqualTo(1);
        assertThat(otherWork.resolve("out")).doesNotExist();
    }

    @Test
    void anUnknownDemoSchemaIsAConfigurationError() {
        Cli.Result refused = new Cli(otherWork, demoDir).run("demo", "--patchproof.demo.schema=sms2", "--patchproof.demo.hosts=40");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("patchproof.demo.schema").contains("'sms2'").contains("sms2003");
    }

    // ---------------------------------------------------------------------------------------

    /** The one findings CSV of a run in its own output folder. */
    private static Path findingsIn(Path output) {
        try (java.util.stream.Stream<Path> files = Files.list(output)) {
            List<Path> csv = files.filter(f -> f.getFileName().toString().endsWith(".findings.csv")).toList();
            assertThat(csv).hasSize(1);
            return csv.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Map<String, String>> rows(Predicate<Map<String, String>> filter) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return findings.stream().filter(filter).toList();
    }

    /** Percent of the applicable pairs the site reports installed (every CSV row is an applicable pair). */
    private static double reported(List<Map<String, String>> rows) {
        return 100.0 * rows.stream().filter(r -> r.get("status").equals("3")).count() / rows.size();
    }

    private static double effective(List<Map<String, String>> rows) {
        return 100.0 * rows.stream().filter(r -> r.get("verdict").equals("IN_EFFECT")).count() / rows.size();
    }
}
