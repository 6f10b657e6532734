package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One whole demo run, its three files checked against each other: the workbook's figures must be
 * the CSV's, and the story must show: servers with years of uptime that report recent updates
 * installed are not in effect.
 */
class DemoRunIntegrationTests {

    static final int HOSTS = 400;

    @TempDir
    static Path demoDir;

    @TempDir
    static Path work;

    static Cli cli;
    static List<Map<String, String>> csv;
    static List<String> header;

    @BeforeAll
    static void runTheDemo() throws Exception {
        cli = new Cli(work, demoDir);
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        FindingsCsv read = FindingsCsv.read(cli.output().resolve("demo-monthly-PP1-" + DemoSiteDatabase.AS_OF + ".findings.csv"));
        csv = read.rows();
        header = read.header();
    }

    private static String field(Map<String, String> row, String name) {
        return row.get(name);
    }

    private static TestWorkbook workbook() {
        return TestWorkbook.open(cli.output().resolve("demo-monthly-PP1-" + DemoSiteDatabase.AS_OF + ".xlsx"));
    }

    @Test
    void theSummaryVerdictCountsAreTheCsvRows() {
        Map<String, Long> byVerdict = csv.stream()
                .collect(Collectors.groupingBy(r -> field(r, "verdict"), Collectors.counting()));
        try (TestWorkbook wb = workbook()) {
            Map<String, String> labels = Map.of("IN_EFFECT", "In effect", "NOT_IN_EFFECT", "Not in effect",
                    "UNVERIFIED", "Unverified", "MISSING", "Missing", "FAILED", "Failed");
            // the verdict table: label in A, then meaning, in the figures, superseded, all
            labels.forEach((verdict, label) -> wb.cell("Summary", wb.addressOf("Summary", label).replace("A", "E"))
                    .hasNumber(byVerdict.getOrDefault(verdict, 0L)));
            assertThat(wb.rows("Not in effect")).hasSize(1 + byVerdict.getOrDefault("NOT_IN_EFFECT", 0L).intValue());
            assertThat(wb.rows("Missing")).hasSize(1 + byVerdict.getOrDefault("MISSING", 0L).intValue());
        }
        assertThat(byVerdict).doesNotContainKey("OUT_OF_SCOPE");
    }

    @Test
    void serversWithYearsOfUptimeAreNeverCountedInEffectForUpdatesReleasedSince() {
        Instant twoYearsBeforeAsOf = DemoSiteDatabase.AS_OF.atStartOfDay().toInstant(ZoneOffset.UTC).minus(Duration.ofDays(730));
        // Reported installed (Status 3, or state 9 or 10) after a boot more than two years old.
        List<Map<String, String>> oldBoots = csv.stream()
                .filter(r -> field(r, "status").equals("3") || List.of("9", "10").contains(field(r, "enforcement_state")))
                .filter(r -> !field(r, "last_boot_utc").isEmpty()
                        && Instant.parse(field(r, "last_boot_utc")).isBefore(twoYearsBeforeAsOf))
                .filter(r -> !field(r, "installed_earliest_utc").isEmpty()
                        && Instant.parse(field(r, "installed_earliest_utc")).isAfter(Instant.parse(field(r, "last_boot_utc"))))
                .toList();
        List<Map<String, String>> pendingRestart = oldBoots.stream()
                .filter(r -> field(r, "enforcement_state").equals("9"))
                .toList();
        assertThat(oldBoots).as("pairs on hosts that last booted more than two years ago").isNotEmpty();
        // Only a state-10 message that no later inventory contradicts (rule 7) may say otherwise.
        assertThat(oldBoots).filteredOn(r -> !field(r, "enforcement_state").equals("10"))
                .extracting(r -> field(r, "verdict")).doesNotContain("IN_EFFECT");
        assertThat(pendingRestart).as("installs waiting for a restart on those hosts").isNotEmpty();
        assertThat(pendingRestart).extracting(r -> field(r, "verdict")).containsOnly("NOT_IN_EFFECT");
    }

    @Test
    void reportedComplianceIsAboveEffectiveComplianceAndTheGapIsOnTheSummary() {
        try (TestWorkbook wb = workbook()) {
            String row = wb.addressOf("Summary", "Percent of applicable host updates").substring(1);
            double installed = wb.cell("Summary", "B" + row).number();
            double reported = wb.cell("Summary", "C" + row).number();
            double effective = wb.cell("Summary", "D" + row).number();
            assertThat(installed).isGreaterThan(reported);
            assertThat(reported).isGreaterThanOrEqualTo(effective);
            assertThat(effective).isGreaterThan(0);
            assertThat(wb.cell("Summary", "E" + row).number()).as("the gap").isEqualTo(100 * (reported - effective), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void everyCsvRowHasAVerdictAConfidenceAndEvidence() {
        Function<Map<String, String>, String> verdict = r -> field(r, "verdict");
        assertThat(header).hasSize(21);
        assertThat(csv).allSatisfy(r -> {
            assertThat(r).hasSize(21);
            assertThat(field(r, "superseded")).isIn("true", "false");
            assertThat(verdict.apply(r)).isIn("IN_EFFECT", "NOT_IN_EFFECT", "UNVERIFIED", "MISSING", "FAILED", "EXEMPT");
            assertThat(field(r, "confidence")).isIn("high", "medium", "low");
            assertThat(field(r, "evidence")).isNotBlank();
            assertThat(field(r, "article_id")).matches("[0-9]+");
        });
    }

    /**
     * The two finding sheets list what the reconcile step staged; the CSV lists what the publish
     * step worked out again from the snapshot. Both must be the same findings, evidence included.
     */
    @Test
    void theFindingSheetsListExactlyTheCsvRowsOfTheirVerdicts() {
        try (TestWorkbook wb = workbook()) {
            for (Map.Entry<String, String> sheet : Map.of("Not in effect", "NOT_IN_EFFECT", "Missing", "MISSING").entrySet()) {
                int id = wb.column(sheet.getKey(), 0, "ResourceID");
                int kb = wb.column(sheet.getKey(), 0, "KB article");
                int evidence = wb.column(sheet.getKey(), 0, "Evidence");
                List<String> listed = wb.rows(sheet.getKey()).stream().skip(1)
                        .map(r -> cellText(r.get(id)) + " " + r.get(kb) + " " + r.get(evidence)).sorted().toList();
                List<String> inCsv = csv.stream().filter(r -> field(r, "verdict").equals(sheet.getValue()))
                        .map(r -> field(r, "resource_id") + " KB" + field(r, "article_id") + " " + field(r, "evidence"))
                        .sorted().toList();
                assertThat(listed).as(sheet.getKey()).isNotEmpty().containsExactlyElementsOf(inCsv);
            }
        }
    }

    private static String cellText(Object value) {
        return value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value);
    }
}
