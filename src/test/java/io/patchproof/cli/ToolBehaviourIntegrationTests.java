package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line behaves like a tool: Spring Boot's own {@code --debug}, {@code demo --rerun}
 * keeping the demo's earlier files, and a local store that leaves no trace file of errors behind.
 */
class ToolBehaviourIntegrationTests {

    static final int HOSTS = 40;
    static final String STEM = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    static Path demoDir;

    @TempDir
    Path work;

    @BeforeAll
    static void buildDemoDatabase() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    @Test
    void demoWithRerunWritesSuffixedFilesAndKeepsTheEarlierOnes() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result first = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path plain = cli.output().resolve(STEM + ".manifest.json");
        byte[] plainManifest = read(plain);

        Cli.Result rerun = cli.run("demo", "--rerun", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.out()).contains("wrote " + cli.output().resolve(STEM + "-r2.xlsx"));
        for (String suffix : List.of(".xlsx", ".findings.csv", ".manifest.json")) {
            assertThat(cli.output().resolve(STEM + "-r2" + suffix)).isRegularFile();
        }
        assertThat(read(plain)).as("the demo's own set is left as it was").isEqualTo(plainManifest);

        assertThat(cli.run("demo", "--rerun", "--patchproof.demo.hosts=" + HOSTS).exitCode()).isZero();
        assertThat(cli.output().resolve(STEM + "-r3.xlsx")).isRegularFile();
        byte[] r2 = read(cli.output().resolve(STEM + "-r2.manifest.json"));

        Cli.Result again = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("wrote " + cli.output().resolve(STEM + ".xlsx"));
        assertThat(read(plain)).as("a demo without --rerun replaces its own unsuffixed set").isNotEqualTo(plainManifest);
        assertThat(read(cli.output().resolve(STEM + "-r2.manifest.json"))).as("and leaves the suffixed ones").isEqualTo(r2);
        try (Stream<Path> files = Files.list(cli.output())) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xlsx")).sorted())
                    .containsExactly(STEM + "-r2.xlsx", STEM + "-r3.xlsx", STEM + ".xlsx");
        }
    }

    @Test
    void statusReportsTheExitCodeOfARunThatEndedBelowItsFailUnder() {
        Cli cli = new Cli(work, demoDir);
        Cli.Result below = cli.run("demo", "--fail-under=99.9", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(below.exitCode()).as(below.toString()).isEqualTo(3);
        Cli.Result fine = cli.run("demo", "--rerun", "--fail-under=0", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(fine.exitCode()).as(fine.toString()).isZero();

        Cli.Result json = cli.run("status", "--json");
        List<Map<String, Object>> runs = ReportJson.array(ReportJson.object(ReportJson.parse(json.out())).get("runs")).stream()
                .map(ReportJson::object).toList();
        assertThat(runs).hasSize(2);
        // Newest first: the rerun with a threshold it met, then the run that ended below its own.
        assertThat(runs.get(0)).containsEntry("exitCode", 0L).containsEntry("outcome", "completed");
        assertThat(runs.get(1)).containsEntry("exitCode", 3L);
        assertThat((String) runs.get(1).get("outcome")).startsWith("completed, effective ").endsWith("below --fail-under=99.9");
        assertThat(cli.run("status").out()).contains("below --fail-under=99.9");
    }

    @Test
    void aSecondRunLeavesNoTraceFileOfErrorsBesideTheStore() throws IOException {
        Cli cli = new Cli(work, demoDir);
        assertThat(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS).exitCode()).isZero();
        Cli.Result second = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(cli.run("status").exitCode()).isZero();

        Path trace = cli.store().resolve("patchproof.trace.db");
        if (Files.exists(trace)) {
            assertThat(Files.readString(trace)).as("the store's trace file").isEmpty();
        }
        assertThat(Files.readString(cli.logFile())).doesNotContain("already exists");
    }

    @Test
    void springBootsDebugSwitchIsAcceptedAndShowsTheFrameworksLinesOnTheConsole() throws IOException {
        Cli cli = new Cli(work, demoDir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Cli.Result result = SecretsIntegrationTests.capturingConsole(console, () -> cli.run("status", "--debug"));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String shown = console.toString(StandardCharsets.UTF_8);
        assertThat(shown).as("the condition evaluation report, as --debug shows it in any Boot application")
                .contains("CONDITIONS EVALUATION REPORT");
        assertThat(shown).as("patchproof's own settings, masked, at DEBUG").contains("DEBUG")
                .contains("status with settings PatchproofProperties[");

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        Cli.Result plain = SecretsIntegrationTests.capturingConsole(quiet, () -> cli.run("status"));
        assertThat(plain.exitCode()).isZero();
        assertThat(quiet.toString(StandardCharsets.UTF_8)).doesNotContain("CONDITIONS EVALUATION REPORT")
                .doesNotContain("with settings");
    }

    @Test
    void aDebugSwitchWithAValueOtherThanTrueOrFalseIsRefused() {
        Cli.Result result = new Cli(work, demoDir).run("status", "--debug=yes");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--debug=yes").contains("give --debug alone, or --debug=true or =false");
    }
}
