package io.patchproof.source;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the (ResourceID, CI_ID) pairs that occur more than once among the millions of compliance
 * rows a copy streams past, in bounded memory and without a sort in the local store (which took
 * 18 s at 100,000 hosts): each pair's key goes to one of {@value #BUCKETS} temporary files by its
 * hash, so equal keys meet in the same file, and each file is then sorted on its own in memory (a
 * 64th of the keys, 8 bytes each: about 1 MB at 100,000 hosts). The files live in the JVM's
 * temporary folder and are deleted by {@link #close()}.
 *
 * <p>Not thread-safe: one copy adds, then asks once.
 */
public final class DuplicatePairFinder implements AutoCloseable {

    static final int BUCKETS = 64;

    private final Path dir;
    private final DataOutputStream[] buckets = new DataOutputStream[BUCKETS];
    private boolean finished;

    public DuplicatePairFinder() {
        try {
            dir = Files.createTempDirectory("patchproof-pairs-");
            for (int b = 0; b < BUCKETS; b++) {
                buckets[b] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(b)), 16 * 1024));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the temporary files that find duplicated compliance pairs: "
                    + e.getMessage() + "; check the JVM's temporary folder (-Djava.io.tmpdir)", e);
        }
    }

    /** The key of a pair; a NULL id reads as 0. */
    public static long pairKey(Integer resourceId, Integer ciId) {
        int r = resourceId == null ? 0 : resourceId;
        int c = ciId == null ? 0 : ciId;
        return ((long) r << 32) | (c & 0xffffffffL);
    }

    private Path file(int bucket) {
        return dir.resolve("bucket-" + bucket);
    }

    public void add(long key) {
        try {
            buckets[(int) ((key * 0x9E3779B97F4A7C15L) >>> 58)].writeLong(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file that finds duplicated compliance pairs: "
                    + e.getMessage(), e);
        }
    }

    /** The keys added more than once. Call once, after the last {@link #add}. */
    public Set<Long> duplicates() {
        if (finished) {
            throw new IllegalStateException("duplicates() was asked for already");
        }
        finished = true;
        Set<Long> result = new HashSet<>();
        try {
            for (int b = 0; b < BUCKETS; b++) {
                buckets[b].close();
                long bytes = Files.size(file(b));
                long[] keys = new long[Math.toIntExact(bytes / Long.BYTES)];
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file(b)), 64 * 1024))) {
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = in.readLong();
                    }
                }
                Files.delete(file(b));
                Arrays.sort(keys);
                for (int i = 1; i < keys.length; i++) {
                    if (keys[i] == keys[i - 1]) {
                        result.add(keys[i]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back a temporary file that finds duplicated compliance pairs: "
                    + e.getMessage(), e);
        }
        return result;
    }

    /** Deletes the temporary files (idempotent). */
    @Override
    public void close() {
        for (int b = 0; b < BUCKETS; b++) {
            try {
                if (buckets[b] != null) {
                    buckets[b].close();
                }
            } catch (IOException ignored) {
                // deleted below all the same
            }
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // the JVM's temporary folder; nothing of the run depends on it
            }
        }
    }
}
