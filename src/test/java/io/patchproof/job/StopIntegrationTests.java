package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.jobStatuses;
import static io.patchproof.testsupport.LocalStore.outputFiles;
import static io.patchproof.testsupport.LocalStore.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stop requested (as SIGTERM requests it) while a long tasklet runs: the extract stops between
 * two tables, the publish within 1,000 findings. The run ends STOPPED, nothing is published, and
 * {@code restart} completes it with the findings of a clean run. The stop while reconciling, and
 * SIGTERM itself, are in {@link InterruptedProcessIntegrationTests}.
 */
class StopIntegrationTests {

    static final int HOSTS = 240;
    static final String STEM = Cli.DEMO_STEM;

    @TempDir
    static Path demoDir;

    @TempDir
    static Path cleanWork;

    static Cli clean;

    @BeforeAll
    static void cleanRun() {
        clean = Cli.cleanDemoRun(cleanWork, demoDir, HOSTS);
    }

    @ParameterizedTest(name = "stop during {0}")
    @ValueSource(strings = {"extract", "publish"})
    void aStopDuringALongTaskletEndsTheRunStoppedWithNothingPublishedAndRestartCompletesIt(String step, @TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);

        Cli.Result stopped = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.test.stop-during=" + step);

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.err()).contains("was stopped").contains("nothing was published").contains("`restart`");
        assertThat(jobStatuses(cli)).containsExactly("STOPPED");
        assertThat(stepStatuses(cli, step + "Step")).containsExactly("STOPPED");
        assertThat(outputFiles(cli)).as("nothing published, no temporary file").isEmpty();

        Cli.Result restarted = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv")));
        assertThat(outputFiles(cli).keySet()).containsExactly(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");
    }
}
