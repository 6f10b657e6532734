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
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Copies the rows of one SQL file from the site database into its snapshot table in the local
 * store, streaming: a forward-only cursor with a fetch size on the source side, batched inserts
 * committed every {@value #COMMIT_EVERY} rows on the store side. Memory stays flat whatever the
 * row count. Every row gets a sequence number, so the snapshot has a stable order for restarts.
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
        ParsedSql parsed = NamedParameterUtils.parseSqlStatement(file.text());
        MapSqlParameterSource params = new MapSqlParameterSource();
        parameters.forEach((k, v) -> params.addValue(k, v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : v));
        String sql = NamedParameterUtils.substituteNamedParameters(parsed, params);
        Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
        Map<String, ColumnType> columns = table.columns();
        String insert = insertSql(table);
        long started = System.nanoTime();
        long rows = 0;
        try (Connection in = source.getConnection();
                Connection out = store.getConnection()) {
            boolean autoCommit = out.getAutoCommit();
            out.setAutoCommit(false);
            try (PreparedStatement query = in.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    PreparedStatement write = out.prepareStatement(insert)) {
                query.setFetchSize(fetchSize);
                for (int i = 0; i < values.length; i++) {
                    query.setObject(i + 1, values[i]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    int[] index = new int[columns.size()];
                    int c = 0;
                    for (String name : columns.keySet()) {
                        index[c++] = rs.findColumn(name);
                    }
                    while (rs.next()) {
                        rows++;
                        write.setLong(1, snapshotId);
                        write.setLong(2, rows);
                        int p = 3;
                        c = 0;
                        for (ColumnType type : columns.values()) {
                            bind(write, p++, type, rs, index[c++]);
                        }
                        write.addBatch();
                        if (rows % 1000 == 0) {
                            write.executeBatch();
                        }
                        if (rows % COMMIT_EVERY == 0) {
                            out.commit();
                        }
                    }
                }
                write.executeBatch();
                out.commit();
            } catch (SQLException | RuntimeException e) {
                out.rollback();
                throw e;
            } finally {
                out.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw SourceErrors.queryFailed(file.path(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("extract {}: {} rows in {} s ({} rows/s)", file.path(), rows, String.format("%.2f", seconds),
                seconds > 0 ? Math.round(rows / seconds) : rows);
        return rows;
    }

    private static void bind(PreparedStatement write, int p, ColumnType type, ResultSet rs, int column) throws SQLException {
        switch (type) {
            case INT -> {
                long v = rs.getLong(column);
                if (rs.wasNull()) {
                    write.setNull(p, Types.INTEGER);
                } else {
                    write.setInt(p, (int) v);
                }
            }
            case TEXT -> write.setString(p, rs.getString(column));
            case TIME -> {
                LocalDateTime v = rs.getObject(column, LocalDateTime.class);
                if (v == null) {
                    write.setNull(p, Types.TIMESTAMP);
                } else {
                    write.setObject(p, v);
                }
            }
            default -> throw new IllegalStateException(type.name());
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
