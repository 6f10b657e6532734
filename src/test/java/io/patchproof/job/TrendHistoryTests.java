package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryPoint;
import io.patchproof.history.KeptFigures;
import io.patchproof.history.KeptFullyPatched;
import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Severity;
import io.patchproof.report.CioHistory;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendHistoryTests {

    static final HistoryKey KEY = new HistoryKey("PP1", "configmgr", "");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);

    private static ComplianceFigures figures(long applicable, long reported, long inEffect) {
        return new ComplianceFigures(applicable, reported, reported, reported, inEffect, 0, reported - inEffect, 0,
                applicable - reported, 0, 0);
    }

    private static Metrics metrics(ComplianceFigures overall) {
        HostsFullyPatched servers = new HostsFullyPatched(10, 8, 5, 5, 12);
        HostsFullyPatched workstations = new HostsFullyPatched(90, 80, 70, 70, 100);
        return new Metrics(AS_OF, overall.applicable(), Map.of(), Map.of(), Map.of(), 0, Map.of(), overall, overall,
                ComplianceFigures.EMPTY, Map.of(Severity.CRITICAL, overall), Map.of(), servers, workstations,
                new HostsFullyPatched(100, 88, 75, 75, 112), List.of(), List.of());
    }

    private static HistoryPoint kept(LocalDate asOf, long instance, ComplianceFigures overall) {
        KeptFigures f = KeptFigures.of(overall);
        return new HistoryPoint(KEY, asOf, instance, "monthly", 0, asOf.atStartOfDay(), "2", overall.applicable(), f, f,
                KeptFigures.of(ComplianceFigures.EMPTY), Map.of(Severity.CRITICAL, f), Map.of(),
                new KeptFullyPatched(10, 9, 6, 6L, 12L), new KeptFullyPatched(90, 85, 80, 80L, 100L),
                new KeptFullyPatched(100, 94, 86, 86L, 112L), true);
    }

    /** A point kept by store version 1: the headline without "reported installed", "or exempt" and SLA counts. */
    private static HistoryPoint keptByVersion1(LocalDate asOf, long instance) {
        KeptFigures f = new KeptFigures(200, null, 180, null, 120, 4, 60, 0, 16, 0, null);
        return new HistoryPoint(KEY, asOf, instance, "monthly", 0, asOf.atStartOfDay(), null, 200, f, null, null, Map.of(),
                Map.of(), new KeptFullyPatched(10, 9, 6, null, null), new KeptFullyPatched(90, 85, 80, null, null),
                new KeptFullyPatched(100, 94, 86, null, null), false);
    }

    @Test
    void theRunIsTheLastPointAfterTheKeptOnesOldestFirst() {
        ComplianceFigures own = figures(100, 90, 60);
        CioHistory history = TrendHistory.of(List.of(kept(LocalDate.of(2026, 9, 14), 1, figures(100, 80, 50)),
                kept(LocalDate.of(2026, 10, 12), 2, figures(100, 85, 55))), AS_OF, metrics(own));

        assertThat(history.trend()).extracting(CioHistory.TrendPoint::asOf).containsExactly(LocalDate.of(2026, 9, 14),
                LocalDate.of(2026, 10, 12), AS_OF);
        CioHistory.TrendPoint last = history.trend().get(2);
        assertThat(last.overall()).isEqualTo(own);
        assertThat(last.servers()).isEqualTo(new HostsFullyPatched(10, 8, 5, 5, 12));
        assertThat(last.bySeverity()).containsEntry(Severity.CRITICAL, own);
        assertThat(history.trend().get(0).overall()).isEqualTo(figures(100, 80, 50));
        assertThat(history.trend().get(0).workstations()).isEqualTo(new HostsFullyPatched(90, 85, 80, 80, 100));
    }

    @Test
    void aKeptPointOfTheSameDateIsReplacedByTheRunNotAddedTo() {
        ComplianceFigures own = figures(100, 90, 70);
        CioHistory history = TrendHistory.of(List.of(kept(LocalDate.of(2026, 10, 12), 1, figures(100, 85, 55)),
                kept(AS_OF, 2, figures(100, 90, 20)), kept(LocalDate.of(2026, 12, 14), 3, figures(100, 95, 90))), AS_OF,
                metrics(own));

        assertThat(history.trend()).extracting(CioHistory.TrendPoint::asOf).containsExactly(LocalDate.of(2026, 10, 12),
                AS_OF, LocalDate.of(2026, 12, 14));
        assertThat(history.trend().get(1).overall()).isEqualTo(own);
    }

    @Test
    void theQuarterEndsOnOrBeforeTheAsOfDateAndTheComparisonIsTheKeptPointNearestThePreviousQuartersEnd() {
        CioHistory history = TrendHistory.of(List.of(kept(LocalDate.of(2026, 5, 11), 1, figures(100, 70, 40)),
                kept(LocalDate.of(2026, 6, 15), 2, figures(100, 75, 45)), kept(LocalDate.of(2026, 7, 13), 3,
                        figures(100, 80, 50))), AS_OF, metrics(figures(100, 90, 60)));

        assertThat(history.quarter().label()).isEqualTo("2026 Q3");
        assertThat(history.quarter().previous().end()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(history.previousQuarter()).isNotNull();
        assertThat(history.previousQuarter().asOf()).isEqualTo(LocalDate.of(2026, 6, 15));
        assertThat(history.previousQuarter().overall()).isEqualTo(figures(100, 75, 45));
    }

    @Test
    void withoutAKeptPointBeforeThePreviousQuartersEndThereIsNoComparison() {
        CioHistory history = TrendHistory.of(List.of(kept(LocalDate.of(2026, 8, 10), 1, figures(100, 70, 40))), AS_OF,
                metrics(figures(100, 90, 60)));

        assertThat(history.previousQuarter()).isNull();
        assertThat(history.trend()).hasSize(2);
        assertThat(TrendHistory.of(List.of(), AS_OF, metrics(figures(1, 1, 1))).trend()).singleElement()
                .extracting(CioHistory.TrendPoint::asOf).isEqualTo(AS_OF);
    }

    @Test
    void aPointKeptByStoreVersion1KeepsItsHeadlineAndHasNoFullyPatchedOrSeverityFigures() {
        CioHistory.TrendPoint p = TrendHistory.point(keptByVersion1(LocalDate.of(2026, 6, 15), 1));

        assertThat(p.overall().applicable()).isEqualTo(200);
        assertThat(p.overall().reportedPct()).isEqualTo(90.0);
        assertThat(p.overall().effectivePct()).isEqualTo(60.0);
        assertThat(p.overall().siteInstalled()).as("before rules version 2: the reported count").isEqualTo(180);
        assertThat(p.overall().reportedInstalledOrExempt()).isEqualTo(184);
        assertThat(p.servers()).isNull();
        assertThat(p.workstations()).isNull();
        assertThat(p.bySeverity()).isEmpty();
    }
}
