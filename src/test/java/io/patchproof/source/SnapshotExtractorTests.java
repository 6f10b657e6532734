package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.demo.DemoSiteDatabase;
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
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

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
        store = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("store/schema.sql")).execute(store);
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
}
