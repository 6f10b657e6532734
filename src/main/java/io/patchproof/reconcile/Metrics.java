package io.patchproof.reconcile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one run. Built by {@link MetricsAccumulator} in one pass over the findings;
 * memory grows with hosts and updates, never with compliance rows.
 *
 * @param rowsRead            compliance rows reconciled (= Σ verdictCounts)
 * @param verdictCounts       every verdict including OUT_OF_SCOPE; sums to rowsRead
 * @param outOfScopeReasons   OUT_OF_SCOPE rows by reason (expired, not reboot-dependent, ...)
 * @param qualityFlags        pairs carrying each data-quality flag
 * @param supersededExcluded  in-scope pairs of superseded updates left out of the headline
 * @param supersededVerdicts  those pairs by verdict (every in-scope verdict present; all 0 when
 *                            superseded updates count in the headline)
 * @param overall             the headline (superseded excluded unless configured otherwise)
 * @param hosts               per host, ordered by risk descending then name
 * @param updates             per update, ordered by release date descending then article
 */
public record Metrics(
        LocalDate asOf,
        long rowsRead,
        Map<Verdict, Long> verdictCounts,
        Map<String, Long> outOfScopeReasons,
        Map<QualityFlag, Long> qualityFlags,
        long supersededExcluded,
        Map<Verdict, Long> supersededVerdicts,
        ComplianceFigures overall,
        ComplianceFigures servers,
        ComplianceFigures workstations,
        Map<Severity, ComplianceFigures> bySeverity,
        Map<String, ComplianceFigures> byCollection,
        HostsFullyPatched serversFullyPatched,
        HostsFullyPatched workstationsFullyPatched,
        HostsFullyPatched allFullyPatched,
        List<HostSummary> hosts,
        List<UpdateSummary> updates) {
}
