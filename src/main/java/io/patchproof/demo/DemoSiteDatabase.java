package io.patchproof.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated ConfigMgr site database for the demo and the tests: an H2 file database in
 * {@code MODE=MSSQLServer} whose views carry the real ConfigMgr view and column names
 * ({@code v_R_System}, {@code v_UpdateComplianceStatus}, {@code v_GS_OPERATING_SYSTEM}, ...), so
 * the queries under {@code sql/configmgr} run against it unchanged.
 *
 * <h2>Shape</h2>
 * The story of the design: a company whose servers reported two years of patches installed
 * while none of them was in effect. With the default 8,450 hosts: 450 servers and 8,000
 * workstations (other counts scale, with at least ten servers); as-of date {@link #AS_OF}, the
 * Monday after November 2026's Patch Tuesday.
 * <ul>
 * <li>Updates: monthly cumulative and .NET updates for Windows Server 2016/2019/2022 and Windows
 * 10/11 from December 2024 to November 2026 (second Tuesday), the Malicious Software Removal Tool,
 * quarterly servicing stack and "Critical Updates", one out-of-band critical update released on
 * 2026-10-23 (bulletin MS26-067, a Friday, outside the Patch Tuesday rhythm), weekly definition
 * updates (not reboot-dependent), superseded and expired updates, an update group, and titles that
 * start with {@code = + - @} or a tab, or hold accents, CJK and a character outside the BMP.</li>
 * <li>The deployment flow of a current site (Microsoft KB 3090265): an update that needs a restart
 * raises enforcement state 9 at the install and stays Status 2 until the restart; the detection scan
 * shortly after the restart raises state 10 and Status 3. An update that needs none gets both at
 * once. Installs outside a deployment (servers patched by hand, users running Windows Update) send
 * no enforcement message: waiting for their restart they are Status 2 with no message, like a
 * missing update, on a host whose ClientState has the Windows Update bit.</li>
 * <li>Servers: about a third last booted more than two years ago (restarts suppressed) and report
 * every update installed since as "installed, pending restart" (state 9, Status 2) for months —
 * installed on paper; others restart in Saturday or Sunday maintenance windows, domain controllers
 * on the third Wednesday (so November's updates are still required on the as-of date), some are
 * patched by hand.</li>
 * <li>Pending restarts and odd records: state 9 on workstations whose users postpone the restart,
 * a few stale 9s on hosts that booted after the message (some with Status 3: the state-10 message
 * was lost), a few records that disagree (Status 3 and state 10 for an install after the last boot
 * that an inventory after the message reports), ClientState flags 0/1/2/4/5/8.</li>
 * <li>Scans: some failed (LastScanState 5), some clients' scans stopped weeks ago (their compliance
 * rows are what the site knew then). Classifications carry their WSUS classification GUIDs
 * (CategoryInstance_UniqueID).</li>
 * <li>Data quality: failed installs (state 11 with an HRESULT), missing updates, inventory months
 * old, missing boot times, boots in the future, clients whose time zone is unknown or only in one
 * of CurrentTimeZone0/TimeZoneOffset, duplicate host names (an obsolete record of a re-imaged
 * machine), obsolete, decommissioned, inactive and non-client records, clients that never scanned,
 * host names with {@code _ % '}, QFE dates as {@code M/d/yyyy}, {@code yyyyMMdd} or FILETIME hex,
 * unknown state codes, compliance rows of deleted records and of unknown updates.</li>
 * <li>Collections: SMS00001 All Systems (site code PP1), server patch groups and workstation rings
 * with maintenance windows, one window disabled.</li>
 * </ul>
 * Inventory times (LastBootUpTime0, TimeStamp, LastHWScan) are the client's local time;
 * state-message and scan times are UTC. Every time lies before the as-of date except the
 * deliberate future boots.
 *
 * <h2>The SMS 2003 variant</h2>
 * {@link #ensure(Path, String, int, long) ensure(dir, "sms2003", hosts, seed)} builds the story's
 * own site: an SMS 2003 database with the Inventory Tool for Microsoft Updates
 * ({@code v_GS_PatchStatusEx}, {@code v_ApplicableUpdatesSummaryEx}) as of {@link #SMS2003_AS_OF},
 * the Friday after November 2008's Patch Tuesday. Same host counts (450 servers, 8,000
 * workstations by default); Windows 2000, XP and Server 2003; two years of monthly bulletins
 * (MS06-066 to MS08-069) and the out-of-band MS08-067 (KB958644) of 23 October 2008. About a third
 * of the servers last booted before November 2006, yet ITMU's scan reports most of what was
 * installed since, MS08-067 included, as 'Installed': the SMS agent installed it ('Install
 * Verified', with its AgentInstallDate) or an administrator did by hand (no state name, no
 * AgentInstallDate), and the restart never came. Other rows are 'Reboot pending' (some installed by
 * Windows Update, without an AgentInstallDate), 'Install Pending', 'Applicable' or 'Failed'; a few
 * carry a state name the default mapping does not know, or none; a few hosts also carry rows of
 * the older Security Update Inventory Tool for bulletins ITMU reports too. No maintenance windows,
 * categories, severities, Decommissioned0 or TimeZoneOffset: SMS 2003 had none of them.
 * AgentInstallDate, ScanDateTime and inventory times are client local time.
 *
 * <h2>Determinism and files</h2>
 * The rows are a function of (schema, host count, seed) only: the same seed gives the same data,
 * row for row. {@link #ensure} builds {@code <dir>/<schema>-<hosts>-<seed>.mv.db} on first use into a
 * temporary name and renames it when complete, so a crash never leaves a file that looks
 * finished; a file written by another {@link #GENERATOR_VERSION} is rebuilt. Building is
 * streamed (one host at a time, batched inserts) so memory stays flat.
 *
 * <p>Thread-safe: concurrent {@link #ensure} calls for the same file build it once.
 */
public final class DemoSiteDatabase {

    /** Schema profile of the generated database (the default variant). */
    public static final String SCHEMA = "configmgr";
    /** Schema profile of the SMS 2003 variant. */
    public static final String SMS2003 = "sms2003";
    /** The demo's own as-of date: the Monday after November 2026's Patch Tuesday (10 November). */
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);
    /** The SMS 2003 variant's as-of date: the Friday after November 2008's Patch Tuesday (11 November). */
    public static final LocalDate SMS2003_AS_OF = LocalDate.of(2008, 11, 14);
    public static final int DEFAULT_HOSTS = 8_450;
    /** 23 October 2008, the day MS08-067 was released. */
    public static final long DEFAULT_SEED = 20_081_023L;
    /** Bump whenever generated rows change; older files are rebuilt. */
    public static final int GENERATOR_VERSION = 3;
    /** The same for the SMS 2003 variant. */
    public static final int SMS2003_GENERATOR_VERSION = 2;
    public static final int MIN_HOSTS = 20;
    /** How many monthly as-of dates before {@link #AS_OF} the demo's history holds ({@link #historyDates()}). */
    public static final int HISTORY_MONTHS = 12;
    public static final int MAX_HOSTS = 2_000_000;

    static final String H2_MODE = "MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    private static final Logger log = LoggerFactory.getLogger(DemoSiteDatabase.class);
    private static final Object BUILD_LOCK = new Object();
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private DemoSiteDatabase() {
    }

    /**
     * Returns the ConfigMgr demo database for (hosts, seed) in {@code dir}, building it first if it
     * is missing or was written by another generator version.
     *
     * @return the database file without its {@code .mv.db} extension, for {@link #jdbcUrl(Path)}
     * @throws IllegalArgumentException if {@code hosts} is outside {@value #MIN_HOSTS}..{@value #MAX_HOSTS}
     * @throws IllegalStateException    if the file is held open for writing by another process
     */
    public static Path ensure(Path dir, int hosts, long seed) {
        return ensure(dir, SCHEMA, hosts, seed);
    }

    /**
     * Returns the demo database of {@code schema} ({@value #SCHEMA} or {@value #SMS2003}) for
     * (hosts, seed) in {@code dir}, building it first if it is missing or was written by another
     * generator version.
     *
     * @return the database file without its {@code .mv.db} extension, for {@link #jdbcUrl(Path)}
     * @throws IllegalArgumentException if the schema is neither, or {@code hosts} is outside
     *                                  {@value #MIN_HOSTS}..{@value #MAX_HOSTS}
     * @throws IllegalStateException    if the file is held open for writing by another process
     */
    public static Path ensure(Path dir, String schema, int hosts, long seed) {
        return ensure(dir, schema, hosts, seed, () -> false);
    }

    /**
     * {@link #ensure(Path, String, int, long)} that gives up when {@code stopRequested} says so
     * (asked before every batch of rows while building): it then deletes what it had built and
     * throws {@link BuildStopped}, so no part-built database is left for a later call to find.
     */
    public static Path ensure(Path dir, String schema, int hosts, long seed, BooleanSupplier stopRequested) {
        checkSchema(schema);
        checkHosts(hosts);
        Path base = fileFor(dir, schema, hosts, seed);
        Path file = withSuffix(base, ".mv.db");
        try {
            Files.createDirectories(base.getParent());
            synchronized (BUILD_LOCK) {
                try (FileChannel channel = FileChannel.open(withSuffix(base, ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    if (Files.exists(file) && isCurrent(base, schema, hosts, seed)) {
                        log.debug("Reusing demo site database {}", file);
                        return base;
                    }
                    build(base, file, schema, hosts, seed, stopRequested);
                    return base;
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot build the demo site database " + file, ex);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot build the demo site database " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Where {@link #ensure} keeps the ConfigMgr database for (hosts, seed), without the {@code .mv.db} extension. */
    public static Path fileFor(Path dir, int hosts, long seed) {
        return fileFor(dir, SCHEMA, hosts, seed);
    }

    /** Where {@link #ensure} keeps the database for (schema, hosts, seed), without the {@code .mv.db} extension. */
    public static Path fileFor(Path dir, String schema, int hosts, long seed) {
        checkSchema(schema);
        return dir.toAbsolutePath().normalize().resolve(schema + "-" + hosts + "-" + seed);
    }

    /** The demo's own as-of date for a schema: {@link #AS_OF} or {@link #SMS2003_AS_OF}. */
    public static LocalDate asOf(String schema) {
        checkSchema(schema);
        return SMS2003.equals(schema) ? SMS2003_AS_OF : AS_OF;
    }

    /**
     * A read-only JDBC URL for a database built by {@link #ensure}: SQL Server mode, declared case
     * of identifiers kept, lazy query execution (large results stream instead of materialising),
     * and no silent creation of an empty database.
     *
     * @param dbFileWithoutExtension what {@link #ensure} returned (a trailing {@code .mv.db} is tolerated)
     */
    public static String jdbcUrl(Path dbFileWithoutExtension) {
        String path = dbFileWithoutExtension.toAbsolutePath().normalize().toString();
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        if (path.indexOf(';') >= 0) {
            throw new IllegalArgumentException("The demo database path must not contain ';': " + path);
        }
        return "jdbc:h2:file:" + path + ";" + H2_MODE + ";LAZY_QUERY_EXECUTION=TRUE;IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
    }

    /**
     * Creates the empty schema (base tables and the {@code v_*} views) on {@code connection}, an H2
     * connection in {@code MODE=MSSQLServer}; for tests that insert their own rows.
     */
    public static void createSchema(Connection connection) throws SQLException {
        createSchema(connection, SCHEMA);
    }

    /** {@link #createSchema(Connection)} for either schema. */
    public static void createSchema(Connection connection, String schema) throws SQLException {
        checkSchema(schema);
        if (SMS2003.equals(schema)) {
            Sms2003DemoSchema.createTablesAndViews(connection);
        }
        else {
            DemoSchema.createTablesAndViews(connection);
        }
    }

    /**
     * Creates the schema and writes the whole demo data set on {@code connection} (an empty H2
     * database in {@code MODE=MSSQLServer}, in memory or on disk), committing as it goes.
     *
     * @return rows written per base table
     */
    public static Map<String, Long> generate(Connection connection, int hosts, long seed) throws SQLException {
        return generate(connection, SCHEMA, hosts, seed);
    }

    /** {@link #generate(Connection, int, long)} for either schema. */
    public static Map<String, Long> generate(Connection connection, String schema, int hosts, long seed)
            throws SQLException {
        return generate(connection, schema, hosts, seed, asOf(schema));
    }

    /**
     * The ConfigMgr demo data set as the site database held it on {@code asOf}, a date on or
     * before {@link #AS_OF}: updates released after that date do not exist yet, and no state
     * message, scan, inventory or boot lies after it (bar the deliberate future boots of a few
     * clients with a wrong clock); hosts discovered after it are not there yet, and hosts retired
     * or rebuilt since are still active. The same hosts (names, ResourceIDs, roles, collections)
     * and the same CI_IDs as on the demo's own date. The story moves month by month: servers whose
     * restarts are suppressed stay unrestarted, workstations restart often, and a restart
     * campaign before each quarter-end audit (the Sunday after the quarter's last Patch Tuesday)
     * catches up most servers that restart only then. On {@link #AS_OF} it is the demo's own data.
     *
     * @throws IllegalArgumentException if {@code asOf} is after {@link #AS_OF}
     */
    public static Map<String, Long> generate(Connection connection, int hosts, long seed, LocalDate asOf)
            throws SQLException {
        return generate(connection, SCHEMA, hosts, seed, asOf);
    }

    private static Map<String, Long> generate(Connection connection, String schema, int hosts, long seed, LocalDate asOf)
            throws SQLException {
        checkSchema(schema);
        checkHosts(hosts);
        boolean sms2003 = SMS2003.equals(schema);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            createSchema(connection, schema);
            connection.commit();
            Map<String, Long> counts;
            if (sms2003) {
                counts = new Sms2003DemoGenerator(hosts, seed).generate(connection);
                Sms2003DemoSchema.createIndexes(connection);
            }
            else {
                counts = new DemoGenerator(hosts, seed, asOf).generate(connection);
                DemoSchema.createIndexes(connection);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO site_demo_info VALUES (?, ?)")) {
                Map<String, String> info = new LinkedHashMap<>();
                info.put("generator_version", String.valueOf(generatorVersion(schema)));
                info.put("schema", schema);
                info.put("hosts", String.valueOf(hosts));
                info.put("seed", String.valueOf(seed));
                info.put("as_of", asOf.toString());
                for (Map.Entry<String, String> e : info.entrySet()) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, e.getValue());
                    insert.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
            return counts;
        }
        finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void build(Path base, Path file, String schema, int hosts, long seed, BooleanSupplier stopRequested)
            throws IOException, SQLException {
        Path temporary = withSuffix(base, ".building");
        deleteDatabaseFiles(temporary);
        long started = System.nanoTime();
        Map<String, Long> counts;
        // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM the build ends through stopRequested, not under H2's own hook.
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + temporary + ";" + H2_MODE
                + ";DB_CLOSE_ON_EXIT=FALSE")) {
            counts = generate(StoppableConnection.wrap(connection, stopRequested), schema, hosts, seed);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        }
        catch (SQLException | RuntimeException ex) {
            deleteDatabaseFiles(temporary);
            throw ex;
        }
        Path built = withSuffix(temporary, ".mv.db");
        try {
            Files.move(built, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(built, file, StandardCopyOption.REPLACE_EXISTING);
        }
        deleteDatabaseFiles(temporary);
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        log.info("Built {} demo site database {} ({} hosts, seed {}): {} rows in {} ms", schema, file, hosts, seed, rows,
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The twelve monthly as-of dates of the demo's history, oldest first: the Monday after each
     * Patch Tuesday of the twelve months before {@link #AS_OF} (whose own date is the Monday after
     * November 2026's).
     */
    public static List<LocalDate> historyDates() {
        List<LocalDate> dates = new ArrayList<>();
        YearMonth month = YearMonth.from(AS_OF).minusMonths(HISTORY_MONTHS);
        for (int k = 0; k < HISTORY_MONTHS; k++, month = month.plusMonths(1)) {
            dates.add(DemoCatalog.patchTuesday(month).plusDays(6));
        }
        return List.copyOf(dates);
    }

    /**
     * Where the ConfigMgr demo's past months are generated, one after the other, into one file
     * (for (hosts, seed), without the {@code .mv.db} extension): {@link #buildAsOf} replaces its
     * content for each date.
     */
    public static Path historyFileFor(Path dir, int hosts, long seed) {
        return fileFor(dir, SCHEMA, hosts, seed).resolveSibling(SCHEMA + "-" + hosts + "-" + seed + "-past");
    }

    /**
     * Builds the ConfigMgr demo database as it stood on {@code asOf} ({@link #generate(Connection,
     * int, long, LocalDate)}) into {@code base}, replacing what the file held; gives up when
     * {@code stopRequested} says so (deleting the file, throwing {@link BuildStopped}). Not
     * compacted: the file is read once and replaced. Not for concurrent calls on the same file.
     *
     * @return {@code base}, for {@link #jdbcUrl(Path)}
     */
    public static Path buildAsOf(Path base, int hosts, long seed, LocalDate asOf, BooleanSupplier stopRequested) {
        checkHosts(hosts);
        try {
            Files.createDirectories(base.toAbsolutePath().getParent());
            deleteDatabaseFiles(base);
            try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath() + ";"
                    + H2_MODE + ";DB_CLOSE_ON_EXIT=FALSE")) {
                generate(StoppableConnection.wrap(connection, stopRequested), SCHEMA, hosts, seed, asOf);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
            catch (SQLException | RuntimeException ex) {
                deleteDatabaseFiles(base);
                throw ex;
            }
            return base;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot build the demo site database " + base + ".mv.db", ex);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot build the demo site database " + base + ".mv.db as of " + asOf + ": "
                    + ex.getMessage(), ex);
        }
    }

    /** Deletes what {@link #buildAsOf} left in {@code base}. */
    public static void deleteAsOf(Path base) {
        try {
            deleteDatabaseFiles(base);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot delete the demo site database " + base + ".mv.db", ex);
        }
    }

    /** A build ended because a stop was requested; nothing of it was kept. */
    public static final class BuildStopped extends RuntimeException {
        BuildStopped() {
            super("stop requested while the demo site database was being built");
        }
    }

    private static boolean isCurrent(Path base, String schema, int hosts, long seed) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(base));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT Name, [Value] FROM site_demo_info")) {
            Map<String, String> info = new LinkedHashMap<>();
            while (rs.next()) {
                info.put(rs.getString(1), rs.getString(2));
            }
            boolean current = String.valueOf(generatorVersion(schema)).equals(info.get("generator_version"))
                    && schema.equals(info.getOrDefault("schema", SCHEMA))
                    && String.valueOf(hosts).equals(info.get("hosts")) && String.valueOf(seed).equals(info.get("seed"));
            if (!current) {
                log.info("Rebuilding demo site database {}: it was written by {}", base, info);
            }
            return current;
        }
        catch (SQLException ex) {
            if (ex.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                throw new IllegalStateException("The demo site database " + base + ".mv.db is open in another "
                        + "process; close it and try again", ex);
            }
            log.info("Rebuilding demo site database {}: {}", base, ex.getMessage());
            return false;
        }
    }

    private static void deleteDatabaseFiles(Path base) throws IOException {
        for (String suffix : new String[] {".mv.db", ".trace.db", ".lock.db", ".tempFile"}) {
            Files.deleteIfExists(withSuffix(base, suffix));
        }
    }

    private static Path withSuffix(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }

    private static int generatorVersion(String schema) {
        return SMS2003.equals(schema) ? SMS2003_GENERATOR_VERSION : GENERATOR_VERSION;
    }

    private static void checkSchema(String schema) {
        if (!SCHEMA.equals(schema) && !SMS2003.equals(schema)) {
            throw new IllegalArgumentException("patchproof.demo.schema: '" + schema + "' is not a demo schema; use "
                    + SCHEMA + " or " + SMS2003);
        }
    }

    private static void checkHosts(int hosts) {
        if (hosts < MIN_HOSTS || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("patchproof.demo.hosts: " + hosts + " is outside " + MIN_HOSTS + ".."
                    + MAX_HOSTS);
        }
    }
}
