package io.patchproof.job;

import static io.patchproof.testsupport.ReportRunBuilder.aRun;
import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryStore;
import io.patchproof.reconcile.Metrics;
import io.patchproof.report.CioHistory;
import io.patchproof.report.FirstSeen;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The history the CIO report is drawn from, through the real job: the months kept in the local
 * store, oldest first, and the run itself as the last point from its own figures.
 */
class CioHistoryIntegrationTests {

    static final LocalDateTime MAY = LocalDateTime.of(2026, 5, 12, 17, 0);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 29);
    static final LocalDate OCT = LocalDate.of(2026, 10, 26);
    static final LocalDate NOV = LocalDate.of(2026, 11, 16);

    @TempDir
    Path work;

    /**
     * One server with two updates released in May: the first installed after the last boot and
     * waiting for a restart; the second installed before it, or, with {@code secondPending}, waiting too.
     */
    private String site(String dir, LocalDate asOf, boolean secondPending) throws Exception {
        LocalDateTime boot = asOf.minusDays(20).atTime(3, 0);
        SiteDatabaseBuilder site = aSiteDatabase(work.resolve(dir), "cm_pp1");
        site.update(1, "5058001", "2026-05 Cumulative Update for Windows Server 2022").released(MAY).add();
        site.update(2, "5058002", "2026-05 Security Update for Windows Server 2022").released(MAY).add();
        site.host(1, "SRV-01").bootLocal(boot).inventoryLocal(asOf.minusDays(1).atTime(2, 0)).add();
        site.compliance(1, 1).status(2).lastStatusChange(boot.plusDays(2)).enforcement(9, boot.plusDays(2)).add();
        if (secondPending) {
            site.compliance(1, 2).status(2).lastStatusChange(boot.plusDays(2)).enforcement(9, boot.plusDays(2)).add();
        } else {
            site.compliance(1, 2).status(3).lastStatusChange(boot.minusDays(2)).add();
        }
        return site.build();
    }

    private static void run(Cli cli, String url, LocalDate asOf) {
        Cli.Result result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + asOf);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void theKeptMonthsComeFirstAndTheRunIsTheLastPointFromItsOwnFigures() throws Exception {
        Cli cli = new Cli(work, work.resolve("demo"));
        run(cli, site("june", JUNE, false), JUNE);
        run(cli, site("oct", OCT, false), OCT);
        run(cli, site("nov", NOV, true), NOV);
        List<Long> instances = LocalStore.longs(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE ORDER BY JOB_INSTANCE_ID");
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "");
        RunStore store = new RunStore(ds, false);
        long november = instances.get(2);
        long snapshot = store.requireSnapshot(november);
        RunContext context = new RunContext(FindingSettingsTests.properties());
        HistoryKey key = new HistoryKey("PP1", "configmgr", "");

        StoreReportData data = StoreReportData.of(store, november, snapshot, context, context.rules(store, snapshot, NOV),
                aRun().asOf(NOV).build(), FirstSeen.NONE, key);
        CioHistory history = data.history();

        Metrics own = data.metrics();
        assertThat(history.trend()).extracting(CioHistory.TrendPoint::asOf).containsExactly(JUNE, OCT, NOV);
        assertThat(history.trend().get(2).overall()).isEqualTo(own.overall());
        assertThat(own.overall().notInEffect()).isEqualTo(2);
        assertThat(history.trend().get(1).overall())
                .isEqualTo(new HistoryStore(store.jdbc()).point(key, OCT).orElseThrow().overall().complete().orElseThrow());
        assertThat(history.trend().get(1).overall().notInEffect()).isEqualTo(1);
        assertThat(history.quarter().label()).isEqualTo("2026 Q3");
        assertThat(history.previousQuarter()).as("the run nearest the end of 2026 Q2").isNotNull()
                .extracting(CioHistory.TrendPoint::asOf).isEqualTo(JUNE);
        assertThat(StoreReportData.of(store, november, snapshot, context, context.rules(store, snapshot, NOV),
                aRun().asOf(NOV).build(), FirstSeen.NONE).history()).as("without a key, no history")
                .isEqualTo(CioHistory.NONE);
    }
}
