package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabases;
import io.patchproof.testsupport.SourceTap;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The copy of one query into the snapshot: the site database's cursor and the store's inserts run
 * on two threads; the rows arrive complete, numbered in the cursor's order, and a failure on
 * either side rolls back the open transaction and leaves no thread behind.
 */
class SnapshotExtractorTests {

    private static final SqlFile COMPLIANCE = SqlFile.load("configmgr", "select_compliance");
    private static final Map<String, Object> ALL = SourceScope.all(
            DemoSiteDatabase.AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toParameters();

    private DataSource store;
    private JdbcTemplate storeJdbc;

    @BeforeEach
    void privateStore() {
        store = LocalStore.fresh();
        storeJdbc = new JdbcTemplate(store);
    }

    /** The query's rows as the site database returns them, read directly, in its order. */
    private static List<List<Object>> sourceRows() {
        Map<String, Object> params = new java.util.HashMap<>();
        ALL.forEach((k, v) -> params.put(k, v instanceof java.time.Instant i ? java.time.LocalDateTime.ofInstant(i, ZoneOffset.UTC) : v));
        List<List<Object>> rows = new ArrayList<>();
        new NamedParameterJdbcTemplate(SiteDatabases.smallDataSource()).query(COMPLIANCE.text(), params, rs -> {
            rows.add(List.of(rs.getInt("resourceId"), rs.getInt("ciId"), String.valueOf(rs.getObject("lastStatusChangeTime")),
                    String.valueOf(rs.getString("qfeInstalledOn"))));
        });
        return rows;
    }

    private static long extractThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("patchproof-extract-")).count();
    }

    @Test
    void everyRowArrivesOnceNumberedInTheCursorsOrderAcrossManyBatches() {
        List<List<Object>> expected = sourceRows();
        assertThat(expected.size()).as("enough rows for several batches").isGreaterThan(3 * SnapshotExtractor.BATCH);

        long copied = SnapshotExtractor.copy(SiteDatabases.smallDataSource(), store, 7, SnapshotTable.COMPLIANCE, COMPLIANCE,
                ALL, 100);

        assertThat(copied).isEqualTo(expected.size());
        List<List<Object>> stored = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        storeJdbc.query("SELECT seq, resourceId, ciId, lastStatusChangeTime, qfeInstalledOn FROM pp_snap_compliance"
                + " WHERE snapshot_id = 7 ORDER BY seq", rs -> {
                    seqs.add(rs.getLong(1));
                    stored.add(List.of(rs.getInt(2), rs.getInt(3), String.valueOf(rs.getObject(4)), String.valueOf(rs.getString(5))));
                });
        assertThat(seqs).first().isEqualTo(1L);
        assertThat(seqs).last().isEqualTo((long) expected.size());
        assertThat(stored).as("the same rows, in the same order, seq 1..n").isEqualTo(expected);
        assertThat(extractThreads()).isZero();
    }

    @Test
    void aSourceFailureMidwayRollsBackTheOpenTransactionAndEndsTheStoreThread() {
        try (SourceTap tap = SourceTap.create().failAfterRows("select_compliance.sql", 2_500, 1,
                () -> new SQLException("Connection reset", "08S01", 0))) {
            assertThatThrownBy(() -> SnapshotExtractor.copy(tap.wrap(SiteDatabases.smallDataSource()), store, 8,
                    SnapshotTable.COMPLIANCE, COMPLIANCE, ALL, 100))
                    .isInstanceOf(SourceException.class).hasMessageContaining("select_compliance.sql")
                    .hasMessageContaining("Connection reset");
        }
        assertThat(storeJdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_compliance WHERE snapshot_id = 8", Long.class))
                .as("fewer than %d rows read: nothing was committed", SnapshotExtractor.COMMIT_EVERY).isZero();
        assertThat(extractThreads()).isZero();
    }

    @Test
    void aStoreFailureEndsTheCopyWithTheStoresErrorAndNoThreadLeft() {
        storeJdbc.execute("ALTER TABLE pp_snap_compliance ADD CONSTRAINT only_small CHECK (ciId < 0)");

        assertThatThrownBy(() -> SnapshotExtractor.copy(SiteDatabases.smallDataSource(), store, 9, SnapshotTable.COMPLIANCE,
                COMPLIANCE, ALL, 100))
                .isInstanceOf(SourceException.class).hasMessageContaining("select_compliance.sql")
                .hasStackTraceContaining("ONLY_SMALL");
        assertThat(storeJdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_compliance WHERE snapshot_id = 9", Long.class)).isZero();
        assertThat(extractThreads()).isZero();
    }

    @Test
    void theSummaryWorkedOutWhileCopyingIsWhatTheCopiedRowsHold() {
        DriverManagerDataSource site = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate siteJdbc = new JdbcTemplate(site);
        siteJdbc.execute("CREATE TABLE ucs (id INT PRIMARY KEY, ResourceID INT, CI_ID INT, changed TIMESTAMP, enforced TIMESTAMP)");
        Integer[][] pairs = {{1, 10}, {1, 11}, {2, 10}, {1, 10}, {3, 12}, {null, 12}, {0, 12}, {4, 13}, {4, 13}, {4, 13},
                {-7, -9}, {-7, -9}};
        String[][] times = {{"2026-11-01T10:00", null}, {null, "2026-11-20T07:30"}, {"2026-11-19T23:00", "2026-11-18T00:00"}};
        for (int i = 0; i < pairs.length; i++) {
            String[] t = times[i % times.length];
            siteJdbc.update("INSERT INTO ucs (id, ResourceID, CI_ID, changed, enforced) VALUES (?, ?, ?, ?, ?)", i, pairs[i][0],
                    pairs[i][1], t[0] == null ? null : java.time.LocalDateTime.parse(t[0]),
                    t[1] == null ? null : java.time.LocalDateTime.parse(t[1]));
        }
        SqlFile query = SqlFile.load(new org.springframework.core.io.ByteArrayResource(("SELECT ResourceID AS resourceId,"
                + " CI_ID AS ciId, 3 AS status, changed AS lastStatusChangeTime,"
                + " CAST(NULL AS INT) AS enforcementState, enforced AS enforcementTime,"
                + " CAST(NULL AS INT) AS lastErrorCode, CAST(NULL AS VARCHAR) AS qfeInstalledOn,"
                + " CAST(NULL AS VARCHAR) AS stateName, CAST(NULL AS VARCHAR) AS scanStatus, CAST(NULL AS VARCHAR) AS scanAgent,"
                + " CAST(NULL AS TIMESTAMP) AS scanTime, CAST(NULL AS VARCHAR) AS bulletinId, CAST(NULL AS VARCHAR) AS articleId"
                + " FROM ucs ORDER BY id").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "summary.sql"));

        ComplianceSummary.Result result;
        java.util.Map<Long, VoteFinder.Reason> notVoting = new java.util.TreeMap<>();
        try (ComplianceSummary summary = new ComplianceSummary()) {
            long copied = SnapshotExtractor.copy(site, store, 5, SnapshotTable.COMPLIANCE, query, Map.of(), 100, summary);
            assertThat(copied).isEqualTo(pairs.length);
            result = summary.result(notVoting::put);
        }

        // (NULL, 12) and (0, 12) are no pair: a NULL key joins nothing.
        assertThat(result.duplicatePairs()).containsExactlyInAnyOrder(VoteFinder.pairKey(1, 10),
                VoteFinder.pairKey(4, 13), VoteFinder.pairKey(-7, -9));
        // The rows that do not vote are numbered as the store numbers them: every copy after the first.
        java.util.Set<Long> seen = new java.util.HashSet<>();
        java.util.Map<Long, VoteFinder.Reason> laterCopies = new java.util.TreeMap<>();
        storeJdbc.query("SELECT seq, resourceId, ciId FROM pp_snap_compliance WHERE snapshot_id = 5 ORDER BY seq", rs -> {
            if (rs.getObject(2) != null && rs.getObject(3) != null
                    && !seen.add(VoteFinder.pairKey((Integer) rs.getObject(2), (Integer) rs.getObject(3)))) {
                laterCopies.put(rs.getLong(1), VoteFinder.Reason.DUPLICATE_ROW);
            }
        });
        assertThat(laterCopies).isNotEmpty();
        assertThat(notVoting).isEqualTo(laterCopies);
        assertThat(result.notVoting()).isEqualTo(laterCopies.size());
        java.util.Set<Long> inStore = new java.util.HashSet<>();
        storeJdbc.query("SELECT resourceId, ciId FROM pp_snap_compliance WHERE snapshot_id = 5"
                + " AND resourceId IS NOT NULL AND ciId IS NOT NULL GROUP BY resourceId, ciId HAVING COUNT(*) > 1",
                rs -> {
                    inStore.add(VoteFinder.pairKey(rs.getInt(1), rs.getInt(2)));
                });
        assertThat(result.duplicatePairs()).isEqualTo(inStore);
        assertThat(result.newestStateUtc()).isEqualTo(java.time.LocalDateTime.parse("2026-11-20T07:30"))
                .isEqualTo(storeJdbc.queryForObject("SELECT MAX(CASE WHEN enforcementTime IS NULL OR"
                        + " lastStatusChangeTime > enforcementTime THEN lastStatusChangeTime ELSE enforcementTime END)"
                        + " FROM pp_snap_compliance WHERE snapshot_id = 5", java.time.LocalDateTime.class));
    }
}
