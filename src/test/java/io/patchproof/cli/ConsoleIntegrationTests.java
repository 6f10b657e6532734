package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console of a real process shows when something goes wrong: one line that starts with
 * {@code patchproof:}, never a stack trace, which goes to the log file instead. The commands run
 * in a child JVM (stdout and stderr together, as a terminal shows them), on a private store, log
 * file and output folder.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleIntegrationTests {

    static final int HOSTS = 240;
    static final Duration REACH_MARKER = Duration.ofMinutes(3);
    static final Duration END = Duration.ofMinutes(2);

    @TempDir
    static Path demoDir;

    @TempDir
    Path work;

    @BeforeAll
    static void buildDemoDatabase() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
    }

    private static String[] with(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** Runs a command in a child JVM to its end; returns its exit code and output. */
    private static Cli.Result child(Cli cli, String... args) throws InterruptedException {
        try (ChildJvm child = ChildJvm.start(cli, args)) {
            int code = child.awaitExit(END);
            return new Cli.Result(code, child.output(), "");
        }
    }

    private static List<String> stackTraceLines(String output) {
        return output.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:") || l.contains("Exception:"))
                .toList();
    }

    @Test
    void aFailedRunPrintsOneLineAndItsStackTraceGoesToTheLogFile() throws Exception {
        Cli cli = new Cli(work, demoDir);
        Cli.Result result = child(cli, "demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500",
                "--patchproof.test.fail-after-chunks=1");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(stackTraceLines(result.out())).as("stack trace lines on the console:%n%s", result.out()).isEmpty();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("patchproof: run ").contains("ended FAILED")
                .contains("injected failure after 1 chunks").contains("`restart`");
        String log = Files.readString(cli.logFile());
        assertThat(log).contains("injected failure after 1 chunks").contains("\tat ");
    }

    @Test
    void startUpRefusalsPrintOneLineEvenBeforeLoggingHasStarted() throws Exception {
        Cli cli = new Cli(work, demoDir);
        Cli.Result zeroChunk = child(cli, "demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=0");
        assertThat(zeroChunk.exitCode()).as(zeroChunk.out()).isEqualTo(2);
        assertThat(zeroChunk.out().lines().toList()).as(zeroChunk.out()).containsExactly(
                "patchproof: patchproof.rules.chunk-size: must be at least 1 (default 2000); given '0' on the command line");

        // A YAML error comes before Spring Boot has set up logging.
        Path broken = Files.writeString(work.resolve("broken.yml"), "patchproof:\n  demo:\n    hosts: 240\n   scope:\n");
        Cli.Result yaml = child(cli, "demo", "--spring.config.additional-location=file:" + broken);
        assertThat(yaml.exitCode()).as(yaml.out()).isEqualTo(2);
        assertThat(yaml.out().lines().toList()).as(yaml.out()).hasSize(1).first().asString()
                .startsWith("patchproof: " + broken + ", line 4, column 4: not valid YAML");
        assertThat(Files.readString(cli.logFile())).as("the log file has the trace").contains("ConfigFileException")
                .contains("\tat ");
    }

    @Test
    void aStoreLockedByAnotherProcessIsRefusedAtOnceNamingThatProcess() throws Exception {
        Cli cli = new Cli(work, demoDir);
        String[] demo = {"demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500"};
        try (ChildJvm holder = ChildJvm.start(cli, with(demo, "--patchproof.test.pause-after-chunks=1"))) {
            holder.awaitMarker(REACH_MARKER);

            Cli.Result second = cli.run(demo);

            assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
            assertThat(second.err().lines().toList()).as(second.toString()).hasSize(1);
            assertThat(second.err()).contains("the local store " + cli.store().resolve("patchproof.mv.db") + " is in use by"
                    + " another process").contains("patchproof `demo`, process " + holder.pid())
                    .contains("spring.datasource.url");
            holder.kill(END);
        }
    }

    @Test
    void sigtermWhileTheDemoDatabaseIsBuiltEndsWithOneLineAndKeepsNoPartBuiltDatabase() throws Exception {
        Path ownDemoDir = Files.createDirectories(work.resolve("demo"));
        Cli cli = new Cli(work.resolve("work"), ownDemoDir);
        int exitCode;
        String output;
        try (ChildJvm child = ChildJvm.start(cli, "demo", "--patchproof.demo.hosts=" + HOSTS,
                "--patchproof.test.pause-while-building-demo=true")) {
            child.awaitMarker(REACH_MARKER);
            assertThat(databaseFiles(ownDemoDir)).as("the build is under way").isNotEmpty();
            child.terminate();
            exitCode = child.awaitExit(END);
            output = child.output();
        }

        assertThat(exitCode).as(output).isEqualTo(1);
        assertThat(stackTraceLines(output)).as("stack trace lines on the console:%n%s", output).isEmpty();
        List<String> lines = output.lines().filter(l -> !l.startsWith(ChildJvm.MARKER)).toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("patchproof: stopped while building the demo site database;"
                + " nothing was run, and the part-built database was deleted (the next `demo` builds it afresh)");
        assertThat(databaseFiles(ownDemoDir)).as("no database, finished or part-built, is left").isEmpty();

        Cli.Result next = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.out()).contains("patchproof: building the configmgr demo site database");
    }

    private static List<String> databaseFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mv.db")).toList();
        }
    }
}
