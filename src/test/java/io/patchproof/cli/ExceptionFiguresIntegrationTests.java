package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures with and without exceptions, from the demo with its own register, three ways: the
 * Summary of the monthly and of the audit workbook, the manifest's headline counts, and what the
 * findings CSV rebuilds (its non-superseded rows, EXEMPT counted). With exceptions = (compliant +
 * EXEMPT) / applicable; without, EXEMPT is not compliant. At 600 hosts the register's
 * domain-controller collection and Hyper-V pattern make a few pairs EXEMPT, so the two differ.
 */
class ExceptionFiguresIntegrationTests {

    private static final int HOSTS = 600;
    private static final String MONTHLY = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
    private static final String AUDIT = "demo-audit-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    static Path demoDir;
    @TempDir
    static Path work;

    static Cli cli;

    /** The headline counts as the CSV rebuilds them. */
    private record Rebuilt(long applicable, long reportedCompliant, long reportedCompliantOrExempt, long inEffect,
                           long exempt, long exemptRows) {

        static Rebuilt of(Path csv) {
            List<Map<String, String>> rows = FindingsCsv.read(csv).rows();
            List<Map<String, String>> headline = rows.stream().filter(r -> r.get("superseded").equals("false")).toList();
            Predicate<Map<String, String>> exempt = r -> r.get("verdict").equals("EXEMPT");
            Predicate<Map<String, String>> compliant = r -> r.get("status").equals("3");
            return new Rebuilt(headline.size(), headline.stream().filter(compliant).count(),
                    headline.stream().filter(compliant.or(exempt)).count(),
                    headline.stream().filter(r -> r.get("verdict").equals("IN_EFFECT")).count(),
                    headline.stream().filter(exempt).count(), rows.stream().filter(exempt).count());
        }

        double reported() {
            return (double) reportedCompliant / applicable;
        }

        double reportedWithExceptions() {
            return (double) reportedCompliantOrExempt / applicable;
        }

        double effective() {
            return (double) inEffect / applicable;
        }

        double effectiveWithExceptions() {
            return (double) (inEffect + exempt) / applicable;
        }
    }

    @BeforeAll
    static void runTheDemoInBothProfiles() {
        cli = new Cli(work, demoDir);
        Cli.Result monthly = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(monthly.exitCode()).as(monthly.toString()).isZero();
        Cli.Result audit = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=audit");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
    }

    private static Map<String, Object> headline(String stem) throws IOException {
        Map<String, Object> counts = ReportJson.object(ReportJson.object(ReportJson.parse(
                Files.readString(cli.output().resolve(stem + ".manifest.json")))).get("counts"));
        return ReportJson.object(counts.get("headline"));
    }

    private static long exemptInManifest(String stem) throws IOException {
        Map<String, Object> counts = ReportJson.object(ReportJson.object(ReportJson.parse(
                Files.readString(cli.output().resolve(stem + ".manifest.json")))).get("counts"));
        return (Long) ReportJson.object(counts.get("byVerdict")).get("EXEMPT");
    }

    private static void manifestHoldsTheRebuiltCounts(String stem, Rebuilt csv) throws IOException {
        assertThat(headline(stem)).as("%s manifest headline", stem)
                .containsEntry("applicable", csv.applicable())
                .containsEntry("reportedCompliant", csv.reportedCompliant())
                .containsEntry("reportedCompliantOrExempt", csv.reportedCompliantOrExempt())
                .containsEntry("inEffect", csv.inEffect())
                .containsEntry("exempt", csv.exempt());
        assertThat(exemptInManifest(stem)).as("%s manifest EXEMPT = the CSV's EXEMPT rows", stem).isEqualTo(csv.exemptRows());
    }

    @Test
    void theRegisterMakesSomePairsExemptSoTheFiguresWithAndWithoutExceptionsDiffer() {
        Rebuilt csv = Rebuilt.of(cli.output().resolve(MONTHLY + ".findings.csv"));

        assertThat(csv.exempt()).as("EXEMPT pairs in the headline at %d hosts", HOSTS).isPositive();
        assertThat(csv.effectiveWithExceptions()).isGreaterThan(csv.effective());
        assertThat(csv.reportedWithExceptions()).isGreaterThan(csv.reported());
        assertThat(Rebuilt.of(cli.output().resolve(AUDIT + ".findings.csv"))).as("one run's findings, two profiles")
                .isEqualTo(csv);
    }

