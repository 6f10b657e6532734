package io.patchproof.reconcile;

import java.time.Instant;

/** One update's line on the Updates sheet: its figures over the hosts it applies to. */
public record UpdateSummary(
        int ciId,
        String articleId,
        String bulletinId,
        String title,
        Severity severity,
        String classification,
        Instant datePosted,
        boolean superseded,
        ComplianceFigures figures) {
}
