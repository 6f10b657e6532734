package io.patchproof.reconcile;

/**
 * Data-quality observations attached to a pair. They never make a pair compliant; they are
 * counted on the Data quality sheet so that nothing odd in the source disappears silently.
 */
public enum QualityFlag {
    /** The host's inventory has no LastBootUpTime0. */
    BOOT_TIME_MISSING,
    /** Neither CurrentTimeZone0 nor TimeZoneOffset is known: local times stand for ±14 h. */
    OFFSET_UNKNOWN,
    /** The hardware inventory is older than the configured freshness limit. */
    INVENTORY_STALE,
    /** A boot later than the inventory that reports it, or later than the as-of date. */
    CLOCK_ANOMALY,
    /** LastEnforcementMessageID is not one of topic 402's documented states (0..14). */
    UNKNOWN_ENFORCEMENT_STATE,
    /** v_GS_QUICK_FIX_ENGINEERING.InstalledOn0 is present but in no format we know. */
    UNPARSEABLE_QFE_DATE,
    /** The compliance row names a ResourceID that has no discovery record. */
    ORPHAN_HOST,
    /** The compliance row names a CI_ID that v_UpdateInfo does not list. */
    ORPHAN_UPDATE,
    /** Status is neither 2 (required) nor 3 (installed). */
    UNKNOWN_STATUS,
    /** The same (ResourceID, CI_ID) pair appears more than once in the source. */
    DUPLICATE_PAIR,
    /**
     * The source names the pair's state (SMS 2003's LastStateName) with a name the configured
     * mapping does not know: the scan status alone decides the pair (the name adds no enforcement
     * state) until the name is mapped.
     */
    UNKNOWN_STATE_NAME,
    /** The host's offset is outside −720 … +840 minutes: impossible, read as unknown (±14 h). */
    OFFSET_IMPOSSIBLE,
    /**
     * The records disagree (rules 7 and 10): the site reports the update installed and verified,
     * yet an inventory taken after that reports a boot from before the update's release.
     */
    RECORDS_DISAGREE,
    /** The host's last update scan failed (v_UpdateScanStatus.LastScanState 5 or 6). */
    SCAN_FAILED,
    /** The host's last update scan is older than patchproof.rules.scan-stale-after, or it never scanned. */
    SCAN_STALE
}
