package io.patchproof.source;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One pair, one vote: finds the compliance rows that answer for no host × update pair, among the
 * millions a copy streams past, so that no figure counts a pair twice.
 *
 * <ul>
 * <li>{@link Reason#DUPLICATE_ROW}: every copy after the first (in snapshot order) of a
 * (ResourceID, CI_ID) pair the source returned more than once.</li>
 * <li>{@link Reason#OTHER_SCAN_TOOL} (SMS 2003 only, when preferred scan agents are given): rows of
 * older scan tools (MBSA, the Extended Security Update Inventory Tool) can sit beside the
 * Inventory Tool for Microsoft Updates' rows for the same host and question, each under its own
 * UpdateID. The question is the row's bulletin (MS08-067), or its KB number where it has no
 * bulletin, or its UpdateID where it has neither. Per host and question one tool answers: the
 * first row (in snapshot order) whose ScanAgent matches a preferred pattern, else the first row;
 * every row of another ScanAgent for that host and question does not vote. Rows of the answering
 * tool all vote, so two ITMU updates of one bulletin (one per KB) stay two pairs.</li>
 * </ul>
 * A row that is both counts as a duplicate. Rows with a NULL ResourceID take part in the pair rule
 * only (its key reads a NULL id as 0, as it always did); the rules put them out of scope anyway.
 *
 * <p>Memory and disk: each row goes to one of {@value #BUCKETS} temporary files by a hash of its
 * ResourceID (so all rows of a host meet in one file), 17 bytes a row plus the question and
 * ScanAgent of an SMS 2003 row. Each file is then read back on its own once (twice where two scan
 * tools answer the same question), holding only the distinct pairs and questions of that file:
 * memory grows with hosts × updates of a 64th of the hosts, never with the copies of a row, and no
 * sort is needed because each file is written in snapshot order. The files live in the JVM's
 * temporary folder and are deleted by {@link #close()}.
 *
 * <p>Not thread-safe: one copy adds its rows in snapshot order, then asks once.
 */
public final class VoteFinder implements AutoCloseable {

    /** Why a row does not vote. */
    public enum Reason {
        DUPLICATE_ROW, OTHER_SCAN_TOOL
    }

    /** Receives each row that does not vote, in no particular order. */
    @FunctionalInterface
    public interface Sink {

        void notVoting(long seq, Reason reason);
    }

    static final int BUCKETS = 64;
    /** Longer bulletin, KB or agent texts are cut here (a scan tool's name is a few dozen characters). */
    static final int MAX_TEXT = 512;

    private final Path dir;
    private final DataOutputStream[] buckets = new DataOutputStream[BUCKETS];
    private final List<Pattern> preferred;
    private long lastSeq = Long.MIN_VALUE;
    private boolean finished;

    /**
     * @param preferredScanAgents ScanAgent patterns ({@code *}, {@code ?}, any case) of the tool whose
     *                            rows answer a host's question first; null for a schema without scan
     *                            tools (configmgr): then only duplicated pairs are looked for
     */
    public VoteFinder(List<String> preferredScanAgents) {
        this(preferredScanAgents, null);
    }

    /** As {@link #VoteFinder(List)}, with its bucket files in a folder of {@code parent} (null: the JVM's temporary folder). */
    VoteFinder(List<String> preferredScanAgents, Path parent) {
        this.preferred = preferredScanAgents == null ? null
                : preferredScanAgents.stream().filter(p -> p != null && !p.isBlank()).map(VoteFinder::glob).toList();
        try {
            dir = parent == null ? Files.createTempDirectory("patchproof-votes-")
                    : Files.createTempDirectory(parent, "patchproof-votes-");
            for (int b = 0; b < BUCKETS; b++) {
                buckets[b] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(b)), 16 * 1024));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create the temporary files that find the rows of a pair that do not"
                    + " vote: " + e.getMessage() + "; check the JVM's temporary folder (-Djava.io.tmpdir)", e);
        }
    }

    /** The key of a (ResourceID, CI_ID) pair; a NULL id reads as 0. */
    public static long pairKey(Integer resourceId, Integer ciId) {
        int r = resourceId == null ? 0 : resourceId;
        int c = ciId == null ? 0 : ciId;
        return ((long) r << 32) | (c & 0xffffffffL);
    }

    /** Whether a ScanAgent matches one of the patterns ({@code *}, {@code ?}, any case, trimmed). */
    public static boolean matches(List<String> patterns, String scanAgent) {
        String agent = scanAgent == null ? "" : scanAgent.trim();
        return patterns != null && patterns.stream().filter(p -> p != null && !p.isBlank())
                .anyMatch(p -> glob(p).matcher(agent).matches());
    }

    private Path file(int bucket) {
        return dir.resolve("bucket-" + bucket);
    }

    /**
     * One row, in snapshot order ({@code seq} increasing).
     *
     * @param bulletinId  the row's own bulletin (SMS 2003), may be null
     * @param articleId   the row's own KB number (SMS 2003), may be null
     * @param scanAgent   the tool that scanned (SMS 2003), may be null
     */
    public void add(long seq, Integer resourceId, Integer ciId, String bulletinId, String articleId, String scanAgent) {
        if (finished) {
            throw new IllegalStateException("rows were added after the votes were counted");
        }
        if (seq <= lastSeq) {
            throw new IllegalArgumentException("rows must come in snapshot order: " + seq + " after " + lastSeq);
        }
        lastSeq = seq;
        int host = resourceId == null ? 0 : resourceId;
        DataOutputStream out = buckets[(host * 0x9E3779B9) >>> 26];
        try {
            out.writeLong(seq);
            out.writeLong(pairKey(resourceId, ciId));
            boolean tools = preferred != null && resourceId != null;
            out.writeBoolean(tools);
            if (tools) {
                out.writeUTF(question(bulletinId, articleId, ciId));
                String agent = cut(scanAgent == null ? "" : scanAgent.trim());
                out.writeUTF(agent.toLowerCase(Locale.ROOT));
                out.writeBoolean(preferred.stream().anyMatch(p -> p.matcher(agent).matches()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file that finds the rows of a pair that do not vote: "
                    + e.getMessage(), e);
        }
    }

    /** The question a row answers for its host: its bulletin, else its KB number, else its UpdateID. */
    static String question(String bulletinId, String articleId, Integer ciId) {
        if (bulletinId != null && !bulletinId.isBlank()) {
            return "bulletin " + cut(bulletinId.trim().toUpperCase(Locale.ROOT));
        }
        if (articleId != null && !articleId.isBlank()) {
            String kb = articleId.trim().toUpperCase(Locale.ROOT);
            kb = kb.startsWith("KB") ? kb.substring(2) : kb.startsWith("Q") ? kb.substring(1) : kb;
            return "KB " + cut(kb.trim());
        }
        return "update " + ciId;
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    /**
     * Hands every row that does not vote to {@code sink} and returns the (ResourceID, CI_ID) pairs
     * the source returned more than once. Call once, after the last {@link #add}.
     */
    public Set<Long> finish(Sink sink) {
        if (finished) {
            throw new IllegalStateException("the votes were counted already");
        }
        finished = true;
        Set<Long> duplicated = new HashSet<>();
        try {
            for (int b = 0; b < BUCKETS; b++) {
                buckets[b].close();
                Map<String, Answer> answers = new HashMap<>();
                boolean contested = false;
                LongSet seen = new LongSet();
                try (DataInputStream in = open(b)) {
                    for (Row row = Row.read(in); row != null; row = Row.read(in)) {
                        if (!seen.add(row.pairKey)) {
                            duplicated.add(row.pairKey);
                            sink.notVoting(row.seq, Reason.DUPLICATE_ROW);
                        }
                        if (row.question != null) {
                            String key = row.host() + "\u0000" + row.question;
                            Answer a = answers.get(key);
                            if (a == null) {
                                answers.put(key, new Answer(row.agent, row.preferred));
                            } else {
                                contested |= a.see(row.agent, row.preferred);
                            }
                        }
                    }
                }
                if (contested) {
                    seen = new LongSet();
                    try (DataInputStream in = open(b)) {
                        for (Row row = Row.read(in); row != null; row = Row.read(in)) {
                            boolean first = seen.add(row.pairKey);
                            if (first && row.question != null
                                    && !row.agent.equals(answers.get(row.host() + "\u0000" + row.question).agent)) {
                                sink.notVoting(row.seq, Reason.OTHER_SCAN_TOOL);
                            }
                        }
                    }
                }
                Files.delete(file(b));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back a temporary file that finds the rows of a pair that do not"
                    + " vote: " + e.getMessage(), e);
        }
        return duplicated;
    }

    private DataInputStream open(int bucket) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file(bucket)), 64 * 1024));
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

    /** A {@code *}/{@code ?} pattern as a case-insensitive regular expression. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.trim().toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** One row read back from a bucket file; question and agent are null for a row without scan tools. */
    private record Row(long seq, long pairKey, String question, String agent, boolean preferred) {

        int host() {
            return (int) (pairKey >> 32);
        }

        static Row read(DataInputStream in) throws IOException {
            long seq;
            try {
                seq = in.readLong();
            } catch (java.io.EOFException end) {
                return null;
            }
            long pair = in.readLong();
            if (!in.readBoolean()) {
                return new Row(seq, pair, null, null, false);
            }
            String question = in.readUTF();
            String agent = in.readUTF();
            return new Row(seq, pair, question, agent, in.readBoolean());
        }
    }

    /** Which tool answers one host's question: the first preferred one seen, else the first seen. */
    private static final class Answer {

        String agent;
        boolean preferred;
        final String first;

        Answer(String agent, boolean preferred) {
            this.agent = agent;
            this.preferred = preferred;
            this.first = agent;
        }

        /** Sees one more row; true when the question has rows of more than one tool. */
        boolean see(String rowAgent, boolean rowPreferred) {
            if (rowPreferred && !preferred) {
                agent = rowAgent;
                preferred = true;
            }
            return !rowAgent.equals(first);
        }
    }

    /** An open-addressing set of longs: a pair key costs 8 bytes, not a boxed entry. */
    static final class LongSet {

        private static final long EMPTY = Long.MIN_VALUE;
        private long[] table = newTable(1 << 10);
        private int size;
        private boolean hasEmptyValue;

        private static long[] newTable(int capacity) {
            long[] t = new long[capacity];
            java.util.Arrays.fill(t, EMPTY);
            return t;
        }

        /** True when {@code key} was not in the set. */
        boolean add(long key) {
            if (key == EMPTY) {
                boolean added = !hasEmptyValue;
                hasEmptyValue = true;
                return added;
            }
            if (2 * (size + 1) > table.length) {
                grow();
            }
            return insert(table, key);
        }

        private boolean insert(long[] t, long key) {
            int mask = t.length - 1;
            int i = (int) (mix(key) & mask);
            while (t[i] != EMPTY) {
                if (t[i] == key) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            t[i] = key;
            size++;
            return true;
        }

        private void grow() {
            long[] old = table;
            table = newTable(old.length * 2);
            size = 0;
            for (long k : old) {
                if (k != EMPTY) {
                    insert(table, k);
                }
            }
        }

        private static long mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 29);
        }
    }
}
