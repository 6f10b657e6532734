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
 * Demo site databases for tests (ConfigMgr and SMS 2003), built once per JVM into a temporary directory (deleted when the
 * JVM exits) and opened read-only, exactly as the demo opens them.
 */
public final class SiteDatabases {

    /** Hosts of the small database: ten servers and fifty workstations. */
    public static final int SMALL_HOSTS = 60;

    private static Path directory;
    private static Path small;
    private static Path smallSms2003;

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

    /** The 60-host SMS 2003 demo database (default seed), file path without extension. */
    public static synchronized Path smallSms2003() {
        if (smallSms2003 == null) {
            smallSms2003 = DemoSiteDatabase.ensure(directory(), DemoSiteDatabase.SMS2003, SMALL_HOSTS,
                    DemoSiteDatabase.DEFAULT_SEED);
        }
        return smallSms2003;
    }

    /** A read-only data source on the 60-host SMS 2003 demo database. */
    public static DataSource smallSms2003DataSource() {
        return new DriverManagerDataSource(DemoSiteDatabase.jdbcUrl(smallSms2003()));
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
