package io.patchproof.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The kind of database the local store is on, read from the JDBC metadata once: the one place
 * where patchproof's store code differs by database. Everything else in the store is written in
 * SQL that H2, PostgreSQL and SQL Server all run (docs/development.md, "A store table").
 *
 * <ul>
 *   <li>{@link #H2}: the embedded file, the default. Opened by one process at a time (H2 locks the
 *       file), so {@code schedule} runs on one node and Quartz's job store is not clustered.</li>
 *   <li>{@link #POSTGRESQL}, {@link #SQL_SERVER}: a server database that several processes may
 *       share. Quartz's job store is clustered there, so that two {@code schedule} processes on one
 *       store fire each run once, and the survivor takes over when one stops.</li>
 * </ul>
 * Spring Batch's own schema script is chosen by Spring Boot from the same database
 * ({@code schema-h2.sql}, {@code schema-postgresql.sql}, {@code schema-sqlserver.sql}).
 */
public enum StoreDialect {

    H2("h2", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate", false),
    POSTGRESQL("postgres", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate", true),
    SQL_SERVER("sqlServer", "org.quartz.impl.jdbcjobstore.MSSQLDelegate", true);

    private final String quartzPlatform;
    private final String quartzDelegate;
    private final boolean shared;

    StoreDialect(String quartzPlatform, String quartzDelegate, boolean shared) {
        this.quartzPlatform = quartzPlatform;
        this.quartzDelegate = quartzDelegate;
        this.shared = shared;
    }

    /** The dialect of the store's database, asked of its JDBC metadata. */
    public static StoreDialect of(DataSource store) {
        try (Connection c = store.getConnection()) {
            return ofProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the local store could not be read to learn its kind of database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The dialect of a database product name as JDBC gives it ({@code H2}, {@code PostgreSQL},
     * {@code Microsoft SQL Server}).
     *
     * @throws IllegalStateException for any other database, naming the ones the store runs on
     */
    public static StoreDialect ofProduct(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("sql server")) {
            return SQL_SERVER;
        }
        throw new IllegalStateException("the local store is a " + product + " database, which patchproof does not"
                + " support for its local store; point spring.datasource.url at the embedded H2 file (the default),"
                + " PostgreSQL or SQL Server (docs/operations.md)");
    }

    /** The classpath location of Quartz's table script for this database, as shipped in Quartz's jar. */
    public String quartzTablesScript() {
        return "org/quartz/impl/jdbcjobstore/tables_" + quartzPlatform + ".sql";
    }

    /** Quartz's driver delegate for this database ({@code org.quartz.jobStore.driverDelegateClass}). */
    public String quartzDelegate() {
        return quartzDelegate;
    }

    /**
     * Whether several processes may open this store at once (a server database): then Quartz's
     * job store runs clustered. An embedded H2 file is opened by one process at a time.
     */
    public boolean shared() {
        return shared;
    }
}
