package io.patchproof.job;

import io.patchproof.reconcile.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * restarted one. Only the sheets' rows are staged, because their sheets sort them.
 *
 * <p>The rows are read and their findings worked out on a thread of their own
 * ({@code patchproof-findings}), handed over in batches of {@value #BATCH} through a short queue
 * to the calling thread, which gives them to the sink in order: reading and the rules on one core,
 * the sink (the metrics and the CSV) on the other. A failure on either side ends both, and no
 * thread outlives a call.
 *
 * <p>Memory: a few batches and one page of rows; hosts, updates and duplicated pairs are the
 * processor's. Each call reads on its own; calls may run at the same time.
 */
final class SnapshotFindings {

    static final int PAGE = 5_000;
    static final int BATCH = 1_000;
    private static final List<Finding> END = List.of();

    private final RunStore store;
    private final long snapshotId;
    private final ReconcileItemProcessor processor;

    SnapshotFindings(RunStore store, long snapshotId, ReconcileItemProcessor processor) {
        this.store = store;
        this.snapshotId = snapshotId;
        this.processor = processor;
    }

    /** Hands every finding, OUT_OF_SCOPE ones included, to {@code sink} in snapshot order, on the calling thread. */
    void forEach(Consumer<Finding> sink) {
        Deriver deriver = new Deriver();
        Thread thread = new Thread(deriver, "patchproof-findings");
        thread.setDaemon(true);
        thread.start();
        try {
            for (List<Finding> batch = deriver.take(); batch != END; batch = deriver.take()) {
                batch.forEach(sink);
            }
            deriver.rethrow();
        } finally {
            deriver.cancelled = true;
            deriver.queue.clear();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads the snapshot and works out the findings; ends the queue with {@link #END}, after a failure too. */
    private final class Deriver implements Runnable {

        final BlockingQueue<List<Finding>> queue = new ArrayBlockingQueue<>(4);
        volatile boolean cancelled;
        volatile Throwable failure;

        @Override
        public void run() {
            try {
                long[] range = store.complianceSeqRange(snapshotId);
                ComplianceRangeReader reader = new ComplianceRangeReader(store.jdbc(), snapshotId, range[0], range[1], PAGE);
                reader.doOpen();
                try {
                    List<Finding> batch = new ArrayList<>(BATCH);
                    for (SnapshotComplianceRow row = reader.doRead(); row != null && !cancelled; row = reader.doRead()) {
                        batch.add(processor.finding(row));
                        if (batch.size() == BATCH) {
                            put(batch);
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                    if (!batch.isEmpty()) {
                        put(batch);
                    }
                } finally {
                    reader.doClose();
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                put(END);
            }
        }

        /** Waits for room, unless the calling side has given up. */
        private void put(List<Finding> batch) {
            try {
                while (!cancelled && !queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                    // the calling thread is busy with earlier batches
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }

        List<Finding> take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for findings", e);
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }
}
