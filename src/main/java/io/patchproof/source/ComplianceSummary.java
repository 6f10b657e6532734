package io.patchproof.source;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the extract works out from the compliance rows while it copies them, so that no later step
 * scans the stored snapshot for it (at 100,000 hosts each such scan of 7.5 million rows cost
 * 8 to 18 s): the rows that do not vote ({@link VoteFinder}: further copies of a duplicated
 * (ResourceID, CI_ID) pair, and on SMS 2003 other scan tools' rows for a question a preferred
 * tool answers) with the duplicated pairs, and the newest state time (the later of
 * LastStatusChangeTime and the enforcement message time, UTC), which the manifest reports as the
 * data's freshness, and the newest of the rows' other times (SMS 2003's scan and agent install
 * times: inventory times, zone unconfirmed), which with it dates the data. Impossible dates never
 * reach it: the copy has made them NULL ({@link ValueAudit}). A row with a NULL key votes for
 * nothing and pairs with nothing: it is out of scope for its NULL key.
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
     * @param notVoting       how many rows do not vote (each was handed to the sink)
     * @param newestOtherTime the newest of the rows' other times, local (SMS 2003), else null
     */
    public record Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc, long notVoting,
            LocalDateTime newestOtherTime) {

        public Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc) {
            this(duplicatePairs, newestStateUtc, 0, null);
        }
    }

    private final VoteFinder votes;
    private final int resourceColumn;
    private final int ciColumn;
    private final int changedColumn;
    private final int enforcedColumn;
    private final int bulletinColumn;
    private final int articleColumn;
    private final int agentColumn;
    private final int[] otherTimeColumns;
    private long seq;
    private LocalDateTime newestState;
    private LocalDateTime newestOther;

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
        List<Integer> others = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, ColumnType> e : SnapshotTable.COMPLIANCE.columns().entrySet()) {
            if (e.getValue() == ColumnType.TIME && c != changedColumn && c != enforcedColumn) {
                others.add(c);
            }
            c++;
        }
        otherTimeColumns = others.stream().mapToInt(Integer::intValue).toArray();
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
        ++seq;
        if (row[resourceColumn] != null && row[ciColumn] != null) {
            votes.add(seq, (Integer) row[resourceColumn], (Integer) row[ciColumn], (String) row[bulletinColumn],
                    (String) row[articleColumn], (String) row[agentColumn]);
        }
        newestState = newer(newestState, (LocalDateTime) row[changedColumn]);
        newestState = newer(newestState, (LocalDateTime) row[enforcedColumn]);
        for (int c : otherTimeColumns) {
            newestOther = newer(newestOther, (LocalDateTime) row[c]);
        }
    }

    private static LocalDateTime newer(LocalDateTime newest, LocalDateTime t) {
        return t != null && (newest == null || t.isAfter(newest)) ? t : newest;
    }

    /** Call once, after the last row: hands every row that does not vote to {@code notVoting}. */
    public Result result(VoteFinder.Sink notVoting) {
        long[] count = {0};
        Set<Long> duplicates = votes.finish((s, reason) -> {
            count[0]++;
            notVoting.notVoting(s, reason);
        });
        return new Result(duplicates, newestState, count[0], newestOther);
    }

    @Override
    public void close() {
        votes.close();
    }
}