    @Test
    void theMonthlySummaryShowsBothFiguresAsTheManifestAndTheCsvHaveThem() throws IOException {
        Rebuilt csv = Rebuilt.of(cli.output().resolve(MONTHLY + ".findings.csv"));
        manifestHoldsTheRebuiltCounts(MONTHLY, csv);

        try (TestWorkbook wb = TestWorkbook.open(cli.output().resolve(MONTHLY + ".xlsx"))) {
            int plain = new CellReference(wb.addressOf("Summary", "Percent of applicable host updates")).getRow();
            assertThat(wb.cell("Summary", plain, 2).number()).as("reported compliance, EXEMPT not compliant")
                    .isCloseTo(csv.reported(), within(1e-12));
            assertThat(wb.cell("Summary", plain, 3).number()).as("effective compliance, EXEMPT not compliant")
                    .isCloseTo(csv.effective(), within(1e-12));

            int section = new CellReference(wb.addressOf("Summary",
                    "With exceptions (approved, unexpired exceptions counted as compliant)")).getRow();
            int with = section + 2;
            wb.cell("Summary", with, 0).hasText("Applicable host updates");
            assertThat(wb.cell("Summary", with, 1).number()).as("reported compliance with exceptions")
                    .isCloseTo(csv.reportedWithExceptions(), within(1e-12));
            assertThat(wb.cell("Summary", with, 2).number()).as("effective compliance with exceptions")
                    .isCloseTo(csv.effectiveWithExceptions(), within(1e-12));
            wb.cell("Summary", with, 4).hasNumber(csv.exempt());
            wb.cell("Summary", with, 6).hasNumber(csv.applicable());
        }
    }

    @Test
    void theAuditSummaryShowsBothFiguresAndTheirCountsAsTheManifestAndTheCsvHaveThem() throws IOException {
        Rebuilt csv = Rebuilt.of(cli.output().resolve(AUDIT + ".findings.csv"));
        manifestHoldsTheRebuiltCounts(AUDIT, csv);

        try (TestWorkbook wb = TestWorkbook.open(cli.output().resolve(AUDIT + ".xlsx"))) {
            int reported = new CellReference(wb.addressOf("Summary", "Reported compliance")).getRow();
            assertThat(wb.cell("Summary", reported, 1).number()).as("reported, without exceptions")
                    .isCloseTo(csv.reported(), within(1e-12));
            assertThat(wb.cell("Summary", reported, 2).number()).as("reported, with exceptions")
                    .isCloseTo(csv.reportedWithExceptions(), within(1e-12));
            wb.cell("Summary", reported, 3).hasNumber(csv.reportedCompliant());
            wb.cell("Summary", reported, 4).hasNumber(csv.reportedCompliantOrExempt());
            wb.cell("Summary", reported, 5).hasNumber(csv.applicable());

            int effective = new CellReference(wb.addressOf("Summary", "Effective compliance")).getRow();
            assertThat(wb.cell("Summary", effective, 1).number()).as("effective, without exceptions")
                    .isCloseTo(csv.effective(), within(1e-12));
            assertThat(wb.cell("Summary", effective, 2).number()).as("effective, with exceptions")
                    .isCloseTo(csv.effectiveWithExceptions(), within(1e-12));
            wb.cell("Summary", effective, 3).hasNumber(csv.inEffect());
            wb.cell("Summary", effective, 4).hasNumber(csv.inEffect() + csv.exempt());
            wb.cell("Summary", effective, 5).hasNumber(csv.applicable());

            int exempt = new CellReference(wb.addressOf("Summary", "Exempt: covered by an active exception (EXEMPT)")).getRow();
            wb.cell("Summary", exempt, 1).hasNumber(csv.exemptRows());
        }
    }
}
