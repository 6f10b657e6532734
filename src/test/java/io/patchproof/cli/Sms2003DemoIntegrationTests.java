package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
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
 * servers, when KB958644 was released, when the agent installed it), not from the generator.
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
    void serversReportedPatchedForMs08067WhileTheirLastBootPredatesItsReleaseAreNotInEffect() {
        Instant released = site.queryForObject("SELECT MIN(DatePosted) FROM v_ApplicableUpdatesSummaryEx "
                + "WHERE QNumbers LIKE '%" + KB + "'", Timestamp.class).toLocalDateTime().toInstant(ZoneOffset.UTC);
        Set<String> servers = new HashSet<>(site.queryForList("SELECT CAST(ResourceID AS VARCHAR(20)) FROM v_R_System "
                + "WHERE Operating_System_Name_and0 LIKE '%Server%'", String.class));
        Map<String, LocalDateTime> agentInstalled = new HashMap<>();
        site.query("SELECT ResourceID, UpdateID, AgentInstallDate FROM v_GS_PatchStatusEx WHERE AgentInstallDate IS NOT NULL",
                rs -> {
                    agentInstalled.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getTimestamp(3).toLocalDateTime());
                });
        Map<String, LocalDateTime> inventoried = new HashMap<>();
        site.query("SELECT ResourceID, MAX([TimeStamp]) FROM v_GS_OPERATING_SYSTEM GROUP BY ResourceID", rs -> {
            inventoried.put(String.valueOf(rs.getInt(1)), rs.getTimestamp(2).toLocalDateTime());
        });

        List<Map<String, String>> story = rows(r -> r.get("article_id").equals(KB) && servers.contains(r.get("resource_id"))
                && r.get("status").equals("3") && !r.get("last_boot_utc").isEmpty()
                && Instant.parse(r.get("last_boot_utc")).isBefore(released));

        assertThat(story).as("servers reported patched for KB%s that last booted before its release", KB)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(story).extracting(r -> r.get("verdict")).containsAnyOf("NOT_IN_EFFECT")
                .doesNotContain("IN_EFFECT", "MISSING", "FAILED");
        for (Map<String, String> r : story) {
            LocalDateTime install = agentInstalled.get(r.get("resource_id") + "/" + r.get("ci_id"));
            LocalDateTime inventory = inventoried.get(r.get("resource_id"));
            if (install != null && inventory != null && inventory.isAfter(install.plusDays(1))) {
                assertThat(r.get("verdict")).as("%s %s: installed by the agent %s, inventoried %s", r.get("host"),
                        r.get("title"), install, inventory).isEqualTo("NOT_IN_EFFECT");
                assertThat(r.get("evidence")).contains("site state 'Install Verified'").contains("AgentInstallDate");
            }
        }
        assertThat(story.stream().filter(r -> r.get("verdict").equals("NOT_IN_EFFECT")).count())
                .isGreaterThanOrEqualTo(story.size() / 2);
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
    void stateNamesTheMappingDoesNotKnowAreCountedUnderDataQualityAndNeverCompliant() {
        List<Map<String, String>> unknown = rows(r -> r.get("evidence").contains("is not in patchproof.source.sms2003.state-names"));

        assertThat(unknown).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("2");
            assertThat(r.get("verdict")).isNotIn("IN_EFFECT", "EXEMPT");
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
        List<Map<String, String>> rows = FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv")).rows();
        assertThat(rows).filteredOn(r -> r.get("evidence").startsWith("site state 'Uninstall Pending'")).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.get("evidence")).startsWith("site state 'Uninstall Pending' read as pending-restart");
                    assertThat(r.get("enforcement_state")).isEqualTo("9");
                });
    }

    @Test
    void aSeverityScopeIsRefusedOnSms2003BecauseItKeepsNoSeverity() {
        Cli.Result refused = new Cli(otherWork, demoDir).run("demo", "--patchproof.demo.schema=sms2003",
                "--patchproof.demo.hosts=" + HOSTS, "--patchproof.scope.min-severity=critical");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("patchproof.scope.min-severity").contains("sms2003");
        assertThat(refused.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnknownDemoSchemaIsAConfigurationError() {
        Cli.Result refused = new Cli(otherWork, demoDir).run("demo", "--patchproof.demo.schema=sms2", "--patchproof.demo.hosts=40");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("patchproof.demo.schema").contains("'sms2'").contains("sms2003");
    }

    // ---------------------------------------------------------------------------------------

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
