package io.patchproof.store;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryStore;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Store version 2's rows: what version 1 kept, moved under the history's new keys.
 * <ul>
 *   <li>Each run of {@code pp_history_run} belongs to its run identity's site, read from the job
 *       repository's parameters ({@code site}, {@code demo}) in the same store; a run without
 *       one (a release before the site was part of the identity, or a repository kept elsewhere)
 *       to {@link HistoryKey#UNKNOWN_SITE}. Of several runs of one key and as-of date the one
 *       completed last is the point (version 1 kept reruns as further points).</li>
 *   <li>Version 1 kept one first-seen row per scope, schema profile and pair, without a site.
 *       Where every kept run of that scope and schema profile is of one site, the rows go to that
 *       site; where they are of several (version 1 mixed them), or of none, to
 *       {@link HistoryKey#UNKNOWN_SITE}, and the next run of each site starts its pairs afresh.
 *       Version 1 kept no more than the first and the last date a pair was seen: each row
 *       becomes one unbroken streak between the two (a recovery in between is not known).</li>
 * </ul>
 * The figures version 1 kept stay in {@code pp_history_run}, which is still written and read.
 */
final class HistoryBySite {

    private HistoryBySite() {
    }

    static void moveVersion1Rows(JdbcTemplate jdbc) {
        Map<Long, String[]> identity = new HashMap<>();
        if (StoreSchema.tableExists(jdbc, "BATCH_JOB_EXECUTION_PARAMS") && StoreSchema.tableExists(jdbc, "BATCH_JOB_EXECUTION")) {
            jdbc.query("SELECT e.JOB_INSTANCE_ID, p.PARAMETER_NAME, p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e"
                    + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
                    + " WHERE p.PARAMETER_NAME IN ('site', 'demo') AND p.IDENTIFYING = 'Y'", rs -> {
                        String[] siteAndDemo = identity.computeIfAbsent(rs.getLong(1), i -> new String[2]);
                        siteAndDemo["site".equals(rs.getString(2)) ? 0 : 1] = rs.getString(3);
                    });
        }
        Map<HistoryKey, Long> keys = new LinkedHashMap<>();
        Map<HistoryKey, Map<LocalDate, Long>> points = new LinkedHashMap<>();
        Map<List<String>, Set<HistoryKey>> keysOfScope = new HashMap<>();
        jdbc.query("SELECT job_instance_id, as_of, schema_profile, scope_key FROM pp_history_run"
                + " ORDER BY completed_at, job_instance_id", rs -> {
                    long instance = rs.getLong(1);
                    String[] siteAndDemo = identity.getOrDefault(instance, new String[2]);
                    HistoryKey key = HistoryKey.forRun(siteAndDemo[0], "true".equals(siteAndDemo[1]), rs.getString(3),
                            rs.getString(4));
                    keys.computeIfAbsent(key, k -> (long) keys.size() + 1);
                    points.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(rs.getObject(2, LocalDate.class), instance);
                    keysOfScope.computeIfAbsent(List.of(key.scopeKey(), key.schemaProfile()), s -> new LinkedHashSet<>())
                            .add(key);
                });
        List<List<String>> seenScopes = jdbc.query("SELECT DISTINCT scope_key, schema_profile FROM pp_history_first_seen",
                (rs, n) -> List.of(rs.getString(1), rs.getString(2)));
        Map<List<String>, HistoryKey> seenKey = new HashMap<>();
        for (List<String> scope : seenScopes) {
            Set<HistoryKey> of = keysOfScope.getOrDefault(scope, Set.of());
            HistoryKey key = of.size() == 1 ? of.iterator().next()
                    : new HistoryKey(HistoryKey.UNKNOWN_SITE, scope.get(1), scope.get(0));
            keys.computeIfAbsent(key, k -> (long) keys.size() + 1);
            seenKey.put(scope, key);
        }
        keys.forEach((key, id) -> jdbc.update("INSERT INTO pp_history_key (key_id, site, schema_profile, scope_key)"
                + " VALUES (?, ?, ?, ?)", id, key.site(), key.schemaProfile(), key.scopeKey()));
        points.forEach((key, byDate) -> byDate.forEach((asOf, instance) -> jdbc.update("INSERT INTO pp_history_point"
                + " (key_id, as_of, job_instance_id) VALUES (?, ?, ?)", keys.get(key), asOf, instance)));
        seenKey.forEach((scope, key) -> jdbc.update("INSERT INTO pp_history_seen (key_id, resource_id, ci_id, first_seen,"
                + " last_seen) SELECT ?, resource_id, ci_id, first_seen, last_seen FROM pp_history_first_seen"
                + " WHERE scope_key = ? AND schema_profile = ?", keys.get(key), scope.get(0), scope.get(1)));
        // A streak that reaches its key's newest point is open (HistoryStore.OPEN).
        jdbc.update("UPDATE pp_history_seen SET last_seen = ? WHERE last_seen >= (SELECT MAX(p.as_of)"
                + " FROM pp_history_point p WHERE p.key_id = pp_history_seen.key_id)", HistoryStore.OPEN);
        jdbc.update("DELETE FROM pp_history_first_seen");
    }
}
