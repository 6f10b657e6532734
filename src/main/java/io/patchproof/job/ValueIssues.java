package io.patchproof.job;

import io.patchproof.reconcile.HostFacts;
import io.patchproof.report.DataQualityEntry;
import io.patchproof.source.ValueAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The Data quality sheet's lines for what the extract read as unknown or found without a key
 * ({@link ValueAudit}): one per value kept one by one, naming the host, the site's column and what
 * the source returned, and one more per column where more were found than are kept. Read from the
 * few rows kept beside the snapshot, never from the compliance rows themselves.
 */
final class ValueIssues {

    static final String UNREADABLE = "Unreadable value";
    static final String IMPOSSIBLE_DATE = "Impossible date";
    static final String NULL_KEY = "NULL key";

    private ValueIssues() {
    }

    static List<DataQualityEntry> entries(JdbcTemplate jdbc, long snapshotId, Map<Integer, HostFacts> hosts) {
        List<DataQualityEntry> entries = new ArrayList<>();
        jdbc.query("SELECT v.table_name, v.source_column, v.kind, v.seq, v.resource_id, v.ci_id, v.raw_value, v.note,"
                + " v.file_name, h.name FROM pp_snap_value_issue v LEFT JOIN pp_snap_host h ON v.table_name = 'pp_snap_host'"
                + " AND h.snapshot_id = v.snapshot_id AND h.seq = v.seq WHERE v.snapshot_id = ?"
                + " ORDER BY v.table_name, v.column_name, v.kind, v.seq", (RowCallbackHandler) rs -> {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    ValueAudit.Kind kind = ValueAudit.Kind.valueOf(rs.getString(3));
                    Integer resourceId = (Integer) rs.getObject(5);
                    Integer ciId = (Integer) rs.getObject(6);
                    String raw = rs.getString(7);
                    String note = rs.getString(8);
                    String where = rs.getString(9) + " row " + rs.getLong(4);
                    String host = rs.getString(10);
                    if (host == null && resourceId != null && hosts.containsKey(resourceId)) {
                        host = hosts.get(resourceId).name();
                    }
                    String update = "pp_snap_compliance".equals(table) && ciId != null ? ", CI_ID " + ciId : "";
                    entries.add(switch (kind) {
                        case UNREADABLE -> new DataQualityEntry(UNREADABLE, resourceId, host, column + " = '" + raw + "' ("
                                + note + "): read as unknown (" + where + update + ")");
                        case IMPOSSIBLE_DATE -> new DataQualityEntry(IMPOSSIBLE_DATE, resourceId, host, column + " = " + raw
                                + ", " + note + ": read as unknown, used in no figure or verdict (" + where + update + ")");
                        case NULL_KEY -> new DataQualityEntry(NULL_KEY, resourceId, host, nullKey(table, column, raw) + " ("
                                + where + ")");
                    });
                }, snapshotId);
        jdbc.query("SELECT source_column, kind, total, file_name FROM pp_snap_value_issue_count WHERE snapshot_id = ?"
                + " AND total > ? ORDER BY table_name, column_name, kind", (RowCallbackHandler) rs -> {
                    ValueAudit.Kind kind = ValueAudit.Kind.valueOf(rs.getString(2));
                    String category = switch (kind) {
                        case UNREADABLE -> UNREADABLE;
                        case IMPOSSIBLE_DATE -> IMPOSSIBLE_DATE;
                        case NULL_KEY -> NULL_KEY;
                    };
                    entries.add(new DataQualityEntry(category, null, null, rs.getLong(3) + " values of " + rs.getString(1)
                            + " (" + rs.getString(4) + ") in all, read as unknown; the first " + ValueAudit.LISTED
                            + " are listed one by one"));
                }, snapshotId, ValueAudit.LISTED);
        return entries;
    }

    private static String nullKey(String table, String column, String identity) {
        return switch (table) {
            case "pp_snap_host" -> "discovery record without " + column + " (" + identity + "): joins no compliance row,"
                    + " collection or inventory";
            case "pp_snap_update" -> "update without " + column + " (" + identity + "): joins no compliance row";
            default -> "compliance row without " + column + " (" + identity + "): joins nothing, out of scope";
        };
    }
}
