package io.patchproof.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.util.StreamUtils;

/**
 * The store's own DDL, run on the store's kind of database: every statement that creates, alters
 * or drops a store table or index goes through here (the baseline {@code store/schema.sql}, every
 * migration, the tables made while a run works: the sheet tables, the fire log).
 *
 * <p>The store's scripts are written once, in the SQL that H2 and PostgreSQL run as written
 * (docs/development.md, "A store table"). For SQL Server, {@link #plan} turns each statement
 * into SQL Server's: {@code IF NOT EXISTS} in {@code CREATE TABLE}, {@code ADD COLUMN} and
 * {@code CREATE INDEX} (which SQL Server does not have) becomes a look-up in the JDBC metadata
 * before a plain statement; {@code DROP INDEX} names the index's table, as SQL Server needs; and
 * the types are SQL Server's ({@link #sqlServerTypes}). Because the step works on any statement,
 * a migration added later is run on SQL Server the same way, without a script of its own.
 */
public final class StoreDdl {

    /** Bare {@code VARCHAR} (H2's and PostgreSQL's: unbounded) on SQL Server: the longest that can still be in an index. */
    static final String SQL_SERVER_BARE_VARCHAR = "NVARCHAR(4000)";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern CREATE_TABLE = Pattern.compile("\\s*CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)(.*)", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "\\s*ALTER\\s+TABLE\\s+(\\w+)\\s+ADD\\s+COLUMN\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)(.*)", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+IF\\s+NOT\\s+EXISTS\\s+(\\w+)\\s+ON\\s+(\\w+)(.*)", FLAGS);
    private static final Pattern DROP_INDEX = Pattern.compile("\\s*DROP\\s+INDEX\\s+(IF\\s+EXISTS\\s+)?(\\w+)\\s*", FLAGS);

    private StoreDdl() {
    }

    /** What must hold in the store for a planned statement to run; the statement is skipped otherwise. */
    enum Check {
        /** Always run. */
        NONE,
        /** Run when the table is absent. */
        TABLE_ABSENT,
        /** Run when the table has no such column. */
        COLUMN_ABSENT,
        /** Run when the table has no such index. */
        INDEX_ABSENT,
        /** Run when some store table has the index; {@link #TABLE_OF_INDEX} in the SQL is replaced by that table. */
        INDEX_PRESENT
    }

    /** Stands for the table of the index a {@code DROP INDEX} names, found when it runs. */
    static final String TABLE_OF_INDEX = "<table of the index>";

    /**
     * A statement as the dialect runs it.
     *
     * @param sql    the statement to execute, when {@code check} holds
     * @param check  what to look up first
     * @param table  the table {@code check} is about (null for NONE and INDEX_PRESENT)
     * @param object the column or index {@code check} is about (null for NONE and TABLE_ABSENT)
     */
    record Plan(String sql, Check check, String table, String object) {
    }

    /** A statement of the store's SQL as {@code dialect} runs it (see the class comment). */
    static Plan plan(StoreDialect dialect, String statement) {
        String s = statement.strip();
        if (dialect != StoreDialect.SQL_SERVER) {
            return new Plan(s, Check.NONE, null, null);
        }
        Matcher m = CREATE_TABLE.matcher(s);
        if (m.matches()) {
            return new Plan(sqlServerTypes("CREATE TABLE " + m.group(1) + m.group(2)), Check.TABLE_ABSENT, m.group(1), null);
        }
        m = ADD_COLUMN.matcher(s);
        if (m.matches()) {
            String sql = sqlServerTypes("ALTER TABLE " + m.group(1) + " ADD " + m.group(3) + m.group(4));
            return m.group(2) == null ? new Plan(sql, Check.NONE, null, null)
                    : new Plan(sql, Check.COLUMN_ABSENT, m.group(1), m.group(3));
        }
        m = CREATE_INDEX.matcher(s);
        if (m.matches()) {
            String unique = m.group(1) == null ? "" : "UNIQUE ";
            return new Plan("CREATE " + unique + "INDEX " + m.group(2) + " ON " + m.group(3) + m.group(4),
                    Check.INDEX_ABSENT, m.group(3), m.group(2));
        }
        m = DROP_INDEX.matcher(s);
        if (m.matches()) {
            if (m.group(1) == null) {
                throw new IllegalArgumentException("a store script drops index " + m.group(2) + " without IF EXISTS;"
                        + " on SQL Server the step needs it to find the index's table: write DROP INDEX IF EXISTS "
                        + m.group(2));
            }
            return new Plan("DROP INDEX " + m.group(2) + " ON " + TABLE_OF_INDEX, Check.INDEX_PRESENT, null, m.group(2));
        }
        return new Plan(sqlServerTypes(s), Check.NONE, null, null);
    }

    /**
     * The store's portable types as SQL Server's: {@code BOOLEAN} as {@code BIT} (and its
     * {@code DEFAULT FALSE}/{@code TRUE} as 0/1), {@code TIMESTAMP WITH TIME ZONE} as
     * {@code DATETIMEOFFSET}, {@code TIMESTAMP} as {@code DATETIME2} (SQL Server's
     * {@code TIMESTAMP} is a row version), identity columns as {@code IDENTITY(1,1)}, and text as
     * {@code NVARCHAR} (SCCM's own text is Unicode): {@code VARCHAR(n)} up to 4,000 as
     * {@code NVARCHAR(n)}, longer as {@code NVARCHAR(MAX)}, a bare {@code VARCHAR} as
     * {@value #SQL_SERVER_BARE_VARCHAR}.
     */
    static String sqlServerTypes(String sql) {
        String s = sql.replaceAll("(?i)\\bTIMESTAMP\\s+WITH\\s+TIME\\s+ZONE\\b", "DATETIMEOFFSET")
                .replaceAll("(?i)\\bTIMESTAMP\\b", "DATETIME2")
                .replaceAll("(?i)\\bBOOLEAN\\b", "BIT")
                .replaceAll("(?i)\\bDEFAULT\\s+FALSE\\b", "DEFAULT 0")
                .replaceAll("(?i)\\bDEFAULT\\s+TRUE\\b", "DEFAULT 1")
                .replaceAll("(?i)\\bGENERATED\\s+(BY\\s+DEFAULT|ALWAYS)\\s+AS\\s+IDENTITY\\b", "IDENTITY(1,1)");
        Matcher m = Pattern.compile("(?i)\\bVARCHAR\\b(\\s*\\(\\s*(\\d+|MAX)\\s*\\))?").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String type;
            if (m.group(1) == null) {
                type = SQL_SERVER_BARE_VARCHAR;
            } else if (m.group(2).equalsIgnoreCase("MAX") || Long.parseLong(m.group(2)) > 4000) {
                type = "NVARCHAR(MAX)";
            } else {
                type = "NVARCHAR(" + m.group(2) + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(type));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statements of a store script on the class path, comments left out, in order. */
    public static List<String> statements(String classpathScript) {
        String text;
        try (var in = new ClassPathResource(classpathScript).getInputStream()) {
            text = StreamUtils.copyToString(in, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the store script " + classpathScript + " could not be read: " + e.getMessage(), e);
        }
        return split(text);
    }

    /** Splits a script at {@code ;} outside quotes; {@code --} comments are left out. */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (!quoted && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
                continue;
            }
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (!quoted && ch == ';') {
                add(out, current);
                continue;
            }
            current.append(ch);
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        statement.setLength(0);
    }

    /** Runs one DDL statement of the store's SQL on the store, as its dialect runs it. */
    public static void execute(DataSource dataSource, String statement) {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            execute(c, StoreDialect.ofProduct(c.getMetaData().getDatabaseProductName()), statement);
        } catch (SQLException e) {
            throw new IllegalStateException("the local store could not run " + statement.strip() + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /** Runs the statements of a store script on one connection (in its transaction, if it has one). */
    static void executeScript(Connection c, StoreDialect dialect, String classpathScript) throws SQLException {
        for (String statement : statements(classpathScript)) {
            execute(c, dialect, statement);
        }
    }

    /** Runs one statement on a connection, as {@code dialect} runs it; skipped where its check says so. */
    static void execute(Connection c, StoreDialect dialect, String statement) throws SQLException {
        Plan p = plan(dialect, statement);
        String sql = p.sql();
        DatabaseMetaData meta = c.getMetaData();
        switch (p.check()) {
            case NONE -> { }
            case TABLE_ABSENT -> {
                if (!tables(meta, p.table()).isEmpty()) {
                    return;
                }
            }
            case COLUMN_ABSENT -> {
                if (hasColumn(meta, p.table(), p.object())) {
                    return;
                }
            }
            case INDEX_ABSENT -> {
                if (hasIndex(meta, p.table(), p.object())) {
                    return;
                }
            }
            case INDEX_PRESENT -> {
                Optional<String> table = tableOfIndex(meta, p.object());
                if (table.isEmpty()) {
                    return;
                }
                sql = sql.replace(TABLE_OF_INDEX, table.get());
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The names a table has in the store, as the metadata gives them (as written, upper or lower case). */
    private static List<String> tables(DatabaseMetaData meta, String table) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String name : cases(table)) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    found.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return found;
    }

    private static boolean hasColumn(DatabaseMetaData meta, String table, String column) throws SQLException {
        for (String t : tables(meta, table)) {
            try (ResultSet rs = meta.getColumns(null, null, t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean hasIndex(DatabaseMetaData meta, String table, String index) throws SQLException {
        for (String t : tables(meta, table)) {
            try (ResultSet rs = meta.getIndexInfo(null, null, t, false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null && name.equalsIgnoreCase(index)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The store table ({@code pp_*}) that has the index, if any. */
    private static Optional<String> tableOfIndex(DatabaseMetaData meta, String index) throws SQLException {
        List<String> storeTables = new ArrayList<>();
        for (String pattern : List.of("pp%", "PP%")) {
            try (ResultSet rs = meta.getTables(null, null, pattern, new String[] {"TABLE", "BASE TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toLowerCase(Locale.ROOT).startsWith("pp_")) {
                        storeTables.add(name);
                    }
                }
            }
        }
        for (String t : new LinkedHashSet<>(storeTables)) {
            if (hasIndex(meta, t, index)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static Set<String> cases(String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        names.add(name.toUpperCase(Locale.ROOT));
        names.add(name.toLowerCase(Locale.ROOT));
        return names;
    }
}
