package io.patchproof.reconcile;

/**
 * The reasons a compliance row is {@link Verdict#OUT_OF_SCOPE}. A finding of that verdict carries
 * exactly one of these texts as its evidence, and {@link Metrics#outOfScopeReasons()} is keyed by
 * them, so they are stable: reports and earlier runs' history compare them as strings.
 */
public final class OutOfScope {

    /** The compliance row names a ResourceID without a discovery record. */
    public static final String NO_DISCOVERY_RECORD = "no discovery record";
    /** The compliance row names a CI_ID that v_UpdateInfo does not list. */
    public static final String NO_UPDATE_METADATA = "no update metadata";
    /**
     * The compliance row's ResourceID is NULL: it joins no discovery record (not even one whose
     * ResourceID is NULL too). Kept apart from {@link #NO_DISCOVERY_RECORD}, which names a host the
     * site no longer (or not yet) knows: a NULL key is a damaged row, with nothing to look up.
     */
    public static final String NULL_RESOURCE_ID = "NULL ResourceID (joins no host)";
    /** The compliance row's CI_ID is NULL: it joins no update metadata. */
    public static final String NULL_CI_ID = "NULL CI_ID (joins no update)";
    /** Obsolete0 = 1: the site has a newer record for the same machine. */
    public static final String HOST_OBSOLETE = "host obsolete";
    /** Decommissioned0 = 1. */
    public static final String HOST_DECOMMISSIONED = "host decommissioned";
    /** IsExpired: Microsoft withdrew the update. */
    public static final String UPDATE_EXPIRED = "update expired";
    /** Neither classification, product nor title says the update needs a restart. */
    public static final String NOT_REBOOT_DEPENDENT = "not reboot-dependent";
    /** Status other than 2 (required) or 3 (installed). */
    public static final String STATUS_NOT_APPLICABLE = "status not applicable";

    /**
     * A further copy of a (ResourceID, CI_ID) pair the source returned more than once: one pair,
     * one vote. The first row of the pair in snapshot order is reconciled; the others are counted
     * here and listed under Data quality, never in a figure.
     */
    public static final String DUPLICATE_ROW = "duplicate row (the pair's first row counts)";
    /**
     * SMS 2003: a row of an older scan tool (MBSA, the Extended Security Update Inventory Tool) for
     * a host and bulletin that another row already answers: one verdict per host × bulletin, the
     * Inventory Tool for Microsoft Updates' row first.
     */
    public static final String OTHER_SCAN_TOOL = "another scan tool's row for the same host and bulletin";

    private OutOfScope() {
    }
}
