package io.patchproof.history;

import static io.patchproof.testsupport.FindingBuilder.aFinding;
import static io.patchproof.testsupport.HostFactsBuilder.aHost;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.MetricsAccumulator;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Finding;
import io.patchproof.testsupport.FindingBuilder;
import io.patchproof.testsupport.HostFactsBuilder;
import io.patchproof.testsupport.LocalStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Figures, points and first-seen streaks of runs kept by hand in an in-memory store. */
class HistoryStoreTests {

    static final LocalDate SEP = LocalDate.of(2026, 9, 16);
    static final LocalDate OCT = LocalDate.of(2026, 10, 16);
    static final LocalDate NOV = LocalDate.of(2026, 11, 16);
    static final LocalDate DEC = LocalDate.of(2026, 12, 16);
    static final HistoryKey PP1 = new HistoryKey("PP1", "configmgr", "");
    static final HistoryKey PP2 = new HistoryKey("PP2", "configmgr", "");

    private final AtomicLong instances = new AtomicLong(100);
    private JdbcTemplate jdbc;
    private HistoryStore history;

    @BeforeEach
    void store() {
        jdbc = new JdbcTemplate(LocalStore.fresh());
        history = new HistoryStore(jdbc);
    }

    /** A pair of host {@code host} and update {@code ci}, and its finding in a run. */
    static FindingBuilder pair(int host, int ci) {
        return aFinding().onHost(host, "HOST-" + host).forUpdate(ci, Integer.toString(5_000_000 + ci));
    }

    /** Keeps a completed run as the job does: its figures with the publication, then its point; returns its instance. */
    private long run(HistoryKey key, LocalDate asOf, String profile, FindingBuilder... findings) {
        long instance = instances.incrementAndGet();
        MetricsAccumulator metrics = new MetricsAccumulator(RuleSettings.defaults(asOf));
        String table = "findings_" + instance;
        jdbc.execute("CREATE TABLE " + table + " (seq BIGINT PRIMARY KEY, resource_id INT, ci_id INT, verdict VARCHAR(16))");
        for (FindingBuilder b : findings) {
            Finding f = b.build();
            register(metrics, f);
            metrics.accept(f);
            jdbc.update("INSERT INTO " + table + " VALUES (?, ?, ?, ?)", f.seq(), f.resourceId(), f.ciId(), f.verdict().name());
        }
        history.recordRun(instance, asOf, profile, key.schemaProfile(), key.scopeKey(), 0, metrics.result());
        history.keepPoint(key, asOf, instance, table);
        return instance;
    }

    /** Registers a finding's host: a server where the finding says so; host 3 in one collection, the others in two. */
    private static void register(MetricsAccumulator metrics, Finding f) {
        HostFactsBuilder host = aHost().withResourceId(f.resourceId()).named(f.host());
        if (f.server()) {
            host.server();
        }
        metrics.registerHost(host.build(), f.resourceId() == 3 ? List.of("PP100020") : List.of("PP100014", "PP100020"));
    }

    private long run(HistoryKey key, LocalDate asOf, FindingBuilder... findings) {
        return run(key, asOf, "monthly", findings);
    }

    /** "host:ci since date" of the pairs of the key's newest point, in pair order. */
    private List<String> firstSeen(HistoryKey key) {
        Map<String, String> out = new TreeMap<>();
        history.firstSeen(key, (r, c, d) -> out.put(r + ":" + c, r + ":" + c + " since " + d));
        return List.copyOf(out.values());
    }

