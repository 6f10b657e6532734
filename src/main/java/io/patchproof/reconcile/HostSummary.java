package io.patchproof.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One host's line on the Hosts and Reboot plan sheets.
 *
 * @param uptimeDays          whole days from the last boot to the as-of date, null if unknown
 * @param riskScore           Σ severity weight × exposure days over its NOT_IN_EFFECT pairs in
 *                            the headline (superseded updates only where they count there)
 * @param criticalNotInEffect NOT_IN_EFFECT pairs of severity Critical, same pairs as riskScore
 * @param maxExposureDays     the oldest NOT_IN_EFFECT exposure, null if none
 * @param supersededNotInEffect NOT_IN_EFFECT pairs of superseded updates left out of the headline
 *                            (listed after the current ones on the Not in effect sheet); 0 when
 *                            superseded updates count in the headline
 * @param collectionIds       the collections read for it (those with a maintenance window or a
 *                            software-update deployment), in CollectionID order
 */
public record HostSummary(
        int resourceId,
        String name,
        String domain,
        String siteCode,
        boolean server,
        String operatingSystem,
        LocalDateTime lastBootLocal,
        Integer utcOffsetMinutes,
        Instant lastBootUtc,
        LocalDateTime inventoryLocal,
        Long uptimeDays,
        Integer clientState,
        ComplianceFigures figures,
        double riskScore,
        long criticalNotInEffect,
        Long maxExposureDays,
        long supersededNotInEffect,
        List<String> collectionIds) {

    public HostSummary {
        collectionIds = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    }
}
