package io.patchproof.store;

import static io.patchproof.testsupport.FindingBuilder.aFinding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryPoint;
import io.patchproof.history.HistoryStore;
import io.patchproof.history.KeptFigures;
import io.patchproof.history.KeptFullyPatched;
import io.patchproof.reconcile.MetricsAccumulator;
import io.patchproof.reconcile.RuleSettings;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A store written by the release before store versions (version 1: its schema.sql, frozen in the
 * test resources, and its job repository in the same store) is upgraded to version 2 and its
 * kept history read through the new API.
 */
class StoreSchemaUpgradeTests {

    static final LocalDate SEP = LocalDate.of(2026, 9, 16);
    static final LocalDate OCT = LocalDate.of(2026, 10, 16);
    static final LocalDate NOV = LocalDate.of(2026, 11, 16);
    static final LocalDate DEC = LocalDate.of(2026, 12, 16);

    private final DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final JdbcTemplate jdbc = new JdbcTemplate(ds);

    /** A version-1 store: today's schema and job repository, with runs kept as version 1 kept them. */
    private void version1Store() {
        new ResourceDatabasePopulator(new ClassPathResource("store/v1-schema.sql"),
                new ClassPathResource("org/springframework/batch/core/schema-h2.sql")).execute(ds);
        // instance, as-of, scope, site (null: a release before the site was in the identity), demo, rerun, completed
        keptRun(1, OCT, "", "PP1", false, 0, "2026-10-17T08:00", null);
        keptRun(2, NOV, "", "PP1", false, 0, "2026-11-17T08:00", 880L);
        keptRun(3, NOV, "", "PP1", false, 1, "2026-11-18T08:00", 900L);
        keptRun(4, NOV, "PP100014", "PP2", false, 0, "2026-11-17T09:00", 700L);
        keptRun(5, SEP, "", null, false, 0, "2026-09-17T08:00", null);
        keptRun(6, NOV, "", "PP1", true, 0, "2026-11-19T08:00", 910L);
        firstSeen("", 1, 10, SEP, NOV);
        firstSeen("", 2, 20, OCT, OCT);
        firstSeen("PP100014", 7, 70, NOV, NOV);
    }

