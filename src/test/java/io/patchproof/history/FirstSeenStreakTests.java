package io.patchproof.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.LocalStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The kept streaks against a model that keeps every point's pairs: runs of random pairs on
 * random as-of dates, in random order, reruns included, must give exactly the streaks the same
 * final points give in date order (each pair's first date of its unbroken run of points, no two
 * streaks of a pair touching, the streak at the newest point open).
 */
class FirstSeenStreakTests {

    static final LocalDate START = LocalDate.of(2026, 1, 16);
    static final int DATES = 7;
    static final int PAIRS = 6;

    @Test
    void runsKeptInAnyOrderAndRerunGiveTheStreaksOfTheirFinalPointsInDateOrder() {
        JdbcTemplate jdbc = new JdbcTemplate(LocalStore.fresh());
        HistoryStore history = new HistoryStore(jdbc);
        jdbc.execute("CREATE TABLE run_findings (seq BIGINT PRIMARY KEY, resource_id INT, ci_id INT, verdict VARCHAR(16))");
        Random random = new Random(20261116L);
        long instance = 0;
        for (int sequence = 0; sequence < 150; sequence++) {
            HistoryKey key = new HistoryKey("S" + sequence, "configmgr", "");
            TreeMap<LocalDate, Set<Integer>> points = new TreeMap<>();
            int runs = 1 + random.nextInt(12);
            for (int r = 0; r < runs; r++) {
                LocalDate asOf = START.plusMonths(random.nextInt(DATES));
                Set<Integer> notInEffect = new TreeSet<>();
                jdbc.update("DELETE FROM run_findings");
                for (int p = 0; p < PAIRS; p++) {
                    String verdict = random.nextInt(100) < 55 ? "NOT_IN_EFFECT" : random.nextBoolean() ? "IN_EFFECT" : "MISSING";
                    if (verdict.equals("NOT_IN_EFFECT")) {
                        notInEffect.add(p);
                    }
                    if (!verdict.equals("IN_EFFECT") || random.nextBoolean()) {
                        jdbc.update("INSERT INTO run_findings VALUES (?, ?, ?, ?)", p, p, 100 + p, verdict);
                    }
                }
                history.keepPoint(key, asOf, ++instance, "run_findings");
                points.put(asOf, notInEffect);
                String what = "sequence " + sequence + " after run " + r + " (" + asOf + "), points " + points;
                LocalDate newest = points.lastKey();
                assertThat(keptStreaks(jdbc, key)).as(what).isEqualTo(modelStreaks(points, newest));
                for (LocalDate d : points.keySet()) {
                    List<String> at = new ArrayList<>();
                    history.firstSeenAt(key, d, (res, ci, first) -> at.add(res + " " + first));
                    assertThat(new HashSet<>(at)).as(what + ", pairs at " + d).isEqualTo(modelAt(points, d));
                }
            }
        }
    }

    /** "pair first..last" of every kept streak of the key. */
    private static Set<String> keptStreaks(JdbcTemplate jdbc, HistoryKey key) {
        return new HashSet<>(jdbc.query("SELECT s.resource_id, s.first_seen, s.last_seen FROM pp_history_seen s"
                + " JOIN pp_history_key k ON k.key_id = s.key_id WHERE k.site = ?",
                (rs, n) -> rs.getInt(1) + " " + rs.getObject(2, LocalDate.class) + ".." + rs.getObject(3, LocalDate.class),
                key.site()));
    }

    /** The streaks the model's points give; one that holds the newest point is kept open ({@link HistoryStore#OPEN}). */
    private static Set<String> modelStreaks(Map<LocalDate, Set<Integer>> points, LocalDate newest) {
        Set<String> streaks = new HashSet<>();
        List<LocalDate> dates = new ArrayList<>(points.keySet());
        for (int p = 0; p < PAIRS; p++) {
            LocalDate first = null;
            LocalDate last = null;
            for (LocalDate d : dates) {
                if (points.get(d).contains(p)) {
                    first = first == null ? d : first;
                    last = d;
                } else if (first != null) {
                    streaks.add(p + " " + first + ".." + last);
                    first = null;
                }
            }
            if (first != null) {
                streaks.add(p + " " + first + ".." + (last.equals(newest) ? HistoryStore.OPEN : last));
            }
        }
        return streaks;
    }

    private static Set<String> modelAt(Map<LocalDate, Set<Integer>> points, LocalDate at) {
        Set<String> out = new HashSet<>();
        List<LocalDate> dates = new ArrayList<>(points.keySet());
        int i = dates.indexOf(at);
        for (int p : points.get(at)) {
            int j = i;
            while (j > 0 && points.get(dates.get(j - 1)).contains(p)) {
                j--;
            }
            out.add(p + " " + dates.get(j));
        }
        return out;
    }
}
