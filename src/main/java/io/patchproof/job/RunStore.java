package io.patchproof.job;

import io.patchproof.reconcile.Confidence;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The local store's own tables (snapshot, findings, published sets): everything the steps share.
 * Memory use is bounded by hosts and updates; findings and compliance rows are only streamed.
 * Thread-safe (stateless apart from the JdbcTemplate).
 */
public class RunStore {

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
        LocalDateTime osInv = local(rs, "osInventoryLocal");
        LocalDateTime hwScan = local(rs, "hwScanLocal");
        LocalDateTime scan = local(rs, "lastScanTime");
        return new HostFacts(id, rs.getString("name"), rs.getString("domain"), rs.getString("siteCode"),
                isServer(osName, caption, productTypes.get(id)), osName, caption,
                one(rs, "obsolete"), one(rs, "decommissioned"), local(rs, "lastBootLocal"),
                osInv != null ? osInv : hwScan, currentTz != null ? currentTz : wsTz,
                (Integer) rs.getObject("clientState"), scan == null ? null : scan.toInstant(ZoneOffset.UTC));
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

    /** Updates of a snapshot with their classification and product categories. */
    public Map<Integer, UpdateFacts> updates(long snapshotId) {
        Map<Integer, List<String>> classes = new HashMap<>();
        Map<Integer, List<String>> products = new HashMap<>();
        jdbc.query("SELECT ciId, categoryType, categoryName FROM pp_snap_category WHERE snapshot_id = ? ORDER BY seq",
                (RowCallbackHandler) rs -> {
                    String type = rs.getString(2);
                    Map<Integer, List<String>> target = "UpdateClassification".equalsIgnoreCase(type) ? classes
                            : "Product".equalsIgnoreCase(type) ? products : null;
                    if (target != null && rs.getString(3) != null) {
                        List<String> names = target.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>());
                        if (!names.contains(rs.getString(3))) {
                            names.add(rs.getString(3));
                        }
                    }
                }, snapshotId);
        Map<Integer, UpdateFacts> updates = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM pp_snap_update WHERE snapshot_id = ? ORDER BY seq", (RowCallbackHandler) rs -> {
            int ci = rs.getInt("ciId");
            LocalDateTime posted = local(rs, "datePosted");
            updates.putIfAbsent(ci, new UpdateFacts(ci, rs.getString("articleId"), rs.getString("bulletinId"),
                    rs.getString("title"), Severity.fromCode((Integer) rs.getObject("severity")),
                    join(classes.get(ci)), join(products.get(ci)),
                    posted == null ? null : posted.toInstant(ZoneOffset.UTC), one(rs, "isExpired"), one(rs, "isSuperseded")));
        }, snapshotId);
        return updates;
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
                                    + (one(rs, "isGmt") ? " UTC" : " local"))
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
     * reads as 0, as it always did). Worked out once per snapshot and kept beside it
     * ({@code pp_snap_duplicate}, marked done in {@code pp_snap_duplicate_scan}): the reconcile and
     * the publish step both need them, possibly in different processes. The rows are sorted and
     * neighbours compared: H2 sorts a large result on disk, so memory stays flat, where a GROUP BY
     * holds every group in memory and an index on the pair cost a third of the extract to maintain.
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
        jdbc.update("DELETE FROM pp_snap_duplicate WHERE snapshot_id = ?", snapshotId);
        jdbc.batchUpdate("INSERT INTO pp_snap_duplicate (snapshot_id, resourceId, ciId) VALUES (?, ?, ?)",
                result.stream().sorted().map(k -> new Object[] {snapshotId, (int) (k >> 32), (int) (long) k}).toList());
        jdbc.update("INSERT INTO pp_snap_duplicate_scan (snapshot_id) VALUES (?)", snapshotId);
        return result;
    }

    /** Tables that hold what was worked out from a snapshot; they go with it. */
    static final List<String> DERIVED_SNAPSHOT_TABLES = List.of("pp_snap_duplicate_scan", "pp_snap_duplicate");

    /** The first and last sequence number of a snapshot's compliance rows ({1, 0} when it has none). */
    public long[] complianceSeqRange(long snapshotId) {
        return jdbc.queryForObject("SELECT MIN(seq), MAX(seq) FROM pp_snap_compliance WHERE snapshot_id = ?",
                (rs, n) -> rs.getObject(1) == null ? new long[] {1, 0} : new long[] {rs.getLong(1), rs.getLong(2)}, snapshotId);
    }

    public static long pairKey(int resourceId, int ciId) {
        return ((long) resourceId << 32) | (ciId & 0xffffffffL);
    }

    // ---- findings ----

    /**
     * The findings the workbook lists one by one (NOT_IN_EFFECT and MISSING) are staged by the
     * reconcile step in a table per job instance, {@code pp_finding_<instance>_sheet}, for the two
     * sorted sheets and the history's first-seen dates. Every other finding is not staged: the
     * publish step works all of them out again from the snapshot ({@link SnapshotFindings}), which
     * costs less than writing them and reading them back (about a kilobyte each, with the evidence).
     * Releasing the table after the run is a {@code DROP TABLE}, which H2 does without touching a
     * row. The name is built from a number only, never from user input.
     */
    static final Set<Verdict> SHEET_VERDICTS = EnumSet.of(Verdict.NOT_IN_EFFECT, Verdict.MISSING);

    /** The table every finding was staged in by versions before {@link SnapshotFindings}; only dropped now. */
    static String findingTable(long jobInstanceId) {
        return "pp_finding_" + jobInstanceId;
    }

    static String sheetTable(long jobInstanceId) {
        return findingTable(jobInstanceId) + "_sheet";
    }

    /**
     * Creates the job instance's sheet table unless it exists (a restart keeps what was committed).
     * A run resumed from a store written by a version that staged every finding, before the sheet
     * table existed, gets it filled from that table once.
     */
    public void createSheetTable(long jobInstanceId) {
        String columns = " (seq BIGINT NOT NULL PRIMARY KEY,"
                + " resource_id INT NOT NULL, host VARCHAR, site_code VARCHAR, server BOOLEAN NOT NULL,"
                + " ci_id INT NOT NULL, article_id VARCHAR, bulletin_id VARCHAR, title VARCHAR, severity VARCHAR(16) NOT NULL,"
                + " classification VARCHAR, superseded BOOLEAN NOT NULL, status INT NOT NULL, enforcement_state INT,"
                + " verdict VARCHAR(16) NOT NULL, confidence VARCHAR(8) NOT NULL,"
                + " installed_earliest TIMESTAMP, installed_latest TIMESTAMP, last_boot TIMESTAMP, inventory TIMESTAMP,"
                + " exposure_days BIGINT, exempt_reason VARCHAR, evidence VARCHAR, quality_flags VARCHAR)";
        boolean sheetExists = exists(sheetTable(jobInstanceId));
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + sheetTable(jobInstanceId) + columns);
        if (!sheetExists && exists(findingTable(jobInstanceId))) {
            jdbc.update("INSERT INTO " + sheetTable(jobInstanceId) + " SELECT * FROM " + findingTable(jobInstanceId)
                    + " WHERE verdict IN (" + SHEET_VERDICTS.stream().map(v -> "'" + v.name() + "'")
                            .collect(Collectors.joining(", ")) + ")");
        }
    }

    private boolean exists(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE UPPER(TABLE_NAME) = ?",
                Integer.class, table.toUpperCase(Locale.ROOT));
        return n != null && n > 0;
    }

    /** Stages the sheets' findings of a chunk ({@link #SHEET_VERDICTS}) with one JDBC batch; the others need nothing. */
    public void insertSheetFindings(long jobInstanceId, List<? extends Finding> findings) {
        List<Object[]> rows = new ArrayList<>();
        for (Finding f : findings) {
            if (SHEET_VERDICTS.contains(f.verdict())) {
                rows.add(findingRow(f));
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(insertFinding(sheetTable(jobInstanceId)), rows);
        }
    }

    static String insertFinding(String table) {
        return "INSERT INTO " + table + " (seq, resource_id, host, site_code, server,"
                + " ci_id, article_id, bulletin_id, title, severity, classification, superseded, status, enforcement_state,"
                + " verdict, confidence, installed_earliest, installed_latest, last_boot, inventory, exposure_days,"
                + " exempt_reason, evidence, quality_flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    static Object[] findingRow(Finding f) {
        return new Object[] {f.seq(), f.resourceId(), f.host(), f.siteCode(), f.server(), f.ciId(),
                f.articleId(), f.bulletinId(), f.title(), f.severity().name(), f.classification(), f.superseded(),
                f.status(), f.enforcementState(), f.verdict().name(), f.confidence().name(), ts(f.installedEarliestUtc()),
                ts(f.installedLatestUtc()), ts(f.lastBootUtc()), ts(f.inventoryUtc()), f.exposureDays(), f.exemptReason(),
                f.evidence(), f.qualityFlags().stream().map(Enum::name).sorted().collect(Collectors.joining(","))};
    }

    /** Releases a job instance's staged findings (idempotent; also drops the table older versions staged every finding in). */
    public void dropFindings(long jobInstanceId) {
        jdbc.execute("DROP TABLE IF EXISTS " + sheetTable(jobInstanceId));
        jdbc.execute("DROP TABLE IF EXISTS " + findingTable(jobInstanceId));
    }

    /**
     * Streams the staged findings of one of the sheets' verdicts in the given order; {@code order}
     * is a fixed SQL fragment of this class's callers.
     */
    public void forEachSheetFinding(long jobInstanceId, Verdict verdict, String order, Consumer<Finding> sink) {
        if (!SHEET_VERDICTS.contains(verdict)) {
            throw new IllegalArgumentException(verdict + " findings are not staged; only " + SHEET_VERDICTS + " are");
        }
        jdbc.query("SELECT * FROM " + sheetTable(jobInstanceId) + " WHERE verdict = ? ORDER BY " + order,
                (RowCallbackHandler) rs -> sink.accept(finding(rs)), verdict.name());
    }

    static Finding finding(ResultSet rs) throws SQLException {
        String flags = rs.getString("quality_flags");
        Set<QualityFlag> set = EnumSet.noneOf(QualityFlag.class);
        if (flags != null && !flags.isEmpty()) {
            Arrays.stream(flags.split(",")).map(QualityFlag::valueOf).forEach(set::add);
        }
        Long exposure = rs.getObject("exposure_days") == null ? null : rs.getLong("exposure_days");
        return new Finding(rs.getLong("seq"), rs.getInt("resource_id"), rs.getString("host"), rs.getString("site_code"),
                rs.getBoolean("server"), rs.getInt("ci_id"), rs.getString("article_id"), rs.getString("bulletin_id"),
                rs.getString("title"), Severity.valueOf(rs.getString("severity")), rs.getString("classification"),
                rs.getBoolean("superseded"), rs.getInt("status"), (Integer) rs.getObject("enforcement_state"),
                Verdict.valueOf(rs.getString("verdict")), Confidence.valueOf(rs.getString("confidence")),
                instant(rs, "installed_earliest"), instant(rs, "installed_latest"), instant(rs, "last_boot"),
                instant(rs, "inventory"), exposure, rs.getString("exempt_reason"), rs.getString("evidence"), set);
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
