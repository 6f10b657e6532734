package io.patchproof.schedule;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Quartz's own tables in the local store, created from the DDL Quartz ships in its jar the first
 * time {@code schedule} runs on a store, and never again: that DDL has no {@code IF NOT EXISTS},
 * and running it on every start would fill the log with "already exists" errors.
 */
final class QuartzTables {

    private static final Logger log = LoggerFactory.getLogger(QuartzTables.class);
    private static final String DDL = "org/quartz/impl/jdbcjobstore/tables_%s.sql";

    private QuartzTables() {
    }

    /** Creates the tables unless {@code QRTZ_TRIGGERS} exists; returns whether it created them. */
    static boolean createIfAbsent(DataSource dataSource) {
        String platform;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            if (exists(meta, "QRTZ_TRIGGERS") || exists(meta, "qrtz_triggers")) {
                return false;
            }
            platform = platform(meta.getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the local store could not be read to look for the scheduler's tables: "
                    + e.getMessage(), e);
        }
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource(DDL.formatted(platform)));
        populator.execute(dataSource);
        log.info("created the scheduler's tables (QRTZ_*) in the local store");
        return true;
    }

    private static boolean exists(DatabaseMetaData meta, String table) throws SQLException {
        try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE", "BASE TABLE"})) {
            return rs.next();
        }
    }

    /** The suffix of Quartz's DDL file for a database product. */
    static String platform(String product) {
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "h2";
        }
        if (p.contains("postgres")) {
            return "postgres";
        }
        if (p.contains("sql server")) {
            return "sqlServer";
        }
        throw new IllegalStateException("the local store is a " + product + " database, for which patchproof does not"
                + " create the scheduler's tables; use the embedded H2 store (the default), PostgreSQL or SQL Server");
    }
}
