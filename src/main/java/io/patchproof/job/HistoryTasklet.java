package io.patchproof.job;

import io.patchproof.history.HistoryStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 4: makes this run its history key's trend point for its as-of date, replacing the run that
 * held it, and keeps the first-seen dates of its NOT_IN_EFFECT pairs ({@link HistoryStore#keepPoint};
 * the run's figures were recorded with the publication), then frees the local store: snapshots beyond the newest
 * {@value #KEEP_SNAPSHOTS} that no unfinished run uses are deleted, with the staged tables of runs
 * that used them and never finished, and, once the step's completion is recorded, the run's own
 * staged sheet table is dropped (the published files and the history hold what is needed).
 *
 * <p>Idempotent, so that a restart completes a step that was stopped or killed part-way (a stop
 * lets it finish its work, then ends it STOPPED): keeping the same run's point again gives the
 * same point and dates, and the pruning looks for old snapshots afresh. The
 * sheet table the MERGE reads is dropped only after the step is recorded COMPLETED
 * ({@link #afterStep}), so a restart finds it; one already gone (dropped by an earlier version
 * before it recorded the step's completion) means its dates were kept.
 */
@Component
class HistoryTasklet implements Tasklet, StepExecutionListener {

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
        if (store.hasSheetTable(instance)) {
            new HistoryStore(jdbc).keepPoint(params.historyKey(), params.asOf(), instance, RunStore.sheetTable(instance));
        } else {
            log.info("history: the trend point and first-seen dates of job instance {} were kept by an earlier attempt",
                    instance);
        }
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
        log.info("history: job instance {} kept as the {} point of {}, with its first-seen dates", instance, params.asOf(),
                params.historyKey());
        return RepeatStatus.FINISHED;
    }

    /** Drops the run's staged sheet table once the step's completion is recorded (Spring Batch records it before this). */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            long instance = stepExecution.getJobExecution().getJobInstanceId();
            store.dropFindings(instance);
            log.info("history: findings of job instance {} released", instance);
        }
        return null;
    }
}