    private void keptRun(long instance, LocalDate asOf, String scope, String site, boolean demo, int rerun, String completed,
            Long siteInstalled) {
        jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) VALUES (?, 0,"
                + " 'reconciliationJob', ?)", instance, "key" + instance);
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS)"
                + " VALUES (?, 1, ?, ?, 'COMPLETED')", instance * 10, instance, LocalDateTime.parse(completed));
        param(instance, "asOf", asOf.toString(), "Y");
        param(instance, "siteIdentifiedBy", "site code", "N");
        if (site != null) {
            param(instance, "site", site, "Y");
        }
        if (demo) {
            param(instance, "demo", "true", "Y");
        }
        jdbc.update("INSERT INTO pp_history_run (job_instance_id, as_of, profile, schema_profile, scope_key, rerun,"
                + " completed_at, rows_read, applicable, reported_installed, in_effect, exempt, not_in_effect, unverified,"
                + " missing, failed, servers_hosts, servers_fully_reported, servers_fully_effective, workstations_hosts,"
                + " workstations_fully_reported, workstations_fully_effective, site_installed, rules_version)"
                + " VALUES (?, ?, 'monthly', 'configmgr', ?, ?, ?, 1200, 1000, 950, 600 + ?, 10, 300, 20, 40, 30,"
                + " 45, 40, 12, 900, 850, 300, ?, ?)", instance, asOf, scope, rerun, LocalDateTime.parse(completed),
                instance, siteInstalled, siteInstalled == null ? null : "2");
    }

    private void param(long instance, String name, String value, String identifying) {
        jdbc.update("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE,"
                + " PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, 'java.lang.String', ?, ?)", instance * 10, name, value,
                identifying);
    }

    private void firstSeen(String scope, int resource, int ci, LocalDate first, LocalDate last) {
        jdbc.update("INSERT INTO pp_history_first_seen (scope_key, schema_profile, resource_id, ci_id, first_seen, last_seen)"
                + " VALUES (?, 'configmgr', ?, ?, ?, ?)", scope, resource, ci, first, last);
    }

    private static Map<String, LocalDate> firstSeen(HistoryStore history, HistoryKey key) {
        Map<String, LocalDate> out = new TreeMap<>();
        history.firstSeen(key, (r, c, d) -> out.put(r + ":" + c, d));
        return out;
    }

    @Test
    void aVersion1StoreIsUpgradedAndItsKeptRunsAreReadThroughTheNewApi() {
        version1Store();

        int found = StoreSchema.upgrade(ds);

        assertThat(found).as("a store of the release before versions").isZero();
        assertThat(StoreSchema.currentVersion(jdbc)).isEqualTo(StoreSchema.VERSION).isEqualTo(3);
        HistoryStore history = new HistoryStore(jdbc);
        HistoryKey pp1 = new HistoryKey("PP1", "configmgr", "");
        assertThat(history.keys()).containsExactly(new HistoryKey("", "configmgr", ""),
                new HistoryKey("PP1", "configmgr", ""), new HistoryKey("PP2", "configmgr", "PP100014"),
                new HistoryKey("demo:PP1", "configmgr", ""));
        assertThat(history.trend(pp1)).extracting(HistoryPoint::asOf, HistoryPoint::jobInstanceId)
                .as("one point per as-of date: the rerun completed last holds November")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(OCT, 1L), org.assertj.core.groups.Tuple.tuple(NOV, 3L));
        HistoryPoint november = history.point(pp1, NOV).orElseThrow();
        assertThat(november.detailed()).isFalse();
        assertThat(november.rerun()).isEqualTo(1);
        assertThat(november.rulesVersion()).isEqualTo("2");
        assertThat(november.overall()).isEqualTo(new KeptFigures(1000, 900L, 950, null, 603, 10, 300, 20, 40, 30, null));
        assertThat(november.overall().complete()).isEmpty();
        assertThat(november.serversFullyPatched()).isEqualTo(new KeptFullyPatched(45, 40, 12, null, null));
        assertThat(november.allFullyPatched()).isEqualTo(new KeptFullyPatched(945, 890, 312, null, null));
        assertThat(november.servers()).isNull();
        assertThat(november.bySeverity()).isEmpty();
        assertThat(history.point(pp1, OCT).orElseThrow().overall().siteInstalled()).as("kept before rules version 2").isNull();
        assertThat(history.trend(new HistoryKey("", "configmgr", ""))).extracting(HistoryPoint::jobInstanceId)
                .as("the run without a site").containsExactly(5L);
        assertThat(history.trend(new HistoryKey("demo:PP1", "configmgr", ""))).extracting(HistoryPoint::jobInstanceId)
                .containsExactly(6L);

        assertThat(firstSeen(history, new HistoryKey("PP2", "configmgr", "PP100014")))
                .as("every kept run of that scope is PP2's: its pairs go to PP2").containsExactly(Map.entry("7:70", NOV));
        assertThat(firstSeen(history, pp1)).as("scope '' has runs of several sites: not PP1's").isEmpty();
        assertThat(firstSeen(history, new HistoryKey("", "configmgr", ""))).as("the newest point of the unknown site is"
                + " September; pair 1:10 was one streak from September to November").containsExactly(Map.entry("1:10", SEP));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_first_seen", Integer.class)).isZero();
    }

    @Test
    void aRunAfterTheUpgradeContinuesTheStreaksVersion1Kept() {
        version1Store();
        StoreSchema.upgrade(ds);
        HistoryStore history = new HistoryStore(jdbc);
        HistoryKey pp2 = new HistoryKey("PP2", "configmgr", "PP100014");
        MetricsAccumulator metrics = new MetricsAccumulator(RuleSettings.defaults(DEC));
        var finding = aFinding().onHost(7, "HOST-7").forUpdate(70, "5000070").notInEffect(30).build();
        metrics.accept(finding);
        jdbc.execute("CREATE TABLE findings_7 (seq BIGINT PRIMARY KEY, resource_id INT, ci_id INT, verdict VARCHAR(16))");
        jdbc.update("INSERT INTO findings_7 VALUES (1, 7, 70, 'NOT_IN_EFFECT')");

        history.recordRun(7, DEC, "monthly", "configmgr", "PP100014", 0, metrics.result());
        history.keepPoint(pp2, DEC, 7, "findings_7");

        assertThat(history.trend(pp2)).extracting(HistoryPoint::asOf, HistoryPoint::detailed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NOV, false), org.assertj.core.groups.Tuple.tuple(DEC, true));
        assertThat(firstSeen(history, pp2)).containsExactly(Map.entry("7:70", NOV));
    }

    @Test
    void aNewStoreIsAtTheCurrentVersionAndAnUpgradeAgainChangesNothing() {
        assertThat(StoreSchema.upgrade(ds)).isZero();
        assertThat(StoreSchema.upgrade(ds)).isEqualTo(StoreSchema.VERSION);

        assertThat(jdbc.queryForList("SELECT version FROM pp_store_version ORDER BY version", Integer.class))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aStoreOfANewerReleaseIsRefusedWithWhatToDo() {
        StoreSchema.upgrade(ds);
        jdbc.update("INSERT INTO pp_store_version (version, description, applied_at) VALUES (4, 'later', ?)",
                LocalDateTime.of(2027, 1, 1, 0, 0));

        assertThatThrownBy(() -> StoreSchema.upgrade(ds)).isInstanceOf(StoreSchema.StoreVersionException.class)
                .hasMessageContaining("store version 4").hasMessageContaining("versions up to 3")
                .hasMessageContaining("spring.datasource.url");
    }

    @Test
    void aMigrationThatFailsLeavesTheStoreAtItsVersionAndIsTriedAgainFromItsStart() {
        version1Store();
        StoreSchema.Migration v2 = StoreSchema.MIGRATIONS.get(0);
        StoreSchema.Migration failing = new StoreSchema.Migration(2, v2.description(), v2.script(), jdbc -> {
            v2.rows().accept(jdbc);
            throw new IllegalStateException("No space left on device");
        });

        assertThatThrownBy(() -> StoreSchema.upgrade(ds, java.util.List.of(failing)))
                .isInstanceOf(StoreSchema.StoreUpgradeException.class)
                .hasMessageContaining("could not be upgraded to store version 2").hasMessageContaining("No space left")
                .hasMessageContaining("stays at store version 1");
        assertThat(StoreSchema.currentVersion(jdbc)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_first_seen", Integer.class))
                .as("version 1's rows are where they were").isEqualTo(3);

        StoreSchema.upgrade(ds);

        assertThat(StoreSchema.currentVersion(jdbc)).isEqualTo(StoreSchema.VERSION);
        HistoryStore history = new HistoryStore(jdbc);
        assertThat(history.trend(new HistoryKey("PP1", "configmgr", ""))).hasSize(2);
        assertThat(firstSeen(history, new HistoryKey("PP2", "configmgr", "PP100014"))).hasSize(1);
    }
}
