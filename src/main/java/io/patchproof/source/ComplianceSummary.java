package io.patchproof.source;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * What the extract works out from the compliance rows while it copies them, so that no later step
 * scans the stored snapshot for it (at 100,000 hosts each such scan of 7.5 million rows cost
 * 8 to 18 s): the rows that do not vote ({@link VoteFinder}: further copies of a duplicated
 * (ResourceID, CI_ID) pair, and on SMS 2003 other scan tools' rows for a question a preferred
 * tool answers) with the duplicated pairs, and the newest state time (the later of
 * LastStatusChangeTime and the enforcement message time, UTC), which the manifest reports as the
 * data's freshness.
 *
 * <p>Rows are numbered 1, 2, 3, ... in the order the cursor hands them over, which is the order
 * the snapshot numbers them in ({@code seq}).
 *
 * <p>Not thread-safe: the copy's cursor thread hands it every row, then it is asked once.
 */
public final class ComplianceSummary implements AutoCloseable {

    /**
     * The summary of one completed copy.
     *
     * @param notVoting how many rows do not vote (each was handed to the sink)
     */
    public record Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc, long notVoting) {
    }

    private final VoteFinder votes;
    private final int resourceColumn;
    private final int ciColumn;
    private final int changedColumn;
    private final int enforcedColumn;
    private final int bulletinColumn;
    private final int articleColumn;
    private final int agentColumn;
    private long seq;
    private LocalDateTime newestState;

    /** A summary that looks for duplicated pairs only (a schema without scan tools). */
    public ComplianceSummary() {
        this(null);
    }

    /**
     * @param preferredScanAgents ScanAgent patterns of the tool that answers first where several scan
     *                            tools report the same host and bulletin (SMS 2003); null where the
     *                            schema has no scan tools
     */
    public ComplianceSummary(List<String> preferredScanAgents) {
        votes = new VoteFinder(preferredScanAgents);
        resourceColumn = column("resourceId");
        ciColumn = column("ciId");
        changedColumn = column("lastStatusChangeTime");
        enforcedColumn = column("enforcementTime");
        bulletinColumn = column("bulletinId");
        articleColumn = column("articleId");
        agentColumn = column("scanAgent");
    }

    private static int column(String name) {
        int c = 0;
        for (String column : SnapshotTable.COMPLIANCE.columns().keySet()) {
            if (column.equals(name)) {
                return c;
            }
            c++;
        }
        throw new IllegalStateException(SnapshotTable.COMPLIANCE.table() + " has no column " + name);
    }

    /** One copied row, its values in the order of {@link SnapshotTable#COMPLIANCE}'s columns. */
    void row(Object[] row) {
        votes.add(++seq, (Integer) row[resourceColumn], (Integer) row[ciColumn], (String) row[bulletinColumn],
                (String) row[articleColumn], (String) row[agentColumn]);
        newer((LocalDateTime) row[changedColumn]);
        newer((LocalDateTime) row[enforcedColumn]);
    }

    private void newer(LocalDateTime t) {
        if (t != null && (newestState == null || t.isAfter(newestState))) {
            newestState = t;
        }
    }

    /** Call once, after the last row: hands every row that does not vote to {@code notVoting}. */
    public Result result(VoteFinder.Sink notVoting) {
        long[] count = {0};
        Set<Long> duplicates = votes.finish((s, reason) -> {
            count[0]++;
            notVoting.notVoting(s, reason);
        });
        return new Result(duplicates, newestState, count[0]);
    }

    @Override
    public void close() {
        votes.close();
    }
}
