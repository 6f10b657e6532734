package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.column;
import static io.patchproof.testsupport.LocalStore.jobStatuses;
import static io.patchproof.testsupport.LocalStore.outputFiles;
import static io.patchproof.testsupport.LocalStore.stepStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many reconcile partitions (as on a server with many processors) and the store's pool: every
 * partition that runs at once holds its connection at the same moment, a stop is requested then
 * (it needs a connection too), and the run stops; {@code restart} completes it. With the pool
 * sized from the partitions all of them run at once; with a pool pinned smaller, fewer do.
 */
class ManyPartitionsIntegrationTests {

    static final int HOSTS = 60;
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

    @ParameterizedTest(name = "{0} partitions, pool {1}")
    @CsvSource({"16, sized, 16", "32, sized, 32", "16, 8, 6", "32, 8, 6"})
    void everyPartitionThatRunsAtOnceHoldsAConnectionAndAStopStillGetsOne(int partitions, String pool, int atOnce,
            @TempDir Path work) throws Exception {
        Cli cli = new Cli(work, demoDir);
        List<String> settings = new ArrayList<>(List.of("--patchproof.demo.hosts=" + HOSTS,
                "--patchproof.rules.partitions=" + partitions, "--patchproof.rules.chunk-size=100"));
        if (!pool.equals("sized")) {
            settings.add("--spring.datasource.hikari.maximum-pool-size=" + pool);
        }

        Cli.Result stopped = cli.run(with("demo", settings, "--patchproof.test.hold-connections=true"));

        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.err()).contains("was stopped").contains("nothing was published");
        assertThat(InjectedConnectionHold.held()).as("partitions that held a store connection at once").isEqualTo(atOnce);
        assertThat(jobStatuses(cli)).containsExactly("STOPPED");
        assertThat(stepStatuses(cli, "reconcileStep")).containsExactly("STOPPED");
        assertThat(outputFiles(cli)).isEmpty();

        Cli.Result restarted = cli.run(with("restart", settings));

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv")));
        assertThat(column(cli, "SELECT COUNT(DISTINCT STEP_NAME) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE"
                + " 'reconcileWorkerStep:%'")).containsExactly((long) partitions);
    }

    private static String[] with(String command, List<String> settings, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(settings);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }
}
