package io.patchproof.cli;

import io.patchproof.job.UsageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pre-flight check of the folder a run publishes into, made before the site database is
 * read: it exists or can be created, is a folder, can be written (a file is created and deleted
 * in it, which also catches a read-only file system where permissions would not), and its disk
 * has {@link #MIN_FREE_BYTES} free. Without it a bad folder showed only after extract and
 * reconcile had run against the site database. Stateless; the {@link Disk} is a seam for tests.
 */
final class OutputFolder {

    /** Below this much free space a run is refused: the workbook, the CSV and their temporary copies need room. */
    static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

    /** The file-system operations the check makes. */
    interface Disk {
        /** Creates and deletes a file in the folder; throws what the file system says when it cannot. */
        void probeWrite(Path dir) throws IOException;

        /** Free bytes for this process on the folder's disk, or -1 when unknown. */
        long usableSpace(Path dir);
    }

    /** The real file system. */
    static final Disk NIO = new Disk() {
        @Override
        public void probeWrite(Path dir) throws IOException {
            Path probe = dir.resolve(".patchproof-write-check-" + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.deleteIfExists(probe);
                Files.createFile(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        }

        @Override
        public long usableSpace(Path dir) {
            return LocalStoreFile.usableSpace(dir);
        }
    };

    private OutputFolder() {
    }

    /**
     * Refuses, with one line naming {@code patchproof.output.dir}, a folder a run could not publish into.
     * Creates the folder when it is missing.
     */
    static void check(Path dir, Disk disk) {
        String name = "patchproof.output.dir: " + dir;
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(name + " is not a folder (a file has that name); give a folder, which is"
                    + " created if it is missing");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(name + " cannot be created: " + e.getFile() + " is a file, not a folder;"
                    + " give a folder path");
        } catch (IOException e) {
            throw new UsageException(name + " cannot be created (" + StartupFailures.oneLine(e) + "); give a folder"
                    + " this process can create and write");
        }
        try {
            disk.probeWrite(dir);
        } catch (IOException e) {
            throw new UsageException(name + " cannot be written (" + StartupFailures.oneLine(e) + "); give a folder"
                    + " this process can write, or fix its permissions");
        }
        long free = disk.usableSpace(dir);
        if (free >= 0 && free < MIN_FREE_BYTES) {
            throw new UsageException("disk full: the output folder " + dir + " has " + LocalStoreFile.megabytes(free)
                    + " free, and a report needs at least " + LocalStoreFile.megabytes(MIN_FREE_BYTES)
                    + " (workbook, CSV and their temporary copies); free space there or give another"
                    + " patchproof.output.dir");
        }
    }
}
