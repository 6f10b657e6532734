package io.patchproof.job;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Step 2's writer: stages the rows of a chunk whose findings the sheets list one by one
 * ({@link RunStore#SHEET_VERDICTS}) in the local store with one JDBC batch, inside the chunk's
 * transaction, so that they and the step's restart position commit together
 * ({@link RunStore#insertSheetRows}). The other findings are not written: the publish step works
 * them out again from the snapshot ({@link SnapshotFindings}).
 */
class FindingItemWriter implements ItemWriter<ReconciledRow> {

    private final RunStore store;
    private final long jobInstanceId;

    FindingItemWriter(RunStore store, long jobInstanceId) {
        this.store = store;
        this.jobInstanceId = jobInstanceId;
    }

    /** A writer like this one, for wrappers (tests inject faults through it). */
    FindingItemWriter copy() {
        return new FindingItemWriter(store, jobInstanceId);
    }

    @Override
    public void write(Chunk<? extends ReconciledRow> chunk) {
        store.insertSheetRows(jobInstanceId, chunk.getItems());
    }
}
