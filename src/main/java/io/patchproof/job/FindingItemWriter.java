package io.patchproof.job;

import io.patchproof.reconcile.Finding;
import java.util.ArrayList;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Step 2's writer: inserts a chunk of findings into the local store with one JDBC batch (and the
 * sheets' findings with a second, see {@link RunStore#SHEET_VERDICTS}), inside the chunk's transaction, so a chunk's findings and the step's restart position commit together.
 */
class FindingItemWriter implements ItemWriter<Finding> {

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
    public void write(Chunk<? extends Finding> chunk) {
        store.insertFindings(jobInstanceId, new ArrayList<>(chunk.getItems()));
    }
}
