package io.patchproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryStore;
import io.patchproof.job.RunStore;
import io.patchproof.schedule.FireLog;
import io.patchproof.testsupport.SqlServerLint;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The store's own statements with the SQL Server dialect forced, on H2 in {@code MODE=MSSQLServer}
 * (there is no SQL Server here). The store is reported as "Microsoft SQL Server" by its metadata,
 * so {@link StoreDialect#of} picks SQL Server and every DDL statement goes through SQL Server's
 * planning ({@link StoreDdl}); each statement the store code sends is recorded and linted.
 *
 * <p>What it proves: the planned statements are well formed, the existence look-ups keep a second
 * start from creating anything twice, the types SQL Server gets (NVARCHAR, DATETIME2, BIT,
 * DATETIMEOFFSET, IDENTITY) are accepted by a parser that knows them, and no statement sent has a
 * construct SQL Server refuses. What it does not prove: SQL Server's own parser, locking,
 * collation and type conversions (H2 is not SQL Server), nor Spring Batch's and Quartz's SQL
 * Server scripts (theirs, not run here).
 */
class SqlServerModeStoreTests {

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE");
    private final DataSource store = asSqlServer(h2, sent);
    private final JdbcTemplate jdbc = new JdbcTemplate(store);

    @Test
    void theSchemaAndEveryMigrationRunAndASecondStartChangesNothing() {
        assertThat(StoreDialect.of(store)).isEqualTo(StoreDialect.SQL_SERVER);
        assertThat(StoreSchema.upgrade(store)).isZero();
        assertThat(StoreSchema.currentVersion(jdbc)).isEqualTo(StoreSchema.VERSION);
        int statements = sent.size();

        assertThat(StoreSchema.upgrade(store)).isEqualTo(StoreSchema.VERSION);

        List<String> secondStart = sent.subList(statements, sent.size());
        assertThat(secondStart).noneMatch(s -> s.matches("(?is)\\s*(CREATE|ALTER|DROP)\\b.*"));
        assertThat(lintOfWhatWasSent()).isEmpty();
    }

    @Test
    void theTablesHaveSqlServersTypes() {
        StoreSchema.upgrade(store);

        assertThat(columnType("pp_snapshot", "newest_state_known")).isEqualTo("BOOLEAN");
        assertThat(columnType("pp_snapshot", "started_at")).startsWith("TIMESTAMP");
        assertThat(columnLength("pp_snap_host", "name")).isEqualTo(4000);
        assertThat(columnLength("pp_snapshot", "snapshot_key")).isEqualTo(2000);
        assertThat(columnLength("pp_run_exceptions", "content")).isGreaterThan(1_000_000);
        assertThat(sent).anyMatch(s -> s.startsWith("CREATE TABLE pp_run_exceptions") && s.contains("NVARCHAR(MAX)"));
        assertThat(sent).anyMatch(s -> s.startsWith("CREATE TABLE pp_snapshot") && s.contains("DATETIME2"));
    }

    @Test
    void theTablesAStepMakesRunAndAreMadeOnce() {
        StoreSchema.upgrade(store);
        RunStore runStore = new RunStore(store, false);
        runStore.createSheetTable(7, 1);
        runStore.createSheetTable(7, 1);
        assertThat(runStore.hasSheetTable(7)).isTrue();
        jdbc.update("INSERT INTO pp_sheet_7 (seq, verdict, superseded, severity, resource_id, ci_id)"
                + " VALUES (1, 'NOT_IN_EFFECT', ?, 'CRITICAL', 10, 20)", false);
        HistoryStore history = new HistoryStore(jdbc);
        history.keepPoint(new HistoryKey("PP1", "configmgr", ""), LocalDate.of(2026, 9, 16), 7, "pp_sheet_7");
        history.keepPoint(new HistoryKey("PP1", "configmgr", ""), LocalDate.of(2026, 9, 16), 7, "pp_sheet_7");
        runStore.dropFindings(7);
        assertThat(runStore.hasSheetTable(7)).isFalse();

        FireLog fires = new FireLog(store);
        fires.createIfAbsent();
        fires.createIfAbsent();
        assertThat(fires.exists()).isTrue();
        assertThat(fires.newest(5)).isEmpty();

        assertThat(sent).anyMatch(s -> s.startsWith("CREATE TABLE pp_schedule_fire") && s.contains("IDENTITY(1,1)")
                && s.contains("DATETIMEOFFSET") && s.contains("BIT DEFAULT 0"));
        assertThat(sent.stream().filter(s -> s.startsWith("CREATE INDEX pp_sheet_7_pair"))).hasSize(1);
        assertThat(lintOfWhatWasSent()).isEmpty();
    }

    private Map<String, List<String>> lintOfWhatWasSent() {
        Map<String, List<String>> found = new LinkedHashMap<>();
        synchronized (sent) {
            for (String s : sent) {
                List<String> problems = SqlServerLint.problems(s);
                // the store's own statements; the metadata look-ups are the driver's
                if (s.toLowerCase().contains("pp_") && !problems.isEmpty()) {
                    found.put(s, problems);
                }
            }
        }
        return found;
    }

    private String columnType(String table, String column) {
        return jdbc.queryForObject("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ?"
                + " AND LOWER(COLUMN_NAME) = ?", String.class, table, column.toLowerCase());
    }

    private long columnLength(String table, String column) {
        Long n = jdbc.queryForObject("SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE LOWER(TABLE_NAME) = ? AND LOWER(COLUMN_NAME) = ?", Long.class, table, column.toLowerCase());
        return n == null ? -1 : n;
    }

    /** The H2 store, reported as SQL Server by its metadata, every statement text it is sent recorded. */
    static DataSource asSqlServer(DataSource h2, List<String> sent) {
        return new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return connection(super.getConnection(), sent);
            }
        };
    }

    private static Connection connection(Connection c, List<String> sent) {
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (name.equals("prepareStatement") || name.equals("prepareCall"))) {
                sent.add(sql.strip());
            }
            Object result = invoke(c, method, args);
            if (name.equals("getMetaData")) {
                return metaData((DatabaseMetaData) result, (Connection) proxy);
            }
            if (name.equals("createStatement")) {
                return statement((Statement) result, sent);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(SqlServerModeStoreTests.class.getClassLoader(),
                new Class<?>[] {Connection.class}, h);
    }

    private static DatabaseMetaData metaData(DatabaseMetaData meta, Connection proxy) {
        InvocationHandler h = (p, method, args) -> switch (method.getName()) {
            case "getDatabaseProductName" -> "Microsoft SQL Server";
            case "getConnection" -> proxy;
            default -> invoke(meta, method, args);
        };
        return (DatabaseMetaData) Proxy.newProxyInstance(SqlServerModeStoreTests.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, h);
    }

    private static Statement statement(Statement s, List<String> sent) {
        InvocationHandler h = (p, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql && method.getName().startsWith("execute")
                    || args != null && args.length > 0 && args[0] instanceof String && method.getName().equals("addBatch")) {
                sent.add(((String) args[0]).strip());
            }
            return invoke(s, method, args);
        };
        return (Statement) Proxy.newProxyInstance(SqlServerModeStoreTests.class.getClassLoader(),
                new Class<?>[] {Statement.class}, h);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
