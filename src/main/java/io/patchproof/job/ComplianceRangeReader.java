package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads one partition of a compliance snapshot (sequence numbers {@code firstSeq..lastSeq}) in
 * stored order, one page of sequence numbers at a time, each row with its state name and scan
 * columns (null except for schemas that name states; the processor maps those), its QFE install
 * date, joined here from the snapshot's QFE rows ({@link #SQL}), and, where it does not vote for
 * its pair, why ({@link RunStore#notVoting}: a range read of the page's sequence numbers, empty on
 * most pages). The rows that do not vote are a property of the snapshot, worked out before the
 * step reads ({@link RunStore#ensureVotes}), so any partitioning and any restart reads the same ones.
 *
 * <p>Why pages and not a cursor: H2 without lazy query execution materialises a query's whole
 * result before returning its first row (to disk past 40,000 rows), so a cursor over a snapshot
 * of millions of rows first copied it once more. A page is a primary-key range read in key order
 * ({@code ORDER BY snapshot_id, seq}: with {@code seq} alone H2 sorts the whole range).
 *
 * <p>Restart: by count, like the cursor reader it replaces. The extract numbers a snapshot's rows
 * 1, 2, 3, ... without gaps and the snapshot never changes afterwards, so item {@code n} of a
 * partition is sequence number {@code firstSeq + n}. Not thread-safe; one per partition.
 */
class ComplianceRangeReader extends AbstractItemCountingItemStreamItemReader<SnapshotComplianceRow> {

    /**
     * The page, each row with its QFE install date: the snapshot's own (snapshots copied before
     * the QFE dates had a query of their own carry it in the row), else the host's
     * {@code pp_snap_qfe} row of {@code 'KB' + ArticleID}, the update's ArticleID being that of its
     * first {@code pp_snap_update} row (the one {@link RunStore#updates} keeps). Both look-ups are
     * scalar and take the first row by sequence, so a page never gains or loses a row (restart by
     * count depends on it); both are index seeks.
     */
    static final String SQL = "SELECT c.seq, c.resourceId, c.ciId, c.status, c.lastStatusChangeTime, c.enforcementState,"
            + " c.enforcementTime, c.lastErrorCode, COALESCE(c.qfeInstalledOn, (SELECT q.installedOn FROM pp_snap_qfe q"
            + " WHERE q.snapshot_id = c.snapshot_id AND q.resourceId = c.resourceId AND q.hotFixId = (SELECT"
            + " CASE WHEN u.articleId IS NOT NULL THEN UPPER(CONCAT('KB', u.articleId)) END FROM pp_snap_update u"
            + " WHERE u.snapshot_id = c.snapshot_id AND u.ciId = c.ciId ORDER BY u.seq OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY)"
            + " ORDER BY q.seq OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY)) AS qfeInstalledOn,"
            + " c.stateName, c.scanStatus, c.scanAgent, c.scanTime FROM pp_snap_compliance c"
            + " WHERE c.snapshot_id = ? AND c.seq BETWEEN ? AND ? ORDER BY c.snapshot_id, c.seq";
    private static final String NOT_VOTING = "SELECT seq, reason FROM pp_snap_not_voting"
            + " WHERE snapshot_id = ? AND seq BETWEEN ? AND ?";

    private final JdbcTemplate jdbc;
    private final long snapshotId;
    private final long firstSeq;
    private final long lastSeq;
    private final int pageSize;
    private long nextSeq;
    private Iterator<SnapshotComplianceRow> page = List.<SnapshotComplianceRow>of().iterator();

    ComplianceRangeReader(JdbcTemplate jdbc, long snapshotId, long firstSeq, long lastSeq, int pageSize) {
        this.jdbc = jdbc;
        this.snapshotId = snapshotId;
        this.firstSeq = firstSeq;
        this.lastSeq = lastSeq;
        this.pageSize = pageSize;
        setName("complianceReader");
    }

    @Override
    protected void doOpen() {
        nextSeq = firstSeq;
        page = List.<SnapshotComplianceRow>of().iterator();
    }

    @Override
    protected SnapshotComplianceRow doRead() {
        while (!page.hasNext()) {
            if (nextSeq > lastSeq) {
                return null;
            }
            long to = Math.min(lastSeq, nextSeq + pageSize - 1);
            List<SnapshotComplianceRow> rows = new ArrayList<>(pageSize);
            Map<Long, String> notVoting = new HashMap<>();
            jdbc.query(NOT_VOTING, rs -> {
                notVoting.put(rs.getLong(1), RunStore.outOfScopeReason(rs.getString(2)));
            }, snapshotId, nextSeq, to);
            jdbc.query(SQL, rs -> {
                long seq = rs.getLong(1);
                // getInt reads NULL as 0: the row says which key was NULL, so that it joins nothing.
                boolean nullResourceId = rs.getObject(2) == null;
                boolean nullCiId = rs.getObject(3) == null;
                rows.add(new SnapshotComplianceRow(new ComplianceFacts(seq, rs.getInt(2), rs.getInt(3),
                        rs.getInt(4), RunStore.instant(rs, "lastStatusChangeTime"), (Integer) rs.getObject(6),
                        RunStore.instant(rs, "enforcementTime"), (Integer) rs.getObject(8), rs.getString(9)),
                        rs.getString(10), rs.getString(11), rs.getString(12), RunStore.local(rs, "scanTime"),
                        notVoting.get(seq), nullResourceId, nullCiId));
            }, snapshotId, nextSeq, to);
            nextSeq = to + 1;
            page = rows.iterator();
        }
        return page.next();
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        nextSeq = firstSeq + itemIndex;
        page = List.<SnapshotComplianceRow>of().iterator();
    }

    @Override
    protected void doClose() {
        page = List.<SnapshotComplianceRow>of().iterator();
    }
}
