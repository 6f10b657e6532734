package io.patchproof.job;

import static io.patchproof.testsupport.LocalStore.outputFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The disk fills up (or the folder stops being writable) while a run publishes. The fault is
 * injected through the publisher's file-system seam, because the tests run as root and file
 * permissions alone would prove nothing. The run fails naming the file, the files published
 * before are untouched, nothing temporary is left, and {@code restart} completes the run.
 */
class FullDiskIntegrationTests {

    static final int HOSTS = 240;
    static final String AS_OF = DemoSiteDatabase.AS_OF.toString();

    @TempDir
    static Path demoDir;

    static String demoUrl;

    @BeforeAll
    static void buildDemoDatabase() {
        demoUrl = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
    }

    @ParameterizedTest(name = "disk full at {0}")
    @CsvSource({"create:2, xlsx", "move:3, manifest.json"})
    void aFullDiskFailsTheRunNamingTheFileKeepsEarlierFilesAndRestartPublishes(String fault, String file, @TempDir Path work) {
        Cli cli = new Cli(work, demoDir);
        String source = "--patchproof.source.url=" + demoUrl;
        String asOf = "--patchproof.as-of=" + AS_OF;
        assertThat(cli.run("run", source, asOf).exitCode()).isZero();
        Map<String, String> earlier = outputFiles(cli);
        assertThat(earlier).hasSize(3);

        Cli.Result failed = cli.run("run", "--rerun", source, asOf, "--patchproof.test.disk-full=" + fault);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("cannot write " + cli.output().resolve("monthly-PP1-" + AS_OF + "-r2." + file)
                + ": No space left on device").contains("nothing was published").contains("`restart`");
        assertThat(outputFiles(cli)).as("the earlier files byte for byte, and nothing else").isEqualTo(earlier);

        Cli.Result elsewhere = cli.run("restart", source, "--patchproof.as-of=2026-11-17");
        assertThat(elsewhere.exitCode()).as("another identity has nothing to restart").isEqualTo(2);

        Cli.Result restarted = cli.run("restart", source, asOf);

        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        Map<String, String> after = outputFiles(cli);
        assertThat(after).containsAllEntriesOf(earlier).hasSize(6)
                .containsKeys("monthly-PP1-" + AS_OF + "-r2.xlsx", "monthly-PP1-" + AS_OF + "-r2.findings.csv",
                        "monthly-PP1-" + AS_OF + "-r2.manifest.json");
    }
}
