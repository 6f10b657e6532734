package io.patchproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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

    /**
     * Puts the complete file {@code source} at {@code target} (same directory) atomically, and
     * never replaces a file there: throws {@link FileAlreadyExistsException} when {@code target}
     * exists, whoever put it there. Never falls back to a copy.
     *
     * <p>Where the file system has hard links, {@code target} becomes a second name of the file
     * ({@code link(2)} refuses an existing name atomically) and {@code source} stays until the
     * caller deletes it: until then a file at a final name that is the same file as a temporary
     * file of ours is provably ours. Elsewhere {@code source} is renamed after checking that
     * {@code target} is free: a rename replaces what it finds (Java has no rename that refuses),
     * so a file another process puts there within that instant would be replaced.
     */
    void moveAtomically(Path source, Path target) throws IOException;

    /**
     * Puts the complete file {@code source} at {@code target} (same directory) by one atomic
     * rename, replacing a file there: for the folder's README, which each signed publish renews.
     * Readers see the old file or the new one, never a part.
     */
    default void replaceAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** True when both paths name the same file (two names of one file count as the same). */
    default boolean isSameFile(Path a, Path b) throws IOException {
        return Files.isSameFile(a, b);
    }

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
            try {
                Files.createLink(target, source);
                return;
            } catch (FileAlreadyExistsException | NoSuchFileException | AccessDeniedException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                // FAT, some network shares: no hard links; rename, after checking the name is free.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                try {
                    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    e.addSuppressed(noHardLinks);
                    throw e;
                }
            }
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
