package io.patchproof.job;

import io.patchproof.source.ExtractRetry;
import io.patchproof.source.SnapshotTable;
import io.patchproof.source.SourceDescription;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Step 1: copies the rows in scope from the site database into a snapshot in the local store,
 * reading the site database once, quickly, and never again for this run.
 *
 * <p>Restart behaviour: a job instance whose snapshot completed never reads the source again (a
 * restart works from the same snapshot, so two moments are never mixed). An extract that failed
 * half-way left an incomplete snapshot; it is deleted and the whole extract runs again, so all
 * tables of one snapshot come from one reading. A completed snapshot of the same source, as-of
 * date, schema and scope is shared by the other report profiles (their numbers then agree), except
 * for reruns and the demo, which always read afresh.
 *
 * <p>A transient failure of one query (deadlock victim, lock time-out, connection reset) is
 * retried with a doubling pause, re-copying only that query ({@link ExtractRetry}); other
 * failures end the step at once with a message naming the SQL file.
 */
class ExtractTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ExtractTasklet.class);

    private final RunStore store;
    private final DataSource storeDataSource;
    private final SourceConnector connector;
    private final PatchproofProperties.Retry retry;
    private final ExtractRetry.Sleeper sleeper;

    /** {@code retry} is checked by {@link RunRequest#from} before a run starts. */
    ExtractTasklet(RunStore store, DataSource storeDataSource, SourceConnector connector, PatchproofProperties.Retry retry,
            ExtractRetry.Sleeper sleeper) {
        this.store = store;
        this.storeDataSource = storeDataSource;
        this.connector = connector;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        long instance = step.getJobExecution().getJobInstanceId();
        JdbcTemplate jdbc = store.jdbc();
        Long existing = store.snapshotOf(instance);
        if (existing != null) {
            log.info("extract: job instance {} already has snapshot {}; the source is not read again", instance, existing);
            return RepeatStatus.FINISHED;
        }
        RunParameters params = RunParameters.of(step.getJobParameters());
        SourceDescription source = connector.description();
        String key = String.join("|", params.schema(), params.asOf().toString(), params.scopeKey(),
                connector.settings().safeUrl());
        if (params.rerun() == 0 && !params.demo()) {
            List<Long> shared = jdbc.queryForList("SELECT snapshot_id FROM pp_snapshot WHERE snapshot_key = ? AND status = 'COMPLETE'"
                    + " ORDER BY snapshot_id DESC", Long.class, key);
            if (!shared.isEmpty()) {
                jdbc.update("INSERT INTO pp_run (job_instance_id, snapshot_id) VALUES (?, ?)", instance, shared.get(0));
                log.info("extract: reusing snapshot {} of the same source, as-of date and scope", shared.get(0));
                return RepeatStatus.FINISHED;
            }
        }
        for (Long stale : jdbc.queryForList("SELECT snapshot_id FROM pp_snapshot WHERE job_instance_id = ? AND status <> 'COMPLETE'",
                Long.class, instance)) {
            deleteSnapshot(jdbc, stale);
            log.info("extract: removed incomplete snapshot {} of an earlier attempt", stale);
        }
        Long max = jdbc.queryForObject("SELECT MAX(snapshot_id) FROM pp_snapshot", Long.class);
        long id = max == null ? 1 : max + 1;
        LocalDateTime readAt = LocalDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO pp_snapshot (snapshot_id, snapshot_key, job_instance_id, schema_profile, schema_reason, status,"
                + " started_at, source_url, source_server, source_database, source_login)"
                + " VALUES (?, ?, ?, ?, ?, 'EXTRACTING', ?, ?, ?, ?, ?)",
                id, key, instance, source.profile().id(), source.reason(), readAt, connector.settings().safeUrl(), source.server(),
                source.database(), source.login());
        Map<String, Object> parameters = params.scope().toParameters();
        ExtractRetry.Policy policy = new ExtractRetry.Policy(retry.attempts(), retry.backoff());
        long total = 0;
        for (SourceDescription.Query q : source.tables()) {
            long rows = ExtractRetry.copy(policy, sleeper, connector.dataSource(), storeDataSource, id, q.table(), q.file(),
                    parameters, connector.settings().fetchSize());
            jdbc.update("INSERT INTO pp_snap_query (snapshot_id, file_path, sha256, rows_read) VALUES (?, ?, ?, ?)",
                    id, q.file().path(), q.file().sha256(), rows);
            total += rows;
            contribution.incrementReadCount();
        }
        jdbc.update("UPDATE pp_snapshot SET status = 'COMPLETE', completed_at = ? WHERE snapshot_id = ?",
                LocalDateTime.now(ZoneOffset.UTC), id);
        jdbc.update("INSERT INTO pp_run (job_instance_id, snapshot_id) VALUES (?, ?)", instance, id);
        log.info("extract: snapshot {} complete, {} rows from {} queries", id, total, source.tables().size());
        return RepeatStatus.FINISHED;
    }

    static void deleteSnapshot(JdbcTemplate jdbc, long snapshotId) {
        for (SnapshotTable t : SnapshotTable.values()) {
            jdbc.update("DELETE FROM " + t.table() + " WHERE snapshot_id = ?", snapshotId);
        }
        jdbc.update("DELETE FROM pp_snap_query WHERE snapshot_id = ?", snapshotId);
        jdbc.update("DELETE FROM pp_snapshot WHERE snapshot_id = ?", snapshotId);
    }
}
