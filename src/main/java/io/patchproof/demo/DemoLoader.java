package io.patchproof.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batched inserts into the demo tables: one prepared statement per table, executed every
 * {@value #BATCH} rows, committed every {@value #COMMIT} rows, so memory stays flat whatever the
 * host count. The connection must have auto-commit off. Not thread-safe.
 */
final class DemoLoader implements AutoCloseable {

    private static final int BATCH = 1_000;
    private static final int COMMIT = 50_000;

    private final Connection connection;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private long sinceCommit;

    DemoLoader(Connection connection) {
        this.connection = connection;
    }

    /** Adds one row; {@code values} in the table's column order. */
    void add(String table, Object... values) throws SQLException {
        Table t = tables.get(table);
        if (t == null) {
            t = new Table(connection.prepareStatement(insert(table, values.length)));
            tables.put(table, t);
        }
        PreparedStatement ps = t.statement;
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.addBatch();
        t.rows++;
        if (++t.pending == BATCH) {
            ps.executeBatch();
            t.pending = 0;
        }
        if (++sinceCommit == COMMIT) {
            commit();
        }
    }

    /** Executes every pending batch and commits. */
    void commit() throws SQLException {
        for (Table t : tables.values()) {
            if (t.pending > 0) {
                t.statement.executeBatch();
                t.pending = 0;
            }
        }
        connection.commit();
        sinceCommit = 0;
    }

    /** Rows added per table, in the order the tables were first used. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach((name, t) -> counts.put(name, t.rows));
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Table t : tables.values()) {
            try {
                t.statement.close();
            }
            catch (SQLException ex) {
                if (first == null) {
                    first = ex;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String insert(String table, int columns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }

    private static final class Table {
        final PreparedStatement statement;
        int pending;
        long rows;

        Table(PreparedStatement statement) {
            this.statement = statement;
        }
    }
}
