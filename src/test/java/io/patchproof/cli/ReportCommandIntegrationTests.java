package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report}: another profile of a completed run, rendered from its kept snapshot without
 * reading the site database (the source URL given points at a port nobody listens on), with the
 * same figures as the run's own files, under design.md's names, never overwriting a set.
 */
class ReportCommandIntegrationTests {

    static final LocalDate NOV = LocalDate.of(2026, 11, 16);
    /** A source that cannot be connected to: nothing listens on port 1. */
    static final String DEAD_SOURCE = "--patchproof.source.url=jdbc:sqlserver://127.0.0.1:1;databaseName=CM_PP1;loginTimeout=2";

    @TempDir
    Path work;

    /** Three servers: one patch in effect, one installed and waiting for a restart, one missing; and a workstation. */
    static String site(Path dir) throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir, "cm_pp1");
        site.update(1, "5066001", "2026-10 Cumulative Update for Windows Server 2022").add();
        site.update(2, "5066002", "2026-10 Security Update for Windows Server 2022").add();
        site.host(1, "SRV-01").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        site.host(2, "SRV-02").add();
        site.host(3, "WKS-03").workstation().add();
        site.compliance(1, 1).status(2).enforcement(9, SiteDatabaseBuilder.INSTALLED).add();
        site.compliance(1, 2).status(2).add();
        site.compliance(2, 1).status(3).lastStatusChange(SiteDatabaseBuilder.INSTALLED).add();
        site.compliance(3, 1).status(3).lastStatusChange(SiteDatabaseBuilder.INSTALLED).add();
        return site.build();
    }

    private static Cli.Result ok(Cli cli, String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static List<String> args(String command, LocalDate asOf, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--patchproof.as-of=" + asOf));
        args.addAll(List.of(more));
        return args;
    }

    private static Map<String, Object> manifest(Cli cli, String stem) throws Exception {
        return ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(stem + ".manifest.json"))));
    }

    private static Map<String, Object> part(Map<String, Object> manifest, String name) {
        return ReportJson.object(manifest.get(name));
    }

    @Test
    void theCioReportOfACompletedMonthlyRunHasItsFiguresAndNeverContactsTheSource() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url).toArray(String[]::new));

        Cli.Result report = ok(cli, args("report", NOV, "--patchproof.report.profile=cio", DEAD_SOURCE)
                .toArray(String[]::new));

        assertThat(report.out()).contains("the site database is not read").contains("cio-PP1-" + NOV + ".xlsx");
        Map<String, Object> monthly = manifest(cli, "monthly-PP1-" + NOV);
        Map<String, Object> cio = manifest(cli, "cio-PP1-" + NOV);
        assertThat(part(cio, "counts")).as("every count of the CIO set equals the monthly set's")
                .containsEntry("rowsRead", part(monthly, "counts").get("rowsRead"))
                .containsEntry("applicableInHeadline", part(monthly, "counts").get("applicableInHeadline"))
                .containsEntry("inScope", part(monthly, "counts").get("inScope"))
                .containsEntry("byVerdict", part(monthly, "counts").get("byVerdict"))
                .containsEntry("reconciles", true);
        assertThat(ReportJson.object(part(cio, "counts").get("byVerdict")))
                .containsEntry("IN_EFFECT", 2L).containsEntry("NOT_IN_EFFECT", 1L).containsEntry("MISSING", 1L);
        assertThat(Files.readAllBytes(cli.output().resolve("cio-PP1-" + NOV + ".findings.csv")))
                .as("the same findings, row for row").isEqualTo(Files.readAllBytes(cli.output().resolve(
                        "monthly-PP1-" + NOV + ".findings.csv")));
        Map<String, Object> run = part(cio, "run");
        assertThat(run).containsEntry("profile", "cio").containsEntry("runProfile", "monthly")
                .containsEntry("renderedFromKeptSnapshot", true)
                .containsEntry("jobInstanceId", part(monthly, "run").get("jobInstanceId"))
                .containsEntry("jobExecutionId", part(monthly, "run").get("jobExecutionId"))
                .containsEntry("snapshotId", part(monthly, "run").get("snapshotId"));
        assertThat(run.get("snapshotId")).isNotNull();
        assertThat(part(monthly, "run")).containsEntry("renderedFromKeptSnapshot", false);
        assertThat(part(cio, "source")).as("the source of the snapshot, not the one given now")
                .isEqualTo(part(monthly, "source"));
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("no run was started")
                .containsExactly(1L);
    }

    @Test
    void aReportSetIsNeverOverwrittenAndRerunWritesTheNextSuffix() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url).toArray(String[]::new));
        ok(cli, args("report", NOV, "--patchproof.report.profile=cio").toArray(String[]::new));
        byte[] first = Files.readAllBytes(cli.output().resolve("cio-PP1-" + NOV + ".xlsx"));

        Cli.Result again = cli.run(args("report", NOV, "--patchproof.report.profile=cio").toArray(String[]::new));
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("already published").contains("--rerun");

        ok(cli, args("report", NOV, "--patchproof.report.profile=cio", "--rerun").toArray(String[]::new));
        assertThat(cli.output().resolve("cio-PP1-" + NOV + "-r2.manifest.json")).exists();
        assertThat(Files.readAllBytes(cli.output().resolve("cio-PP1-" + NOV + ".xlsx"))).isEqualTo(first);
        assertThat(part(manifest(cli, "cio-PP1-" + NOV + "-r2"), "run")).containsEntry("rerun", 1L);
    }

    @Test
    void theMonthlyProfileRenderedAgainListsTheSameRowsAsTheRunsOwnWorkbook() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url).toArray(String[]::new));

        Cli.Result taken = cli.run(args("report", NOV).toArray(String[]::new));
        assertThat(taken.exitCode()).as("the run's own monthly set holds the name").isEqualTo(4);
        ok(cli, args("report", NOV, "--rerun").toArray(String[]::new));

        Map<String, Object> own = manifest(cli, "monthly-PP1-" + NOV);
        Map<String, Object> again = manifest(cli, "monthly-PP1-" + NOV + "-r2");
        assertThat(part(again, "counts").get("workbookRows")).isEqualTo(part(own, "counts").get("workbookRows"));
        assertThat(ReportJson.object(part(again, "counts").get("workbookRows"))).containsEntry("Not in effect", 1L)
                .containsEntry("Missing", 1L);
        assertThat(LocalStore.column(cli, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_NAME LIKE 'PP_SHEET_%' OR TABLE_NAME LIKE 'pp_sheet_%'"))
                .as("the rows staged again are released").isEmpty();
    }

    @Test
    void aRunWhoseSnapshotWasPrunedIsRefusedWithTheReason() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        for (int day = 0; day < 4; day++) {
            ok(cli, args("run", NOV.plusDays(day), "--patchproof.source.url=" + url).toArray(String[]::new));
        }

        Cli.Result refused = cli.run(args("report", NOV, "--patchproof.report.profile=cio").toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("no longer keeps its snapshot").contains("as-of " + NOV);
        assertThat(cli.output().resolve("cio-PP1-" + NOV + ".xlsx")).doesNotExist();
        ok(cli, args("report", NOV.plusDays(3), "--patchproof.report.profile=cio").toArray(String[]::new));
    }

    @Test
    void withoutACompletedRunOfThatDateTheKeptDatesAreNamed() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url).toArray(String[]::new));

        Cli.Result refused = cli.run(args("report", NOV.minusDays(1), "--patchproof.report.profile=cio")
                .toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("no completed run of as-of " + NOV.minusDays(1))
                .contains("--patchproof.as-of=" + NOV);
    }

    @Test
    void theAuditReportOfACompletedMonthlyRunListsEveryPairWithTheSameFigures() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url).toArray(String[]::new));

        Cli.Result report = ok(cli, args("report", NOV, "--patchproof.report.profile=audit", DEAD_SOURCE)
                .toArray(String[]::new));

        assertThat(report.out()).contains("the site database is not read").contains("audit-PP1-" + NOV + ".xlsx");
        Map<String, Object> monthly = manifest(cli, "monthly-PP1-" + NOV);
        Map<String, Object> audit = manifest(cli, "audit-PP1-" + NOV);
        assertThat(part(audit, "counts")).containsEntry("rowsRead", part(monthly, "counts").get("rowsRead"))
                .containsEntry("inScope", part(monthly, "counts").get("inScope"))
                .containsEntry("byVerdict", part(monthly, "counts").get("byVerdict"))
                .containsEntry("reconciles", true);
        assertThat(ReportJson.object(part(audit, "counts").get("workbookRows"))).containsEntry("All findings", 4L);
        assertThat(part(audit, "run")).containsEntry("profile", "audit").containsEntry("runProfile", "monthly");
        assertThat(Files.readAllBytes(cli.output().resolve("audit-PP1-" + NOV + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(cli.output().resolve("monthly-PP1-" + NOV + ".findings.csv")));
        try (TestWorkbook own = TestWorkbook.open(cli.output().resolve("monthly-PP1-" + NOV + ".xlsx"));
             TestWorkbook wb = TestWorkbook.open(cli.output().resolve("audit-PP1-" + NOV + ".xlsx"))) {
            int row = new org.apache.poi.ss.util.CellReference(own.addressOf("Summary", "Effective compliance now")).getRow();
            double effective = own.cell("Summary", row, 3).number();
            assertThat(effective).isEqualTo(0.5);
            assertThat(wb.cellNextTo("Summary", "Effective compliance").number())
                    .isEqualTo(effective);
            wb.cellNextTo("Summary", "In scope: \u03a3 verdicts").hasNumber(4);
            wb.cellNextTo("Evidence", "Template SHA-256").hasText((String) part(audit, "template").get("sha256"));
            wb.cellNextTo("Evidence", "Report").hasText("rendered afterwards from the kept snapshot of the monthly run,"
                    + " without reading the site database again");
            assertThat(wb.sheet("All findings").getLastRowNum()).isEqualTo(1 + 4);
        }
    }

    @Test
    void aRunOfTheCioProfilePublishesItsOwnSet() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, args("run", NOV, "--patchproof.source.url=" + url, "--patchproof.report.profile=cio")
                .toArray(String[]::new));

        Map<String, Object> cio = manifest(cli, "cio-PP1-" + NOV);
        assertThat(part(cio, "run")).containsEntry("profile", "cio").containsEntry("renderedFromKeptSnapshot", false);
        assertThat(part(cio, "counts")).containsEntry("reconciles", true).containsEntry("findingsCsvRows", 4L);
        assertThat(cli.output().resolve("monthly-PP1-" + NOV + ".xlsx")).doesNotExist();
    }
}
