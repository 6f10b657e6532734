package io.patchproof.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Copies the rows of one SQL file from the site database into its snapshot table in the local
 * store, streaming: a forward-only cursor with a fetch size on the source side, batched inserts
 * committed every {@value #COMMIT_EVERY} rows on the store side, the two on their own threads
 * with a short queue between them. Memory stays flat whatever the row count. Every row gets a sequence number, so the snapshot has a stable order for restarts.
 *
 * <p>A value that does not convert to its column's type, an impossible date and a NULL key never
 * fail a copy: the snapshot holds NULL and {@link ValueAudit} keeps what the source returned.
 *
 * <p>Scope values reach the source only as bound parameters. Instants are bound as UTC
 * {@link LocalDateTime}s because the site database's datetime columns have no offset.
 * Not thread-safe; one instance per copy.
 */
public final class SnapshotExtractor {

    private static final Logger log = LoggerFactory.getLogger(SnapshotExtractor.class);
    static final int COMMIT_EVERY = 10_000;

    private SnapshotExtractor() {
    }

    /**
     * @return the number of rows copied
     */
    public static long copy(DataSource source, DataSource store, long snapshotId, SnapshotTable table, SqlFile file,
            Map<String, Object> parameters, int fetchSize) {
        return copy(source, store, snapshotId, table, file, parameters, fetchSize, null);
    }

    /**
     * @param summary null, or (for the compliance table) what every row is handed to as the
     *                cursor passes it
     * @return the number of rows copied
     */
    public static long copy(DataSource source, DataSource store, long snapshotId, SnapshotTable table, SqlFile file,
            Map<String, Object> parameters, int fetchSize, ComplianceSummary summary) {
        return copy(source, store, snapshotId, table, file, parameters, fetchSize, summary, null);
    }

    /**
     * As above, telling {@code copied} (may be null) how many rows are copied so far after every
     * batch written to the store, for the run's progress line.
     */
    public static long copy(DataSource source, DataSource store, long snapshotId, SnapshotTable table, SqlFile file,
            Map<String, Object> parameters, int fetchSize, ComplianceSummary summary, LongConsumer copied) {
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(file.text());
        MapSqlParameterSource params = new MapSqlParameterSource();
        parameters.forEach((k, v) -> params.addValue(k, v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : v));
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, params);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        ColumnType[] types = table.columns().values().toArray(ColumnType[]::new);
        long started = System.nanoTime();
        long rows = 0;
        ValueAudit audit = new ValueAudit(table, file, ValueAudit.readAt(store, snapshotId));
        try (Connection in = source.getConnection();
                StoreWriter writer = new StoreWriter(store, insertSql(table), snapshotId, types, file.path())) {
            try (PreparedStatement query = in.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                query.setFetchSize(fetchSize);
                for (int i = 0; i < values.length; i++) {
                    query.setObject(i + 1, values[i]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    int[] index = new int[types.length];
                    boolean[] asText = new boolean[types.length];
                    int c = 0;
                    for (String name : table.columns().keySet()) {
                        index[c] = rs.findColumn(name);
                        asText[c] = !types[c].readsNatively(rs.getMetaData().getColumnType(index[c]));
                        c++;
                    }
                    Object[][] batch = new Object[BATCH][];
                    int n = 0;
                    while (rs.next()) {
                        Object[] row = new Object[types.length];
                        for (c = 0; c < types.length; c++) {
                            row[c] = read(rs, types[c], index[c], asText[c], audit, c);
                        }
                        audit.row(rows + 1, row);
                        if (summary != null) {
                            summary.row(row);
                        }
                        batch[n++] = row;
                        rows++;
                        if (n == BATCH) {
                            writer.put(batch, n);
                            batch = new Object[BATCH][];
                            n = 0;
                            if (copied != null) {
                                copied.accept(rows);
                            }
                        }
                    }
                    writer.put(batch, n);
                }
            }
            writer.finish();
            audit.save(store, snapshotId);
        } catch (SQLException e) {
            throw SourceErrors.queryFailed(file.path(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("extract {}: {} rows in {} s ({} rows/s)", file.path(), rows, String.format("%.2f", seconds),
                seconds > 0 ? Math.round(rows / seconds) : rows);
        if (!audit.isEmpty()) {
            log.warn("extract {}: read as unknown and listed under Data quality: {}", file.path(), audit.describe());
        }
        return rows;
    }

    static final int BATCH = 1000;

    /**
     * One value. A column the source declares with another type than expected is read as text and
     * converted here ({@link ColumnType#fromText}); a value that does not convert, or that the
     * driver cannot convert (SQLSTATE class 22, data exception), becomes NULL and is noted in
     * {@code audit} with what the source returned. Any other failure ends the copy.
     */
    private static Object read(ResultSet rs, ColumnType type, int column, boolean asText, ValueAudit audit, int c)
            throws SQLException {
        if (asText && type != ColumnType.TEXT) {
            String text = rs.getString(column);
            if (text == null) {
                return null;
            }
            try {
                return type.fromText(text);
            } catch (ColumnType.Unreadable e) {
                audit.unreadable(c, text, e.getMessage());
                return null;
            }
        }
        try {
            return switch (type) {
                case INT -> {
                    long v = rs.getLong(column);
                    if (rs.wasNull()) {
                        yield null;
                    }
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        audit.unreadable(c, Long.toString(v), "out of range");
                        yield null;
                    }
                    yield (int) v;
                }
                case TEXT -> rs.getString(column);
                case TIME -> rs.getObject(column, LocalDateTime.class);
            };
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                throw e;
            }
            String raw;
            try {
                raw = rs.getString(column);
            } catch (SQLException again) {
                raw = null;
            }
            audit.unreadable(c, raw, "does not convert to " + type.expected());
            return null;
        }
    }

    private static void bind(PreparedStatement write, int p, ColumnType type, Object v) throws SQLException {
        switch (type) {
            case INT -> {
                if (v == null) {
                    write.setNull(p, Types.INTEGER);
                } else {
                    write.setInt(p, (Integer) v);
                }
            }
            case TEXT -> write.setString(p, (String) v);
            case TIME -> {
                if (v == null) {
                    write.setNull(p, Types.TIMESTAMP);
                } else {
                    write.setObject(p, v);
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /**
     * The store side of a copy, on a thread of its own: the site database's cursor and the local
     * store's inserts then run at the same time (two cores instead of one after the other). Rows
     * arrive in batches of {@value #BATCH} through a short queue, so memory stays bounded; they are
     * numbered in arrival order (the cursor's order) and committed every {@value #COMMIT_EVERY}
     * rows, as the serial copy did. A failure on either side ends both: the writer rolls back its
     * open transaction and the reader gets the writer's exception.
     */
    private static final class StoreWriter implements AutoCloseable {

        private static final Object[][] END = new Object[0][];

        private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(4);
        private final Thread thread;
        private final DataSource store;
        private final String insert;
        private final long snapshotId;
        private final ColumnType[] types;
        private volatile Throwable failure;
        private boolean finished;

        StoreWriter(DataSource store, String insert, long snapshotId, ColumnType[] types, String file) {
            this.store = store;
            this.insert = insert;
            this.snapshotId = snapshotId;
            this.types = types;
            this.thread = new Thread(this::run, "patchproof-extract-" + file.substring(file.lastIndexOf('/') + 1));
            this.thread.setDaemon(true);
            this.thread.start();
        }

        /** Hands a batch of n rows over; waits while the writer is behind. */
        void put(Object[][] batch, int n) throws SQLException {
            if (n == 0) {
                return;
            }
            Object[][] rows = n == batch.length ? batch : java.util.Arrays.copyOf(batch, n);
            try {
                while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    rethrow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while copying into the local store", e);
            }
            rethrow();
        }

        /** Waits until every row handed over is committed. */
        void finish() throws SQLException {
            finished = true;
            signalEnd();
            join();
            rethrow();
        }

        /** Ends the writer; a copy not finished is rolled back. */
        @Override
        public void close() {
            if (!finished) {
                failure = failure == null ? new CancellationException("the read side failed") : failure;
                queue.clear();
                signalEnd();
                join();
            }
        }

        private void signalEnd() {
            try {
                while (thread.isAlive() && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                    // the writer is busy; it takes END after the batches before it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
            }
        }

        private void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                thread.interrupt();
            }
        }

        private void rethrow() throws SQLException {
            Throwable t = failure;
            if (t instanceof SQLException e) {
                throw e;
            }
            if (t instanceof RuntimeException e && !(t instanceof CancellationException)) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }

        private void run() {
            try (Connection out = store.getConnection()) {
                boolean autoCommit = out.getAutoCommit();
                out.setAutoCommit(false);
                long seq = 0;
                try (PreparedStatement write = out.prepareStatement(insert)) {
                    while (true) {
                        Object[][] rows = queue.take();
                        if (rows == END || failure != null) {
                            break;
                        }
                        for (Object[] row : rows) {
                            seq++;
                            write.setLong(1, snapshotId);
                            write.setLong(2, seq);
                            for (int c = 0; c < types.length; c++) {
                                bind(write, c + 3, types[c], row[c]);
                            }
                            write.addBatch();
                            if (seq % COMMIT_EVERY == 0) {
                                write.executeBatch();
                                out.commit();
                            }
                        }
                        write.executeBatch();
                    }
                    if (failure == null) {
                        out.commit();
                    } else {
                        out.rollback();
                    }
                } catch (SQLException | RuntimeException e) {
                    out.rollback();
                    throw e;
                } finally {
                    out.setAutoCommit(autoCommit);
                }
            } catch (SQLException | RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
                queue.clear();
            } catch (InterruptedException e) {
                failure = failure == null ? new SQLException("interrupted while copying into the local store", e) : failure;
            }
        }
    }

    static String insertSql(SnapshotTable table) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner marks = new StringJoiner(", ", "(", ")");
        names.add("snapshot_id").add("seq");
        marks.add("?").add("?");
        for (String c : table.columns().keySet()) {
            names.add(c);
            marks.add("?");
        }
        return "INSERT INTO " + table.table() + " " + names + " VALUES " + marks;
    }
}
