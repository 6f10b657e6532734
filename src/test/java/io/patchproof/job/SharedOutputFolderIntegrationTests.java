package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.outputFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.Cli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two local stores publish into one output folder. Store A's run is paused in a child JVM with
 * its three temporary files written and nothing moved yet; store B runs meanwhile, in-process,
 * into the same folder. B must take none of A's files for leftovers of its own; A, killed there,
 * is completed by its {@code restart}, which removes only what A left.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedOutputFolderIntegrationTests {

    static final int HOSTS = 240;
    static final Duration REACH_MARKER = Duration.ofMinutes(3);
    static final Duration END = Duration.ofMinutes(1);

    @TempDir
    static Path demoDirA;

    @TempDir
    static Path demoDirB;

    static String urlA;
    static String urlB;

    @BeforeAll
    static void buildDemoDatabases() {
        // One each: the paused child keeps its site database open.
        urlA = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDirA, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
        urlB = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDirB, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
    }

    @Test
    void aRunOfAnotherStoreLeavesAPublishInProgressAloneAndTheInterruptedRunsRestartCompletesIt(@TempDir Path work)
            throws Exception {
        Path shared = work.resolve("shared-out");
        Cli storeA = new Cli(work.resolve("a"), demoDirA, shared);
        Cli storeB = new Cli(work.resolve("b"), demoDirB, shared);
        String[] runA = {"run", "--patchproof.source.url=" + urlA, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        Map<String, String> temporaryFilesOfA;
        try (ChildJvm child = ChildJvm.start(storeA, runA[0], runA[1], runA[2],
                "--patchproof.test.pause-while-publishing=move:1")) {
            child.awaitMarker(REACH_MARKER);
            temporaryFilesOfA = outputFiles(storeA);
            assertThat(temporaryFilesOfA.keySet()).as("store A is about to move its three temporary files").hasSize(3)
                    .allMatch(name -> name.startsWith(".") && name.endsWith(".tmp"));

            Cli.Result b = storeB.run("run", "--patchproof.source.url=" + urlB, "--patchproof.as-of=2026-11-17");

            assertThat(b.exitCode()).as(b.toString()).isZero();
            assertThat(outputFiles(storeA)).as("store A's temporary files, byte for byte, beside B's set")
                    .containsAllEntriesOf(temporaryFilesOfA).hasSize(6);
            child.kill(END);
        }

        Cli.Result restarted = storeA.run("restart", runA[1], runA[2]);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        Map<String, String> published = outputFiles(storeA);
        assertThat(published.keySet()).as("both sets, complete; no temporary file left").hasSize(6)
                .noneMatch(name -> name.startsWith("."))
                .anyMatch(name -> name.contains(DemoSiteDatabase.AS_OF.toString()) && name.endsWith(".manifest.json"))
                .anyMatch(name -> name.contains("2026-11-17") && name.endsWith(".manifest.json"));
    }
}
