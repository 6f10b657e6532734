package io.patchproof.reconcile;

/**
 * Counts over applicable pairs (in scope, status required or installed) of one slice of the
 * estate: the whole, one severity, one update, one collection, servers or workstations.
 *
 * @param applicable                 pairs in the denominator
 * @param siteInstalled              "reported installed": pairs the site says were installed, pending
 *                                   restart included (Status 3, or enforcement state 9 or 10 on a
 *                                   ConfigMgr site; SMS 2003: Status 3 only) — what deployment
 *                                   reports and most people read as done
 * @param reportedInstalled          "reported compliance": pairs the site database reports installed
 *                                   (Status 3), the number the old report gave
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
        long siteInstalled,
        long reportedInstalled,
        long reportedInstalledOrExempt,
        long inEffect,
        long exempt,
        long notInEffect,
        long unverified,
        long missing,
        long failed,
        long slaOverdue) {

    public static final ComplianceFigures EMPTY = new ComplianceFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Reported installed in percent: installed as the site says, restart pending or not. */
    public double siteInstalledPct() {
        return pct(siteInstalled);
    }

    /** Percentage points between reported installed and effective compliance. */
    public double installedGapPoints() {
        return siteInstalledPct() - effectivePct();
    }

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
