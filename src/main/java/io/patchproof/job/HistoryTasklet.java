package io.patchproof.job;

import io.patchproof.history.HistoryStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 4: keeps the first-seen dates of this run's NOT_IN_EFFECT pairs (the run's figures were
 * recorded with the publication), then frees the local store: the run's findings table is dropped
 * (the published files and the history hold what is needed), and snapshots beyond the newest
 * {@value #KEEP_SNAPSHOTS} that no unfinished run uses are deleted, with the findings tables of
 * runs that used them and never finished. Idempotent.
 */
@Component
class HistoryTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(HistoryTasklet.class);
    static final int KEEP_SNAPSHOTS = 3;

    private final RunStore store;

    HistoryTasklet(RunStore store) {
        this.store = store;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstanceId();
        RunParameters params = RunParameters.of(step.getJobParameters());
        JdbcTemplate jdbc = store.jdbc();
        new HistoryStore(jdbc).recordFirstSeen(RunStore.sheetTable(instance), params.scopeKey(), params.schema(), params.asOf());
        store.dropFindings(instance);
        List<Long> old = jdbc.queryForList("SELECT s.snapshot_id FROM pp_snapshot s WHERE s.snapshot_id NOT IN"
                + " (SELECT snapshot_id FROM pp_run r WHERE NOT EXISTS (SELECT 1 FROM pp_history_run h"
                + " WHERE h.job_instance_id = r.job_instance_id) AND r.job_instance_id <> ?)"
                + " ORDER BY s.snapshot_id DESC", Long.class, instance);
        for (Long id : old.subList(Math.min(KEEP_SNAPSHOTS, old.size()), old.size())) {
            store.pruneSnapshot(id);
            for (Long abandoned : jdbc.queryForList("SELECT job_instance_id FROM pp_run WHERE snapshot_id = ?", Long.class, id)) {
                store.dropFindings(abandoned);
            }
            jdbc.update("DELETE FROM pp_run WHERE snapshot_id = ?", id);
            log.debug("history: pruned snapshot {}", id);
        }
        log.info("history: first-seen dates kept; findings of job instance {} released", instance);
        return RepeatStatus.FINISHED;
    }
}
