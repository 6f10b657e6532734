package io.patchproof.job;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryPoint;
import io.patchproof.history.HistoryStore;
import io.patchproof.history.KeptFigures;
import io.patchproof.history.KeptFullyPatched;
import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Severity;
import io.patchproof.report.CioHistory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CIO report's history ({@link CioHistory}) of one run: the kept points of its history key,
 * oldest first, with the run itself as its as-of date's point, worked out from its own
 * {@link Metrics}. The run's history step keeps its point only after the publish, so the run is
 * added here; where a point of the same as-of date is kept (an earlier run of that date, or this
 * very run when the {@code report} command renders it again), this run's figures take its place:
 * a rerun replaces its date's point, it does not add one. The comparison point is the kept point
 * nearest on or before the previous quarter's end, or none: no point is invented.
 *
 * <p>The report package knows nothing of the history package; the mapping lives here.
 */
final class TrendHistory {

    private TrendHistory() {
    }

    /** Reads the kept points of {@code key} and adds the run of {@code asOf} with {@code own} figures. */
    static CioHistory read(HistoryStore store, HistoryKey key, LocalDate asOf, Metrics own) {
        return of(store.trend(key), asOf, own);
    }

    /**
     * @param kept the key's kept points, oldest first
     * @param asOf the run's as-of date
     * @param own  the run's own figures
     */
    static CioHistory of(List<HistoryPoint> kept, LocalDate asOf, Metrics own) {
        List<CioHistory.TrendPoint> trend = new ArrayList<>();
        for (HistoryPoint p : kept) {
            if (!p.asOf().equals(asOf)) {
                trend.add(point(p));
            }
        }
        CioHistory.TrendPoint self = new CioHistory.TrendPoint(asOf, own.overall(), own.serversFullyPatched(),
                own.workstationsFullyPatched(), own.bySeverity());
        int at = 0;
        while (at < trend.size() && trend.get(at).asOf().isBefore(asOf)) {
            at++;
        }
        trend.add(at, self);
        CioHistory.Quarter quarter = CioHistory.Quarter.endingOnOrBefore(asOf);
        LocalDate previousEnd = quarter.previous().end();
        CioHistory.TrendPoint previous = null;
        for (CioHistory.TrendPoint p : trend) {
            if (!p.asOf().isAfter(previousEnd)) {
                previous = p;
            }
        }
        return new CioHistory(trend, quarter, previous);
    }

    /**
     * A kept point as the report takes it. Points kept by store version 1 lack some counts:
     * reported installed (pending restart included) is then the reported compliance count, as it
     * was before rules version 2 told them apart; "reported or exempt" is reported plus exempt
     * (at most applicable); the SLA count is 0. Their fully-patched figures and severities stay
     * empty (null, no entry), as kept.
     */
    static CioHistory.TrendPoint point(HistoryPoint p) {
        Map<Severity, ComplianceFigures> bySeverity = new LinkedHashMap<>();
        p.bySeverity().forEach((s, f) -> bySeverity.put(s, figures(f)));
        return new CioHistory.TrendPoint(p.asOf(), figures(p.overall()), fullyPatched(p.serversFullyPatched()),
                fullyPatched(p.workstationsFullyPatched()), bySeverity);
    }

    static ComplianceFigures figures(KeptFigures f) {
        return f.complete().orElseGet(() -> new ComplianceFigures(f.applicable(),
                f.siteInstalled() == null ? f.reportedInstalled() : f.siteInstalled(), f.reportedInstalled(),
                f.reportedInstalledOrExempt() == null ? Math.min(f.applicable(), f.reportedInstalled() + f.exempt())
                        : f.reportedInstalledOrExempt(),
                f.inEffect(), f.exempt(), f.notInEffect(), f.unverified(), f.missing(), f.failed(),
                f.slaOverdue() == null ? 0 : f.slaOverdue()));
    }

    private static io.patchproof.reconcile.HostsFullyPatched fullyPatched(KeptFullyPatched k) {
        return k == null ? null : k.complete().orElse(null);
    }
}
