package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.jobStatuses;
import static io.patchproof.testsupport.LocalStore.longs;
import static io.patchproof.testsupport.LocalStore.outputFiles;
import static io.patchproof.testsupport.LocalStore.sha256;
import static io.patchproof.testsupport.LocalStore.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.WorkbookComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process running a run is killed hard (SIGKILL, as in a crash or a power loss) or asked to
 * stop (SIGTERM) at a chosen point: the demo runs in a child JVM, a test-only hook pauses it there
 * and prints a marker, and the test then signals the child. {@code restart} runs in-process
 * afterwards on the same local store and output folder, and its files are compared with those of
 * a clean run.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptedProcessIntegrationTests {

    static final int HOSTS = 240;
    static final int CHUNK = 500;
    static final String[] DEMO = {"demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK};
    static final String[] RESTART = {"restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK};
    /** The demo's files, and those of a real run of the demo database. */
    static final String DEMO_STEM = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;
    static final Duration REACH_MARKER = Duration.ofMinutes(3);
    static final Duration END = Duration.ofMinutes(1);
    /** The labels of the cells that name the run itself: when the source was read, and its job instance and execution. */
    static final Set<String> RUN_LABELS = WorkbookComparison.placeholderLabels("reports/templates/monthly.xlsx", "readAt", "run");

    @TempDir
    static Path demoDir;

    @TempDir
    static Path cleanWork;

    static Cli clean;

    static String demoUrl;

    @BeforeAll
    static void cleanRun() {
        demoUrl = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
        clean = new Cli(cleanWork, demoDir);
        Cli.Result result = clean.run(DEMO);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void assertSameFilesAsTheCleanRun(Cli cli) throws Exception {
        assertThat(Files.readAllBytes(cli.output().resolve(DEMO_STEM + ".findings.csv")))
                .as("findings CSV byte for byte")
                .isEqualTo(Files.readAllBytes(clean.output().resolve(DEMO_STEM + ".findings.csv")));
        assertThat(RUN_LABELS).as("labels of the cells naming the run, found in the template").hasSize(2);
        assertThat(WorkbookComparison.differences(clean.output().resolve(DEMO_STEM + ".xlsx"), cli.output().resolve(DEMO_STEM + ".xlsx"),
                RUN_LABELS)).as("cells that differ from the clean run's workbook").isEmpty();
    }

    private static long complianceRows(Cli cli) {
        return longs(cli, "SELECT COUNT(*) FROM pp_snap_compliance").get(0);
    }

    @Test
    void aRunKilledWhileReconcilingIsRecoveredResumedAfterItsLastCommitAndPublishesWhatACleanRunPublishes(
            @TempDir Path work) throws Exception {
        Cli cli = new Cli(work, demoDir);
        try (ChildJvm child = ChildJvm.start(cli, with(DEMO, "--patchproof.test.pause-after-chunks=2"))) {
            child.awaitMarker(REACH_MARKER);
            child.kill(END);
        }
        assertThat(jobStatuses(cli)).as("a killed run is left running, as after a power loss").containsExactly("STARTED");
        assertThat(outputFiles(cli)).isEmpty();

        Cli.Result restarted = cli.run(RESTART);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("recovering run").contains("restarting run");
        assertSameFilesAsTheCleanRun(cli);
        // A killed run never reached the partitioned step's own summary: count what its partition committed.
        List<Long> reads = longs(cli, "SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'reconcileWorkerStep:partition%'"
                + " ORDER BY STEP_EXECUTION_ID");
        assertThat(reads).as("the killed attempt and the restart, of the one partition a small estate gets").hasSize(2);
        assertThat(reads.get(0)).as("the killed attempt committed two chunks").isEqualTo(2L * CHUNK);
        assertThat(reads.get(1)).as("the restart read the rest: every row once, none twice")
                .isEqualTo(complianceRows(cli) - 2L * CHUNK);
        assertThat(stepStatuses(cli, "extractStep")).as("the snapshot is read once; the restart works from it")
                .containsExactly("COMPLETED");
        assertThat(jobStatuses(cli)).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void sigtermWhileReconcilingStopsTheRunAtItsNextCommitPublishesNothingAndRestartCompletesIt(@TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);
        int exitCode;
        String output;
        try (ChildJvm child = ChildJvm.start(cli, with(DEMO, "--patchproof.test.pause-after-chunks=2"))) {
            child.awaitMarker(REACH_MARKER);
            child.terminate();
            exitCode = child.awaitExit(END);
            output = child.output();
        }

        assertThat(exitCode).as(output).isEqualTo(1);
        assertThat(output).contains("was stopped").contains("nothing was published").contains("`restart`");
        assertThat(jobStatuses(cli)).containsExactly("STOPPED");
        assertThat(stepStatuses(cli, "reconcileStep")).containsExactly("STOPPED");
        assertThat(longs(cli, "SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'reconcileStep'"))
                .as("two chunks before the pause and the one in progress when the stop came").containsExactly(3L * CHUNK);
        assertThat(outputFiles(cli)).as("nothing published, no temporary file").isEmpty();

        Cli.Result restarted = cli.run(RESTART);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).doesNotContain("recovering run").contains("restarting run");
        assertSameFilesAsTheCleanRun(cli);
        List<Long> reads = longs(cli, "SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'reconcileStep'"
                + " ORDER BY STEP_EXECUTION_ID");
        assertThat(reads).containsExactly(3L * CHUNK, complianceRows(cli) - 3L * CHUNK);
    }

    @Test
    void sigtermWhileExtractingFromAnH2SourceStopsTheRunBetweenTwoTablesAndRestartCompletesIt(@TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);
        int exitCode;
        String output;
        try (ChildJvm child = ChildJvm.start(cli, with(DEMO, "--patchproof.test.pause-during-extract=2"))) {
            child.awaitMarker(REACH_MARKER);
            child.terminate();
            exitCode = child.awaitExit(END);
            output = child.output();
        }

        assertThat(exitCode).as(output).isEqualTo(1);
        assertThat(output).as("the demo source is an embedded H2 database; H2's own shutdown hook must not close it")
                .contains("was stopped").contains("nothing was published").doesNotContain("ended FAILED");
        assertThat(jobStatuses(cli)).containsExactly("STOPPED");
        assertThat(stepStatuses(cli, "extractStep")).containsExactly("STOPPED");
        assertThat(outputFiles(cli)).isEmpty();

        Cli.Result restarted = cli.run(RESTART);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertSameFilesAsTheCleanRun(cli);
        assertThat(stepStatuses(cli, "extractStep")).containsExactly("STOPPED", "COMPLETED");
    }

    @Test
    void aRunKilledWhilePublishingLeavesNoFileAtAFinalNameAndRestartCleansUpAndPublishesACompleteSet(@TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);
        try (ChildJvm child = ChildJvm.start(cli, with(DEMO, "--patchproof.test.pause-while-publishing=move:1"))) {
            child.awaitMarker(REACH_MARKER);
            child.kill(END);
        }
        Map<String, String> left = outputFiles(cli);
        assertThat(left.keySet()).as("only the three temporary files, hidden; nothing at a final name").hasSize(3)
                .allMatch(name -> name.startsWith("." + DEMO_STEM) && name.endsWith(".tmp"));

        Cli.Result restarted = cli.run(RESTART);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("recovering run");
        Map<String, String> published = outputFiles(cli);
        assertThat(published.keySet()).as("the complete set, and the leftovers gone")
                .containsExactly(DEMO_STEM + ".findings.csv", DEMO_STEM + ".manifest.json", DEMO_STEM + ".xlsx");
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(DEMO_STEM + ".manifest.json"))));
        List<Object> outputs = ReportJson.array(manifest.get("outputs"));
        assertThat(outputs).hasSize(2);
        for (Object o : outputs) {
            Map<String, Object> file = ReportJson.object(o);
            assertThat(file.get("sha256")).as("manifest hash of %s", file.get("name"))
                    .isEqualTo(sha256(Files.readAllBytes(cli.output().resolve((String) file.get("name")))));
        }
        assertThat(stepStatuses(cli, "reconcileStep")).as("the findings were kept; only publishing ran again")
                .containsExactly("COMPLETED");
        assertThat(stepStatuses(cli, "publishStep")).containsExactly("FAILED", "COMPLETED");
        assertSameFilesAsTheCleanRun(cli);
    }

    @Test
    void aRunKilledAfterItsFilesWereMovedIntoPlaceIsCompletedByRestartWithoutRewritingThem(@TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);
        String[] identity = {"--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF,
                "--patchproof.rules.chunk-size=" + CHUNK};
        String[] run = with(new String[] {"run"}, identity);
        try (ChildJvm child = ChildJvm.start(cli, with(run, "--patchproof.test.pause-while-publishing=forceDirectory:1"))) {
            child.awaitMarker(REACH_MARKER);
            child.kill(END);
        }
        Map<String, String> published = outputFiles(cli);
        assertThat(published.keySet()).as("the whole set was in place when the process died")
                .containsExactly(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");

        Cli.Result restarted = cli.run(with(new String[] {"restart"}, identity));

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("recovering run");
        assertThat(outputFiles(cli)).as("the set this run published, not written again").isEqualTo(published);
        Cli.Result again = cli.run(run);
        assertThat(again.exitCode()).as("the run is complete: the same identity is refused; %s", again).isEqualTo(4);
    }
}
