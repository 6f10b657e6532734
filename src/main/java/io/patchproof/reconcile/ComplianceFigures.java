package io.patchproof.reconcile;

/**
 * Counts over applicable pairs (in scope, status required or installed) of one slice of the
 * estate: the whole, one severity, one update, one collection, servers or workstations.
 *
 * @param applicable                 pairs in the denominator
 * @param reportedInstalled          pairs the site database reports installed (Status 3)
 * @param reportedInstalledOrExempt  reported installed, or EXEMPT (each pair counted once)
 * @param inEffect                   IN_EFFECT
 * @param exempt                     EXEMPT
 * @param notInEffect                NOT_IN_EFFECT
 * @param unverified                 UNVERIFIED
 * @param missing                    MISSING
 * @param failed                     FAILED
 * @param slaOverdue                 not in effect (nor exempt) and older than the severity's SLA
 */
public record ComplianceFigures(
        long applicable,
        long reportedInstalled,
        long reportedInstalledOrExempt,
        long inEffect,
        long exempt,
        long notInEffect,
        long unverified,
        long missing,
        long failed,
        long slaOverdue) {

    public static final ComplianceFigures EMPTY = new ComplianceFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Reported compliance in percent (the number the old report gave); 0 when nothing applies. */
    public double reportedPct() {
        return pct(reportedInstalled);
    }

    /** Effective compliance in percent: IN_EFFECT ÷ applicable. */
    public double effectivePct() {
        return pct(inEffect);
    }

    public double reportedWithExceptionsPct() {
        return pct(reportedInstalledOrExempt);
    }

    public double effectiveWithExceptionsPct() {
        return pct(inEffect + exempt);
    }

    /** The headline: percentage points between what is reported and what is in effect. */
    public double gapPoints() {
        return reportedPct() - effectivePct();
    }

    private double pct(long n) {
        return applicable == 0 ? 0.0 : 100.0 * n / applicable;
    }
}
