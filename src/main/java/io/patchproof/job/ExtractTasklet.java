package io.patchproof.job;

import io.patchproof.source.ComplianceSummary;
import io.patchproof.source.ExtractRetry;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SnapshotTable;
import io.patchproof.source.SourceDescription;
import io.patchproof.source.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.patchproof.exceptions.ExceptionsRegister;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
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
 *
 * <p>The EXTRACTING mark of a new snapshot is committed at once, outside the step's transaction,
 * because the copied rows are committed as they arrive: after a failure, a stop or a killed
 * process the mark is what lets the next attempt find and delete the incomplete snapshot.
 *
 * <p>Stoppable ({@link StoppableTasklet}, see {@link StopRequests}) between two tables: the step then ends STOPPED with an
 * incomplete snapshot, which a restart deletes and reads again.
 *
 * <p>The as-of check ({@link DataTime#refusal}): once every table is copied, the newest data time
 * (inventory times of the hosts, state and other times of the compliance rows) is set against the
 * as-of date. Where the date lies more than {@code patchproof.max-as-of-lag} before it, the rows
 * copied are deleted and the run is refused ({@link RunRefusedException}). Not earlier: the line
 * names the first date that runs, which only the newest time of all rows can tell. A shared
 * snapshot is checked by the times it recorded.
 */
class ExtractTasklet implements StoppableTasklet {

    private static final Logger log = LoggerFactory.getLogger(ExtractTasklet.class);

    private final RunStore store;
    private final DataSource storeDataSource;
    private final SourceConnector connector;
    private final PatchproofProperties.Retry retry;
    private final ExtractRetry.Sleeper sleeper;
    private final Duration maxAsOfLag;
    private final Duration unknownOffsetWindow;
    private final StopFlags stops = new StopFlags();
    private final RunProgress progress;
    private final Function<Boolean, ExceptionsRegister> registers;

    /**
     * {@code retry} and {@code maxAsOfLag} are checked by {@link RunRequest#from} before a run starts.
     *
     * @param maxAsOfLag          how far the as-of date may lie before the newest data time
     * @param unknownOffsetWindow how far a client clock may be from UTC (inventory times are client local)
     * @param progress            told how many rows are copied (the total is not known until the end)
     * @param registers           the exceptions register this process reads for a run (by whether it is
     *                            the demo): kept with the run here, its first step, and its
     *                            CollectionIDs' members read with the snapshot
     */
    ExtractTasklet(RunStore store, DataSource storeDataSource, SourceConnector connector, PatchproofProperties.Retry retry,
            ExtractRetry.Sleeper sleeper, Duration maxAsOfLag, Duration unknownOffsetWindow, RunProgress progress,
            Function<Boolean, ExceptionsRegister> registers) {
        this.registers = registers;
        this.progress = progress;
        this.store = store;
        this.storeDataSource = storeDataSource;
        this.connector = connector;
        this.retry = retry;
        this.sleeper = sleeper;
        this.maxAsOfLag = maxAsOfLag;
        this.unknownOffsetWindow = unknownOffsetWindow;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws JobInterruptedException {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        stops.running(step.getJobExecutionId());
        long instance = step.getJobExecution().getJobInstanceId();
        JdbcTemplate jdbc = store.jdbc();
        Long existing = store.snapshotOf(instance);
        RunParameters params = RunParameters.of(step.getJobParameters());
        ExceptionsRegister register = RunExceptions.keep(store, instance, () -> registers.apply(params.demo()));
        if (existing != null) {
            log.info("extract: job instance {} already has snapshot {}; the source is not read again", instance, existing);
            return RepeatStatus.FINISHED;
        }
        SourceDescription source = connector.description();
        boolean sms2003 = source.profile() == SchemaProfile.SMS2003;
        String key = String.join("|", params.schema(), params.asOf().toString(), params.scopeKey(),
                connector.settings().safeUrl());
        if (sms2003) {
            // What an SMS 2003 snapshot holds also depends on which scan tool answers first (the rows
            // that do not vote are kept with it) and, for a severity scope, on the bulletin severities.
            key += "|agents=" + String.join(",", store.preferredScanAgents()) + "|severity="
                    + store.bulletinSeverities().sha256();
        }
        String registerCollections = register.collectionIds().isEmpty() ? ""
                : "," + String.join(",", register.collectionIds()) + ",";
        if (!registerCollections.isEmpty()) {
            // The members of the register's collections are read with the snapshot: one read with
            // other collections has not got them.
            key += "|registerCollections=" + registerCollections;
        }
        if (params.rerun() == 0 && !params.demo()) {
            List<Long> shared = jdbc.queryForList("SELECT snapshot_id FROM pp_snapshot WHERE snapshot_key = ? AND status = 'COMPLETE'"
                    + " ORDER BY snapshot_id DESC", Long.class, key);
            if (!shared.isEmpty()) {
                String refusal = DataTime.of(store, shared.get(0)).refusal(params.asOf(), maxAsOfLag, unknownOffsetWindow);
                if (refusal != null) {
                    throw new RunRefusedException(refusal);
                }
                jdbc.update("INSERT INTO pp_run (job_instance_id, snapshot_id) VALUES (?, ?)", instance, shared.get(0));
                log.info("extract: reusing snapshot {} of the same source, as-of date and scope", shared.get(0));
                return RepeatStatus.FINISHED;
            }
        }
        // The new id is taken before incomplete snapshots are deleted: their deletion commits with this
        // step, and their ids must not be reused in the meantime.
        Long max = jdbc.queryForObject("SELECT MAX(snapshot_id) FROM pp_snapshot", Long.class);
        long id = max == null ? 1 : max + 1;
        for (Long stale : jdbc.queryForList("SELECT snapshot_id FROM pp_snapshot WHERE job_instance_id = ? AND status <> 'COMPLETE'",
                Long.class, instance)) {
            deleteSnapshot(jdbc, stale);
            log.info("extract: removed incomplete snapshot {} of an earlier attempt", stale);
        }
        LocalDateTime readAt = LocalDateTime.now(ZoneOffset.UTC);
        markExtracting(id, key, instance, source, readAt);
        Map<String, Object> parameters = new java.util.LinkedHashMap<>(sms2003
                ? store.bulletinSeverities().sms2003Parameters(params.scope()) : params.scope().toParameters());
        parameters.put("registerCollections", registerCollections);
        List<String> agents = sms2003 ? store.preferredScanAgents() : null;
        progress.start("extract", -1, "rows");
        try {
            return copyAll(contribution, step, id, source, parameters, agents, params);
        } finally {
            progress.finish();
        }
    }

    private RepeatStatus copyAll(StepContribution contribution, StepExecution step, long id, SourceDescription source,
            Map<String, Object> parameters, List<String> agents, RunParameters params) throws JobInterruptedException {
        JdbcTemplate jdbc = store.jdbc();
        long instance = step.getJobExecution().getJobInstanceId();
        ExtractRetry.Policy policy = new ExtractRetry.Policy(retry.attempts(), retry.backoff());
        long total = 0;
        int done = 0;
        List<ComplianceSummary.Result> summaries = new ArrayList<>();
        // Recorded once every table is copied: a refused run leaves nothing of its snapshot in this step's transaction.
        List<Object[]> queries = new ArrayList<>();
        List<Object[]> absentColumns = new ArrayList<>();
        for (SourceDescription.Query q : source.tables()) {
            if (stops.take(step.getJobExecutionId())) {
                throw new JobInterruptedException("stopped while reading the site database (snapshot " + id
                        + " is incomplete; a restart reads it again)");
            }
            boolean compliance = q.table() == SnapshotTable.COMPLIANCE;
            long before = total;
            progress.detail(q.file().path().substring(q.file().path().lastIndexOf('/') + 1) + ", query " + (++done)
                    + " of " + source.tables().size());
            long rows = ExtractRetry.copy(policy, sleeper, connector.dataSource(), storeDataSource, id, q.table(), q.file(),
                    parameters, connector.settings().fetchSize(), compliance ? () -> new ComplianceSummary(agents) : null,
                    compliance ? summary -> summaries.add(store.recordVotes(id, summary, agents)) : null,
                    copied -> progress.set(before + copied));
            queries.add(new Object[] {id, q.file().path(), q.file().sha256(), rows});
            for (SqlFile.Column absent : q.file().absent()) {
                absentColumns.add(new Object[] {id, q.file().path(), absent.name()});
            }
            total += rows;
            contribution.incrementReadCount();
        }
        DataTime seen = dataTime(source.profile().id(), id, summaries);
        String refusal = seen.refusal(params.asOf(), maxAsOfLag, unknownOffsetWindow);
        if (refusal != null) {
            log.info("extract: as-of {} refused (see below); snapshot {} removed", params.asOf(), id);
            store.pruneSnapshot(id);
            throw new RunRefusedException(refusal);
        }
        jdbc.batchUpdate("INSERT INTO pp_snap_query (snapshot_id, file_path, sha256, rows_read) VALUES (?, ?, ?, ?)", queries);
        if (!absentColumns.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pp_snap_absent_column (snapshot_id, file_path, column_name) VALUES (?, ?, ?)",
                    absentColumns);
        }
        if (summaries.size() == 1) {
            if (summaries.get(0).notVoting() > 0) {
                log.info("extract: {} compliance rows do not vote (further copies of a pair, or other scan tools' rows)",
                        summaries.get(0).notVoting());
            }
            jdbc.update("UPDATE pp_snapshot SET newest_state_known = ?, newest_state = ? WHERE snapshot_id = ?",
                    true, summaries.get(0).newestStateUtc(), id);
        }
        jdbc.update("UPDATE pp_snapshot SET newest_inventory = ? WHERE snapshot_id = ?", seen.newestInventoryLocal(), id);
        jdbc.update("UPDATE pp_snapshot SET status = 'COMPLETE', completed_at = ? WHERE snapshot_id = ?",
                LocalDateTime.now(ZoneOffset.UTC), id);
        jdbc.update("INSERT INTO pp_run (job_instance_id, snapshot_id) VALUES (?, ?)", instance, id);
        log.info("extract: snapshot {} complete, {} rows from {} queries", id, total, source.tables().size());
        return RepeatStatus.FINISHED;
    }

    /**
     * The data time of the copied snapshot: the hosts' inventory times (their impossible dates are
     * NULL by now), the compliance rows' state and other times as the copy found them.
     */
    private DataTime dataTime(String schemaProfile, long snapshotId, List<ComplianceSummary.Result> summaries) {
        LocalDateTime inventory = store.jdbc().queryForObject("SELECT MAX(osInventoryLocal), MAX(hwScanLocal)"
                + " FROM pp_snap_host WHERE snapshot_id = ?", (rs, n) -> later(rs.getObject(1, LocalDateTime.class),
                        rs.getObject(2, LocalDateTime.class)), snapshotId);
        LocalDateTime state = null;
        if (summaries.size() == 1) {
            state = summaries.get(0).newestStateUtc();
            inventory = later(inventory, summaries.get(0).newestOtherTime());
        }
        return new DataTime(schemaProfile, state, inventory);
    }

    private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stops.request(stepExecution.getJobExecutionId());
    }

    /** Stops the execution this tasklet is running, if any (one run at a time per process). */
    @Override
    public void stop() {
        stops.requestRunning();
    }

    /**
     * Inserts the snapshot's EXTRACTING row on a connection of its own, committed at once, after
     * deleting rows that no snapshot claims under that id or above (left by an extract interrupted
     * before its mark was kept), so that they can never mix in.
     */
    private void markExtracting(long id, String key, long instance, SourceDescription source, LocalDateTime readAt) {
        try (Connection c = storeDataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            for (SnapshotTable t : SnapshotTable.values()) {
                try (PreparedStatement orphans = c.prepareStatement("DELETE FROM " + t.table() + " WHERE snapshot_id >= ?")) {
                    orphans.setLong(1, id);
                    orphans.executeUpdate();
                }
            }
            for (String table : RunStore.SNAPSHOT_SIDE_TABLES) {
                try (PreparedStatement orphans = c.prepareStatement("DELETE FROM " + table + " WHERE snapshot_id >= ?")) {
                    orphans.setLong(1, id);
                    orphans.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pp_snapshot (snapshot_id, snapshot_key,"
                    + " job_instance_id, schema_profile, schema_reason, status, started_at, source_url, source_server,"
                    + " source_database, source_login) VALUES (?, ?, ?, ?, ?, 'EXTRACTING', ?, ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setString(2, key);
                insert.setLong(3, instance);
                insert.setString(4, source.profile().id());
                insert.setString(5, source.reason());
                insert.setTimestamp(6, Timestamp.valueOf(readAt));
                insert.setString(7, connector.settings().safeUrl());
                insert.setString(8, source.server());
                insert.setString(9, source.database());
                insert.setString(10, source.login());
                insert.executeUpdate();
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record snapshot " + id + " in the local store: " + e.getMessage(), e);
        }
    }

    static void deleteSnapshot(JdbcTemplate jdbc, long snapshotId) {
        for (SnapshotTable t : SnapshotTable.values()) {
            jdbc.update("DELETE FROM " + t.table() + " WHERE snapshot_id = ?", snapshotId);
        }
        for (String table : RunStore.SNAPSHOT_SIDE_TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE snapshot_id = ?", snapshotId);
        }
        jdbc.update("DELETE FROM pp_snapshot WHERE snapshot_id = ?", snapshotId);
    }
}
