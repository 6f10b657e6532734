package io.patchproof.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.Assert;

/**
 * Copies one SQL file's rows into its snapshot table, trying again after a transient failure
 * (deadlock victim, lock time-out, connection reset: {@link TransientErrors}) with a doubling
 * pause, at most {@link Policy#attempts()} times in all. Anything else fails at once with the
 * message {@link SourceErrors} gave it, naming the SQL file and the view or permission.
 *
 * <p>Every attempt starts from an empty slice: the rows of this snapshot in this table are
 * deleted (and committed) first, because {@link SnapshotExtractor} commits as it goes and a
 * failed attempt leaves the rows it had committed. So a retry re-copies only the query that
 * failed, and a retried extract holds exactly the rows of a clean one. The deletion runs on a
 * connection of its own in auto-commit mode, never in the step's transaction, whose locks the
 * extractor's inserts would otherwise wait for.
 *
 * <p>Stateless; thread-safe as long as two calls never copy the same table of the same snapshot.
 */
public final class ExtractRetry {

    private static final Logger log = LoggerFactory.getLogger(ExtractRetry.class);

    /**
     * @param attempts how many times in all a query is tried (1 = never retried)
     * @param backoff  the pause before the first retry; it doubles before each further one
     */
    public record Policy(int attempts, Duration backoff) {

        public Policy {
            Assert.isTrue(attempts >= 1, "attempts must be at least 1");
            Assert.isTrue(backoff != null && !backoff.isNegative(), "backoff must not be negative");
        }

        /** The pause before attempt {@code next} (2, 3, ...): backoff × 2^(next − 2). */
        Duration pauseBefore(int next) {
            return backoff.multipliedBy(1L << Math.min(30, next - 2));
        }
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {

        Sleeper THREAD = pause -> Thread.sleep(pause.toMillis());

        void sleep(Duration pause) throws InterruptedException;
    }

    private ExtractRetry() {
    }

    /**
     * @return the number of rows copied by the attempt that succeeded
     * @throws SourceException naming the SQL file when a non-transient error occurs, or when the
     *                         last attempt failed too
     */
    public static long copy(Policy policy, Sleeper sleeper, DataSource source, DataSource store, long snapshotId,
            SnapshotTable table, SqlFile file, Map<String, Object> parameters, int fetchSize) {
        return copy(policy, sleeper, source, store, snapshotId, table, file, parameters, fetchSize, null, null);
    }

    /**
     * As above; where {@code newSummary} is not null, each attempt hands its compliance rows to a
     * fresh {@link ComplianceSummary}, and the successful attempt's is given to {@code completed}
     * before it is closed (ask it for its result there: its temporary files go with it).
     */
    public static long copy(Policy policy, Sleeper sleeper, DataSource source, DataSource store, long snapshotId,
            SnapshotTable table, SqlFile file, Map<String, Object> parameters, int fetchSize,
            Supplier<ComplianceSummary> newSummary, Consumer<ComplianceSummary> completed) {
        return copy(policy, sleeper, source, store, snapshotId, table, file, parameters, fetchSize, newSummary, completed,
                null);
    }

    /**
     * As above, telling {@code copied} (may be null) how many rows the attempt in progress has
     * copied so far, after every batch written to the store: a retried query starts again from 0.
     */
    public static long copy(Policy policy, Sleeper sleeper, DataSource source, DataSource store, long snapshotId,
            SnapshotTable table, SqlFile file, Map<String, Object> parameters, int fetchSize,
            Supplier<ComplianceSummary> newSummary, Consumer<ComplianceSummary> completed, LongConsumer copied) {
        for (int attempt = 1; ; attempt++) {
            clear(store, table, snapshotId);
            try (ComplianceSummary seen = newSummary == null ? null : newSummary.get()) {
                long rows = SnapshotExtractor.copy(source, store, snapshotId, table, file, parameters, fetchSize, seen,
                        copied);
                if (seen != null) {
                    completed.accept(seen);
                }
                if (attempt > 1) {
                    log.info("extract {}: succeeded on attempt {} of {}", file.path(), attempt, policy.attempts());
                }
                return rows;
            } catch (RuntimeException e) {
                if (!TransientErrors.isTransient(e)) {
                    throw e;
                }
                if (attempt >= policy.attempts()) {
                    clear(store, table, snapshotId);
                    throw new SourceException(file.path() + ": still failing after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + " (" + TransientErrors.describe(e) + ": "
                            + SourceErrors.firstLine(SourceErrors.rootMessage(e)) + "); the site database was busy or the"
                            + " connection dropped: run `restart` later, or raise patchproof.source.retry.attempts", e);
                }
                Duration pause = policy.pauseBefore(attempt + 1);
                log.warn("extract {}: transient failure on attempt {} of {} ({}: {}); retrying in {} ms", file.path(),
                        attempt, policy.attempts(), TransientErrors.describe(e),
                        SourceErrors.firstLine(SourceErrors.rootMessage(e)), pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SourceException(file.path() + ": interrupted while waiting to retry", e);
                }
            }
        }
    }

    /** Deletes this snapshot's rows of one table and commits, on a connection of its own. */
    static void clear(DataSource store, SnapshotTable table, long snapshotId) {
        try (Connection c = store.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table.table() + " WHERE snapshot_id = ?")) {
                delete.setLong(1, snapshotId);
                int removed = delete.executeUpdate();
                if (removed > 0) {
                    log.info("extract: removed {} rows an earlier attempt left in {}", removed, table.table());
                }
                ValueAudit.clear(c, table, snapshotId);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear " + table.table() + " of snapshot " + snapshotId + " in the local store", e);
        }
    }
}
