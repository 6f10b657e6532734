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
 * @param agentInstall         SMS 2003: AgentInstallDate (when the SMS agent installed the update)
 *                             as the UTC interval it may stand for; null elsewhere and for installs
 *                             the agent did not make. Bounds the install by ± the enforcement margin
 * @param scanTime             SMS 2003: the patch-state row's ScanDateTime as the UTC interval it may
 *                             stand for (an inventory time: zone unconfirmed); null elsewhere. An
 *                             upper bound of an installed row's install time, and the time of a
 *                             restart-pending state that has none of its own
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
        String qfeInstalledOn,
        UtcInterval agentInstall,
        UtcInterval scanTime) {

    /** A ConfigMgr row: no AgentInstallDate, no patch-state scan time. */
    public ComplianceFacts(long seq, int resourceId, int ciId, int status, Instant lastStatusChangeUtc,
            Integer enforcementState, Instant enforcementTimeUtc, Integer lastErrorCode, String qfeInstalledOn) {
        this(seq, resourceId, ciId, status, lastStatusChangeUtc, enforcementState, enforcementTimeUtc, lastErrorCode,
                qfeInstalledOn, null, null);
    }

    /** The same row with another QFE date (joined in the local store from the host's QFE rows). */
    public ComplianceFacts withQfeInstalledOn(String installedOn) {
        return new ComplianceFacts(seq, resourceId, ciId, status, lastStatusChangeUtc, enforcementState,
                enforcementTimeUtc, lastErrorCode, installedOn, agentInstall, scanTime);
    }
}
