package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import io.patchproof.source.DuplicatePairFinder;
import io.patchproof.source.SnapshotTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The local store's own tables (snapshot, findings, published sets): everything the steps share.
 * Memory use is bounded by hosts and updates; findings and compliance rows are only streamed.
 * Thread-safe (stateless apart from the JdbcTemplate).
 */
public class RunStore {

    private static final Logger log = LoggerFactory.getLogger(RunStore.class);

    private final JdbcTemplate jdbc;
    private final boolean useProductType;

    public RunStore(DataSource store, boolean useProductType) {
        this.jdbc = new JdbcTemplate(store);
        this.jdbc.setFetchSize(1000);
        this.useProductType = useProductType;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The snapshot a job instance reads, or null before its extract completed. */
    public Long snapshotOf(long jobInstanceId) {
        List<Long> ids = jdbc.queryForList("SELECT snapshot_id FROM pp_run WHERE job_instance_id = ?", Long.class, jobInstanceId);
        return ids.isEmpty() ? null : ids.get(0);
    }

    public long requireSnapshot(long jobInstanceId) {
        Long id = snapshotOf(jobInstanceId);
        if (id == null) {
            throw new IllegalStateException("job instance " + jobInstanceId + " has no completed snapshot");
        }
        return id;
    }

    /** The settings a run's findings are worked out with ({@link FindingSettings}), or null before they are recorded. */
    public String findingSettings(long jobInstanceId) {
        List<String> texts = jdbc.queryForList("SELECT finding_settings FROM pp_run WHERE job_instance_id = ?", String.class,
                jobInstanceId);
        return texts.isEmpty() ? null : texts.get(0);
    }

    void recordFindingSettings(long jobInstanceId, String text) {
        jdbc.update("UPDATE pp_run SET finding_settings = ? WHERE job_instance_id = ? AND finding_settings IS NULL", text,
                jobInstanceId);
    }

    /** Hosts of a snapshot by ResourceID (the first record wins where a ResourceID repeats). */
    public Map<Integer, HostFacts> hosts(long snapshotId) {
        Map<Integer, Integer> productTypes = new HashMap<>();
        if (useProductType) {
            jdbc.query("SELECT resourceId, productType FROM pp_snap_product_type WHERE snapshot_id = ?",
                    (RowCallbackHandler) rs -> productTypes.put(rs.getInt(1), (Integer) rs.getObject(2)), snapshotId);
        }
        Map<Integer, HostFacts> hosts = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM pp_snap_host WHERE snapshot_id = ? ORDER BY seq", (RowCallbackHandler) rs -> {
            HostFacts h = host(rs, productTypes);
            hosts.putIfAbsent(h.resourceId(), h);
        }, snapshotId);
        return hosts;
    }

    private static HostFacts host(ResultSet rs, Map<Integer, Integer> productTypes) throws SQLException {
        int id = rs.getInt("resourceId");
        String osName = rs.getString("osName");
        String caption = rs.getString("osCaption");
        Integer currentTz = (Integer) rs.getObject("currentTimeZone");
        Integer wsTz = (Integer) rs.getObject("timeZoneOffset");
        // Only LastBootUpTime0 of the current v_GS_OPERATING_SYSTEM row counts, dated by that row's
        // own TimeStamp: LastHWScan dates another class's inventory, which may be newer than the
        // boot time it would seem to confirm.
        LocalDateTime osInv = local(rs, "osInventoryLocal");
        LocalDateTime scan = local(rs, "lastScanTime");
        return new HostFacts(id, rs.getString("name"), rs.getString("domain"), rs.getString("siteCode"),
                isServer(osName, caption, productTypes.get(id)), osName, caption,
                one(rs, "obsolete"), one(rs, "decommissioned"), local(rs, "lastBootLocal"),
                osInv, currentTz != null ? currentTz : wsTz,
                (Integer) rs.getObject("clientState"), scan == null ? null : scan.toInstant(ZoneOffset.UTC),
                (Integer) rs.getObject("lastScanState"));
    }

    /**
     * Server or workstation: v_R_System's "Microsoft Windows NT Server 10.0" / "... Workstation ..."
     * (a discovery attribute every site has), refined by the inventoried caption, and decided by
     * ProductType0 (1 workstation, 2 domain controller, 3 server) where the site collects it.
     */
    static boolean isServer(String osName, String caption, Integer productType) {
        if (productType != null) {
            return productType != 1;
        }
        if (caption != null && caption.toLowerCase(Locale.ROOT).contains("windows")) {
            return caption.toLowerCase(Locale.ROOT).contains("server");
        }
        return osName != null && osName.toLowerCase(Locale.ROOT).contains("server");
    }

    /**
     * Updates of a snapshot with their classification and product categories. The classification's
     * GUID is its CategoryInstance_UniqueID without the type prefix ({@code UpdateClassification:}),
     * lower case, the first by snapshot order where a site gives an update more than one.
     */
    public Map<Integer, UpdateFacts> updates(long snapshotId) {
        Map<Integer, List<String>> classes = new HashMap<>();
        Map<Integer, List<String>> products = new HashMap<>();
        Map<Integer, String> classIds = new HashMap<>();
        jdbc.query("SELECT ciId, categoryType, categoryName, categoryId FROM pp_snap_category WHERE snapshot_id = ? ORDER BY seq",
                (RowCallbackHandler) rs -> {
                    String type = rs.getString(2);
                    boolean classification = "UpdateClassification".equalsIgnoreCase(type);
                    Map<Integer, List<String>> target = classification ? classes
                            : "Product".equalsIgnoreCase(type) ? products : null;
                    if (target != null && rs.getString(3) != null) {
                        List<String> names = target.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
                        if (!names.contains(rs.getString(3))) {
                            names.add(rs.getString(3));
                        }
                    }
                    String guid = classification ? classificationGuid(rs.getString(4)) : null;
                    if (guid != null) {
                        classIds.putIfAbsent(rs.getInt(1), guid);
                    }
                }, snapshotId);
        Map<Integer, UpdateFacts> updates = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM pp_snap_update WHERE snapshot_id = ? ORDER BY seq", (RowCallbackHandler) rs -> {
            int ci = rs.getInt("ciId");
            LocalDateTime posted = local(rs, "datePosted");
            updates.putIfAbsent(ci, new UpdateFacts(ci, rs.getString("articleId"), rs.getString("bulletinId"),
                    rs.getString("title"), Severity.fromCode((Integer) rs.getObject("severity")),
                    join(classes.get(ci)), join(products.get(ci)),
                    posted == null ? null : posted.toInstant(ZoneOffset.UTC), one(rs, "isExpired"), one(rs, "isSuperseded"),
                    classIds.get(ci)));
        }, snapshotId);
        return updates;
    }

    /**
     * The GUID of a CategoryInstance_UniqueID ({@code UpdateClassification:0FA1201D-...} →
     * {@code 0fa1201d-...}): the text after the last colon, without braces, lower case; null when
     * blank.
     */
    static String classificationGuid(String uniqueId) {
        if (uniqueId == null) {
            return null;
        }
        String id = uniqueId.substring(uniqueId.lastIndexOf(':') + 1).trim();
        if (id.startsWith("{") && id.endsWith("}")) {
            id = id.substring(1, id.length() - 1).trim();
        }
        return id.isEmpty() ? null : id.toLowerCase(Locale.ROOT);
    }

    /** Collections (with maintenance windows) per ResourceID, and a readable window text per host. */
    public Map<Integer, List<String>> collections(long snapshotId) {
        Map<Integer, List<String>> result = new HashMap<>();
        jdbc.query("SELECT DISTINCT resourceId, collectionId FROM pp_snap_member WHERE snapshot_id = ? ORDER BY resourceId, collectionId",
                (RowCallbackHandler) rs -> result.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2)),
                snapshotId);
        return result;
    }

    /** Readable maintenance-window text per collection. */
    public Map<String, String> windows(long snapshotId) {
        Map<String, List<String>> texts = new TreeMap<>();
        jdbc.query("SELECT * FROM pp_snap_window WHERE snapshot_id = ? ORDER BY collectionId, windowName, seq",
                (RowCallbackHandler) rs -> {
                    LocalDateTime start = local(rs, "startTime");
                    Integer enabled = (Integer) rs.getObject("isEnabled");
                    String text = rs.getString("collectionName") + ": " + rs.getString("windowName")
                            + (start == null ? "" : " from " + start.toString().replace('T', ' ')
                                    + (rs.getObject("isGmt") == null ? " (UTC or local: IsGMT unknown)"
                                            : one(rs, "isGmt") ? " UTC" : " local"))
                            + (rs.getObject("durationMinutes") == null ? "" : ", " + rs.getInt("durationMinutes") + " min")
                            + (enabled != null && enabled == 0 ? " (disabled)" : "");
                    texts.computeIfAbsent(rs.getString("collectionId"), k -> new ArrayList<>()).add(text);
                }, snapshotId);
        Map<String, String> result = new TreeMap<>();
        texts.forEach((k, v) -> result.put(k, String.join("; ", v)));
        return result;
    }

    /**
     * (ResourceID, CI_ID) pairs that occur more than once in the compliance snapshot (a NULL id
     * reads as 0, as it always did). Found by the extract as it copies the rows and kept beside the
     * snapshot ({@code pp_snap_duplicate}, marked done in {@code pp_snap_duplicate_scan}): the
     * reconcile and the publish step both need them, possibly in different processes. A snapshot
     * copied by a version that did not find them is scanned once here: its rows sorted and
     * neighbours compared (H2 sorts a large result on disk, so memory stays flat, where a GROUP BY
     * holds every group in memory), 18 s at 100,000 hosts.
     */
    public synchronized Set<Long> duplicatePairs(long snapshotId) {
        Set<Long> result = new java.util.HashSet<>();
        Integer scanned = jdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_duplicate_scan WHERE snapshot_id = ?",
                Integer.class, snapshotId);
        if (scanned != null && scanned > 0) {
            jdbc.query("SELECT resourceId, ciId FROM pp_snap_duplicate WHERE snapshot_id = ?",
                    (RowCallbackHandler) rs -> result.add(pairKey(rs.getInt(1), rs.getInt(2))), snapshotId);
            return result;
        }
        long started = System.nanoTime();
        long[] previous = {Long.MIN_VALUE};
        jdbc.query("SELECT resourceId, ciId FROM pp_snap_compliance WHERE snapshot_id = ?"
                + " ORDER BY COALESCE(resourceId, 0), COALESCE(ciId, 0)",
                (RowCallbackHandler) rs -> {
                    long key = pairKey(rs.getInt(1), rs.getInt(2));
                    if (key == previous[0]) {
                        result.add(key);
                    }
                    previous[0] = key;
                }, snapshotId);
        recordDuplicatePairs(snapshotId, result);
        log.info("snapshot {}: {} duplicated (ResourceID, CI_ID) pairs found in {} s", snapshotId, result.size(),
                String.format("%.2f", (System.nanoTime() - started) / 1e9));
        return result;
    }

    /**
     * Keeps a snapshot's duplicated pairs and marks them found. The extract finds them as it copies
     * the rows ({@link io.patchproof.source.DuplicatePairFinder}); {@link #duplicatePairs} scans the
     * snapshot only for one copied by a version that did not.
     */
    public void recordDuplicatePairs(long snapshotId, Set<Long> pairs) {
        jdbc.update("DELETE FROM pp_snap_duplicate WHERE snapshot_id = ?", snapshotId);
        jdbc.update("DELETE FROM pp_snap_duplicate_scan WHERE snapshot_id = ?", snapshotId);
        jdbc.batchUpdate("INSERT INTO pp_snap_duplicate (snapshot_id, resourceId, ciId) VALUES (?, ?, ?)",
                pairs.stream().sorted().map(k -> new Object[] {snapshotId, (int) (k >> 32), (int) (long) k}).toList());
        jdbc.update("INSERT INTO pp_snap_duplicate_scan (snapshot_id) VALUES (?)", snapshotId);
    }

    static final int PRUNE_SLICE = 10_000;

    /**
     * Deletes an old snapshot, every table's rows in slices of {@value #PRUNE_SLICE} sequence
     * numbers, each slice committed on a connection of its own. One {@code DELETE} of a 7.5-million
     * row snapshot (100,000 hosts) kept every row in one transaction's undo log and took about 75 s;
     * slices of 10,000 took less than half as long in a measurement at 8,450 hosts (bench/README.md).
     * The snapshot is first marked PRUNING (committed), so that a run interrupted half-way never
     * reuses what is left of it; the next history step deletes the rest.
     */
    public void pruneSnapshot(long snapshotId) {
        try (Connection c = jdbc.getDataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                update(c, "UPDATE pp_snapshot SET status = 'PRUNING' WHERE snapshot_id = ?", snapshotId);
                for (SnapshotTable t : SnapshotTable.values()) {
                    long[] range = {1, 0};
                    try (PreparedStatement q = c.prepareStatement("SELECT MIN(seq), MAX(seq) FROM " + t.table()
                            + " WHERE snapshot_id = ?")) {
                        q.setLong(1, snapshotId);
                        try (ResultSet rs = q.executeQuery()) {
                            if (rs.next() && rs.getObject(1) != null) {
                                range = new long[] {rs.getLong(1), rs.getLong(2)};
                            }
                        }
                    }
                    try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + t.table()
                            + " WHERE snapshot_id = ? AND seq BETWEEN ? AND ?")) {
                        for (long from = range[0]; from <= range[1]; from += PRUNE_SLICE) {
                            delete.setLong(1, snapshotId);
                            delete.setLong(2, from);
                            delete.setLong(3, Math.min(range[1], from + PRUNE_SLICE - 1));
                            delete.executeUpdate();
                        }
                    }
                }
                for (String table : SNAPSHOT_SIDE_TABLES) {
                    update(c, "DELETE FROM " + table + " WHERE snapshot_id = ?", snapshotId);
                }
                update(c, "DELETE FROM pp_snapshot WHERE snapshot_id = ?", snapshotId);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete old snapshot " + snapshotId + " from the local store: "
                    + e.getMessage() + "; the next run's history step tries again", e);
        }
    }

    private static void update(Connection c, String sql, long snapshotId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, snapshotId);
            s.executeUpdate();
        }
    }

    /**
     * The tables keyed by {@code snapshot_id} beside the copied rows ({@link SnapshotTable}) and
     * {@code pp_snapshot} itself: what was worked out from a snapshot and the record of its
     * queries. They go with it.
     */
    static final List<String> SNAPSHOT_SIDE_TABLES = List.of("pp_snap_duplicate_scan", "pp_snap_duplicate", "pp_snap_query",
            "pp_snap_absent_column");

    /** The first and last sequence number of a snapshot's compliance rows ({1, 0} when it has none). */
    public long[] complianceSeqRange(long snapshotId) {
        return jdbc.queryForObject("SELECT MIN(seq), MAX(seq) FROM pp_snap_compliance WHERE snapshot_id = ?",
                (rs, n) -> rs.getObject(1) == null ? new long[] {1, 0} : new long[] {rs.getLong(1), rs.getLong(2)}, snapshotId);
    }

    public static long pairKey(int resourceId, int ciId) {
        return DuplicatePairFinder.pairKey(resourceId, ciId);
    }

    // ---- findings ----

    /**
     * The findings the workbook lists one by one (NOT_IN_EFFECT and MISSING) are staged by the
     * reconcile step, for the two sorted sheets and the history's first-seen dates, in a table per
     * job instance, {@code pp_sheet_<instance>}: each row holds the compliance row's own fields and
     * the finding's verdict and sort keys, never its text (the evidence alone is ~600 characters),
     * so that sorting them moves a fraction of the bytes. The publish step works each finding out
     * again from its staged row, as it does every other finding from the snapshot
     * ({@link SnapshotFindings}). Releasing the table after the run is a {@code DROP TABLE}, which
     * H2 does without touching a row. Names are built from a number only, never from user input.
     */
    static final Set<Verdict> SHEET_VERDICTS = EnumSet.of(Verdict.NOT_IN_EFFECT, Verdict.MISSING);

    static String sheetTable(long jobInstanceId) {
        return "pp_sheet_" + jobInstanceId;
    }

    /** Where versions before the staged rows kept findings: every one, then the sheets' ones, with their text. */
    static List<String> olderFindingTables(long jobInstanceId) {
        return List.of("pp_finding_" + jobInstanceId + "_sheet", "pp_finding_" + jobInstanceId);
    }

    private static final String SHEET_COLUMNS = "seq, verdict, superseded, severity, exposure_days, host, resource_id,"
            + " article_id, ci_id, status, lastStatusChangeTime, enforcementState, enforcementTime, lastErrorCode,"
            + " qfeInstalledOn, stateName";

    /**
     * Creates the job instance's sheet table unless it exists (a restart keeps what was committed).
     * A run resumed from a store written by an older version gets it filled once from the findings
     * that version staged, joined with their snapshot rows.
     */
    public void createSheetTable(long jobInstanceId, long snapshotId) {
        String table = sheetTable(jobInstanceId);
        boolean existed = exists(table);
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (seq BIGINT NOT NULL PRIMARY KEY,"
                + " verdict VARCHAR(16) NOT NULL, superseded BOOLEAN NOT NULL, severity VARCHAR(16) NOT NULL,"
                + " exposure_days BIGINT, host VARCHAR, resource_id INT NOT NULL, article_id VARCHAR, ci_id INT NOT NULL,"
                + " status INT, lastStatusChangeTime TIMESTAMP, enforcementState INT, enforcementTime TIMESTAMP,"
                + " lastErrorCode INT, qfeInstalledOn VARCHAR, stateName VARCHAR)");
        if (existed) {
            return;
        }
        for (String older : olderFindingTables(jobInstanceId)) {
            if (exists(older)) {
                jdbc.update("INSERT INTO " + table + " (" + SHEET_COLUMNS + ") SELECT f.seq, f.verdict, f.superseded,"
                        + " f.severity, f.exposure_days, f.host, f.resource_id, f.article_id, f.ci_id, c.status,"
                        + " c.lastStatusChangeTime, c.enforcementState, c.enforcementTime, c.lastErrorCode, c.qfeInstalledOn,"
                        + " c.stateName FROM " + older + " f JOIN pp_snap_compliance c ON c.snapshot_id = ? AND c.seq = f.seq"
                        + " WHERE f.verdict IN (" + SHEET_VERDICTS.stream().map(v -> "'" + v.name() + "'")
                                .collect(Collectors.joining(", ")) + ")", snapshotId);
                return;
            }
        }
    }

    private boolean exists(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?",
                Integer.class, table.toUpperCase(Locale.ROOT));
        return n != null && n > 0;
    }

    /** Stages the rows of a chunk whose findings the sheets list ({@link #SHEET_VERDICTS}) with one JDBC batch. */
    public void insertSheetRows(long jobInstanceId, List<? extends ReconciledRow> reconciled) {
        List<Object[]> rows = new ArrayList<>();
        for (ReconciledRow r : reconciled) {
            Finding f = r.finding();
            if (SHEET_VERDICTS.contains(f.verdict())) {
                ComplianceFacts c = r.row().facts();
                rows.add(new Object[] {f.seq(), f.verdict().name(), f.superseded(), f.severity().name(), f.exposureDays(),
                        f.host(), f.resourceId(), f.articleId(), f.ciId(), c.status(), ts(c.lastStatusChangeUtc()),
                        c.enforcementState(), ts(c.enforcementTimeUtc()), c.lastErrorCode(), c.qfeInstalledOn(),
                        r.row().stateName()});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + sheetTable(jobInstanceId) + " (" + SHEET_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
    }

    /** Releases a job instance's staged findings (idempotent; also drops the tables older versions staged them in). */
    public void dropFindings(long jobInstanceId) {
        jdbc.execute("DROP TABLE IF EXISTS " + sheetTable(jobInstanceId));
        for (String older : olderFindingTables(jobInstanceId)) {
            jdbc.execute("DROP TABLE IF EXISTS " + older);
        }
    }

    /** A staged row: the verdict the reconcile step gave it, and the compliance row to work its finding out from. */
    record SheetRow(Verdict verdict, SnapshotComplianceRow row) {
    }

    /**
     * Streams the staged rows of one of the sheets' verdicts in the given order; {@code order} is
     * a fixed SQL fragment of this class's callers over the sort-key columns.
     */
    public void forEachSheetRow(long jobInstanceId, Verdict verdict, String order, Consumer<SheetRow> sink) {
        if (!SHEET_VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException(verdict + " findings are not staged; only " + SHEET_VERDICTS + " are");
        }
        jdbc.query("SELECT " + SHEET_COLUMNS + " FROM " + sheetTable(jobInstanceId) + " WHERE verdict = ? ORDER BY " + order,
                (RowCallbackHandler) rs -> sink.accept(new SheetRow(Verdict.valueOf(rs.getString("verdict")),
                        new SnapshotComplianceRow(new ComplianceFacts(rs.getLong("seq"), rs.getInt("resource_id"),
                                rs.getInt("ci_id"), rs.getInt("status"), instant(rs, "lastStatusChangeTime"),
                                (Integer) rs.getObject("enforcementState"), instant(rs, "enforcementTime"),
                                (Integer) rs.getObject("lastErrorCode"), rs.getString("qfeInstalledOn")),
                                rs.getString("stateName")))),
                verdict.name());
    }

    // ---- helpers ----

    static LocalDateTime local(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime ts(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Timestamp timestamp(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t);
    }

    private static boolean one(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v != null && ((Number) v).intValue() == 1;
    }

    private static String join(List<String> names) {
        return names == null || names.isEmpty() ? null : String.join("; ", names);
    }
}
