package io.patchproof.history;

import io.patchproof.reconcile.Severity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One kept point of a trend: the figures of the run that holds its key's as-of date.
 *
 * <p>Runs kept by store version 1 kept the headline and the servers' and workstations' hosts
 * fully patched only: for them {@link #detailed()} is false, {@code servers} and
 * {@code workstations} are null, the maps are empty, and the counts version 1 did not keep are
 * null ({@link KeptFigures}, {@link KeptFullyPatched}); {@code allFullyPatched} is the sum of
 * servers and workstations, as the run worked it out.
 *
 * @param jobInstanceId  the run (job instance) the point's figures come from
 * @param reportProfile  the report profile of that run
 * @param rerun          its rerun number (0: the first run of its identity)
 * @param completedAt    when its figures were kept (UTC)
 * @param rulesVersion   the rules version its verdicts were worked out with (null: before rules version 2)
 * @param rowsRead       compliance rows reconciled
 * @param bySeverity     highest severity first, every severity (zeros where none applied)
 * @param byCollection   by CollectionID, in ID order
 */
public record HistoryPoint(
        HistoryKey key,
        LocalDate asOf,
        long jobInstanceId,
        String reportProfile,
        long rerun,
        LocalDateTime completedAt,
        String rulesVersion,
        long rowsRead,
        KeptFigures overall,
        KeptFigures servers,
        KeptFigures workstations,
        Map<Severity, KeptFigures> bySeverity,
        Map<String, KeptFigures> byCollection,
        KeptFullyPatched serversFullyPatched,
        KeptFullyPatched workstationsFullyPatched,
        KeptFullyPatched allFullyPatched,
        boolean detailed) {
}
