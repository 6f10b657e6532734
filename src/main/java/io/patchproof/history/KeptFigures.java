package io.patchproof.history;

import io.patchproof.reconcile.ComplianceFigures;
import java.util.Optional;

/**
 * One slice's compliance figures as kept for a run (see {@link ComplianceFigures} for each
 * count). A {@code null} count was not kept: the run was kept by store version 1, which kept
 * the headline without "reported installed" (before rules version 2), without "reported or
 * exempt" and without the SLA count.
 */
public record KeptFigures(long applicable, Long siteInstalled, long reportedInstalled, Long reportedInstalledOrExempt,
        long inEffect, long exempt, long notInEffect, long unverified, long missing, long failed, Long slaOverdue) {

    public static KeptFigures of(ComplianceFigures f) {
        return new KeptFigures(f.applicable(), f.siteInstalled(), f.reportedInstalled(), f.reportedInstalledOrExempt(),
                f.inEffect(), f.exempt(), f.notInEffect(), f.unverified(), f.missing(), f.failed(), f.slaOverdue());
    }

    /** The figures as the run worked them out, when every count was kept. */
    public Optional<ComplianceFigures> complete() {
        if (siteInstalled == null || reportedInstalledOrExempt == null || slaOverdue == null) {
            return Optional.empty();
        }
        return Optional.of(new ComplianceFigures(applicable, siteInstalled, reportedInstalled, reportedInstalledOrExempt,
                inEffect, exempt, notInEffect, unverified, missing, failed, slaOverdue));
    }

    /** Reported compliance in percent (Status 3 ÷ applicable); 0 when nothing applies. */
    public double reportedPct() {
        return pct(reportedInstalled);
    }

    /** Effective compliance in percent (IN_EFFECT ÷ applicable); 0 when nothing applies. */
    public double effectivePct() {
        return pct(inEffect);
    }

    /** Percentage points between reported and effective compliance. */
    public double gapPoints() {
        return reportedPct() - effectivePct();
    }

    private double pct(long n) {
        return applicable == 0 ? 0.0 : 100.0 * n / applicable;
    }
}
