package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabases;
import io.patchproof.testsupport.SourceTap;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retry around one snapshot copy, against the small demo database through a source tap and a
 * private in-memory store; the pause between attempts is recorded, never slept.
 */
class ExtractRetryTests {

    private static final SqlFile UPDATES = SqlFile.load("configmgr", "select_updates");
    private static final Map<String, Object> ALL = SourceScope.all(
            DemoSiteDatabase.AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toParameters();
    private static final ExtractRetry.Policy THREE_FROM_TWO_SECONDS = new ExtractRetry.Policy(3, Duration.ofSeconds(2));

    private final List<Duration> pauses = new ArrayList<>();
    private final ExtractRetry.Sleeper recorder = pauses::add;
    private DataSource store;
    private JdbcTemplate storeJdbc;

    @BeforeEach
    void privateStore() {
        store = LocalStore.fresh();
        storeJdbc = new JdbcTemplate(store);
    }

    static Supplier<SQLException> reset() {
        return () -> new SQLException("Connection reset", "08S01", 0);
    }

    long copy(SourceTap tap, long snapshotId, ExtractRetry.Policy policy) {
        return ExtractRetry.copy(policy, recorder, tap.wrap(SiteDatabases.smallDataSource()), store, snapshotId,
                SnapshotTable.UPDATES, UPDATES, ALL, 100);
    }

    List<Map<String, Object>> rows(long snapshotId) {
        return storeJdbc.queryForList("SELECT seq, ciId, articleId, title, datePosted FROM pp_snap_update"
                + " WHERE snapshot_id = ? ORDER BY seq", snapshotId);
    }

    @Test
    void aTransientFailureIsRetriedAfterADoublingPauseAndLeavesExactlyTheRowsOfACleanCopy() {
        long clean;
        try (SourceTap tap = SourceTap.create()) {
            clean = copy(tap, 1, THREE_FROM_TWO_SECONDS);
        }
        // Rows a crashed or failed earlier attempt committed under the same snapshot id.
        storeJdbc.update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, title) VALUES (2, 1, -1, 'left over'),"
                + " (2, 99999, -2, 'left over')");
        try (SourceTap tap = SourceTap.create().failAfterRows("select_updates.sql", 150, 2, reset())) {
            long rows = copy(tap, 2, THREE_FROM_TWO_SECONDS);

            assertThat(rows).isEqualTo(clean);
            assertThat(tap.executions("select_updates.sql")).isEqualTo(3);
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(rows(2)).isEqualTo(rows(1));
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheFileAndLeavesNoPartialRows() {
        try (SourceTap tap = SourceTap.create().failAfterRows("select_updates.sql", 150, Integer.MAX_VALUE, reset())) {
            assertThatThrownBy(() -> copy(tap, 3, THREE_FROM_TWO_SECONDS))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("sql/configmgr/select_updates.sql: still failing after 3 attempts")
                    .hasMessageContaining("SQLState 08S01");
            assertThat(tap.executions("select_updates.sql")).isEqualTo(3);
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(rows(3)).isEmpty();
    }

    @Test
    void aNonTransientFailureIsNotRetried() {
        try (SourceTap tap = SourceTap.create().failExecution("select_updates.sql", Integer.MAX_VALUE,
                () -> new SQLException("The SELECT permission was denied on the object 'v_UpdateInfo'", "S0005", 229))) {
            assertThatThrownBy(() -> copy(tap, 4, THREE_FROM_TWO_SECONDS))
                    .isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("sql/configmgr/select_updates.sql: permission denied")
                    .hasMessageContaining("'v_UpdateInfo'");
            assertThat(tap.executions("select_updates.sql")).isEqualTo(1);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        try (SourceTap tap = SourceTap.create().failExecution("select_updates.sql", 1, reset())) {
            assertThatThrownBy(() -> copy(tap, 5, new ExtractRetry.Policy(1, Duration.ofSeconds(2))))
                    .hasMessageContaining("still failing after 1 attempt (");
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void theDefaultPauseDoublesFromTwoSeconds() {
        ExtractRetry.Policy policy = new ExtractRetry.Policy(5, Duration.ofSeconds(2));
        assertThat(List.of(policy.pauseBefore(2), policy.pauseBefore(3), policy.pauseBefore(4), policy.pauseBefore(5)))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
    }
}
