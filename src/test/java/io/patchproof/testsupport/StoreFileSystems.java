package io.patchproof.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * File systems for the local store that a test cannot get from the machine: a read-only one and
 * one whose disk fills up. Each is an H2 file-system prefix over the real disk, so a store URL
 * such as {@code jdbc:h2:readonly:/tmp/x/store/patchproof} puts the store's file where the test
 * says and lets H2 (and patchproof's checks, which use H2's file layer) meet the fault. Register
 * them once per JVM with {@link #register()}.
 */
public final class StoreFileSystems {

    /** Bytes the "diskfull" file system still accepts; negative = no limit. Shared by every file. */
    private static final AtomicLong ROOM = new AtomicLong(-1);

    private StoreFileSystems() {
    }

    public static void register() {
        FilePath.register(new ReadOnly());
        FilePath.register(new DiskFull());
    }

    /** A store URL on the read-only file system (with the settings of the default store URL). */
    public static String readOnlyUrl(Path store) {
        return "jdbc:h2:readonly:" + store.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** A store URL on the file system that fills up. */
    public static String diskFullUrl(Path store) {
        return "jdbc:h2:diskfull:" + store.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** From now on the "diskfull" disk takes {@code bytes} more, then answers "No space left on device". */
    public static void fillAfter(long bytes) {
        ROOM.set(bytes);
    }

    /** Space freed: no limit any more. */
    public static void freeSpace() {
        ROOM.set(-1);
    }

    /** Reads as the disk does; every write is refused as on a file system mounted read-only. */
    public static final class ReadOnly extends FilePathWrapper {
        @Override
        public String getScheme() {
            return "readonly";
        }

        @Override
        public boolean canWrite() {
            return false;
        }

        @Override
        public void createDirectory() {
            throw new IllegalStateException(new FileSystemException(name, null, "Read-only file system"));
        }

        @Override
        public boolean createFile() {
            return false;
        }

        @Override
        public OutputStream newOutputStream(boolean append) throws IOException {
            throw new FileSystemException(name, null, "Read-only file system");
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            if (mode.contains("w")) {
                throw new FileSystemException(name, null, "Read-only file system");
            }
            return getBase().open(mode);
        }
    }

    /** The disk as it is, until {@link #fillAfter} runs out. */
    public static final class DiskFull extends FilePathWrapper {
        @Override
        public String getScheme() {
            return "diskfull";
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new Filling(getBase().open(mode));
        }
    }

    /** A channel whose writes take from {@link #ROOM}. */
    private static final class Filling extends FileChannel {
        private final FileChannel base;

        Filling(FileChannel base) {
            this.base = base;
        }

        private static void take(long bytes) throws IOException {
            if (bytes <= 0) {
                return;
            }
            long left = ROOM.getAndUpdate(r -> r < 0 ? r : Math.max(0, r - bytes));
            if (left >= 0 && left < bytes) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return base.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            take(src.remaining());
            return base.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += srcs[i].remaining();
            }
            take(total);
            return base.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return base.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            take(count);
            return base.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            take(src.remaining());
            return base.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return base.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return base.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
