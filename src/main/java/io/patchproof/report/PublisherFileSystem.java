package io.patchproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every file-system call {@link ReportPublisher} makes, so that a test can make any one of them
 * fail ("No space left on device", "not writable") and prove that nothing half-written is left.
 * Public so that the job can take it as a bean, which a test can wrap to inject such a fault into
 * a whole run.
 */
public interface PublisherFileSystem {

    void createDirectories(Path dir) throws IOException;

    boolean exists(Path path);

    /** Creates a new file (fails if it exists) and opens it for writing. */
    OutputStream create(Path file) throws IOException;

    /** Flushes the file's content to the storage device (fsync). */
    void force(Path file) throws IOException;

    InputStream read(Path file) throws IOException;

    long size(Path file) throws IOException;

    /** Renames atomically within one directory, replacing the target; never falls back to a copy. */
    void moveAtomically(Path source, Path target) throws IOException;

    /** Makes a rename durable (fsync of the directory); may be unsupported. */
    void forceDirectory(Path dir) throws IOException;

    void deleteIfExists(Path path) throws IOException;

    List<Path> list(Path dir) throws IOException;

    /** The real file system through NIO. */
    PublisherFileSystem NIO = new PublisherFileSystem() {
        @Override
        public void createDirectories(Path dir) throws IOException {
            Files.createDirectories(dir);
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public OutputStream create(Path file) throws IOException {
            return Channels.newOutputStream(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }

        @Override
        public void force(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public InputStream read(Path file) throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public long size(Path file) throws IOException {
            return Files.size(file);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }

        @Override
        public void deleteIfExists(Path path) throws IOException {
            Files.deleteIfExists(path);
        }

        @Override
        public List<Path> list(Path dir) throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().toList();
            }
        }
    };
}
