package io.patchproof.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

class HistoryStoreTests {

    private static int databases;
    private JdbcTemplate jdbc;

    @BeforeEach
    void store() {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:history" + (databases++) + ";DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("store/schema.sql")).execute(ds);
        jdbc = new JdbcTemplate(ds);
    }

    private void findings(String table, Object[]... rows) {
        jdbc.execute("CREATE TABLE " + table + " (seq BIGINT PRIMARY KEY, resource_id INT, ci_id INT, verdict VARCHAR(16))");
        long seq = 0;
        for (Object[] r : rows) {
            jdbc.update("INSERT INTO " + table + " VALUES (?, ?, ?, ?)", ++seq, r[0], r[1], r[2]);
        }
    }

    private List<Map<String, Object>> firstSeen() {
        return jdbc.queryForList("SELECT scope_key, resource_id, ci_id, first_seen, last_seen FROM pp_history_first_seen"
                + " ORDER BY scope_key, resource_id, ci_id");
    }

    @Test
    void newPairsAreFirstSeenOnTheAsOfDateAndKnownPairsKeepTheirFirstDate() {
        HistoryStore history = new HistoryStore(jdbc);
        LocalDate october = LocalDate.of(2026, 10, 16);
        LocalDate november = LocalDate.of(2026, 11, 16);
        findings("f1", new Object[] {1, 10, "NOT_IN_EFFECT"}, new Object[] {1, 10, "NOT_IN_EFFECT"},
                new Object[] {2, 20, "IN_EFFECT"});
        history.recordFirstSeen("f1", "all", "configmgr", october);
        findings("f2", new Object[] {1, 10, "NOT_IN_EFFECT"}, new Object[] {3, 30, "NOT_IN_EFFECT"},
                new Object[] {2, 20, "MISSING"});
        history.recordFirstSeen("f2", "all", "configmgr", november);
        history.recordFirstSeen("f2", "other scope", "configmgr", november);

        assertThat(firstSeen()).extracting(r -> List.of(r.get("SCOPE_KEY"), r.get("RESOURCE_ID"), r.get("CI_ID"),
                        r.get("FIRST_SEEN").toString(), r.get("LAST_SEEN").toString()))
                .containsExactly(
                        List.of("all", 1, 10, "2026-10-16", "2026-11-16"),
                        List.of("all", 3, 30, "2026-11-16", "2026-11-16"),
                        List.of("other scope", 1, 10, "2026-11-16", "2026-11-16"),
                        List.of("other scope", 3, 30, "2026-11-16", "2026-11-16"));
    }

    @Test
    void anEarlierAsOfDateRunLaterMovesTheFirstDateBackAndKeepsTheLastDate() {
        HistoryStore history = new HistoryStore(jdbc);
        findings("f1", new Object[] {1, 10, "NOT_IN_EFFECT"});
        history.recordFirstSeen("f1", "all", "configmgr", LocalDate.of(2026, 11, 16));
        history.recordFirstSeen("f1", "all", "configmgr", LocalDate.of(2026, 9, 16));
        history.recordFirstSeen("f1", "all", "configmgr", LocalDate.of(2026, 11, 16));

        assertThat(firstSeen()).singleElement().satisfies(r -> {
            assertThat(r.get("FIRST_SEEN").toString()).isEqualTo("2026-09-16");
            assertThat(r.get("LAST_SEEN").toString()).isEqualTo("2026-11-16");
        });
    }
}
