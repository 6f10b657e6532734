package io.patchproof.history;

import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.reconcile.Verdict;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Earlier runs: each completed run's figures (for trends) and the date each NOT_IN_EFFECT
 * (host, update) pair was first seen, per scope and schema profile. Writes are idempotent per job
 * instance so a restarted step can run them again.
 */
public final class HistoryStore {

    private final JdbcTemplate jdbc;

    public HistoryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (or replaces) the figures of one run. */
    public void recordRun(long jobInstanceId, LocalDate asOf, String profile, String schema, String scopeKey, long rerun,
            Metrics m) {
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
    }

    /**
     * Keeps the first-seen and last-seen dates of this run's NOT_IN_EFFECT pairs: new pairs are
     * first seen on this as-of date; known pairs keep the earlier of the two dates.
     *
     * @param findingTable the run's findings table (a name of the job's own making, never user input)
     */
    public void recordFirstSeen(String findingTable, String scopeKey, String schema, LocalDate asOf) {
        // One keyed MERGE: each distinct NOT_IN_EFFECT pair is looked up by the primary key. (An
        // UPDATE ... WHERE EXISTS over the findings scanned the run's NOT_IN_EFFECT findings once
        // per pair already known: quadratic from the second run of a scope on.)
        jdbc.update("MERGE INTO pp_history_first_seen h"
                + " USING (SELECT DISTINCT resource_id, ci_id FROM " + findingTable + " WHERE verdict = ?) f"
                + " ON h.scope_key = ? AND h.schema_profile = ? AND h.resource_id = f.resource_id AND h.ci_id = f.ci_id"
                + " WHEN MATCHED THEN UPDATE SET"
                + " first_seen = CASE WHEN h.first_seen > ? THEN ? ELSE h.first_seen END,"
                + " last_seen = CASE WHEN h.last_seen < ? THEN ? ELSE h.last_seen END"
                + " WHEN NOT MATCHED THEN INSERT (scope_key, schema_profile, resource_id, ci_id, first_seen, last_seen)"
                + " VALUES (?, ?, f.resource_id, f.ci_id, ?, ?)",
                Verdict.NOT_IN_EFFECT.name(), scopeKey, schema, asOf, asOf, asOf, asOf, scopeKey, schema, asOf, asOf);
    }

    /** Figures of earlier runs of a scope and schema, oldest first (the CIO trend). */
    public List<TrendPoint> trend(String scopeKey, String schema) {
        return jdbc.query("SELECT as_of, applicable, reported_installed, in_effect FROM pp_history_run"
                + " WHERE scope_key = ? AND schema_profile = ? ORDER BY as_of, job_instance_id",
                (rs, n) -> new TrendPoint(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                scopeKey, schema);
    }

    /** One earlier run's headline. */
    public record TrendPoint(LocalDate asOf, long applicable, long reportedInstalled, long inEffect) {
    }
}
