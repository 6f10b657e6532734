package io.patchproof.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The values of one copy that the snapshot holds as unknown (NULL) although the source returned
 * something, and the rows whose key is NULL, each kept with what the source returned so that the
 * Data quality sheet can name the host, the column and the value:
 *
 * <ul>
 *   <li>{@link Kind#UNREADABLE}: a value that does not convert to the column's type (a view that
 *       declares {@code LastBootUpTime0} as text holding {@code 'last tuesday'}, an offset
 *       {@code 'GMT+01:00'}). One such value never fails the copy.</li>
 *   <li>{@link Kind#IMPOSSIBLE_DATE}: an observed time before {@value #EARLIEST_YEAR} or more than
 *       a day after the source was read (a {@code 9999-12-31}, SQL Server's zero date
 *       {@code 1900-01-01}). Such a time would decide a freshness figure, the as-of check or a
 *       verdict, so it is unknown everywhere. The day's margin covers client clocks east of UTC.
 *       Maintenance-window start times are plans, not observations, and are not checked. A boot
 *       time is checked against the past only: a boot later than the inventory or the as-of date is
 *       a clock anomaly the rules already read as unknown and list by that name, whatever the day
 *       the site is read (so a demo database reads the same every day).</li>
 *   <li>{@link Kind#NULL_KEY}: a host without ResourceID, an update without CI_ID, a compliance
 *       row without either. The row is kept (it is counted) but joins nothing.</li>
 * </ul>
 *
 * <p>At most {@value #LISTED} values per column and kind are kept one by one; all are counted.
 * Kept in the local store beside the snapshot ({@code pp_snap_value_issue},
 * {@code pp_snap_value_issue_count}) and deleted with it. Not thread-safe: one per copy, fed by
 * the copy's reading thread.
 */
public final class ValueAudit {

    /** What is wrong with a value. */
    public enum Kind {
        UNREADABLE, IMPOSSIBLE_DATE, NULL_KEY
    }

    static final int EARLIEST_YEAR = 1990;
    /** Times before this are impossible: no site database holds an observation from before it. */
    public static final LocalDateTime EARLIEST = LocalDate.of(EARLIEST_YEAR, 1, 1).atStartOfDay();
    public static final int LISTED = 1000;
    static final int RAW_LENGTH = 100;

    private final SnapshotTable table;
    private final String file;
    private final LocalDateTime latest;
    private final String[] names;
    private final String[] sourceColumns;
    private final boolean[] datesChecked;
    private final boolean[] futureChecked;
    private final boolean[] keys;
    private final int resourceColumn;
    private final int ciColumn;
    private final Map<String, Count> counts = new LinkedHashMap<>();
    private final List<Object[]> listed = new ArrayList<>();
    private final List<Object[]> pending = new ArrayList<>();

    private record Count(int column, Kind kind, long[] total) {
    }

    /**
     * @param readAt when the source was read (UTC); times more than a day later are impossible
     */
    ValueAudit(SnapshotTable table, SqlFile file, LocalDateTime readAt) {
        this.table = table;
        this.file = file.path().substring(file.path().lastIndexOf('/') + 1);
        this.latest = readAt.plusDays(1);
        List<String> columns = table.columnNames();
        int n = columns.size();
        names = columns.toArray(String[]::new);
        sourceColumns = new String[n];
        datesChecked = new boolean[n];
        futureChecked = new boolean[n];
        keys = new boolean[n];
        ColumnType[] types = table.columns().values().toArray(ColumnType[]::new);
        for (int c = 0; c < n; c++) {
            sourceColumns[c] = sourceColumn(file.text(), names[c]);
            datesChecked[c] = types[c] == ColumnType.TIME && table != SnapshotTable.WINDOWS;
            futureChecked[c] = datesChecked[c] && !(table == SnapshotTable.HOSTS && names[c].equals("lastBootLocal"));
            keys[c] = switch (table) {
                case HOSTS -> names[c].equals("resourceId");
                case UPDATES -> names[c].equals("ciId");
                case COMPLIANCE -> names[c].equals("resourceId") || names[c].equals("ciId");
                default -> false;
            };
        }
        resourceColumn = columns.indexOf("resourceId");
        ciColumn = columns.indexOf("ciId");
    }

    /** The read time of the snapshot as recorded when its extract began, or now for a copy outside a snapshot. */
    static LocalDateTime readAt(DataSource store, long snapshotId) {
        try (Connection c = store.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT started_at FROM pp_snapshot WHERE snapshot_id = ?")) {
            q.setLong(1, snapshotId);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    return rs.getObject(1, LocalDateTime.class);
                }
            }
        } catch (SQLException e) {
            // a store without the snapshot table: a copy made by a test of the extractor alone
        }
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    /** A value of column {@code column} of the row being read did not convert; the snapshot gets NULL. */
    void unreadable(int column, String raw, String why) {
        pending.add(new Object[] {column, Kind.UNREADABLE, raw, why});
    }

    /**
     * Checks a row once all its values are read: impossible dates become NULL, NULL keys are
     * noted, and what {@link #unreadable} noted for the row is kept with the row's keys.
     */
    void row(long seq, Object[] row) {
        for (int c = 0; c < row.length; c++) {
            if (datesChecked[c] && row[c] instanceof LocalDateTime t
                    && (t.isBefore(EARLIEST) || futureChecked[c] && t.isAfter(latest))) {
                pending.add(new Object[] {c, Kind.IMPOSSIBLE_DATE, t.toString().replace('T', ' '),
                        t.isBefore(EARLIEST) ? "before " + EARLIEST_YEAR : "after the source was read (" + readAt() + " UTC) + 1 day"});
                row[c] = null;
            }
            if (keys[c] && row[c] == null) {
                pending.add(new Object[] {c, Kind.NULL_KEY, identity(row), "joins nothing"});
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        Integer resourceId = resourceColumn < 0 ? null : (Integer) row[resourceColumn];
        Integer ciId = ciColumn < 0 ? null : (Integer) row[ciColumn];
        for (Object[] p : pending) {
            int c = (Integer) p[0];
            Kind kind = (Kind) p[1];
            long[] total = counts.computeIfAbsent(names[c] + "|" + kind, k -> new Count(c, kind, new long[1])).total();
            total[0]++;
            if (total[0] <= LISTED) {
                listed.add(new Object[] {names[c], sourceColumns[c], kind.name(), seq, resourceId, ciId, truncate((String) p[2]),
                        (String) p[3]});
            }
        }
        pending.clear();
    }

    private String readAt() {
        return latest.minusDays(1).withNano(0).toString().replace('T', ' ');
    }

    /** Whether anything was found. */
    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** How many values of a kind were found in one column (for tests and the log). */
    long count(String column, Kind kind) {
        Count c = counts.get(column + "|" + kind);
        return c == null ? 0 : c.total()[0];
    }

    /** A short account for the copy's log line, or "" when nothing was found. */
    String describe() {
        StringBuilder b = new StringBuilder();
        counts.values().forEach(c -> b.append(b.length() == 0 ? "" : ", ").append(c.total()[0]).append(' ')
                .append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ')
                .append(sourceColumns[c.column()]));
        return b.toString();
    }

    /** Keeps what was found beside the snapshot, committed on a connection of its own. */
    void save(DataSource store, long snapshotId) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (Connection c = store.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement detail = c.prepareStatement("INSERT INTO pp_snap_value_issue (snapshot_id, table_name,"
                    + " column_name, source_column, kind, seq, resource_id, ci_id, raw_value, note, file_name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement count = c.prepareStatement("INSERT INTO pp_snap_value_issue_count (snapshot_id,"
                            + " table_name, column_name, source_column, kind, total, file_name) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] d : listed) {
                    detail.setLong(1, snapshotId);
                    detail.setString(2, table.table());
                    for (int i = 0; i < 3; i++) {
                        detail.setString(3 + i, (String) d[i]);
                    }
                    detail.setLong(6, (Long) d[3]);
                    setInt(detail, 7, (Integer) d[4]);
                    setInt(detail, 8, (Integer) d[5]);
                    detail.setString(9, (String) d[6]);
                    detail.setString(10, (String) d[7]);
                    detail.setString(11, file);
                    detail.addBatch();
                }
                detail.executeBatch();
                for (Count n : counts.values()) {
                    count.setLong(1, snapshotId);
                    count.setString(2, table.table());
                    count.setString(3, names[n.column()]);
                    count.setString(4, sourceColumns[n.column()]);
                    count.setString(5, n.kind().name());
                    count.setLong(6, n.total()[0]);
                    count.setString(7, file);
                    count.addBatch();
                }
                count.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Deletes what an earlier copy of this table of the snapshot kept (before a retry copies it again). */
    static void clear(Connection c, SnapshotTable table, long snapshotId) throws SQLException {
        for (String t : new String[] {"pp_snap_value_issue", "pp_snap_value_issue_count"}) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + t + " WHERE snapshot_id = ? AND table_name = ?")) {
                delete.setLong(1, snapshotId);
                delete.setString(2, table.table());
                delete.executeUpdate();
            }
        }
    }

    private static void setInt(PreparedStatement ps, int p, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(p, Types.INTEGER);
        } else {
            ps.setInt(p, v);
        }
    }

    /** What identifies a row whose key is NULL, for the Data quality sheet. */
    private String identity(Object[] row) {
        return switch (table) {
            case HOSTS -> "name " + value(row, "name");
            case UPDATES -> "KB" + value(row, "articleId") + " " + value(row, "title");
            case COMPLIANCE -> "ResourceID " + value(row, "resourceId") + ", CI_ID " + value(row, "ciId");
            default -> "";
        };
    }

    private Object value(Object[] row, String column) {
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(column)) {
                return row[c] == null ? "NULL" : row[c];
            }
        }
        return "?";
    }

    static String truncate(String raw) {
        if (raw == null) {
            return null;
        }
        return raw.length() <= RAW_LENGTH ? raw : raw.substring(0, RAW_LENGTH) + "\u2026";
    }

    /**
     * The site's column behind a snapshot column, as the SQL file names it: the expression before
     * {@code AS <alias>} of its select list, followed through a CTE's own alias, without the view
     * alias or brackets ({@code os.[TimeStamp] AS OsTimeStamp ... OsTimeStamp AS osInventoryLocal}
     * gives {@code TimeStamp}). The snapshot column's own name where the expression is not a plain
     * column.
     */
    static String sourceColumn(String sql, String alias) {
        String body = sql.replaceAll("--[^\n]*", "");
        String name = alias;
        for (int depth = 0; depth < 3; depth++) {
            Matcher m = Pattern.compile("([A-Za-z_][\\w.\\[\\]]*)\\s+AS\\s+\\[?" + Pattern.quote(name) + "\\]?(?![\\w])",
                    Pattern.CASE_INSENSITIVE).matcher(body);
            String found = null;
            while (m.find()) {
                found = m.group(1);
            }
            if (found == null) {
                break;
            }
            String column = found.substring(found.lastIndexOf('.') + 1).replace("[", "").replace("]", "");
            if (column.equalsIgnoreCase(name) || column.equalsIgnoreCase("NULL")) {
                return column.equalsIgnoreCase("NULL") ? alias : column;
            }
            name = column;
        }
        return name;
    }
}
