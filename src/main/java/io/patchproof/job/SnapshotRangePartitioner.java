package io.patchproof.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.core.partition.Partitioner;

/**
 * Splits a snapshot's compliance rows into contiguous ranges of their sequence number, one per
 * partition of the reconcile step.
 *
 * <p>Why sequence ranges and not ResourceID ranges: the sequence number is the snapshot's primary
 * key order, so each partition is one range scan in the order a serial run reads, needs no sort and
 * restarts by count like the serial reader. A finding is keyed by its row's sequence number and
 * depends on that row, its host and its update only, so the partitioning cannot change a finding.
 *
 * <p>How many partitions is decided once per run ({@link #partitions}) and recorded beside it
 * ({@link RunStore#reconcilePartitions}); this class is given that number. The ranges depend on
 * the snapshot's first and last sequence number and the number only, so a restart, which is given
 * the recorded number whatever its own settings or processor count, gets the ranges of the first
 * attempt: no partition is left out and no row is read by two. Stateless; thread-safe.
 */
final class SnapshotRangePartitioner implements Partitioner {

    static final String FIRST_SEQ = "firstSeq";
    static final String LAST_SEQ = "lastSeq";
    static final long MIN_ROWS_PER_PARTITION = 100_000;

    private final long firstSeq;
    private final long lastSeq;
    private final int partitions;

    /** @param partitions the run's recorded number of partitions (less than one counts as one) */
    SnapshotRangePartitioner(long firstSeq, long lastSeq, int partitions) {
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.partitions = Math.max(1, partitions);
    }

    /**
     * The number of partitions for a new run: {@code configured} when positive (never more than
     * there are rows); else one per available processor, but no more than the rows allow at
     * {@value #MIN_ROWS_PER_PARTITION} rows each (below that a second thread costs more than it
     * saves). Always at least one.
     */
    static int partitions(long rows, int configured, int processors) {
        long allowed = configured > 0 ? Math.min(configured, rows) : Math.min(processors, rows / MIN_ROWS_PER_PARTITION);
        return (int) Math.max(1, allowed);
    }

    /** The name of partition {@code i} (0-based); the step execution of a worker is named after it. */
    static String name(int i) {
        return "partition" + i;
    }

    /** {@code gridSize} is ignored: the number of partitions is the run's own. */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        long rows = Math.max(0, lastSeq - firstSeq + 1);
        int n = partitions;
        Map<String, ExecutionContext> result = new LinkedHashMap<>();
        long from = firstSeq;
        for (int i = 0; i < n; i++) {
            long size = rows / n + (i < rows % n ? 1 : 0);
            ExecutionContext context = new ExecutionContext();
            context.putLong(FIRST_SEQ, from);
            context.putLong(LAST_SEQ, i == n - 1 ? Math.max(lastSeq, from - 1) : from + size - 1);
            result.put(name(i), context);
            from += size;
        }
        return result;
    }
}
