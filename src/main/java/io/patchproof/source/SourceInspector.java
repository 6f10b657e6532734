package io.patchproof.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * The pre-flight check, run before a job starts so that every problem with the source ends in
 * one clear line and exit code 2 rather than a failed run: connects (unreachable server, failed
 * login), picks the schema profile (configured, or probed: {@code v_UpdateComplianceStatus} →
 * configmgr, else {@code v_GS_PatchStatusEx} → sms2003), checks the view columns every SQL file
 * of the profile declares ({@link SqlFile}: a missing needed column ends the run before it starts,
 * naming view, column and file; an absent optional one is read as {@code NULL}, logged once as a
 * warning and carried in the description, {@link SqlFile#absent()}), and prepares every statement
 * as it will run, checking that it returns every column the snapshot needs (missing view or
 * column). Nothing is executed: columns are looked up in the driver's metadata (what the login can
 * see, as for the probe views), statements are only prepared and described.
 */
public final class SourceInspector {

    private static final Logger log = LoggerFactory.getLogger(SourceInspector.class);

    private SourceInspector() {
    }

    public static SourceDescription inspect(DataSource source, SourceSettings settings) {
        SchemaProfile requested;
        try {
            requested = SchemaProfile.parse(settings.schema());
        } catch (IllegalArgumentException e) {
            throw new SourceException(e.getMessage(), e);
        }
        Connection connection;
        try {
            connection = source.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw SourceErrors.connectFailed(settings, e);
        }
        try (connection) {
            DatabaseMetaData meta = connection.getMetaData();
            SchemaProfile profile;
            String reason;
            if (requested != null) {
                profile = requested;
                reason = "configured (patchproof.source.schema=" + requested.id() + ")";
            } else if (hasView(meta, SchemaProfile.CONFIGMGR.probeView())) {
                profile = SchemaProfile.CONFIGMGR;
                reason = "auto: " + SchemaProfile.CONFIGMGR.probeView() + " present";
            } else if (hasView(meta, SchemaProfile.SMS2003.probeView())) {
                profile = SchemaProfile.SMS2003;
                reason = "auto: " + SchemaProfile.CONFIGMGR.probeView() + " absent, "
                        + SchemaProfile.SMS2003.probeView() + " present";
            } else {
                throw new SourceException("source: " + settings.safeUrl() + " is not a ConfigMgr or SMS 2003 site database"
                        + " the login can read: neither " + SchemaProfile.CONFIGMGR.probeView() + " nor "
                        + SchemaProfile.SMS2003.probeView() + " is visible; check the database name and that the login"
                        + " is a member of smsschm_users, or set patchproof.source.schema");
            }
            List<SourceDescription.Query> queries = new ArrayList<>();
            Map<String, Set<String>> viewColumns = new HashMap<>();
            for (SnapshotTable table : SnapshotTable.values()) {
                if (!table.required() && !(table == SnapshotTable.PRODUCT_TYPES && settings.useProductType())) {
                    continue;
                }
                SqlFile file;
                try {
                    file = SqlFile.load(profile.id(), table.query());
                } catch (RuntimeException e) {
                    throw new SourceException("schema profile " + profile.id() + ": sql/" + profile.id() + "/"
                            + table.query() + ".sql cannot be used: " + e.getMessage(), e);
                }
                file = withDeclaredColumns(meta, viewColumns, file);
                checkColumns(connection, table, file);
                queries.add(new SourceDescription.Query(table, file));
            }
            String login = meta.getUserName();
            String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            SourceDescription description = new SourceDescription(profile, reason, serverOf(settings.url()),
                    connection.getCatalog(), login, product, List.copyOf(queries));
            log.info("site database {} ({}): schema profile {} ({}), {} queries checked", settings.safeUrl(), product,
                    profile.id(), reason, queries.size());
            return description;
        } catch (SQLException e) {
            throw SourceErrors.connectFailed(settings, e);
        }
    }

    static boolean hasView(DatabaseMetaData meta, String name) throws SQLException {
        for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, candidate, new String[] {"VIEW", "TABLE"})) {
                while (rs.next()) {
                    if (name.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Checks the columns the file declares against the site database: a needed column that is not
     * there ends the run (one line naming view, column and file), an optional one that is not there
     * is logged and read as {@code NULL} ({@link SqlFile#withAbsent}).
     */
    static SqlFile withDeclaredColumns(DatabaseMetaData meta, Map<String, Set<String>> viewColumns, SqlFile file)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        for (SqlFile.Column c : file.needs()) {
            Set<String> columns = columnsOf(meta, viewColumns, c.view());
            if (columns.isEmpty()) {
                missing.add(c.name() + " (no view " + c.view() + " is visible)");
            } else if (!columns.contains(c.column())) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceException(file.path() + " needs " + String.join(", ", missing) + ", missing from the site"
                    + " database or not visible to the login: check the site's version and inventory settings, and that"
                    + " the login may read the view (smsschm_users, or the grants in docs/site-database.md)");
        }
        List<SqlFile.Column> absent = new ArrayList<>();
        for (SqlFile.Column c : file.optional()) {
            if (!columnsOf(meta, viewColumns, c.view()).contains(c.column())) {
                absent.add(c);
                log.warn("{}: optional column {} is not in the site database; it is read as NULL", file.path(), c.name());
            }
        }
        return absent.isEmpty() ? file : file.withAbsent(absent);
    }

    /** The columns of a view (or table) as the login sees them, ignoring case; empty when it sees no such view. */
    private static Set<String> columnsOf(DatabaseMetaData meta, Map<String, Set<String>> cache, String view)
            throws SQLException {
        Set<String> known = cache.get(view.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        Set<String> columns = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String candidate : new String[] {view, view.toUpperCase(Locale.ROOT), view.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getColumns(null, null, candidate, null)) {
                while (rs.next()) {
                    if (view.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                        columns.add(rs.getString("COLUMN_NAME"));
                    }
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        cache.put(view.toLowerCase(Locale.ROOT), columns);
        return columns;
    }

    private static void checkColumns(Connection connection, SnapshotTable table, SqlFile file) {
        String sql = NamedParameterUtils.parseSqlStatementIntoString(file.text());
        Set<String> labels = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null) {
                return;
            }
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i));
            }
            warnOnTypes(md, table, file);
        } catch (SQLException e) {
            throw SourceErrors.queryFailed(file.path(), e);
        }
        List<String> missing = new ArrayList<>();
        for (String column : table.columnNames()) {
            if (!labels.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceException(file.path() + ": returns no column " + String.join(", ", missing)
                    + "; the snapshot needs every column of " + table.columnNames()
                    + " (column aliases must keep these names)");
        }
    }

    /**
     * Logs a warning for each column the source declares with another type than the snapshot
     * expects (a custom view with an nvarchar where a datetime is expected). The run goes on: such
     * a column is read as text and each value converted on its own; one that does not convert is
     * read as unknown and listed under Data quality ({@link ValueAudit}).
     */
    static List<String> warnOnTypes(ResultSetMetaData md, SnapshotTable table, SqlFile file) throws SQLException {
        List<String> warnings = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            ColumnType expected = table.columns().get(md.getColumnLabel(i));
            if (expected == null) {
                for (Map.Entry<String, ColumnType> e : table.columns().entrySet()) {
                    if (e.getKey().equalsIgnoreCase(md.getColumnLabel(i))) {
                        expected = e.getValue();
                    }
                }
            }
            if (expected != null && !expected.readsNatively(md.getColumnType(i))) {
                String column = ValueAudit.sourceColumn(file.text(), md.getColumnLabel(i));
                warnings.add(file.path() + ": column " + md.getColumnLabel(i) + " (" + column + ") is "
                        + md.getColumnTypeName(i) + " at this site, not " + expected.expected()
                        + "; its values are converted one by one, and any that does not convert is read as unknown"
                        + " and listed under Data quality");
            }
        }
        warnings.forEach(log::warn);
        return warnings;
    }

    private static final Pattern SERVER = Pattern.compile("^jdbc:(?:sqlserver|jtds:sqlserver)://([^;:/\\\\]*)", Pattern.CASE_INSENSITIVE);

    static String serverOf(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = SERVER.matcher(url);
        if (m.find()) {
            return m.group(1);
        }
        if (url.startsWith("jdbc:h2:")) {
            return "local H2 stand-in";
        }
        return url.replaceAll(";.*", "");
    }
}
