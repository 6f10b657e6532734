package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.MaintenanceWindow;
import io.patchproof.reconcile.OutOfScope;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import io.patchproof.source.BulletinSeverities;
import io.patchproof.source.ComplianceSummary;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SnapshotTable;
import io.patchproof.source.VoteFinder;
import io.patchproof.store.StoreDdl;
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

    /** The ScanAgent patterns of the Inventory Tool for Microsoft Updates, the default preferred scan tool. */
    static final List<String> DEFAULT_PREFERRED_SCAN_AGENTS = List.of("*Microsoft Updates*");

    private final JdbcTemplate jdbc;
    private final boolean useProductType;
    private final List<String> preferredScanAgents;
    private final String bulletinSeverityLocation;
    private volatile BulletinSeverities bulletinSeverities;

    /** A store with the SMS 2003 defaults (preferred scan tool ITMU, the shipped bulletin severities). */
    public RunStore(DataSource store, boolean useProductType) {
        this(store, useProductType, null);
    }

    /**
     * @param sms2003 how SMS 2003 snapshots are read: which scan tool answers first
     *                (preferred-scan-agents) and where bulletin severities come from
     *                (bulletin-severity); null for the defaults
     */
    public RunStore(DataSource store, boolean useProductType, PatchproofProperties.Source.Sms2003 sms2003) {
        this.jdbc = new JdbcTemplate(store);
        this.jdbc.setFetchSize(1000);
        this.useProductType = useProductType;
        this.preferredScanAgents = sms2003 == null || sms2003.preferredScanAgents() == null
                ? DEFAULT_PREFERRED_SCAN_AGENTS : List.copyOf(sms2003.preferredScanAgents());
        this.bulletinSeverityLocation = sms2003 == null ? null : sms2003.bulletinSeverity();
    }

    /** The preferred scan agents of this process, as the extract and the vote record take them. */
    public List<String> preferredScanAgents() {
        return preferredScanAgents;
    }

    /** The bulletin severities of this process, read once on first use. */
    public BulletinSeverities bulletinSeverities() {
        BulletinSeverities s = bulletinSeverities;
        if (s == null) {
            synchronized (this) {
                s = bulletinSeverities;
                if (s == null) {
                    try {
                        s = BulletinSeverities.load(bulletinSeverityLocation);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage(), e);
                    }
                    bulletinSeverities = s;
                }
            }
        }
        return s;
    }

    /** The schema profile a snapshot was read with (configmgr, sms2003), or null when there is no such snapshot. */
    public String schemaOf(long snapshotId) {
        List<String> profiles = jdbc.queryForList("SELECT schema_profile FROM pp_snapshot WHERE snapshot_id = ?",
                String.class, snapshotId);
        return profiles.isEmpty() ? null : profiles.get(0);
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

    /** The exceptions register kept with a run ({@link RunExceptions}), or null before one is kept. */
    public io.patchproof.exceptions.ExceptionsRegister keptExceptions(long jobInstanceId) {
        List<io.patchproof.exceptions.ExceptionsRegister> kept = jdbc.query("SELECT file_name, sha256, content FROM"
                + " pp_run_exceptions WHERE job_instance_id = ?", (rs, i) -> io.patchproof.exceptions.ExceptionsRegister
                        .parse(rs.getString(1), rs.getString(2), rs.getString(3)), jobInstanceId);
        return kept.isEmpty() ? null : kept.get(0);
    }

    /** Keeps a run's register unless one is kept already (the first keeper wins). */
    void keepExceptions(long jobInstanceId, io.patchproof.exceptions.ExceptionsRegister register) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM pp_run_exceptions WHERE job_instance_id = ?", Integer.class,
                jobInstanceId);
        if (n == null || n == 0) {
            jdbc.update("INSERT INTO pp_run_exceptions (job_instance_id, file_name, sha256, content) VALUES (?, ?, ?, ?)",
                    jobInstanceId, register.file(), register.sha256(), register.text());
        }
    }

    /**
     * The members of the collections the exceptions register names, as the snapshot read them
     * (select_register_members.sql), by CollectionID; a collection without members maps to an
     * empty set, one the site does not have is absent.
     */
    public Map<String, Set<Integer>> registerMembers(long snapshotId) {
        Map<String, Set<Integer>> members = new HashMap<>();
        jdbc.query("SELECT collectionId, resourceId FROM pp_snap_register_member WHERE snapshot_id = ?"
                + " AND collectionId IS NOT NULL", (RowCallbackHandler) rs -> {
                    Set<Integer> in = members.computeIfAbsent(rs.getString(1).toUpperCase(Locale.ROOT),
                            k -> new java.util.HashSet<>());
                    int id = rs.getInt(2);
                    if (!rs.wasNull()) {
                        in.add(id);
                    }
                }, snapshotId);
        return members;
    }

    /**
     * The number of partitions a run's reconcile step is split into, recorded when the step first
     * began ({@code pp_run.partitions}), or null before. A restart keeps it, whatever
     * {@code patchproof.rules.partitions} or the processor count of the restarting machine.
     */
    public Integer reconcilePartitions(long jobInstanceId) {
        List<Integer> n = jdbc.queryForList("SELECT partitions FROM pp_run WHERE job_instance_id = ?", Integer.class,
                jobInstanceId);
        return n.isEmpty() ? null : n.get(0);
    }

    /** Records a run's reconcile partitions unless it has them already; returns the recorded number. */
    int keepReconcilePartitions(long jobInstanceId, int partitions) {
        jdbc.update("UPDATE pp_run SET partitions = ? WHERE job_instance_id = ? AND partitions IS NULL", partitions,
                jobInstanceId);
        Integer recorded = reconcilePartitions(jobInstanceId);
        if (recorded == null) {
            throw new IllegalStateException("job instance " + jobInstanceId + " has no completed snapshot");
        }
        return recorded;
    }

    /**
     * Hosts of a snapshot by ResourceID (the first record wins where a ResourceID repeats). A
     * record without ResourceID joins nothing and is left out (the extract lists it under Data
     * quality): {@code getInt} would read its NULL as 0.
     */
    public Map<Integer, HostFacts> hosts(long snapshotId) {
        Map<Integer, Integer> productTypes = new HashMap<>();
        if (useProductType) {
            jdbc.query("SELECT resourceId, productType FROM pp_snap_product_type WHERE snapshot_id = ?"
                    + " AND resourceId IS NOT NULL",
                    (RowCallbackHandler) rs -> productTypes.put(rs.getInt(1), (Integer) rs.getObject(2)), snapshotId);
        }
        Map<Integer, HostFacts> hosts = new LinkedHashMap<>();
        String hostRows = "SELECT * FROM pp_snap_host WHERE snapshot_id = ? AND resourceId IS NOT NULL ORDER BY seq";
        jdbc.query(hostRows, (RowCallbackHandler) rs -> {
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
     * Updates of a snapshot with their classification and product categories; rows without CI_ID
     * join nothing. The classification's GUID is its CategoryInstance_UniqueID without the type
     * prefix ({@code UpdateClassification:}), lower case, the first by snapshot order where a site
     * gives an update more than one. SMS 2003 keeps no severity: an update of an sms2003 snapshot
     * takes its bulletin's published maximum severity rating from {@link #bulletinSeverities()}
     * (unspecified where the file does not list it).
     */
    public Map<Integer, UpdateFacts> updates(long snapshotId) {
        BulletinSeverities severities = SchemaProfile.SMS2003.id().equals(schemaOf(snapshotId)) ? bulletinSeverities() : null;
        Map<Integer, List<String>> classes = new HashMap<>();
        Map<Integer, List<String>> products = new HashMap<>();
        Map<Integer, String> classIds = new HashMap<>();
        jdbc.query("SELECT ciId, categoryType, categoryName, categoryId FROM pp_snap_category WHERE snapshot_id = ?"
                + " AND ciId IS NOT NULL ORDER BY seq",
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
        String updateRows = "SELECT * FROM pp_snap_update WHERE snapshot_id = ? AND ciId IS NOT NULL ORDER BY seq";
        jdbc.query(updateRows, (RowCallbackHandler) rs -> {
            int ci = rs.getInt("ciId");
            LocalDateTime posted = local(rs, "datePosted");
            Integer severity = (Integer) rs.getObject("severity");
            if (severity == null && severities != null) {
                severity = severities.code(rs.getString("bulletinId"));
            }
            updates.putIfAbsent(ci, new UpdateFacts(ci, rs.getString("articleId"), rs.getString("bulletinId"),
                    rs.getString("title"), Severity.fromCode(severity),
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

    /**
     * The CollectionIDs each host (ResourceID) is a member of, among the collections whose members
     * the extract reads: those with a maintenance window and those a software-update deployment
     * targets (select_collection_members.sql).
     */
    public Map<Integer, List<String>> collections(long snapshotId) {
        Map<Integer, List<String>> result = new HashMap<>();
        jdbc.query("SELECT DISTINCT resourceId, collectionId FROM pp_snap_member WHERE snapshot_id = ? AND resourceId IS NOT NULL"
                + " ORDER BY resourceId, collectionId",
                (RowCallbackHandler) rs -> result.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2)),
                snapshotId);
        return result;
    }

    /**
     * Every maintenance window of the snapshot, enabled or not and of every type, ordered by
     * collection, window name and read order. A flag the site left NULL stays null ({@link
     * MaintenanceWindow#isEnabled()} says how it reads); schedules is NULL in snapshots taken
     * before the schedule tokens were read.
     */
    public List<MaintenanceWindow> maintenanceWindows(long snapshotId) {
        return jdbc.query("SELECT * FROM pp_snap_window WHERE snapshot_id = ? ORDER BY collectionId, windowName, seq",
                (rs, i) -> new MaintenanceWindow(rs.getString("collectionId"), rs.getString("collectionName"),
                        rs.getString("windowName"), rs.getString("windowDescription"), flag(rs, "isEnabled"),
                        (Integer) rs.getObject("windowType"), (Integer) rs.getObject("recurrenceType"),
                        local(rs, "startTime"), flag(rs, "isGmt"), (Integer) rs.getObject("durationMinutes"),
                        rs.getString("schedules")),
                snapshotId);
    }

    /**
     * CollectionID to v_Collection.Name for every collection whose members were read, and for
     * every collection with a window (a snapshot taken before collection names were read has
     * only the latter). A collection the site names nowhere is absent: the caller shows its ID.
     */
    public Map<String, String> collectionNames(long snapshotId) {
        Map<String, String> names = new TreeMap<>();
        jdbc.query("SELECT collectionId, collectionName FROM pp_snap_window WHERE snapshot_id = ? AND collectionId IS NOT NULL"
                + " AND collectionName IS NOT NULL ORDER BY seq", (RowCallbackHandler) rs -> names.put(rs.getString(1),
                rs.getString(2)), snapshotId);
        jdbc.query("SELECT collectionId, collectionName FROM pp_snap_collection WHERE snapshot_id = ?"
                + " AND collectionId IS NOT NULL AND collectionName IS NOT NULL ORDER BY seq",
                (RowCallbackHandler) rs -> names.put(rs.getString(1), rs.getString(2)), snapshotId);
        return names;
    }

    /**
     * (ResourceID, CI_ID) pairs that occur more than once in the compliance snapshot (a row with a
     * NULL id pairs with nothing: it joins nothing). Found by the extract as it copies the rows and kept beside the
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
                + " AND resourceId IS NOT NULL AND ciId IS NOT NULL ORDER BY resourceId, ciId",
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
     * the rows ({@link io.patchproof.source.VoteFinder}); {@link #duplicatePairs} scans the
     * snapshot only for one copied by a version that did not.
     */
    public void recordDuplicatePairs(long snapshotId, Set<Long> pairs) {
        jdbc.update("DELETE FROM pp_snap_duplicate WHERE snapshot_id = ?", snapshotId);
        jdbc.update("DELETE FROM pp_snap_duplicate_scan WHERE snapshot_id = ?", snapshotId);
        jdbc.batchUpdate("INSERT INTO pp_snap_duplicate (snapshot_id, resourceId, ciId) VALUES (?, ?, ?)",
                pairs.stream().sorted().map(k -> new Object[] {snapshotId, (int) (k >> 32), (int) (long) k}).toList());
        jdbc.update("INSERT INTO pp_snap_duplicate_scan (snapshot_id) VALUES (?)", snapshotId);
    }

    // ---- one pair, one vote ----

    static final int VOTE_BATCH = 1_000;

    /**
     * Keeps what the extract's {@link ComplianceSummary} found as it copied a snapshot's compliance
     * rows: the rows that do not vote ({@code pp_snap_not_voting}), the duplicated pairs, and the
     * mark that says both are worked out and with which preferred scan agents. Call while the
     * summary is open.
     *
     * @param preferredScanAgents the agents the summary was made with, null for a schema without scan tools
     */
    public ComplianceSummary.Result recordVotes(long snapshotId, ComplianceSummary summary, List<String> preferredScanAgents) {
        jdbc.update("DELETE FROM pp_snap_not_voting WHERE snapshot_id = ?", snapshotId);
        jdbc.update("DELETE FROM pp_snap_vote_scan WHERE snapshot_id = ?", snapshotId);
        List<Object[]> batch = new ArrayList<>(VOTE_BATCH);
        ComplianceSummary.Result result = summary.result((seq, reason) -> {
            batch.add(new Object[] {snapshotId, seq, reason.name()});
            if (batch.size() == VOTE_BATCH) {
                insertNotVoting(batch);
            }
        });
        insertNotVoting(batch);
        recordDuplicatePairs(snapshotId, result.duplicatePairs());
        jdbc.update("INSERT INTO pp_snap_vote_scan (snapshot_id, preferred_scan_agents) VALUES (?, ?)", snapshotId,
                agentsText(preferredScanAgents));
        return result;
    }

    private void insertNotVoting(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO pp_snap_not_voting (snapshot_id, seq, reason) VALUES (?, ?, ?)", batch);
            batch.clear();
        }
    }

    private static String agentsText(List<String> agents) {
        return agents == null ? "" : String.join("\n", agents);
    }

    /**
     * Makes sure the rows of a snapshot that do not vote are known before its findings are worked
     * out: the not-voting set is a property of the snapshot, so every partition, restart and step
     * reads the same one. A snapshot copied by a version that did not find them is read back once
     * here in snapshot order through a {@link VoteFinder} (duplicated pairs only: such a snapshot
     * has no scan tool columns). Refuses an sms2003 snapshot whose rows were sorted by scan tool with
     * other preferred scan agents than this process has, and one copied before SMS 2003's scan
     * status was read: neither can give this run's findings.
     */
    public synchronized void ensureVotes(long snapshotId) {
        String schema = schemaOf(snapshotId);
        boolean sms2003 = SchemaProfile.SMS2003.id().equals(schema);
        List<String> recorded = jdbc.queryForList("SELECT preferred_scan_agents FROM pp_snap_vote_scan WHERE snapshot_id = ?",
                String.class, snapshotId);
        if (!recorded.isEmpty()) {
            if (sms2003 && !recorded.get(0).equals(agentsText(preferredScanAgents))) {
                throw new UsageException("snapshot " + snapshotId + " sorted the rows of several scan tools with "
                        + "patchproof.source.sms2003.preferred-scan-agents=" + recorded.get(0).replace('\n', ',')
                        + ", this process has " + String.join(",", preferredScanAgents) + ": set it back to resume this"
                        + " run, or start afresh with `run --rerun`");
            }
            return;
        }
        if (sms2003) {
            throw new UsageException("snapshot " + snapshotId + " was read by an earlier version of patchproof, which did"
                    + " not read SMS 2003's scan status and scan tool (v_GS_PatchStatusEx.Status, ScanAgent): its findings"
                    + " cannot be worked out by these rules; start afresh with `run --rerun`");
        }
        long started = System.nanoTime();
        long[] count = {0};
        try (VoteFinder finder = new VoteFinder(null)) {
            jdbc.query("SELECT seq, resourceId, ciId FROM pp_snap_compliance WHERE snapshot_id = ? ORDER BY snapshot_id, seq",
                    (RowCallbackHandler) rs -> finder.add(rs.getLong(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                            null, null, null), snapshotId);
            List<Object[]> batch = new ArrayList<>(VOTE_BATCH);
            finder.finish((seq, reason) -> {
                count[0]++;
                batch.add(new Object[] {snapshotId, seq, reason.name()});
                if (batch.size() == VOTE_BATCH) {
                    insertNotVoting(batch);
                }
            });
            insertNotVoting(batch);
        }
        jdbc.update("INSERT INTO pp_snap_vote_scan (snapshot_id, preferred_scan_agents) VALUES (?, ?)", snapshotId, "");
        log.info("snapshot {}: {} rows that do not vote found in {} s", snapshotId, count[0],
                String.format("%.2f", (System.nanoTime() - started) / 1e9));
    }

    /**
     * The rows of a snapshot between two sequence numbers that do not vote, with the out-of-scope
     * reason each is counted under ({@link OutOfScope#DUPLICATE_ROW}, {@link OutOfScope#OTHER_SCAN_TOOL}).
     */
    public Map<Long, String> notVoting(long snapshotId, long fromSeq, long toSeq) {
        Map<Long, String> reasons = new HashMap<>();
        jdbc.query("SELECT seq, reason FROM pp_snap_not_voting WHERE snapshot_id = ? AND seq BETWEEN ? AND ?",
                (RowCallbackHandler) rs -> reasons.put(rs.getLong(1), outOfScopeReason(rs.getString(2))), snapshotId,
                fromSeq, toSeq);
        return reasons;
    }

    static String outOfScopeReason(String reason) {
        return switch (VoteFinder.Reason.valueOf(reason)) {
            case DUPLICATE_ROW -> OutOfScope.DUPLICATE_ROW;
            case OTHER_SCAN_TOOL -> OutOfScope.OTHER_SCAN_TOOL;
        };
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
            "pp_snap_vote_scan", "pp_snap_not_voting", "pp_snap_value_issue", "pp_snap_value_issue_count",
            "pp_snap_absent_column");

    /** The first and last sequence number of a snapshot's compliance rows ({1, 0} when it has none). */
    public long[] complianceSeqRange(long snapshotId) {
        return jdbc.queryForObject("SELECT MIN(seq), MAX(seq) FROM pp_snap_compliance WHERE snapshot_id = ?",
                (rs, n) -> rs.getObject(1) == null ? new long[] {1, 0} : new long[] {rs.getLong(1), rs.getLong(2)}, snapshotId);
    }

    public static long pairKey(int resourceId, int ciId) {
        return VoteFinder.pairKey(resourceId, ciId);
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
            + " qfeInstalledOn, stateName, scanStatus, scanAgent, scanTime";

    /**
     * Creates the job instance's sheet table unless it exists (a restart keeps what was committed).
     * A run resumed from a store written by an older version gets it filled once from the findings
     * that version staged, joined with their snapshot rows.
     */
    public void createSheetTable(long jobInstanceId, long snapshotId) {
        String table = sheetTable(jobInstanceId);
        boolean existed = exists(table);
        StoreDdl.execute(jdbc.getDataSource(), "CREATE TABLE IF NOT EXISTS " + table + " (seq BIGINT NOT NULL PRIMARY KEY,"
                + " verdict VARCHAR(16) NOT NULL, superseded BOOLEAN NOT NULL, severity VARCHAR(16) NOT NULL,"
                + " exposure_days BIGINT, host VARCHAR, resource_id INT NOT NULL, article_id VARCHAR, ci_id INT NOT NULL,"
                + " status INT, lastStatusChangeTime TIMESTAMP, enforcementState INT, enforcementTime TIMESTAMP,"
                + " lastErrorCode INT, qfeInstalledOn VARCHAR, stateName VARCHAR, scanStatus VARCHAR, scanAgent VARCHAR,"
                + " scanTime TIMESTAMP)");
        if (existed) {
            // staged by a version before the SMS 2003 scan columns: they are added (NULL) to a resumed run's table
            for (String column : List.of("scanStatus VARCHAR", "scanAgent VARCHAR", "scanTime TIMESTAMP")) {
                StoreDdl.execute(jdbc.getDataSource(), "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + column);
            }
            return;
        }
        for (String older : olderFindingTables(jobInstanceId)) {
            if (exists(older)) {
                jdbc.update("INSERT INTO " + table + " (" + SHEET_COLUMNS + ") SELECT f.seq, f.verdict, f.superseded,"
                        + " f.severity, f.exposure_days, f.host, f.resource_id, f.article_id, f.ci_id, c.status,"
                        + " c.lastStatusChangeTime, c.enforcementState, c.enforcementTime, c.lastErrorCode, c.qfeInstalledOn,"
                        + " c.stateName, c.scanStatus, c.scanAgent, c.scanTime FROM " + older
                        + " f JOIN pp_snap_compliance c ON c.snapshot_id = ? AND c.seq = f.seq"
                        + " WHERE f.verdict IN (" + SHEET_VERDICTS.stream().map(v -> "'" + v.name() + "'")
                                .collect(Collectors.joining(", ")) + ")", snapshotId);
                return;
            }
        }
    }

    /** True while a job instance's staged sheet table exists (from its reconcile step until its history step completes). */
    public boolean hasSheetTable(long jobInstanceId) {
        return exists(sheetTable(jobInstanceId));
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
                        r.row().stateName(), r.row().scanStatus(), r.row().scanAgent(), r.row().scanTime()});
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + sheetTable(jobInstanceId) + " (" + SHEET_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
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
                                rs.getString("stateName"), rs.getString("scanStatus"), rs.getString("scanAgent"),
                                local(rs, "scanTime"), null))),
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

    /** 0 is false, any other number true, NULL null. */
    private static Boolean flag(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : ((Number) v).intValue() != 0;
    }

    private static boolean one(ResultSet rs, String column) throws SQLException {
        Object v = rs.getObject(column);
        return v != null && ((Number) v).intValue() == 1;
    }

    private static String join(List<String> names) {
        return names == null || names.isEmpty() ? null : String.join("; ", names);
    }
}
