package io.patchproof.report;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "On the list since": a pair still not in effect a month later shows the first run's date on the
 * Not in effect sheet, and its host on the Reboot plan the same date; a pair new this month shows
 * this month's.
 */
class PendingSinceIntegrationTests {

    static final LocalDate OCT = LocalDate.of(2026, 10, 26);
    static final LocalDate NOV = LocalDate.of(2026, 11, 16);

    @TempDir
    Path work;

    @Test
    void aPairStillNotInEffectAMonthLaterIsOnTheListSinceItWasFirstSeen() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(work.resolve("site"), "cm_pp1");
        site.update(1, "5066001", "2026-09 Cumulative Update for Windows Server 2022").add();
        site.update(2, "5068002", "2026-11 Cumulative Update for Windows Server 2022").add();
        site.host(1, "SRV-01").bootLocal(LocalDateTime.of(2026, 9, 1, 3, 0)).inventoryLocal(LocalDateTime.of(2026, 10, 25, 2, 0)).add();
        site.compliance(1, 1).status(2).enforcement(9, SiteDatabaseBuilder.INSTALLED).add();
        String url = site.build();
        Cli cli = new Cli(work, work.resolve("demo"));
        run(cli, url, OCT);

        // A month later the same install still waits, and a second one joined it.
        SiteDatabaseBuilder later = aSiteDatabase(work.resolve("site2"), "cm_pp1");
        later.update(1, "5066001", "2026-09 Cumulative Update for Windows Server 2022").add();
        later.update(2, "5068002", "2026-11 Cumulative Update for Windows Server 2022").add();
        later.host(1, "SRV-01").bootLocal(LocalDateTime.of(2026, 9, 1, 3, 0)).add();
        later.compliance(1, 1).status(2).enforcement(9, SiteDatabaseBuilder.INSTALLED).add();
        later.compliance(1, 2).status(2).enforcement(9, SiteDatabaseBuilder.INSTALLED).add();
        run(cli, later.build(), NOV);

        try (TestWorkbook wb = TestWorkbook.open(workbook(cli, NOV))) {
            String s = "Not in effect";
            List<List<Object>> rows = wb.rows(s);
            assertThat(rows).hasSize(3);
            int kb = wb.column(s, 0, "KB article");
            int since = wb.column(s, 0, "On the list since");
            int days = wb.column(s, 0, "On the list (days)");
            for (int r = 1; r <= 2; r++) {
                boolean old = "KB5066001".equals(rows.get(r).get(kb));
                wb.cell(s, r, since).hasDateTime((old ? OCT : NOV).atStartOfDay());
                wb.cell(s, r, days).hasNumber(old ? 21 : 0);
            }
            int planSince = wb.column("Reboot plan", 1, "On the list since");
            wb.cell("Reboot plan", 2, planSince).hasDateTime(OCT.atStartOfDay());
        }
    }

    private static void run(Cli cli, String url, LocalDate asOf) {
        Cli.Result result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + asOf);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static Path workbook(Cli cli, LocalDate asOf) throws Exception {
        try (Stream<Path> files = Files.list(cli.output())) {
            return files.filter(p -> p.getFileName().toString().endsWith(asOf + ".xlsx")).findFirst().orElseThrow();
        }
    }
}
