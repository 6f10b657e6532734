package io.patchproof.report;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Severity;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;

/**
 * What the quarterly CIO report shows beside the run's own figures: the kept history of the same
 * site, schema and scope (one point per as-of date, oldest first, this run's own date included as
 * its last point), the quarter the report is for and the point it is compared with.
 *
 * @param trend            one point per kept as-of date, oldest first; this run last
 * @param quarter          the quarter ending on or before the as-of date
 * @param previousQuarter  the kept point nearest to (on or before) the previous quarter's end, or
 *                         null when no such run exists (the report says so; no invented point)
 */
public record CioHistory(List<TrendPoint> trend, Quarter quarter, TrendPoint previousQuarter) {

    public static final CioHistory NONE = new CioHistory(List.of(), null, null);

    public CioHistory {
        trend = trend == null ? List.of() : List.copyOf(trend);
    }

    /**
     * One kept run's figures. Points kept by versions before per-slice history have no severity
     * figures (an empty map) and may lack the fully-patched counts (null).
     */
    public record TrendPoint(LocalDate asOf, ComplianceFigures overall, HostsFullyPatched servers,
                             HostsFullyPatched workstations, Map<Severity, ComplianceFigures> bySeverity) {
        public TrendPoint {
            bySeverity = bySeverity == null ? Map.of() : Map.copyOf(bySeverity);
        }
    }

    /** A calendar quarter: "2026 Q3", 1 July to 30 September. */
    public record Quarter(int year, int number, LocalDate start, LocalDate end) {

        /** The quarter ending on or before {@code asOf}: the last complete quarter, or the one ending that day. */
        public static Quarter endingOnOrBefore(LocalDate asOf) {
            LocalDate startOfCurrent = asOf.withDayOfMonth(1).withMonth(((asOf.getMonthValue() - 1) / 3) * 3 + 1);
            LocalDate endOfCurrent = startOfCurrent.plusMonths(3).minusDays(1);
            LocalDate start = asOf.equals(endOfCurrent) ? startOfCurrent : startOfCurrent.minusMonths(3);
            return of(start);
        }

        static Quarter of(LocalDate start) {
            return new Quarter(start.getYear(), start.get(IsoFields.QUARTER_OF_YEAR), start, start.plusMonths(3).minusDays(1));
        }

        public Quarter previous() {
            return of(start.minusMonths(3));
        }

        public String label() {
            return year + " Q" + number;
        }
    }
}
