package io.patchproof.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real file system, with a log of every call and a failure injected where a test wants it:
 * at the n-th call, or in the middle of writing a file's bytes ("No space left on device").
 */
final class FaultyFileSystem implements PublisherFileSystem {

    /** One call: the operation and the file name it touched. */
    record Call(String op, Path path) {
        @Override
        public String toString() {
            return op + " " + path.getFileName();
        }
    }

    private final PublisherFileSystem real = PublisherFileSystem.NIO;
    final List<Call> calls = new ArrayList<>();
    private int failAt = -1;
    private IOException failure;
    private String failOp;
    private long failWritesAfter = -1;
    private String failWritesOf = "";

    static IOException diskFull(Path path) {
        return new FileSystemException(path.toString(), null, "No space left on device");
    }

    FaultyFileSystem failAtCall(int index, IOException e) {
        this.failAt = index;
        this.failure = e;
        return this;
    }

    FaultyFileSystem failOn(String op, IOException e) {
        this.failOp = op;
        this.failure = e;
        return this;
    }

    FaultyFileSystem failWritesAfter(long bytes) {
        this.failWritesAfter = bytes;
        return this;
    }

    /** Fails writes after {@code bytes} only in temporary files of the final name ending with {@code suffix}. */
    FaultyFileSystem failWritesAfter(long bytes, String suffix) {
        this.failWritesAfter = bytes;
        this.failWritesOf = suffix + ".";
        return this;
    }

    private void call(String op, Path path) throws IOException {
        int index = calls.size();
        calls.add(new Call(op, path));
        if (index == failAt || op.equals(failOp)) {
            failOp = null;
            throw failure;
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        call("createDirectories", dir);
        real.createDirectories(dir);
    }

    @Override
    public boolean exists(Path path) {
        calls.add(new Call("exists", path));
        return real.exists(path);
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        call("create", file);
        OutputStream out = real.create(file);
        if (failWritesAfter < 0 || !file.getFileName().toString().contains(failWritesOf)) {
            return out;
        }
        return new FilterOutputStream(out) {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > failWritesAfter) {
                    throw diskFull(file);
                }
                written += len;
                out.write(b, off, len);
            }
        };
    }

    @Override
    public void force(Path file) throws IOException {
        call("force", file);
        real.force(file);
    }

    @Override
    public InputStream read(Path file) throws IOException {
        call("read", file);
        return real.read(file);
    }

    @Override
    public long size(Path file) throws IOException {
        call("size", file);
        return real.size(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        call("move", target);
        real.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        call("forceDirectory", dir);
        real.forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
        calls.add(new Call("delete", path));
        real.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        call("list", dir);
        return real.list(dir);
    }
}
