package io.patchproof.cli;

import io.patchproof.job.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.ToLongFunction;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.h2.store.fs.FileUtils;
import org.h2.store.fs.disk.FilePathDisk;

/**
 * The local store's file, where {@code spring.datasource.url} names an embedded H2 database
 * ({@code jdbc:h2:file:./data/store/patchproof}, {@code jdbc:h2:./...}, or a path behind one of
 * H2's file-system prefixes): what can be checked before the store is opened, and who holds it.
 *
 * <p>The checks go through H2's own file-system layer ({@link FilePath}), so they see the file as
 * H2 will. Before a run: the folder exists or can be created, is a folder, can be written, and
 * its disk has {@link #MIN_FREE_BYTES} free. The {@link #ownerFile() owner file} beside the store
 * names the patchproof process that has it open (process id, command, start time), so a refusal
 * because the store is locked can say which process holds it; H2's own lock gives no such detail.
 * The owner file only ever holds those three facts: never an argument, never a password.
 */
final class LocalStoreFile {

    /** Below this much free space on the store's disk, a run is refused before it starts. */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String h2Name;

    private LocalStoreFile(String h2Name) {
        this.h2Name = h2Name;
    }

    /** The store file of a JDBC URL, or empty when the URL names no local H2 file (in memory, a server). */
    static Optional<LocalStoreFile> of(String jdbcUrl) {
        return Optional.ofNullable(io.patchproof.store.StoreCompaction.h2Name(jdbcUrl)).map(LocalStoreFile::new);
    }

    /** The database file, as H2 sees it. */
    FilePath file() {
        return FilePath.get(h2Name + ".mv.db");
    }

    /** The database file for messages: the path as configured, normalised, without H2's prefixes. */
    String display() {
        FilePath disk = onDisk(file());
        return disk != null ? Path.of(disk.toString()).normalize().toString() : file().toString();
    }

    /** The folder for messages. */
    String folder() {
        Path p = Path.of(display()).getParent();
        return p == null ? "." : p.toString();
    }

    /**
     * Refuses (exit 2) a store that cannot work: its folder cannot be created or is no folder, the
     * folder or the file cannot be written, its disk is full, or another patchproof process has it
     * open. Creates the folder when it is missing.
     *
     * @param usableSpace free bytes of the file store holding a path (a seam for tests)
     */
    void checkBeforeStart(ToLongFunction<Path> usableSpace) {
        FilePath file = file();
        FilePath dir = file.getParent();
        if (dir == null) {
            return;
        }
        if (!dir.exists()) {
            try {
                FileUtils.createDirectories(dir.toString());
            } catch (RuntimeException e) {
                String why = StartupFailures.rootMessage(e);
                throw new UsageException("the local store's folder " + folder() + " cannot be created ("
                        + why + "); " + (StartupFailures.isReadOnly(e) ? "it is on a read-only file system; " : "")
                        + "point spring.datasource.url at a writable folder, for example"
                        + " --spring.datasource.url=jdbc:h2:file:/var/lib/patchproof/store/patchproof");
            }
        }
        if (!dir.isDirectory()) {
            throw new UsageException("the local store's folder " + folder() + " is not a folder; point"
                    + " spring.datasource.url at a folder (the store is <folder>/<name>.mv.db)");
        }
        if (!dir.canWrite() || file.exists() && !file.canWrite()) {
            throw new UsageException("the local store " + display() + " is read-only (its folder or file cannot be"
                    + " written, for example a read-only file system); every command writes to it: move it to a"
                    + " writable folder and point spring.datasource.url there");
        }
        FilePath disk = onDisk(dir);
        if (disk != null) {
            long free = usableSpace.applyAsLong(Path.of(disk.toString()));
            if (free >= 0 && free < MIN_FREE_BYTES) {
                throw new UsageException("disk full: the disk holding the local store " + display() + " has "
                        + megabytes(free) + " free, and a run needs at least " + megabytes(MIN_FREE_BYTES)
                        + "; free space there, or point spring.datasource.url at a folder on another disk");
            }
        }
        Optional<String> holder = liveHolder();
        if (holder.isPresent()) {
            throw new UsageException(lockedMessage(holder));
        }
    }

