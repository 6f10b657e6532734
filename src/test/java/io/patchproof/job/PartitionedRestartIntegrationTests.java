package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.jobStatuses;
import static io.patchproof.testsupport.LocalStore.longs;
import static io.patchproof.testsupport.LocalStore.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partitioned run that failed part-way is restarted with another partition setting (as after
 * changing {@code patchproof.rules.partitions}, or on a machine with another processor count,
 * which {@code 0}, one per processor, stands for): the restart resumes the partitions the run
 * began with, each from its own last commit, and publishes what a clean run publishes.
 */
class PartitionedRestartIntegrationTests {

    static final int HOSTS = 120;
    static final int CHUNK = 300;
    static final int PARTITIONS = 3;
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

    @ParameterizedTest(name = "restarted with patchproof.rules.partitions={0}")
    @ValueSource(ints = {1, 5, 0})
    void aRestartResumesThePartitionsTheRunBeganWithWhateverItsOwnSetting(int partitionsNow, @TempDir Path work)
            throws Exception {
        Cli cli = new Cli(work, demoDir);
        Cli.Result failed = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=" + PARTITIONS, "--patchproof.test.fail-after-chunks=1");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(longs(cli, "SELECT partitions FROM pp_run")).as("the partitions the run began with, recorded")
                .containsExactly((long) PARTITIONS);

        Cli.Result restarted = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=" + partitionsNow);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                .as("findings CSV byte for byte").isEqualTo(Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv")));
        assertThat(jobStatuses(cli)).containsExactly("FAILED", "COMPLETED");
        assertThat(column(cli, "SELECT DISTINCT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'reconcileWorkerStep:%'"
                + " ORDER BY STEP_NAME")).as("the restart ran the first attempt's partitions, no other")
                .containsExactly("reconcileWorkerStep:partition0", "reconcileWorkerStep:partition1",
                        "reconcileWorkerStep:partition2");
        long rows = longs(cli, "SELECT COUNT(*) FROM pp_snap_compliance").get(0);
        assertThat(longs(cli, "SELECT SUM(READ_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'reconcileWorkerStep:%'"
                + " AND JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)"))
                .as("the restart read the rows after each partition's committed chunk: every row once, none twice")
                .containsExactly(rows - (long) PARTITIONS * CHUNK);
    }

    @Test
    void aRunBegunByAVersionThatDidNotRecordItsPartitionsKeepsThoseItsFirstAttemptLeft(@TempDir Path work) throws Exception {
        Cli cli = new Cli(work, demoDir);
        Cli.Result failed = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=" + PARTITIONS, "--patchproof.test.fail-after-chunks=1");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE pp_run SET partitions = NULL");
        }

        Cli.Result restarted = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=" + CHUNK,
                "--patchproof.rules.partitions=1");

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(clean.output().resolve(STEM + ".findings.csv")));
        assertThat(longs(cli, "SELECT partitions FROM pp_run")).containsExactly((long) PARTITIONS);
    }
}
