package io.patchproof.reconcile;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the rules make of one host's own records, the same for every pair of the host and for the
 * Data quality sheet's host list: the offset they trust, the boot and inventory as UTC intervals,
 * a clock anomaly, and the host-level flags. Immutable.
 *
 * @param offset        the host's offset in minutes where plausible (−720 … +840), else null
 * @param reportedBoot  LastBootUpTime0 as a UTC interval (± the daylight-saving margin, or ± the
 *                      unknown-offset window), null when the inventory has none
 * @param inventory     the OS inventory's TimeStamp as the interval between its UTC and local
 *                      readings, null when unknown
 * @param clockAnomaly  why the boot cannot be used (later than its inventory, or than the as-of
 *                      date), else null
 * @param flags         host-level flags: offset unknown or impossible, boot missing, inventory or
 *                      scan stale, scan failed, clock anomaly
 */
public record HostChecks(Integer offset, UtcInterval reportedBoot, UtcInterval inventory, String clockAnomaly,
        Set<QualityFlag> flags) {

    /** ClientState bits that speak for a restart pending since the last boot (sccm-schema.md §5.4). */
    static final int STRONG_CLIENT_STATE = 1 | 4 | 8;

    /**
     * Whether a ClientState value has a strong restart bit: ConfigMgr (1), Windows Update (4) or a
     * feature change (8). Pending file rename (2) is set by antivirus and the spooler too, and is no
     * such bit.
     */
    public static boolean restartPending(Integer clientState) {
        return clientState != null && (clientState & STRONG_CLIENT_STATE) != 0;
    }

    /** Topic 501 (v_UpdateScanStatus.LastScanState): the last scan failed, or completed with errors. */
    static final int SCAN_FAILED = 5;
    static final int SCAN_COMPLETED_WITH_ERRORS = 6;

    public static HostChecks of(HostFacts host, RuleSettings settings) {
        Integer raw = host.utcOffsetMinutes();
        Integer offset = UtcInterval.plausibleOffset(raw) ? raw : null;
        UtcInterval boot = host.lastBootLocal() == null ? null
                : UtcInterval.ofLocal(host.lastBootLocal(), offset, settings.unknownOffsetWindow(), settings.dstMargin());
        UtcInterval inventory = host.inventoryLocal() == null ? null
                : UtcInterval.ofInventoryTime(host.inventoryLocal(), offset, settings.unknownOffsetWindow());
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (raw != null && offset == null) {
            flags.add(QualityFlag.OFFSET_IMPOSSIBLE);
        }
        if (offset == null) {
            flags.add(QualityFlag.OFFSET_UNKNOWN);
        }
        if (boot == null) {
            flags.add(QualityFlag.BOOT_TIME_MISSING);
        }
        Instant asOfEnd = settings.asOfEnd();
        if (inventory != null && inventory.endsBefore(asOfEnd.minus(settings.inventoryStaleAfter()))) {
            flags.add(QualityFlag.INVENTORY_STALE);
        }
        Integer scanState = host.lastScanState();
        if (scanState != null && (scanState == SCAN_FAILED || scanState == SCAN_COMPLETED_WITH_ERRORS)) {
            flags.add(QualityFlag.SCAN_FAILED);
        }
        if (host.lastScanUtc() != null && host.lastScanUtc().isBefore(asOfEnd.minus(settings.scanStaleAfter()))) {
            flags.add(QualityFlag.SCAN_STALE);
        }
        String anomaly = null;
        if (boot != null && inventory != null && boot.whollyAfter(inventory)) {
            anomaly = "boot later than the inventory that reports it";
        }
        else if (boot != null && boot.startsAfter(asOfEnd)) {
            anomaly = "boot after the as-of date";
        }
        if (anomaly != null) {
            flags.add(QualityFlag.CLOCK_ANOMALY);
        }
        return new HostChecks(offset, boot, inventory, anomaly, Collections.unmodifiableSet(flags));
    }

    /** The boot the rules use: null when unknown or a clock anomaly. */
    public UtcInterval boot() {
        return clockAnomaly == null ? reportedBoot : null;
    }
}
