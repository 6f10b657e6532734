package io.patchproof.source;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the extract works out from the compliance rows while it copies them, so that no later step
 * scans the stored snapshot for it (at 100,000 hosts each such scan of 7.5 million rows cost
 * 8 to 18 s): the (ResourceID, CI_ID) pairs that occur more than once ({@link DuplicatePairFinder};
 * a row with a NULL key pairs with nothing), the newest state time (the later of
 * LastStatusChangeTime and the enforcement message time, UTC), which the manifest reports as the
 * data's freshness, and the newest of the rows' other times (SMS 2003's scan and agent install
 * times: inventory times, zone unconfirmed), which with it dates the data. Impossible dates never
 * reach it: the copy has made them NULL ({@link ValueAudit}).
 *
 * <p>Not thread-safe: the copy's cursor thread hands it every row, then it is asked once.
 */
public final class ComplianceSummary implements AutoCloseable {

    /** The summary of one completed copy. */
    public record Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc, LocalDateTime newestOtherTime) {

        public Result(Set<Long> duplicatePairs, LocalDateTime newestStateUtc) {
            this(duplicatePairs, newestStateUtc, null);
        }
    }

    private final DuplicatePairFinder pairs = new DuplicatePairFinder();
    private final int resourceColumn;
    private final int ciColumn;
    private final int changedColumn;
    private final int enforcedColumn;
    private final int[] otherTimeColumns;
    private LocalDateTime newestState;
    private LocalDateTime newestOther;

    public ComplianceSummary() {
        resourceColumn = column("resourceId");
        ciColumn = column("ciId");
        changedColumn = column("lastStatusChangeTime");
        enforcedColumn = column("enforcementTime");
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
        if (row[resourceColumn] != null && row[ciColumn] != null) {
            pairs.add(DuplicatePairFinder.pairKey((Integer) row[resourceColumn], (Integer) row[ciColumn]));
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

    /** Call once, after the last row. */
    public Result result() {
        return new Result(pairs.duplicates(), newestState, newestOther);
    }

    @Override
    public void close() {
        pairs.close();
    }
}
