package io.patchproof.job;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.patchproof.testsupport.LocalStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report data over the local store: metrics over every finding, the CSV's pass over the
 * findings in scope, the sorted sheets from the sheet table.
 */
class StoreReportDataTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);
    static final long INSTANCE = 42;
    static final long SNAPSHOT = 3;

    RunStore store;
    List<Finding> written = new ArrayList<>();

    @BeforeEach
    void storeWithFindings() {
        store = new RunStore(LocalStore.fresh(), false);
        for (int host = 1; host <= 3; host++) {
            store.jdbc().update("INSERT INTO pp_snap_host (snapshot_id, seq, resourceId, name, osName) VALUES (?, ?, ?, ?, ?)",
                    SNAPSHOT, host, host, "HOST" + host, host == 1 ? "Microsoft Windows NT Server 10.0" : "Microsoft Windows NT Workstation 10.0");
        }
        for (int ci = 1; ci <= 2; ci++) {
            store.jdbc().update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, articleId, severity) VALUES (?, ?, ?, ?, ?)",
                    SNAPSHOT, ci, 100 + ci, "50000" + ci, ci == 1 ? 10 : 6);
        }
        store.createSheetTable(INSTANCE, SNAPSHOT);
        long seq = 0;
        for (int host = 1; host <= 3; host++) {
            for (int ci = 1; ci <= 2; ci++) {
                var builder = switch ((host + ci) % 4) {
                    case 0 -> aNotInEffectFinding();
                    case 1 -> aMissingFinding();
                    case 2 -> anInEffectFinding();
                    default -> anInEffectFinding().verdict(Verdict.OUT_OF_SCOPE);
                };
                written.add(builder.seq(++seq).resourceId(host).host("HOST" + host).ciId(100 + ci).article("50000" + ci).build());
            }
        }
        store.insertSheetRows(INSTANCE, written.stream().map(f -> new ReconciledRow(rowOf(f), f)).toList());
    }

    static SnapshotComplianceRow rowOf(Finding f) {
        return new SnapshotComplianceRow(new ComplianceFacts(f.seq(), f.resourceId(), f.ciId(), f.status(), null,
                f.enforcementState(), null, null, null), null);
    }

    /** Stands for the rules: the finding written for the row's sequence number. */
    Finding findingOf(SnapshotComplianceRow row) {
        return written.stream().filter(f -> f.seq() == row.facts().seq()).findFirst().orElseThrow();
    }

    StoreReportData data() {
        return new StoreReportData(store, INSTANCE, SNAPSHOT, RuleSettings.defaults(AS_OF), null, store.hosts(SNAPSHOT),
                store.updates(SNAPSHOT), written::forEach, this::findingOf);
    }

    @Test
    void theMetricsCountEveryFindingAndTheCsvPassOnlyTheFindingsInScope() {
        StoreReportData data = data();
        List<Long> inScope = new ArrayList<>();
        data.forEachFindingInScope(f -> inScope.add(f.seq()));

        assertThat(data.metrics().rowsRead()).isEqualTo(written.size());
        assertThat(data.metrics().verdictCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(written.size());
        assertThat(inScope).containsExactlyElementsOf(
                written.stream().filter(f -> f.verdict().inScope()).map(Finding::seq).toList());
        assertThat(inScope).hasSizeLessThan(written.size());
    }

    @Test
    void theSortedSheetsReadTheirVerdictsFromTheSheetTableAndItHoldsOnlyThose() {
        StoreReportData data = data();
        for (Verdict verdict : RunStore.SHEET_VERDICTS) {
            List<Long> listed = new ArrayList<>();
            data.forEachFinding(verdict, f -> listed.add(f.seq()));
            assertThat(listed).as(verdict.name()).containsExactlyInAnyOrderElementsOf(
                    written.stream().filter(f -> f.verdict() == verdict).map(Finding::seq).toList()).isNotEmpty();
        }
        assertThat(store.jdbc().queryForList("SELECT DISTINCT verdict FROM " + RunStore.sheetTable(INSTANCE), String.class))
                .containsExactlyInAnyOrder("NOT_IN_EFFECT", "MISSING");
        assertThatThrownBy(() -> data.forEachFinding(Verdict.IN_EFFECT, f -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IN_EFFECT");
    }

    @Test
    void aStagedRowWhoseFindingComesOutDifferentlyNowStopsThePublish() {
        StoreReportData data = new StoreReportData(store, INSTANCE, SNAPSHOT, RuleSettings.defaults(AS_OF), null,
                store.hosts(SNAPSHOT), store.updates(SNAPSHOT), written::forEach,
                row -> anInEffectFinding().seq(row.facts().seq()).build());

        assertThatThrownBy(() -> data.forEachFinding(Verdict.NOT_IN_EFFECT, f -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("staged NOT_IN_EFFECT")
                .hasMessageContaining("gives IN_EFFECT now");
    }

    @Test
    void aRunResumedFromAStoreOfAnOlderVersionGetsItsStagedRowsFromTheFindingsThatVersionStaged() {
        for (String older : RunStore.olderFindingTables(INSTANCE)) {
            store.jdbc().execute("DROP TABLE IF EXISTS " + RunStore.sheetTable(INSTANCE));
            store.jdbc().execute("CREATE TABLE " + older + " (seq BIGINT NOT NULL PRIMARY KEY, resource_id INT NOT NULL,"
                    + " host VARCHAR, site_code VARCHAR, server BOOLEAN NOT NULL, ci_id INT NOT NULL, article_id VARCHAR,"
                    + " bulletin_id VARCHAR, title VARCHAR, severity VARCHAR(16) NOT NULL, classification VARCHAR,"
                    + " superseded BOOLEAN NOT NULL, status INT NOT NULL, enforcement_state INT, verdict VARCHAR(16) NOT NULL,"
                    + " confidence VARCHAR(8) NOT NULL, installed_earliest TIMESTAMP, installed_latest TIMESTAMP,"
                    + " last_boot TIMESTAMP, inventory TIMESTAMP, exposure_days BIGINT, exempt_reason VARCHAR,"
                    + " evidence VARCHAR, quality_flags VARCHAR)");
            store.jdbc().execute("DELETE FROM pp_snap_compliance");
            for (Finding f : written) {
                store.jdbc().update("INSERT INTO " + older + " (seq, resource_id, host, server, ci_id, article_id, severity,"
                        + " superseded, status, verdict, confidence, exposure_days, evidence) VALUES (?, ?, ?, FALSE, ?, ?, ?,"
                        + " FALSE, ?, ?, 'HIGH', ?, 'old text')", f.seq(), f.resourceId(), f.host(), f.ciId(), f.articleId(),
                        f.severity().name(), f.status(), f.verdict().name(), f.exposureDays());
                store.jdbc().update("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status,"
                        + " enforcementState) VALUES (?, ?, ?, ?, ?, ?)", SNAPSHOT, f.seq(), f.resourceId(), f.ciId(),
                        f.status(), f.enforcementState());
            }

            store.createSheetTable(INSTANCE, SNAPSHOT);

            StoreReportData data = data();
            for (Verdict verdict : RunStore.SHEET_VERDICTS) {
                List<Long> listed = new ArrayList<>();
                data.forEachFinding(verdict, f -> listed.add(f.seq()));
                assertThat(listed).as(older + " " + verdict).containsExactlyInAnyOrderElementsOf(
                        written.stream().filter(f -> f.verdict() == verdict).map(Finding::seq).toList()).isNotEmpty();
            }
            store.dropFindings(INSTANCE);
            assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME)"
                    + " LIKE 'PP_FINDING%' OR UPPER(TABLE_NAME) LIKE 'PP_SHEET%'", Long.class)).as(older).isZero();
        }
    }

    @Test
    void theCsvPassGivesTheMetricsOfAPassOfTheirOwn() {
        Metrics own = data().metrics();
        StoreReportData fused = data();
        fused.forEachFindingInScope(f -> { });

        assertThat(fused.metrics()).isEqualTo(own);
    }

    @Test
    void metricsAskedForDuringTheCsvPassOnAnotherThreadWaitForItsEnd() throws Exception {
        StoreReportData data = data();
        java.util.concurrent.CountDownLatch inPass = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread csv = new Thread(() -> data.forEachFindingInScope(f -> {
            inPass.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        csv.start();
        inPass.await();
        java.util.concurrent.atomic.AtomicReference<Metrics> answer = new java.util.concurrent.atomic.AtomicReference<>();
        Thread asker = new Thread(() -> answer.set(data.metrics()));
        asker.start();
        while (asker.getState() != Thread.State.WAITING && asker.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        assertThat(asker.getState()).as("the metrics wait for the CSV's pass").isEqualTo(Thread.State.WAITING);
        assertThat(answer.get()).isNull();

        release.countDown();
        csv.join();
        asker.join();

        assertThat(answer.get()).isEqualTo(data().metrics());
    }

    @Test
    void anInterruptedCsvPassLeavesNoPartialMetrics() {
        Metrics complete = data().metrics();
        StoreReportData data = data();
        int[] seen = {0};
        assertThatThrownBy(() -> data.forEachFindingInScope(f -> {
            if (++seen[0] == 2) {
                throw new IllegalStateException("stop requested");
            }
        })).hasMessage("stop requested");

        assertThat(data.metrics()).isEqualTo(complete);
    }

    @Test
    void metricsWaitingForACsvPassThatFailsFailToo() throws Exception {
        StoreReportData data = data();
        java.util.concurrent.CountDownLatch inPass = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread csv = new Thread(() -> {
            try {
                data.forEachFindingInScope(f -> {
                    inPass.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("disk full");
                });
            } catch (IllegalStateException expected) {
                // the CSV thread's own failure
            }
        });
        csv.start();
        inPass.await();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread asker = new Thread(() -> {
            try {
                data.metrics();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        asker.start();
        while (asker.getState() != Thread.State.WAITING && asker.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }

        release.countDown();
        csv.join();
        asker.join();

        assertThat(failure.get()).as("the waiting thread learns of the failure instead of making a pass of its own")
                .hasMessageContaining("the findings CSV's pass failed").hasRootCauseMessage("disk full");
    }

    @Test
    void aWindowWhoseScheduleCannotBeReadIsNamedOnTheDataQualitySheetFirst() {
        var readable = new io.patchproof.reconcile.MaintenanceWindow("PP100011", "Servers - A", "Saturday 02:00", null, true, 4, 3,
                null, false, 240, io.patchproof.reconcile.ScheduleToken.weekly(java.time.LocalDateTime.of(2024, 1, 6, 2, 0),
                        java.time.Duration.ofHours(4), false, java.time.DayOfWeek.SATURDAY, 1).encode());
        var broken = new io.patchproof.reconcile.MaintenanceWindow("PP100012", "Servers - B", "Sunday", null, true, 4, 3,
                null, false, 240, "00811A9E0810001");
        var host = new io.patchproof.report.DataQualityEntry("No boot time", 7, "SRV-7", "LastBootUpTime0 is NULL");
        List<io.patchproof.report.DataQualityEntry> entries = StoreReportData.withWindowProblems(List.of(host),
                new io.patchproof.report.WindowData(List.of(readable, broken), java.util.Map.of()));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).category()).isEqualTo(StoreReportData.UNREADABLE_WINDOW);
        assertThat(entries.get(0).detail()).contains("'Sunday'").contains("PP100012");
        assertThat(entries.get(1)).isEqualTo(host);
        assertThat(StoreReportData.withWindowProblems(List.of(host),
                new io.patchproof.report.WindowData(List.of(readable), java.util.Map.of()))).containsExactly(host);
    }
}
