package io.patchproof.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.patchproof.demo.DemoSiteDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Demo site databases for tests, built once per JVM into a temporary directory (deleted when the
 * JVM exits) and opened read-only, exactly as the demo opens them.
 */
public final class SiteDatabases {

    /** Hosts of the small database: ten servers and fifty workstations. */
    public static final int SMALL_HOSTS = 60;

    private static Path directory;
    private static Path small;

    private SiteDatabases() {
    }

    /** The 60-host demo database (default seed), file path without extension. */
    public static synchronized Path small() {
        if (small == null) {
            small = DemoSiteDatabase.ensure(directory(), SMALL_HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        }
        return small;
    }

    /** A read-only data source on the 60-host demo database. */
    public static DataSource smallDataSource() {
        return new DriverManagerDataSource(DemoSiteDatabase.jdbcUrl(small()));
    }

    private static Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("site-databases");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Path toDelete = directory;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(toDelete)));
        }
        return directory;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (IOException ex) {
            // best effort: it is a temporary directory
        }
    }
}
