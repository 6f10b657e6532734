package io.patchproof.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * What the site database knows of one host (one ResourceID), as read into the snapshot.
 *
 * <p>Times named {@code ...Local} are client local wall-clock times: ConfigMgr stores hardware
 * inventory in the client's local time with the offset dropped (sccm-schema.md §8). They become
 * UTC only through {@link #utcOffsetMinutes()}; where that is {@code null} a local time stands
 * for an interval of ±14 h. Two local times of the same host can be compared directly: the
 * unknown offset cancels.
 *
 * @param resourceId        v_R_System.ResourceID
 * @param name              Netbios_Name0
 * @param domain            Resource_Domain_OR_Workgr0
 * @param siteCode          the site the client is assigned to, may be null
 * @param server            true for a server operating system
 * @param osName            v_R_System.Operating_System_Name_and0
 * @param osCaption         v_GS_OPERATING_SYSTEM.Caption0, may be null
 * @param obsolete          Obsolete0 = 1
 * @param decommissioned    Decommissioned0 = 1
 * @param lastBootLocal     v_GS_OPERATING_SYSTEM.LastBootUpTime0, may be null
 * @param inventoryLocal    when the inventory reporting that boot was taken: the TimeStamp of
 *                          the same v_GS_OPERATING_SYSTEM row (never LastHWScan), may be null
 * @param utcOffsetMinutes  minutes east of UTC (UTC = local − offset), null when unknown
 * @param clientState       v_CombinedDeviceResources.ClientState bitmask, null when unknown
 * @param lastScanUtc       v_UpdateScanStatus.LastScanTime, null when the host never scanned
 * @param lastScanState     v_UpdateScanStatus.LastScanState (topic 501: 3 completed, 5 failed,
 *                          6 completed with errors), null when unknown
 */
public record HostFacts(
        int resourceId,
        String name,
        String domain,
        String siteCode,
        boolean server,
        String osName,
        String osCaption,
        boolean obsolete,
        boolean decommissioned,
        LocalDateTime lastBootLocal,
        LocalDateTime inventoryLocal,
        Integer utcOffsetMinutes,
        Integer clientState,
        Instant lastScanUtc,
        Integer lastScanState) {

    public HostFacts(int resourceId, String name, String domain, String siteCode, boolean server, String osName,
            String osCaption, boolean obsolete, boolean decommissioned, LocalDateTime lastBootLocal,
            LocalDateTime inventoryLocal, Integer utcOffsetMinutes, Integer clientState, Instant lastScanUtc) {
        this(resourceId, name, domain, siteCode, server, osName, osCaption, obsolete, decommissioned, lastBootLocal,
                inventoryLocal, utcOffsetMinutes, clientState, lastScanUtc, null);
    }
}
