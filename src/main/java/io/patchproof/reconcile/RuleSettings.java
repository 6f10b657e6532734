package io.patchproof.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules depend on besides the rows themselves. Immutable; one per run.
 *
 * @param asOf                     the report date; times after its end are "in the future"
 * @param enforcementMargin        how far around a state-9/10 message time the install itself
 *                                 may lie (default 2 h either side)
 * @param unknownOffsetWindow      how far a local time may be from UTC when the host's offset is
 *                                 unknown (default 14 h: the widest offset in use)
 * @param inventoryStaleAfter      inventory older than this (relative to as-of) is flagged stale
 * @param rebootClassifications    UpdateClassification names whose updates need a restart
 * @param rebootProducts           Product name patterns ({@code *}, {@code ?}) in scope; empty = all
 * @param rebootTitles             title patterns that bring an update into scope whatever its
 *                                 classification (cumulative updates for Windows)
 * @param supersededInHeadline     whether superseded updates count in the headline figures
 * @param slaDays                  days from release to in effect, per severity; absent = no SLA
 * @param dstMargin                how far a converted boot (or QFE day) may be off because the
 *                                 offset in force at inventory time is not the one in force then
 *                                 (daylight saving; default 1 h)
 * @param scanStaleAfter           a host whose last update scan is older than this (relative to
 *                                 as-of) is listed in Data quality (default 30 days)
 * @param siteKind                 the kind of site the rows come from (rule 10 differs)
 * @param clientStateCurrent       whether ClientState (a current flag) speaks for the as-of date:
 *                                 true when the as-of date is within the maximum as-of lag of the
 *                                 database's newest state time
 */
public record RuleSettings(
        LocalDate asOf,
        Duration enforcementMargin,
        Duration unknownOffsetWindow,
        Duration inventoryStaleAfter,
        List<String> rebootClassifications,
        List<String> rebootProducts,
        List<String> rebootTitles,
        boolean supersededInHeadline,
        Map<Severity, Integer> slaDays,
        Duration dstMargin,
        Duration scanStaleAfter,
        SiteKind siteKind,
        boolean clientStateCurrent) {

    public static final List<String> DEFAULT_REBOOT_CLASSIFICATIONS =
            List.of("Security Updates", "Critical Updates", "Update Rollups");
    public static final List<String> DEFAULT_REBOOT_TITLES = List.of("*Cumulative Update for Windows*");

    /** PCI DSS 6.3.3: critical within one month; the others a quarter. */
    public static final Map<Severity, Integer> DEFAULT_SLA_DAYS = Map.of(
            Severity.CRITICAL, 30, Severity.IMPORTANT, 90, Severity.MODERATE, 90, Severity.LOW, 180);

    public RuleSettings {
        rebootClassifications = List.copyOf(rebootClassifications);
        rebootProducts = List.copyOf(rebootProducts);
        rebootTitles = List.copyOf(rebootTitles);
        slaDays = Map.copyOf(slaDays);
        dstMargin = dstMargin == null ? DEFAULT_DST_MARGIN : dstMargin;
        scanStaleAfter = scanStaleAfter == null ? DEFAULT_SCAN_STALE_AFTER : scanStaleAfter;
        siteKind = siteKind == null ? SiteKind.CONFIGMGR : siteKind;
    }

    /** ConfigMgr rules with the version 2 defaults for the daylight-saving margin and scan staleness. */
    public RuleSettings(LocalDate asOf, Duration enforcementMargin, Duration unknownOffsetWindow,
            Duration inventoryStaleAfter, List<String> rebootClassifications, List<String> rebootProducts,
            List<String> rebootTitles, boolean supersededInHeadline, Map<Severity, Integer> slaDays) {
        this(asOf, enforcementMargin, unknownOffsetWindow, inventoryStaleAfter, rebootClassifications, rebootProducts,
                rebootTitles, supersededInHeadline, slaDays, DEFAULT_DST_MARGIN, DEFAULT_SCAN_STALE_AFTER,
                SiteKind.CONFIGMGR, true);
    }

    public static final Duration DEFAULT_DST_MARGIN = Duration.ofHours(1);
    public static final Duration DEFAULT_SCAN_STALE_AFTER = Duration.ofDays(30);

    /** The same settings for another kind of site. */
    public RuleSettings withSiteKind(SiteKind kind, boolean clientStateIsCurrent) {
        return new RuleSettings(asOf, enforcementMargin, unknownOffsetWindow, inventoryStaleAfter, rebootClassifications,
                rebootProducts, rebootTitles, supersededInHeadline, slaDays, dstMargin, scanStaleAfter, kind,
                clientStateIsCurrent);
    }

    /** The defaults of design.md for the given as-of date. */
    public static RuleSettings defaults(LocalDate asOf) {
        return new RuleSettings(asOf, Duration.ofHours(2), Duration.ofHours(14), Duration.ofDays(30),
                DEFAULT_REBOOT_CLASSIFICATIONS, List.of(), DEFAULT_REBOOT_TITLES, false, DEFAULT_SLA_DAYS);
    }

    /** The end of the as-of day in UTC (exclusive): the moment the report speaks for. */
    public Instant asOfEnd() {
        return asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
