package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Soak: ten stops (as SIGTERM requests them) at seeded random points of demo runs with 1, 2 and
 * 16 reconcile partitions, each followed by {@code restart}, which may itself be stopped again.
 * A point is any of those {@link InjectedStop} knows: a step's beginning or end, a table of the
 * extract, a chunk of findings in any partition, a file of the publisher, the history step's work.
 * Every restart is given a partition setting of its own, drawn from 1, 2 and 16 (the run must keep
 * its own), and the store's pool is the one sized at start-up. Every run that completes must have
 * published the findings CSV of a clean run, byte for byte, and left no staged table.
 *
 * <p>The points are drawn from a fixed seed per partition setting, so a failure names the point
 * and replays; with several partitions, which partition's chunk is the N-th depends on the
 * threads, so the findings around the stop may differ from one replay to the next (the outcome
 * must not).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StopRestartSoakIntegrationTests {

    static final int HOSTS = 30;
    static final int CHUNK = 100;
    static final int STOPS = 10;
    static final long SEED = 20_081_023L;
    static final int[] SETTINGS = {1, 2, 16};
    static final String STEM = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    static Path demoDir;

    @TempDir
    static Path cleanWork;

    static byte[] cleanCsv;

    @BeforeAll
    static void cleanRun() throws Exception {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        Cli clean = new Cli(cleanWork, demoDir);
        Cli.Result result = clean.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        cleanCsv = Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv"));
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 16})
    void tenStopsAtRandomPointsAndTheirRestartsEndWithTheFindingsOfACleanRun(int partitions, @TempDir Path work)
            throws Exception {
        Random random = new Random(SEED + partitions);
        Cli cli = new Cli(work, demoDir);
        List<String> story = new ArrayList<>();

        Cli.Result uninterrupted = cli.run(demo(partitions, 0));
        assertThat(uninterrupted.exitCode()).as(uninterrupted.toString()).isZero();
        int points = InjectedStop.passed().size();
        assertCompleteAsACleanRun(cli, "uninterrupted run of " + points + " points");

        int stops = 0;
        int completed = 0;
        int left = 0; // points a restart of the run in progress may still pass (0: no run in progress)
        while (stops < STOPS || left > 0) {
            boolean restart = left > 0;
            int at = stops < STOPS ? 1 + random.nextInt(restart ? left : points) : 0;
            int setting = SETTINGS[random.nextInt(SETTINGS.length)];
            Cli.Result result = cli.run(restart ? restart(setting, at) : demo(partitions, at));
            List<String> passed = InjectedStop.passed();
            boolean stopHere = at > 0 && passed.size() == at;
            String step = (restart ? "restart, partitions=" + setting : "demo, partitions=" + partitions)
                    + (stopHere ? ", stopped at '" + passed.get(at - 1) + "' (#" + at + ")" : ", no stop") + ": exit "
                    + result.exitCode();
            story.add(step);
            if (stopHere) {
                stops++;
            }
            if (result.exitCode() == 0) {
                completed++;
                left = 0;
                assertCompleteAsACleanRun(cli, String.join("\n", story));
            } else {
                assertThat(result.exitCode()).as("%s%n%s", String.join("\n", story), result).isEqualTo(1);
                assertThat(stopHere).as("%s%n%s", String.join("\n", story), result).isTrue();
                // A run or restart reads the site (its site code) before its job starts: a stop there ends
                // it before the job began, and nothing is lost either way.
                assertThat(result.err()).as(String.join("\n", story)).containsAnyOf("was stopped",
                        "stopped before the restart began", "stopped before the run started");
                // A run stopped before its job started left nothing to restart: the next step runs it anew.
                left = !restart && result.err().contains("stopped before the run started") ? 0
                        : Math.max(1, (restart ? left : points) - passed.size() + 2);
            }
        }
        System.out.println("soak, " + partitions + " partitions, " + points + " points a run:\n  " + String.join("\n  ", story));
        assertThat(stops).isEqualTo(STOPS);
        assertThat(completed).as(String.join("\n", story)).isPositive();
    }

    private static String[] demo(int partitions, int stopAt) {
        return new String[] {"demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=" + partitions, "--patchproof.test.stop-during=#" + stopAt};
    }

    private static String[] restart(int partitions, int stopAt) {
        return new String[] {"restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=" + partitions, "--patchproof.test.stop-during=#" + stopAt};
    }

    private static void assertCompleteAsACleanRun(Cli cli, String story) throws Exception {
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv"))).as("findings CSV after:%n%s", story)
                .isEqualTo(cleanCsv);
        assertThat(column(cli, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'PP_SHEET_%'"))
                .as("staged tables left after:%n%s", story).isEmpty();
        assertThat(column(cli, "SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID ="
                + " (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)")).as(story).containsExactly("COMPLETED");
    }
}
