package io.patchproof.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The local store's schema and its version, brought up to date when the store is opened.
 *
 * <p>Version 1 is {@code store/schema.sql}: every statement in it is idempotent ({@code IF NOT
 * EXISTS}), and it is applied at every start as it was before stores had a version, so a store
 * of any earlier release is brought to version 1 first. From version 2 on, each change is a
 * numbered migration ({@code store/migrations/V<n>__<what>.sql}, plus a Java step where rows are
 * moved), applied once, in order, and recorded in {@code pp_store_version} (one row per applied
 * version) in the same transaction as its own statements. Where the database commits DDL at once
 * (H2), a migration that fails part-way is applied again from its start the next time, so each
 * is written to start clean. Every statement runs through {@link StoreDdl}, which turns it into
 * SQL Server's where the store is there. A store whose version is newer than this release knows is refused:
 * its tables may mean something this release does not know.
 *
 * <p>Run once per process, before anything reads the store; the local store is opened by one
 * process at a time, so no two upgrades of one store run at once. New schema changes go into a
 * new migration, not into {@code schema.sql}.
 */
public final class StoreSchema {

    private static final Logger log = LoggerFactory.getLogger(StoreSchema.class);

    /** The store version this release writes. */
    public static final int VERSION = 3;

    static final String BASELINE = "store/schema.sql";

    /** One change of the store's schema; {@code rows} moves what the DDL alone cannot (may be null). */
    record Migration(int version, String description, String script, Consumer<JdbcTemplate> rows) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(2, "history by site: every figure per run, first-seen streaks",
                    "store/migrations/V2__history_by_site.sql", HistoryBySite::moveVersion1Rows),
            new Migration(3, "the exceptions register kept with each run",
                    "store/migrations/V3__exceptions_register.sql", null));

    private StoreSchema() {
    }

    /**
     * Brings the store to {@link #VERSION}; returns the version it had (0: a store of a release
     * before versions, or a new one).
     *
     * @throws StoreVersionException the store is newer than this release
     * @throws StoreUpgradeException  a migration failed (its cause says why: a full disk, ...)
     */
    public static int upgrade(DataSource dataSource) {
        return upgrade(dataSource, MIGRATIONS);
    }

    static int upgrade(DataSource dataSource, List<Migration> migrations) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int found = tableExists(jdbc, "pp_store_version") ? currentVersion(jdbc) : 0;
        if (found > VERSION) {
            throw new StoreVersionException("the local store is at store version " + found + ", written by a newer"
                    + " patchproof; this release reads versions up to " + VERSION + ": use that release or later with"
                    + " this store, or point spring.datasource.url at another store");
        }
        StoreDialect dialect = StoreDialect.of(dataSource);
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            StoreDdl.executeScript(con, dialect, BASELINE);
        } catch (SQLException e) {
            throw new IllegalStateException("the local store's tables could not be brought to store version 1 ("
                    + BASELINE + "): " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
        if (!tableExists(jdbc, "pp_store_version")) {
            StoreDdl.execute(dataSource, "CREATE TABLE pp_store_version (version INT NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        if (currentVersion(jdbc) < 1) {
            jdbc.update("INSERT INTO pp_store_version (version, description, applied_at) VALUES (1, ?, ?)",
                    "the schema of " + BASELINE, LocalDateTime.now(ZoneOffset.UTC));
        }
        for (Migration m : migrations) {
            if (m.version() > currentVersion(jdbc)) {
                apply(dataSource, dialect, m);
                log.info("local store upgraded to store version {} ({})", m.version(), m.description());
            }
        }
        return found;
    }

    /** The highest version recorded; 0 when none is. */
    public static int currentVersion(JdbcTemplate jdbc) {
        Integer v = jdbc.queryForObject("SELECT MAX(version) FROM pp_store_version", Integer.class);
        return v == null ? 0 : v;
    }

    /** Whether a table exists, by INFORMATION_SCHEMA, which H2, PostgreSQL and SQL Server all have. */
    static boolean tableExists(JdbcTemplate jdbc, String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?",
                Integer.class, table.toUpperCase(Locale.ROOT));
        return n != null && n > 0;
    }

    private static void apply(DataSource dataSource, StoreDialect dialect, Migration m) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        boolean autoCommit = true;
        try {
            autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            StoreDdl.executeScript(con, dialect, m.script());
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(con, true));
            if (m.rows() != null) {
                m.rows().accept(jdbc);
            }
            jdbc.update("INSERT INTO pp_store_version (version, description, applied_at) VALUES (?, ?, ?)", m.version(),
                    m.description(), LocalDateTime.now(ZoneOffset.UTC));
            con.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                con.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new StoreUpgradeException("the local store could not be upgraded to store version " + m.version() + " ("
                    + m.description() + ", " + m.script() + "): " + e.getMessage() + ". It stays at store version "
                    + (m.version() - 1) + "; the upgrade is tried again from its start at the next run", e);
        } finally {
            try {
                con.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                log.debug("could not restore auto-commit on the local store's connection", e);
            }
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /** The store was written by a later release: the message says which versions this one reads and what to do. */
    public static final class StoreVersionException extends IllegalStateException {
        StoreVersionException(String message) {
            super(message);
        }
    }

    /** A migration failed; the store stays at the version before it, and the next start tries it again. */
    public static final class StoreUpgradeException extends IllegalStateException {
        StoreUpgradeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
