package io.patchproof.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.store.fs.FilePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the disk of deleted snapshots back when the store is closed.
 *
 * <p>An embedded H2 store does not shrink when rows are deleted, and with {@code WRITE_DELAY=0}
 * (every commit written at once, see application.yml) it has no background writer to rewrite
 * half-empty chunks either: measured on the demo (8,450 hosts) the file grew by 40 to 190 MB with
 * every run while it kept three snapshots, 56 MB after the first run and 491 MB after the fifth,
 * of which 87 MB were live. So when a command deleted a snapshot ({@link #request}), the store is
 * compacted as it is closed ({@code SHUTDOWN COMPACT}: H2 writes the live rows to a new file and
 * puts it in place of the old), about 8 s at 8,450 hosts. Closed, not while open: the compaction
 * ends the database, which nothing may be using then, so {@code schedule} compacts when it stops.
 *
 * <p>Only for an H2 file store; a server database reclaims space by its own means. A compaction
 * that fails leaves the store as it was (H2 replaces the file only once the new one is complete)
 * and is logged; the next command tries again if it deletes a snapshot too.
 */
public final class StoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);

    private final DataSource dataSource;
    private volatile boolean requested;

    StoreCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Asks for a compaction when the store is closed (a snapshot was deleted). */
    public void request() {
        requested = true;
    }

    /** Called as the store is closed, before its pool is: compacts it if that was asked for. */
    void close() {
        if (!requested) {
            return;
        }
        String file = dataSource instanceof HikariDataSource pool ? h2File(pool.getJdbcUrl()) : null;
        if (file == null) {
            return;
        }
        HikariDataSource pool = (HikariDataSource) dataSource;
        // A connection of its own, not the pool's: the pool would reset a connection the shutdown has
        // closed, and H2 would write that failure to the store's trace file.
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            long before = size(file);
            long started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            log.info("compacted the local store after deleting old snapshots: {} to {} in {} s", megabytes(before),
                    megabytes(size(file)), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        } catch (SQLException | RuntimeException e) {
            log.warn("the local store could not be compacted ({}); it keeps its size until a later command compacts it",
                    e.getMessage(), e);
        }
    }

    /** The database file name of an embedded H2 file URL, or null for any other store. */
    static String h2File(String url) {
        String name = h2Name(url);
        return name == null ? null : name + ".mv.db";
    }

    /**
     * The database name of an embedded H2 file URL as H2 reads it (its file is this plus
     * {@code .mv.db}), or null for any other store: in memory, an H2 server, another database.
     */
    public static String h2Name(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String name = url.substring("jdbc:h2:".length());
        int semicolon = name.indexOf(';');
        name = semicolon >= 0 ? name.substring(0, semicolon) : name;
        if (name.isBlank() || name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:")
                || name.startsWith("zip:")) {
            return null;
        }
        return name;
    }

    private static long size(String file) {
        FilePath path = FilePath.get(file);
        return path.exists() ? path.size() : 0;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }
}