    @Test
    void threeRunsOfOneKeyGiveThreePointsOldestFirstAndARerunReplacesItsPoint() {
        run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 10).inEffect());
        run(PP1, SEP, pair(1, 10).inEffect(), pair(2, 10).inEffect());
        long firstNovember = run(PP1, NOV, pair(1, 10).notInEffect(3), pair(2, 10).notInEffect(1));
        long rerun = run(PP1, NOV, "cio", pair(1, 10).inEffect(), pair(2, 10).notInEffect(1), pair(3, 10).missing(4));

        List<HistoryPoint> trend = history.trend(PP1);

        assertThat(trend).extracting(HistoryPoint::asOf).containsExactly(SEP, OCT, NOV);
        HistoryPoint november = trend.get(2);
        assertThat(november.jobInstanceId()).as("the rerun's figures replace the first November run's")
                .isEqualTo(rerun).isNotEqualTo(firstNovember);
        assertThat(november.reportProfile()).isEqualTo("cio");
        assertThat(november.overall().applicable()).isEqualTo(3);
        assertThat(november.overall().inEffect()).isEqualTo(1);
        assertThat(november.overall().missing()).isEqualTo(1);
        assertThat(trend.get(0).overall().effectivePct()).isEqualTo(100.0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_run", Integer.class))
                .as("every run's figures stay readable by its job instance").isEqualTo(4);
        assertThat(firstSeen(PP1)).as("pair 1:10 is in effect in the rerun; 2:10 first seen in November")
                .containsExactly("2:10 since " + NOV);
    }

    @Test
    void everyFigureOfTheRunIsKeptPerSliceAndReadBackAsTheMetricsGaveIt() {
        long instance = instances.get() + 1;
        MetricsAccumulator accumulator = new MetricsAccumulator(RuleSettings.defaults(NOV));
        List<FindingBuilder> findings = List.of(pair(1, 10).server().critical().notInEffect(20),
                pair(1, 11).server().withSeverity(Severity.LOW).inEffect(), pair(2, 10).critical().inEffect(),
                pair(2, 12).exempt("freeze"), pair(3, 12).missing(40), pair(3, 13).failed());
        for (FindingBuilder b : findings) {
            var f = b.build();
            register(accumulator, f);
            accumulator.accept(f);
        }
        Metrics m = accumulator.result();
        run(PP1, NOV, findings.toArray(FindingBuilder[]::new));

        HistoryPoint p = history.point(PP1, NOV).orElseThrow();

        assertThat(p.jobInstanceId()).isEqualTo(instance);
        assertThat(p.detailed()).isTrue();
        assertThat(p.rowsRead()).isEqualTo(6);
        assertThat(p.overall().complete()).contains(m.overall());
        assertThat(p.servers().complete()).contains(m.servers());
        assertThat(p.workstations().complete()).contains(m.workstations());
        assertThat(p.bySeverity().keySet()).containsExactlyElementsOf(m.bySeverity().keySet());
        m.bySeverity().forEach((s, f) -> assertThat(p.bySeverity().get(s).complete()).as(s.name()).contains(f));
        assertThat(p.byCollection().keySet()).containsExactly("PP100014", "PP100020");
        m.byCollection().forEach((c, f) -> assertThat(p.byCollection().get(c).complete()).as(c).contains(f));
        assertThat(p.serversFullyPatched().complete()).contains(m.serversFullyPatched());
        assertThat(p.workstationsFullyPatched().complete()).contains(m.workstationsFullyPatched());
        assertThat(p.allFullyPatched().complete()).contains(m.allFullyPatched());
        assertThat(p.bySeverity().get(Severity.CRITICAL).complete().map(ComplianceFigures::inEffect)).contains(1L);
        assertThat(m.serversFullyPatched().hosts()).as("the test's own premise").isEqualTo(1);
    }

    @Test
    void twoSitesInOneStoreKeepTheirOwnPointsAndFirstSeenDates() {
        run(PP1, OCT, pair(1, 10).notInEffect(3));
        run(PP2, NOV, pair(1, 10).notInEffect(3), pair(5, 50).inEffect());
        run(PP1, NOV, pair(1, 10).notInEffect(3));
        run(PP2, NOV, pair(1, 10).notInEffect(3), pair(5, 50).notInEffect(2));

        assertThat(history.trend(PP1)).extracting(HistoryPoint::asOf).containsExactly(OCT, NOV);
        assertThat(history.trend(PP2)).extracting(HistoryPoint::asOf).containsExactly(NOV);
        assertThat(history.trend(PP2).get(0).overall().applicable()).isEqualTo(2);
        assertThat(firstSeen(PP1)).containsExactly("1:10 since " + OCT);
        assertThat(firstSeen(PP2)).containsExactly("1:10 since " + NOV, "5:50 since " + NOV);
        assertThat(history.keys()).containsExactly(PP1, PP2);
        assertThat(history.trend(new HistoryKey("PP1", "sms2003", ""))).isEmpty();
    }

    @Test
    void aPairThatRecoveredStartsAgainAtTheAsOfDateItIsSeenNotInEffectAgain() {
        run(PP1, SEP, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        run(PP1, OCT, pair(1, 10).inEffect(), pair(2, 20).notInEffect(33));
        run(PP1, NOV, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(63));

        assertThat(firstSeen(PP1)).containsExactly("1:10 since " + NOV, "2:20 since " + SEP);
        List<String> september = new ArrayList<>();
        history.firstSeenAt(PP1, SEP, (r, c, d) -> september.add(r + ":" + c + " since " + d));
        assertThat(september).containsExactlyInAnyOrder("1:10 since " + SEP, "2:20 since " + SEP);
    }

    @Test
    void aBackFilledMonthBetweenTwoKeptOnesJoinsOrSplitsTheStreaksAroundIt() {
        run(PP1, SEP, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        run(PP1, NOV, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        assertThat(firstSeen(PP1)).as("September and November are consecutive kept points")
                .containsExactly("1:10 since " + SEP, "2:20 since " + SEP);

        run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 20).inEffect());

        assertThat(firstSeen(PP1)).as("2:20 was in effect in October: its November streak starts in November")
                .containsExactly("1:10 since " + SEP, "2:20 since " + NOV);
        run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        assertThat(firstSeen(PP1)).as("the October rerun joins the streaks again")
                .containsExactly("1:10 since " + SEP, "2:20 since " + SEP);
    }

    @Test
    void keepingTheSameRunAgainChangesNothing() {
        run(PP1, SEP, pair(1, 10).notInEffect(3));
        long october = run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM pp_history_seen ORDER BY resource_id, ci_id, first_seen");

        history.keepPoint(PP1, OCT, october, "findings_" + october);

        assertThat(jdbc.queryForList("SELECT * FROM pp_history_seen ORDER BY resource_id, ci_id, first_seen")).isEqualTo(before);
        assertThat(history.trend(PP1)).extracting(HistoryPoint::jobInstanceId).containsExactly(october - 1, october);
    }

    @Test
    void theNearestPointOnOrBeforeADateIsTheNewestThatEarlyAndNoneIsInvented() {
        run(PP1, SEP, pair(1, 10).inEffect());
        run(PP1, NOV, pair(1, 10).inEffect());

        assertThat(history.nearestOnOrBefore(PP1, LocalDate.of(2026, 9, 30))).map(HistoryPoint::asOf).contains(SEP);
        assertThat(history.nearestOnOrBefore(PP1, OCT)).map(HistoryPoint::asOf).contains(SEP);
        assertThat(history.nearestOnOrBefore(PP1, NOV)).map(HistoryPoint::asOf).contains(NOV);
        assertThat(history.nearestOnOrBefore(PP1, LocalDate.of(2026, 6, 30))).isEmpty();
        assertThat(history.point(PP1, OCT)).isEmpty();
        assertThat(history.nearestOnOrBefore(PP2, DEC)).isEmpty();
    }

    @Test
    void openStreaksGiveARunBeingPublishedTheDatesItsHistoryStepWillKeep() {
        run(PP1, SEP, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 20).inEffect());
        FirstSeenIndex before = new FirstSeenIndex();
        history.openStreaks(PP1, NOV, before);

        run(PP1, NOV, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3), pair(3, 30).notInEffect(3));

        FirstSeenIndex kept = new FirstSeenIndex();
        history.firstSeen(PP1, kept);
        assertThat(before.size()).isEqualTo(1);
        for (int[] p : new int[][] {{1, 10}, {2, 20}, {3, 30}}) {
            assertThat(before.getOrDefault(p[0], p[1], NOV)).as("pair %s:%s", p[0], p[1]).isEqualTo(kept.get(p[0], p[1]));
        }
        assertThat(kept.get(1, 10)).isEqualTo(SEP);
        assertThat(kept.get(2, 20)).isEqualTo(NOV);
    }

    @Test
    void theFirstPointOfAKeyLeavesItsRunsFindingsUnindexedAndALaterPointIndexesThemForItsStreaks() {
        long first = run(PP1, SEP, pair(1, 10).notInEffect(3));
        long second = run(PP1, OCT, pair(1, 10).notInEffect(3), pair(2, 20).notInEffect(3));
        long otherSite = run(PP2, OCT, pair(1, 10).notInEffect(3));

        assertThat(indexesOf("findings_" + first)).as("no kept streak looks the first run's findings up").isZero();
        assertThat(indexesOf("findings_" + second)).as("September's streaks look October's findings up").isEqualTo(1);
        assertThat(indexesOf("findings_" + otherSite)).as("PP2's first point, whatever PP1 keeps").isZero();
        assertThat(firstSeen(PP1)).containsExactly("1:10 since " + SEP, "2:20 since " + OCT);
        assertThat(firstSeen(PP2)).containsExactly("1:10 since " + OCT);
    }

    /** Indexes on a table besides its primary key's. */
    private int indexesOf(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE UPPER(TABLE_NAME) = ?"
                + " AND INDEX_TYPE_NAME <> 'PRIMARY KEY'", Integer.class, table.toUpperCase(java.util.Locale.ROOT));
    }
}
