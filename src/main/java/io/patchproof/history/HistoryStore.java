package io.patchproof.history;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Verdict;
import io.patchproof.store.StoreDdl;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Earlier runs, in the local store (store version 2): every completed run's figures, one trend
 * point per {@link HistoryKey} and as-of date, and the NOT_IN_EFFECT streaks of each key's pairs.
 *
 * <h2>Writing</h2>
 * The publish step keeps the run's figures ({@link #recordRun}: {@code pp_history_run}, the
 * headline older code reads, and {@code pp_history_figure}, one row per slice); the history step
 * then makes the run its key's point for its as-of date ({@link #keepPoint}), replacing the
 * point a rerun, a restart or another report profile's run of the same date kept before: the run
 * whose history step completes last wins, and a key never has two points for one date. Both are
 * idempotent per job instance, so a restarted step may do them again.
 *
 * <h2>First seen, honestly</h2>
 * For each key a pair has one row per <em>streak</em>: the pair was NOT_IN_EFFECT at every kept
 * point from {@code first_seen} to {@code last_seen}, and not at the kept point just before the
 * streak nor just after it (a pair that is in effect, exempt, missing or not listed at a point
 * has recovered there). "Not in effect since" is the first date of the streak that holds the
 * point. So:
 * <ul>
 *   <li>a pair not in effect now whose last streak ended before the previous kept point (it
 *       recovered in between) starts again at this as-of date;</li>
 *   <li>runs kept out of date order (back-filling past months, or a rerun of an older date)
 *       give the same streaks as the same runs in date order: a new point between two kept ones
 *       joins a pair's streaks on either side, or splits a streak that spans it where the pair
 *       is not in effect at the new point; a point kept again is first taken out of the streaks
 *       that held it, as its new run says.</li>
 * </ul>
 * Only kept points count: months without a run are not known, and a streak runs across them.
 * Pairs kept by store version 1 (first and last date only) became one streak each.
 *
 * <h2>Reading</h2>
 * {@link #trend}, {@link #point}, {@link #nearestOnOrBefore} return plain records;
 * {@link #firstSeen}, {@link #firstSeenAt} and {@link #openStreaks} stream pairs one row at a
 * time ({@link PairDates}, or into a {@link FirstSeenIndex}), cheap at hundreds of thousands.
 *
 * <p>Thread-safety: the store is opened by one process at a time; writes are not meant to run
 * concurrently (the job runs one run at a time). Reads may run at any time.
 */
public final class HistoryStore {

    static final String ALL = "ALL";
    static final String ROLE = "ROLE";
    static final String SEVERITY = "SEVERITY";
    static final String COLLECTION = "COLLECTION";
    static final String SERVERS = "servers";
    static final String WORKSTATIONS = "workstations";
    private static final int KEY_LENGTH = 256;

    /**
     * The {@code last_seen} of a streak that holds the key's newest kept point: a monthly run in
     * date order then writes only the pairs that recovered and the new ones, not every pair that
     * is still not in effect.
     */
    public static final LocalDate OPEN = LocalDate.of(9999, 12, 31);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public HistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    // ---- writing ----

    /**
     * Records (or replaces) the figures of one run: its headline in {@code pp_history_run} and
     * every slice (overall, servers and workstations, each severity, each collection) in
     * {@code pp_history_figure}. The run becomes a trend point once its history step keeps it.
     */
    public void recordRun(long jobInstanceId, LocalDate asOf, String profile, String schema, String scopeKey, long rerun,
            Metrics m) {
        transaction.executeWithoutResult(t -> {
            jdbc.update("DELETE FROM pp_history_run WHERE job_instance_id = ?", jobInstanceId);
            jdbc.update("INSERT INTO pp_history_run (job_instance_id, as_of, profile, schema_profile, scope_key, rerun,"
                    + " completed_at, rows_read, applicable, reported_installed, in_effect, exempt, not_in_effect, unverified,"
                    + " missing, failed, servers_hosts, servers_fully_reported, servers_fully_effective, workstations_hosts,"
                    + " workstations_fully_reported, workstations_fully_effective, site_installed, rules_version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    jobInstanceId, asOf, profile, schema, scopeKey, rerun, LocalDateTime.now(ZoneOffset.UTC), m.rowsRead(),
                    m.overall().applicable(), m.overall().reportedInstalled(), m.overall().inEffect(), m.overall().exempt(),
                    m.overall().notInEffect(), m.overall().unverified(), m.overall().missing(), m.overall().failed(),
                    m.serversFullyPatched().hosts(), m.serversFullyPatched().reported(), m.serversFullyPatched().effective(),
                    m.workstationsFullyPatched().hosts(), m.workstationsFullyPatched().reported(),
                    m.workstationsFullyPatched().effective(), m.overall().siteInstalled(), Reconciler.RULES_VERSION);
            jdbc.update("DELETE FROM pp_history_figure WHERE job_instance_id = ?", jobInstanceId);
            List<Object[]> rows = new ArrayList<>();
            rows.add(figureRow(jobInstanceId, ALL, "", m.overall(), m.allFullyPatched()));
            rows.add(figureRow(jobInstanceId, ROLE, SERVERS, m.servers(), m.serversFullyPatched()));
            rows.add(figureRow(jobInstanceId, ROLE, WORKSTATIONS, m.workstations(), m.workstationsFullyPatched()));
            m.bySeverity().forEach((s, f) -> rows.add(figureRow(jobInstanceId, SEVERITY, s.name(), f, null)));
            m.byCollection().forEach((c, f) -> rows.add(figureRow(jobInstanceId, COLLECTION, c, f, null)));
            jdbc.batchUpdate("INSERT INTO pp_history_figure (job_instance_id, dimension, dim_key, applicable, site_installed,"
                    + " reported_installed, reported_or_exempt, in_effect, exempt, not_in_effect, unverified, missing, failed,"
                    + " sla_overdue, hosts, hosts_reported, hosts_effective, hosts_effective_exc, critical_pairs)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        });
    }

    private static Object[] figureRow(long instance, String dimension, String key, ComplianceFigures f, HostsFullyPatched h) {
        if (key.length() > KEY_LENGTH) {
            throw new IllegalArgumentException("history: the " + dimension.toLowerCase() + " '" + key.substring(0, 40)
                    + "...' is longer than " + KEY_LENGTH + " characters; its figures cannot be kept");
        }
        return new Object[] {instance, dimension, key, f.applicable(), f.siteInstalled(), f.reportedInstalled(),
                f.reportedInstalledOrExempt(), f.inEffect(), f.exempt(), f.notInEffect(), f.unverified(), f.missing(),
                f.failed(), f.slaOverdue(), h == null ? null : h.hosts(), h == null ? null : h.reported(),
                h == null ? null : h.effective(), h == null ? null : h.effectiveWithExceptions(),
                h == null ? null : h.criticalPairs()};
    }

    /**
     * Makes a run, whose figures {@link #recordRun} kept, its key's point for {@code asOf}
     * (replacing the run that held it), and keeps the streaks of the run's NOT_IN_EFFECT pairs
     * (see the class comment), in one transaction. Keeping the same run with the same findings
     * again changes nothing.
     *
     * @param findingTable a table of the run's findings with {@code resource_id}, {@code ci_id}
     *                     and {@code verdict} columns, holding at least every NOT_IN_EFFECT one
     *                     (a name of the job's own making, never user input)
     */
    public void keepPoint(HistoryKey key, LocalDate asOf, long jobInstanceId, String findingTable) {
        if (!findingTable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a findings table name: " + findingTable);
        }
        // One seek per streak into the run's findings, made only when the key has kept points
        // (their streaks are what looks the run's findings up): the first point of a key only adds
        // streaks, and an index over every staged finding (718,833 at 100,000 hosts) took a third
        // of its time. Made before the transaction: DDL commits in H2, and nothing is written yet.
        // The findings table is the run's own and dropped after it.
        long existing = keyId(key, false);
        Integer points = existing < 0 ? Integer.valueOf(0) : jdbc.queryForObject(
                "SELECT COUNT(*) FROM pp_history_point WHERE key_id = ?", Integer.class, existing);
        if (points != null && points > 0) {
            StoreDdl.execute(jdbc.getDataSource(), "CREATE INDEX IF NOT EXISTS " + findingTable + "_pair ON "
                    + findingTable + " (resource_id, ci_id, verdict)");
        }
        String nie = "'" + Verdict.NOT_IN_EFFECT.name() + "'";
        transaction.executeWithoutResult(t -> {
            long id = keyId(key, true);
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_point WHERE key_id = ? AND as_of = ?",
                    Integer.class, id, asOf);
            boolean kept = known != null && known > 0;
            LocalDate prev = jdbc.queryForObject("SELECT MAX(as_of) FROM pp_history_point WHERE key_id = ? AND as_of < ?",
                    LocalDate.class, id, asOf);
            LocalDate next = jdbc.queryForObject("SELECT MIN(as_of) FROM pp_history_point WHERE key_id = ? AND as_of > ?",
                    LocalDate.class, id, asOf);
            // A streak that reaches this point ends OPEN when this is the key's newest point.
            LocalDate reaching = next == null ? OPEN : asOf;
            // UPDATE and DELETE name their table without an alias (SQL Server allows none there).
            String listed = " EXISTS (SELECT 1 FROM " + findingTable + " f WHERE f.resource_id = pp_history_seen.resource_id"
                    + " AND f.ci_id = pp_history_seen.ci_id AND f.verdict = " + nie + ")";
            // 1. Pairs not in effect at this point any more: the streaks that hold or span it are cut
            //    at it (the part after it starts at the next kept point, the part before it ends at
            //    the previous one).
            if (next != null) {
                jdbc.update("INSERT INTO pp_history_seen (key_id, resource_id, ci_id, first_seen, last_seen)"
                        + " SELECT h.key_id, h.resource_id, h.ci_id, ?, h.last_seen FROM pp_history_seen h"
                        + " WHERE h.key_id = ? AND h.first_seen <= ? AND h.last_seen > ? AND NOT EXISTS (SELECT 1"
                        + " FROM " + findingTable + " f WHERE f.resource_id = h.resource_id AND f.ci_id = h.ci_id"
                        + " AND f.verdict = " + nie + ")", next, id, asOf, asOf);
            }
            if (prev != null) {
                jdbc.update("UPDATE pp_history_seen SET last_seen = ? WHERE key_id = ? AND first_seen < ?"
                        + " AND last_seen >= ? AND NOT" + listed, prev, id, asOf, asOf);
            }
            if (kept) {
                jdbc.update("DELETE FROM pp_history_seen WHERE key_id = ? AND first_seen = ? AND NOT" + listed, id, asOf);
            }
            // 2. Pairs not in effect here: a streak ending at the previous point or starting at the
            //    next one reaches this point; where both do, they become one.
            if (next != null) {
                jdbc.update("UPDATE pp_history_seen SET first_seen = ? WHERE key_id = ? AND first_seen = ? AND" + listed,
                        asOf, id, next);
            }
            if (prev != null) {
                jdbc.update("UPDATE pp_history_seen SET last_seen = ? WHERE key_id = ? AND last_seen = ? AND" + listed,
                        reaching, id, prev);
            }
            if (prev != null && next != null) {
                String later = "pp_history_seen j WHERE j.key_id = pp_history_seen.key_id"
                        + " AND j.resource_id = pp_history_seen.resource_id AND j.ci_id = pp_history_seen.ci_id"
                        + " AND j.first_seen = ? AND j.last_seen > ?";
                jdbc.update("UPDATE pp_history_seen SET last_seen = (SELECT j.last_seen FROM " + later + ")"
                        + " WHERE key_id = ? AND first_seen < ? AND last_seen = ? AND EXISTS (SELECT 1 FROM " + later + ")",
                        asOf, asOf, id, asOf, asOf, asOf, asOf);
                jdbc.update("DELETE FROM pp_history_seen WHERE key_id = ? AND first_seen = ? AND last_seen > ?"
                        + " AND EXISTS (SELECT 1 FROM pp_history_seen e WHERE e.key_id = pp_history_seen.key_id"
                        + " AND e.resource_id = pp_history_seen.resource_id AND e.ci_id = pp_history_seen.ci_id"
                        + " AND e.first_seen < ? AND e.last_seen = pp_history_seen.last_seen)", id, asOf, asOf, asOf);
            }
            // 3. The others start a streak here.
            jdbc.update("INSERT INTO pp_history_seen (key_id, resource_id, ci_id, first_seen, last_seen)"
                    + " SELECT DISTINCT ?, f.resource_id, f.ci_id, ?, ? FROM " + findingTable + " f WHERE f.verdict = " + nie
                    + " AND NOT EXISTS (SELECT 1 FROM pp_history_seen h WHERE h.key_id = ? AND h.resource_id = f.resource_id"
                    + " AND h.ci_id = f.ci_id AND h.first_seen <= ? AND h.last_seen >= ?)", id, asOf, reaching, id, asOf,
                    asOf);
            jdbc.update("DELETE FROM pp_history_point WHERE key_id = ? AND as_of = ?", id, asOf);
            jdbc.update("INSERT INTO pp_history_point (key_id, as_of, job_instance_id) VALUES (?, ?, ?)", id, asOf,
                    jobInstanceId);
        });
    }

    /** The key's id; created when {@code create} and absent, else -1 when absent. */
    private long keyId(HistoryKey key, boolean create) {
        List<Long> ids = jdbc.queryForList("SELECT key_id FROM pp_history_key WHERE site = ? AND schema_profile = ?"
                + " AND scope_key = ? ORDER BY key_id", Long.class, key.site(), key.schemaProfile(), key.scopeKey());
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        if (!create) {
            return -1;
        }
        Long max = jdbc.queryForObject("SELECT MAX(key_id) FROM pp_history_key", Long.class);
        long id = max == null ? 1 : max + 1;
        jdbc.update("INSERT INTO pp_history_key (key_id, site, schema_profile, scope_key) VALUES (?, ?, ?, ?)", id,
                key.site(), key.schemaProfile(), key.scopeKey());
        return id;
    }

    // ---- reading ----

    /** Every key with at least one kept point, by site, schema profile and scope. */
    public List<HistoryKey> keys() {
        return jdbc.query("SELECT k.site, k.schema_profile, k.scope_key FROM pp_history_key k WHERE EXISTS"
                + " (SELECT 1 FROM pp_history_point p WHERE p.key_id = k.key_id) ORDER BY k.site, k.schema_profile,"
                + " k.scope_key", (rs, n) -> new HistoryKey(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** The key's kept points, oldest first, one per as-of date; empty when none is kept. */
    public List<HistoryPoint> trend(HistoryKey key) {
        return points(key, "", List.of());
    }

    /** The point kept for exactly {@code asOf}. */
    public Optional<HistoryPoint> point(HistoryKey key, LocalDate asOf) {
        return points(key, " AND p.as_of = ?", List.of(asOf)).stream().findFirst();
    }

    /**
     * The newest point on or before {@code date} (the CIO report compares with the run nearest to
     * the previous quarter's end); empty when the key has none that early: no point is invented.
     */
    public Optional<HistoryPoint> nearestOnOrBefore(HistoryKey key, LocalDate date) {
        return points(key, " AND p.as_of = (SELECT MAX(q.as_of) FROM pp_history_point q WHERE q.key_id = p.key_id"
                + " AND q.as_of <= ?)", List.of(date)).stream().findFirst();
    }

    /**
     * Streams the pairs NOT_IN_EFFECT at the key's newest kept point with the date each has been
     * so since (its streak's first date); nothing when the key has no point.
     */
    public void firstSeen(HistoryKey key, PairDates sink) {
        long id = keyId(key, false);
        LocalDate newest = jdbc.queryForObject("SELECT MAX(as_of) FROM pp_history_point WHERE key_id = ?", LocalDate.class,
                id);
        if (newest != null) {
            stream(id, newest, sink);
        }
    }

    /** Streams the pairs NOT_IN_EFFECT at the point kept for {@code asOf}, with their streaks' first dates. */
    public void firstSeenAt(HistoryKey key, LocalDate asOf, PairDates sink) {
        long id = keyId(key, false);
        Integer kept = jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_point WHERE key_id = ? AND as_of = ?",
                Integer.class, id, asOf);
        if (kept != null && kept > 0) {
            stream(id, asOf, sink);
        }
    }

    /**
     * For a run of {@code asOf} that is being published, before its history step keeps it:
     * streams the pairs that were NOT_IN_EFFECT at the key's newest kept point <em>before</em>
     * {@code asOf}, each with its streak's first date. A pair not in effect in that run has been
     * so since the date streamed for it, or, when none is, since {@code asOf} itself (new, or
     * back after a recovery). This is exactly what {@link #firstSeenAt} gives once the run is kept.
     */
    public void openStreaks(HistoryKey key, LocalDate asOf, PairDates sink) {
        long id = keyId(key, false);
        LocalDate prev = jdbc.queryForObject("SELECT MAX(as_of) FROM pp_history_point WHERE key_id = ? AND as_of < ?",
                LocalDate.class, id, asOf);
        if (prev != null) {
            stream(id, prev, sink);
        }
    }

    private void stream(long keyId, LocalDate at, PairDates sink) {
        jdbc.query("SELECT resource_id, ci_id, first_seen FROM pp_history_seen WHERE key_id = ? AND last_seen >= ?"
                + " AND first_seen <= ?", (RowCallbackHandler) rs -> sink.accept(rs.getInt(1), rs.getInt(2),
                        rs.getObject(3, LocalDate.class)), keyId, at, at);
    }

    private List<HistoryPoint> points(HistoryKey key, String where, List<Object> args) {
        long id = keyId(key, false);
        List<Object> params = new ArrayList<>();
        params.add(id);
        params.addAll(args);
        Map<Long, Map<String, Map<String, Object[]>>> figures = new HashMap<>();
        jdbc.query("SELECT f.job_instance_id, f.dimension, f.dim_key, f.applicable, f.site_installed, f.reported_installed,"
                + " f.reported_or_exempt, f.in_effect, f.exempt, f.not_in_effect, f.unverified, f.missing, f.failed,"
                + " f.sla_overdue, f.hosts, f.hosts_reported, f.hosts_effective, f.hosts_effective_exc, f.critical_pairs"
                + " FROM pp_history_figure f JOIN pp_history_point p ON p.job_instance_id = f.job_instance_id"
                + " WHERE p.key_id = ?" + where, (RowCallbackHandler) rs -> figures
                        .computeIfAbsent(rs.getLong(1), i -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), d -> new TreeMap<>())
                        .put(rs.getString(3), new Object[] {figures(rs, 4), fullyPatched(rs, 15)}), params.toArray());
        return jdbc.query("SELECT p.as_of, p.job_instance_id, r.job_instance_id, r.profile, r.rerun, r.completed_at,"
                + " r.rules_version, r.rows_read, r.applicable, r.site_installed, r.reported_installed, r.in_effect, r.exempt,"
                + " r.not_in_effect, r.unverified, r.missing, r.failed, r.servers_hosts, r.servers_fully_reported,"
                + " r.servers_fully_effective, r.workstations_hosts, r.workstations_fully_reported,"
                + " r.workstations_fully_effective FROM pp_history_point p"
                + " LEFT JOIN pp_history_run r ON r.job_instance_id = p.job_instance_id"
                + " WHERE p.key_id = ?" + where + " ORDER BY p.as_of", (rs, n) -> {
                    LocalDate asOf = rs.getObject(1, LocalDate.class);
                    long instance = rs.getLong(2);
                    if (rs.getObject(3) == null) {
                        throw new IllegalStateException("history: the point of " + key + " for " + asOf + " names job"
                                + " instance " + instance + ", whose figures the local store does not hold (pp_history_run)");
                    }
                    Map<String, Map<String, Object[]>> slices = figures.get(instance);
                    return slices == null ? version1Point(key, asOf, instance, rs) : point(key, asOf, instance, rs, slices);
                }, params.toArray());
    }

    private static HistoryPoint point(HistoryKey key, LocalDate asOf, long instance, ResultSet rs,
            Map<String, Map<String, Object[]>> slices) throws SQLException {
        Object[] all = slice(slices, ALL, "", key, asOf);
        Object[] servers = slice(slices, ROLE, SERVERS, key, asOf);
        Object[] workstations = slice(slices, ROLE, WORKSTATIONS, key, asOf);
        Map<Severity, KeptFigures> bySeverity = new LinkedHashMap<>();
        Map<String, Object[]> severities = slices.getOrDefault(SEVERITY, Map.of());
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Object[] s = severities.get(Severity.values()[i].name());
            if (s != null) {
                bySeverity.put(Severity.values()[i], (KeptFigures) s[0]);
            }
        }
        for (String name : severities.keySet()) {
            if (bySeverity.keySet().stream().noneMatch(s -> s.name().equals(name))) {
                throw new IllegalStateException("history: the point of " + key + " for " + asOf + " holds figures of a"
                        + " severity this release does not know: " + name);
            }
        }
        Map<String, KeptFigures> byCollection = new LinkedHashMap<>();
        slices.getOrDefault(COLLECTION, Map.of()).forEach((c, f) -> byCollection.put(c, (KeptFigures) f[0]));
        return new HistoryPoint(key, asOf, instance, rs.getString(4), rs.getLong(5),
                rs.getObject(6, LocalDateTime.class), rs.getString(7), rs.getLong(8), (KeptFigures) all[0],
                (KeptFigures) servers[0], (KeptFigures) workstations[0], Collections.unmodifiableMap(bySeverity),
                Collections.unmodifiableMap(byCollection), (KeptFullyPatched) servers[1], (KeptFullyPatched) workstations[1],
                (KeptFullyPatched) all[1], true);
    }

    private static Object[] slice(Map<String, Map<String, Object[]>> slices, String dimension, String name, HistoryKey key,
            LocalDate asOf) {
        Object[] s = slices.getOrDefault(dimension, Map.of()).get(name);
        if (s == null) {
            throw new IllegalStateException("history: the point of " + key + " for " + asOf + " lacks its "
                    + (name.isEmpty() ? "overall" : name) + " figures (pp_history_figure)");
        }
        return s;
    }

    /** A run kept by store version 1: the headline of pp_history_run, nothing per slice. */
    private static HistoryPoint version1Point(HistoryKey key, LocalDate asOf, long instance, ResultSet rs)
            throws SQLException {
        KeptFigures overall = new KeptFigures(rs.getLong(9), (Long) rs.getObject(10, Long.class), rs.getLong(11), null,
                rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), null);
        KeptFullyPatched servers = new KeptFullyPatched(rs.getLong(18), rs.getLong(19), rs.getLong(20), null, null);
        KeptFullyPatched workstations = new KeptFullyPatched(rs.getLong(21), rs.getLong(22), rs.getLong(23), null, null);
        KeptFullyPatched all = new KeptFullyPatched(servers.hosts() + workstations.hosts(),
                servers.reported() + workstations.reported(), servers.effective() + workstations.effective(), null, null);
        return new HistoryPoint(key, asOf, instance, rs.getString(4), rs.getLong(5), rs.getObject(6, LocalDateTime.class),
                rs.getString(7), rs.getLong(8), overall, null, null, Map.of(), Map.of(), servers, workstations, all, false);
    }

    private static KeptFigures figures(ResultSet rs, int from) throws SQLException {
        return new KeptFigures(rs.getLong(from), rs.getLong(from + 1), rs.getLong(from + 2), rs.getLong(from + 3),
                rs.getLong(from + 4), rs.getLong(from + 5), rs.getLong(from + 6), rs.getLong(from + 7), rs.getLong(from + 8),
                rs.getLong(from + 9), rs.getLong(from + 10));
    }

    private static KeptFullyPatched fullyPatched(ResultSet rs, int from) throws SQLException {
        if (rs.getObject(from) == null) {
            return null;
        }
        return new KeptFullyPatched(rs.getLong(from), rs.getLong(from + 1), rs.getLong(from + 2), rs.getLong(from + 3),
                rs.getLong(from + 4));
    }
}
