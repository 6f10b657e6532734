package io.patchproof.job;

import io.patchproof.history.HistoryStore;
import io.patchproof.store.StoreCompaction;
import io.patchproof.store.StoreProperties;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 4: makes this run its history key's trend point for its as-of date, replacing the run that
 * held it, and keeps the first-seen dates of its NOT_IN_EFFECT pairs ({@link HistoryStore#keepPoint};
 * the run's figures were recorded with the publication), then frees the local store: snapshots
 * beyond the newest {@code patchproof.store.keep-snapshots} (default 3) that no unfinished run
 * uses are deleted, each named in an INFO line, with the staged tables of runs that used them and
 * never finished, and, once the step's completion is recorded, the run's own
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
    private final RunStore store;
    private final int keepSnapshots;
    private final StoreCompaction compaction;

    /** Keeps the default number of snapshots; nothing compacts the store. */
    HistoryTasklet(RunStore store) {
        this(store, new StoreProperties(StoreProperties.DEFAULT_KEEP_SNAPSHOTS), null);
    }

    @Autowired
    HistoryTasklet(RunStore store, StoreProperties storeProperties, StoreCompaction compaction) {
        this.store = store;
        this.keepSnapshots = storeProperties.keepSnapshots();
        this.compaction = compaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstanceId();
        RunParameters params = RunParameters.of(step.getJobParameters());
        JdbcTemplate jdbc = store.jdbc();
        long keepStarted = System.nanoTime();
        boolean keptNow = store.hasSheetTable(instance);
        if (keptNow) {
            new HistoryStore(jdbc).keepPoint(params.historyKey(), params.asOf(), instance, RunStore.sheetTable(instance));
        } else {
            log.info("history: the trend point and first-seen dates of job instance {} were kept by an earlier attempt",
                    instance);
        }
        String keepSeconds = seconds(keepStarted);
        List<Long> old = jdbc.queryForList("SELECT s.snapshot_id FROM pp_snapshot s WHERE s.snapshot_id NOT IN"
                + " (SELECT snapshot_id FROM pp_run r WHERE NOT EXISTS (SELECT 1 FROM pp_history_run h"
                + " WHERE h.job_instance_id = r.job_instance_id) AND r.job_instance_id <> ?)"
                + " ORDER BY s.snapshot_id DESC", Long.class, instance);
        for (Long id : old.subList(Math.min(keepSnapshots, old.size()), old.size())) {
            String what = describeSnapshot(jdbc, id);
            List<Long> runs = jdbc.queryForList("SELECT job_instance_id FROM pp_run WHERE snapshot_id = ? ORDER BY"
                    + " job_instance_id", Long.class, id);
            long pruneStarted = System.nanoTime();
            store.pruneSnapshot(id);
            for (Long abandoned : runs) {
                store.dropFindings(abandoned);
            }
            jdbc.update("DELETE FROM pp_run WHERE snapshot_id = ?", id);
            log.info("history: deleted snapshot {} ({}) in {} s to keep the newest {} (patchproof.store.keep-snapshots); the"
                    + " published files and trend points of its runs (job instances {}) stay, but they can no longer be"
                    + " rendered again", id, what, seconds(pruneStarted), keepSnapshots, runs.isEmpty() ? "none" : runs);
            if (compaction != null) {
                compaction.request();
            }
        }
        if (keptNow) {
            log.info("history: job instance {} kept as the {} point of {}, with its first-seen dates, in {} s", instance,
                    params.asOf(), params.historyKey(), keepSeconds);
        } else {
            log.info("history: job instance {} kept as the {} point of {}, with its first-seen dates", instance,
                    params.asOf(), params.historyKey());
        }
        return RepeatStatus.FINISHED;
    }

    /** Seconds since {@code started} (a {@link System#nanoTime} reading), to two places, for the step's log lines. */
    private static String seconds(long started) {
        return String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9);
    }

    /** What a snapshot was, for the line that says it is deleted: as-of date, source, when it was read, rows. */
    private static String describeSnapshot(JdbcTemplate jdbc, long id) {
        return jdbc.query("SELECT s.snapshot_key, s.source_server, s.source_database, s.started_at,"
                + " (SELECT SUM(q.rows_read) FROM pp_snap_query q WHERE q.snapshot_id = s.snapshot_id)"
                + " FROM pp_snapshot s WHERE s.snapshot_id = ?", rs -> {
                    if (!rs.next()) {
                        return "already gone";
                    }
                    String[] key = String.valueOf(rs.getString(1)).split("\\|");
                    String source = rs.getString(2) == null ? rs.getString(3)
                            : rs.getString(2) + (rs.getString(3) == null ? "" : "/" + rs.getString(3));
                    java.time.LocalDateTime read = rs.getObject(4, java.time.LocalDateTime.class);
                    return "as-of " + (key.length > 1 ? key[1] : "?") + ", " + (source == null ? "source unknown" : source)
                            + ", read " + (read == null ? "?" : read.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                            + " UTC, " + rs.getLong(5) + " rows";
                }, id);
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
