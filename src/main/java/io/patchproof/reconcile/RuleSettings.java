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
        Map<Severity, Integer> slaDays) {

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
