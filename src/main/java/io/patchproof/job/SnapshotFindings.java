package io.patchproof.job;

import io.patchproof.reconcile.Finding;
import java.util.function.Consumer;

/**
 * Every finding of a run, worked out again from its snapshot's compliance rows, in snapshot
 * order, by the same processor the reconcile step uses ({@link ReconcileItemProcessor#of}).
 *
 * <p>Why not read them back from the reconcile step: staging every finding (about a kilobyte
 * each with its evidence line) and reading it back cost more than the rules themselves (at
 * 100,000 hosts the writes were most of the reconcile step and the read-back most of the publish
 * step). The rules are deterministic and the snapshot is kept unchanged until the run's history
 * step, so the same rows give the same findings in the same order, in this process or in a
 * restarted one. Only the sheets' findings are staged, because their sheets sort them.
 *
 * <p>Memory: one page of rows ({@value #PAGE}) at a time; hosts, updates and duplicated pairs are
 * the processor's. Not thread-safe in itself; each call reads on its own.
 */
final class SnapshotFindings {

    static final int PAGE = 5_000;

    private final RunStore store;
    private final long snapshotId;
    private final ReconcileItemProcessor processor;

    SnapshotFindings(RunStore store, long snapshotId, ReconcileItemProcessor processor) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.processor = processor;
    }

    /** Hands every finding, OUT_OF_SCOPE ones included, to {@code sink} in snapshot order. */
    void forEach(Consumer<Finding> sink) {
        long[] range = store.complianceSeqRange(snapshotId);
        ComplianceRangeReader reader = new ComplianceRangeReader(store.jdbc(), snapshotId, range[0], range[1], PAGE);
        reader.doOpen();
        try {
            for (SnapshotComplianceRow row = reader.doRead(); row != null; row = reader.doRead()) {
                sink.accept(processor.finding(row));
            }
        } finally {
            reader.doClose();
        }
    }
}
