package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.column;
import static io.patchproof.testsupport.LocalStore.jobStatuses;
import static io.patchproof.testsupport.LocalStore.outputFiles;
import static io.patchproof.testsupport.LocalStore.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A stop (as SIGTERM requests it) at each boundary between the steps, and while the history step
 * works: every step is idempotent, so {@code restart} completes the run from where it stopped,
 * with the findings and first-seen dates of a clean run and no staged table left. A stop after
 * the last step changes nothing: the run is complete.
 */
class StepBoundaryStopIntegrationTests {

    static final int HOSTS = 60;
    static final String STEM = Cli.DEMO_STEM;
    static final String DEMO = "--patchproof.demo.hosts=" + HOSTS;
    static final List<String> FILES = List.of(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");

    @TempDir
    static Path demoDir;

    @TempDir
    static Path cleanWork;

    static Cli clean;

    @BeforeAll
    static void cleanRun() {
        clean = Cli.cleanDemoRun(cleanWork, demoDir, HOSTS);
    }

    @ParameterizedTest(name = "stop {0}")
    @CsvSource({
            "before extractStep, extractStep, STOPPED",
            "after extractStep, extractStep, COMPLETED",
            "after reconcileStep, reconcileStep, COMPLETED",
            "after publishStep, publishStep, COMPLETED",
            "history, historyStep, STOPPED"})
    void aRunStoppedAtAStepBoundaryIsCompletedByRestartAsACleanRunWouldBe(String point, String step, String stepStatus,
            @TempDir Path work) throws Exception {
        Cli cli = new Cli(work, demoDir);

        Cli.Result stopped = cli.run("demo", DEMO, "--patchproof.test.stop-during=" + point);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.err()).contains("was stopped").contains("`restart`");
        assertThat(InjectedStop.passed()).as("points passed").last().isEqualTo(point);
        assertThat(jobStatuses(cli)).containsExactly("STOPPED");
        assertThat(stepStatuses(cli, step)).containsExactly(stepStatus);
        boolean published = point.equals("after publishStep") || point.equals("history");
        Map<String, String> before = outputFiles(cli);
        assertThat(before.keySet()).as("published once the publish step completed, never before")
                .containsExactlyElementsOf(published ? FILES : List.of());

        Cli.Result restarted = cli.run("restart", DEMO);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(jobStatuses(cli)).containsExactly("STOPPED", "COMPLETED");
        assertThat(stepStatuses(cli, step)).as("a step completed before the stop is not run again")
                .containsExactlyElementsOf(stepStatus.equals("COMPLETED") ? List.of("COMPLETED") : List.of(stepStatus, "COMPLETED"));
        assertSameAsTheCleanRun(cli);
        if (published) {
            assertThat(outputFiles(cli)).as("published files are not written again").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "stop {0}")
    @CsvSource("after historyStep")
    void aStopAfterTheLastStepCompletedLeavesTheRunComplete(String point, @TempDir Path work) throws Exception {
        Cli cli = new Cli(work, demoDir);

        Cli.Result done = cli.run("demo", DEMO, "--patchproof.test.stop-during=" + point);

        assertThat(done.exitCode()).as(done.toString()).isZero();
        assertThat(InjectedStop.passed()).last().isEqualTo(point);
        assertThat(jobStatuses(cli)).containsExactly("COMPLETED");
        assertSameAsTheCleanRun(cli);
        Cli.Result nothing = cli.run("restart", DEMO);
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to restart");
    }

    private static void assertSameAsTheCleanRun(Cli cli) throws Exception {
        assertThat(outputFiles(cli).keySet()).containsExactlyElementsOf(FILES);
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                .as("findings CSV byte for byte").isEqualTo(Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv")));
        String firstSeen = "SELECT resource_id || ':' || ci_id || ':' || first_seen || ':' || last_seen"
                + " FROM pp_history_seen ORDER BY resource_id, ci_id, first_seen";
        assertThat(column(cli, firstSeen)).as("first-seen dates").isNotEmpty().isEqualTo(column(clean, firstSeen));
        assertThat(column(cli, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'PP_SHEET_%'"))
                .as("staged tables left").isEmpty();
    }
}
