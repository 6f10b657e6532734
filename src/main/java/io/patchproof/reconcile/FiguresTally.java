package io.patchproof.reconcile;

/**
 * Mutable counters behind one {@link ComplianceFigures}. Not thread-safe: owned by one
 * {@link MetricsAccumulator}.
 */
final class FiguresTally {

    private long applicable;
    private long siteInstalled;
    private long reportedInstalled;
    private long reportedInstalledOrExempt;
    private long inEffect;
    private long exempt;
    private long notInEffect;
    private long unverified;
    private long missing;
    private long failed;
    private long slaOverdue;

    /**
     * Counts one applicable (in-scope) pair.
     *
     * @param siteInstalled whether the site says the pair was installed, restart pending or not
     */
    void add(Finding finding, boolean overdue, boolean siteInstalled) {
        applicable++;
        if (siteInstalled) {
            this.siteInstalled++;
        }
        Verdict verdict = finding.verdict();
        if (finding.reportedInstalled()) {
            reportedInstalled++;
        }
        if (finding.reportedInstalled() || verdict == Verdict.EXEMPT) {
            reportedInstalledOrExempt++;
        }
        switch (verdict) {
            case IN_EFFECT -> inEffect++;
            case EXEMPT -> exempt++;
            case NOT_IN_EFFECT -> notInEffect++;
            case UNVERIFIED -> unverified++;
            case MISSING -> missing++;
            case FAILED -> failed++;
            case OUT_OF_SCOPE -> throw new IllegalArgumentException("an out-of-scope pair is not applicable: row " + finding.seq());
        }
        if (overdue) {
            slaOverdue++;
        }
    }

    void addAll(FiguresTally other) {
        applicable += other.applicable;
        siteInstalled += other.siteInstalled;
        reportedInstalled += other.reportedInstalled;
        reportedInstalledOrExempt += other.reportedInstalledOrExempt;
        inEffect += other.inEffect;
        exempt += other.exempt;
        notInEffect += other.notInEffect;
        unverified += other.unverified;
        missing += other.missing;
        failed += other.failed;
        slaOverdue += other.slaOverdue;
    }

    ComplianceFigures toFigures() {
        return new ComplianceFigures(applicable, siteInstalled, reportedInstalled, reportedInstalledOrExempt, inEffect, exempt,
                notInEffect, unverified, missing, failed, slaOverdue);
    }
}