    /** The message for a store that another process has open; names that process where the owner file does. */
    String lockedMessage(Optional<String> holder) {
        return "the local store " + display() + " is in use by another process"
                + holder.map(h -> " (" + h + ")").orElse(" (not a patchproof command that this store knows of:"
                        + " an H2 console or another tool)")
                + "; the store is opened by one process at a time: wait until it ends, or stop it (SIGTERM stops"
                + " a run at its next commit), or point spring.datasource.url at another store";
    }

    /** The owner file: {@code <store>.owner} beside the database file. */
    FilePath ownerFile() {
        return FilePath.get(h2Name + ".owner");
    }

    /**
     * The status file a running {@code schedule} keeps beside the store ({@code <store>.status.txt},
     * or {@code .status.json}): what {@code status} shows while the service holds the store.
     */
    FilePath statusFile(boolean json) {
        return FilePath.get(h2Name + (json ? ".status.json" : ".status.txt"));
    }

    /** Whether the process holding the store, other than this one, is a running {@code schedule}. */
    boolean heldBySchedule() {
        return liveHolder().filter(h -> h.startsWith("patchproof `schedule`")).isPresent();
    }

    /** Records this process as the store's holder (after the store was opened). Best effort: never fails a run. */
    void claim(String command) {
        ProcessHandle self = ProcessHandle.current();
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("command", command);
        p.setProperty("started", self.info().startInstant().orElse(Instant.now()).toString());
        try (OutputStream out = ownerFile().newOutputStream(false)) {
            p.store(out, "the patchproof process that has this local store open");
        } catch (IOException | RuntimeException e) {
            // Only a message would lose detail.
        }
    }

    /** Removes the owner file if it still names this process. */
    void release() {
        try {
            if (ownerFile().exists() && Long.toString(ProcessHandle.current().pid()).equals(readOwner().getProperty("pid"))) {
                ownerFile().delete();
            }
        } catch (IOException | RuntimeException e) {
            // Left behind, it names a process that has ended, which liveHolder() recognises.
        }
    }

    /**
     * The process the owner file names ("patchproof `demo`, process 1234, running since ..."), if
     * that process is still running and is not this one; empty otherwise.
     */
    Optional<String> liveHolder() {
        try {
            if (!ownerFile().exists()) {
                return Optional.empty();
            }
            Properties p = readOwner();
            long pid = Long.parseLong(p.getProperty("pid", "-1"));
            Instant started = Instant.parse(p.getProperty("started"));
            if (pid == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            // A process id is reused once its process has ended: the start time tells them apart.
            boolean same = process.flatMap(h -> h.info().startInstant())
                    .map(s -> Duration.between(s, started).abs().compareTo(Duration.ofSeconds(2)) <= 0).orElse(process.isPresent());
            if (!same) {
                return Optional.empty();
            }
            return Optional.of("patchproof `" + p.getProperty("command", "?") + "`, process " + pid + ", running since "
                    + TIME.format(started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Properties readOwner() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ownerFile().newInputStream()) {
            p.load(in);
        }
        return p;
    }

    /** The plain disk path under H2's prefixes (nio:, split:, ...), or null for a file system of its own. */
    private static FilePath onDisk(FilePath path) {
        FilePath p = path;
        while (p instanceof FilePathWrapper w) {
            p = w.unwrap();
        }
        return p instanceof FilePathDisk ? p : null;
    }

    /** Free bytes of the disk holding a path (its nearest existing ancestor), or -1 when unknown. */
    static long usableSpace(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return -1;
        }
        try {
            FileStore store = Files.getFileStore(p);
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }
}
