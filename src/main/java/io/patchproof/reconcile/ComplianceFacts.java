package io.patchproof.reconcile;

import java.time.Instant;

/**
 * One row of v_UpdateComplianceStatus (Status 2 or 3 only in a real site) with the QFE date of
 * the same KB on the same host. State-message times are UTC (sccm-schema.md §8).
 *
 * @param seq                  position of the row in the snapshot, unique per snapshot
 * @param resourceId           ResourceID
 * @param ciId                 CI_ID
 * @param status               topic 500: 2 required, 3 installed
 * @param lastStatusChangeUtc  LastStatusChangeTime, may be null
 * @param enforcementState     LastEnforcementMessageID (topic 402), may be null
 * @param enforcementTimeUtc   LastEnforcementMessageTime, may be null
 * @param lastErrorCode        LastErrorCode (a signed HRESULT), may be null
 * @param qfeInstalledOn       v_GS_QUICK_FIX_ENGINEERING.InstalledOn0 as stored (a string in
 *                             one of several formats), may be null
 */
public record ComplianceFacts(
        long seq,
        int resourceId,
        int ciId,
        int status,
        Instant lastStatusChangeUtc,
        Integer enforcementState,
        Instant enforcementTimeUtc,
        Integer lastErrorCode,
        String qfeInstalledOn) {
}
