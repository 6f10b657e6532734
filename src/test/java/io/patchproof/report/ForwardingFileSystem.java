package io.patchproof.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A publisher file system that forwards every call to another one after {@link #before}, where a
 * test-only hook pauses or fails. Calls are counted per operation, from 1.
 */
abstract class ForwardingFileSystem implements PublisherFileSystem {

    private final PublisherFileSystem delegate;
    private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();

    ForwardingFileSystem(PublisherFileSystem delegate) {
        this.delegate = delegate;
    }

    /** Called before each operation with its name ("create", "move", ...), its count and its path. */
    abstract void before(String op, int count, Path path) throws IOException;

    /** What a test hook does at the call it names. */
    interface AtCall {
        void run(String op, Path path) throws IOException;
    }

    /**
     * {@code fs}, running {@code hook} before the N-th call of one operation, as a test property
     * names it: {@code OP:N}, for example {@code create:2} or {@code move:3}.
     */
    static PublisherFileSystem atCall(PublisherFileSystem fs, String spec, AtCall hook) {
        String[] parts = spec.split(":");
        String op = parts[0];
        int at = Integer.parseInt(parts[1]);
        return new ForwardingFileSystem(fs) {
            @Override
            void before(String operation, int count, Path path) throws IOException {
                if (operation.equals(op) && count == at) {
                    hook.run(operation, path);
                }
            }
        };
    }

    private void call(String op, Path path) throws IOException {
        int n;
        synchronized (counts) {
            n = counts.merge(op, 1, Integer::sum);
        }
        before(op, n, path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        call("createDirectories", dir);
        delegate.createDirectories(dir);
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public OutputStream create(Path file) throws IOException {
        call("create", file);
        return delegate.create(file);
    }

    @Override
    public void force(Path file) throws IOException {
        call("force", file);
        delegate.force(file);
    }

    @Override
    public InputStream read(Path file) throws IOException {
        call("read", file);
        return delegate.read(file);
    }

    @Override
    public long size(Path file) throws IOException {
        call("size", file);
        return delegate.size(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        call("move", target);
        delegate.moveAtomically(source, target);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        call("forceDirectory", dir);
        delegate.forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
        call("delete", path);
        delegate.deleteIfExists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        call("list", dir);
        return delegate.list(dir);
    }
}
