package io.patchproof.source;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * What the extract works out from the compliance rows while it copies them, so that no later step
 * scans the stored snapshot for it (at 100,000 hosts each such scan of 7.5 million rows cost
 * 8 to 18 s): the (ResourceID, CI_ID) pairs that occur more than once ({@link DuplicatePairFinder}),
 * and the newest state time (the later of LastStatusChangeTime and the enforcement message time,
 * UTC), which the manifest reports as the data's freshness.
 *
 * <p>Not thread-safe: the copy's cursor thread hands it every row, then it is asked once.
 */
public final class ComplianceSummary implements AutoCloseable {

    /** The summary of one completed copy. */
    public record Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc) {
    }

    private final DuplicatePairFinder pairs = new DuplicatePairFinder();
    private final int resourceColumn;
    private final int ciColumn;
    private final int changedColumn;
    private final int enforcedColumn;
    private LocalDateTime newestState;

    public ComplianceSummary() {
        resourceColumn = column("resourceId");
        ciColumn = column("ciId");
        changedColumn = column("lastStatusChangeTime");
        enforcedColumn = column("enforcementTime");
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
        pairs.add(DuplicatePairFinder.pairKey((Integer) row[resourceColumn], (Integer) row[ciColumn]));
        newer((LocalDateTime) row[changedColumn]);
        newer((LocalDateTime) row[enforcedColumn]);
    }

    private void newer(LocalDateTime t) {
        if (t != null && (newestState == null || t.isAfter(newestState))) {
            newestState = t;
        }
    }

    /** Call once, after the last row. */
    public Result result() {
        return new Result(pairs.duplicates(), newestState);
    }

    @Override
    public void close() {
        pairs.close();
    }
}
