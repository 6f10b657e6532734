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

    private OutOfScope() {
    }
}
