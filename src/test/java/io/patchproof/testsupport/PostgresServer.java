package io.patchproof.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests that put the local store on a server database: the
 * binaries come in a Maven artifact (io.zonky.test), and the server is started once per test JVM
 * and stopped when the JVM ends. Each caller gets a database of its own ({@link #newDatabase}).
 *
 * <p>PostgreSQL refuses to run as root; as root, the library starts it in a user namespace of its
 * own ({@code unshare -U}), where the server runs as an unprivileged user. The server's own output
 * goes to {@code target/embedded-postgres.log}. Where it cannot start at
 * all, {@link #start()} fails with the reason (tests are not skipped silently).
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /** The server, started on first use. */
    public static synchronized EmbeddedPostgres start() {
        if (server == null) {
            try {
                // The server's own log lines (initdb, pg_ctl, the server) go to a file of their own, not
                // to the test output at INFO; a server that does not start is still reported with its reason.
                Path log = Path.of("target", "embedded-postgres.log").toAbsolutePath();
                Files.createDirectories(log.getParent());
                ProcessBuilder.Redirect toFile = ProcessBuilder.Redirect.appendTo(log.toFile());
                server = EmbeddedPostgres.builder().setRegisterShutdownHook(true).setOutputRedirector(toFile)
                        .setErrorRedirector(toFile).start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("the embedded PostgreSQL server did not start: " + e.getMessage(), e);
            }
        }
        return server;
    }

    /** A new, empty database on the server; returns its JDBC URL (user postgres, no password). */
    public static String newDatabase(String prefix) {
        EmbeddedPostgres pg = start();
        String name = (prefix + "_" + DATABASES.incrementAndGet()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("database " + name + " could not be created: " + e.getMessage(), e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** A DataSource on one database of the server. */
    public static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }
}
