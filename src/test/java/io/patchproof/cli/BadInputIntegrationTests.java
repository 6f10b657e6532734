package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is refused before anything runs, with one line naming the thing and the fix (exit
 * 2), and nothing is opened or created for it: misspelt property names, nonsense values, values
 * of the wrong type, a configuration file that is no YAML, an output folder a run could not
 * publish into. A scope that matches nothing runs, and ends with its own exit code (5) and a
 * Summary that says so. In-process, each test with its own local store and output folder.
 */
class BadInputIntegrationTests {

    static final int HOSTS = 240;

    @TempDir
    static Path demoDir;

    static String demoUrl;

    @TempDir
    Path work;

    @BeforeAll
    static void buildDemoDatabase() {
        demoUrl = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
    }

    private Cli cli() {
        return new Cli(work, demoDir);
    }

    /** A refusal: exit 2, one line on the console that starts with "patchproof:", no stack trace, nothing opened. */
    private static Cli.Result refused(Cli cli, String... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1).allMatch(l -> l.startsWith("patchproof: "));
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(result.out()).as("nothing ran").doesNotContain("run as-of");
        return result;
    }

    /** The runs recorded in the Cli's local store; none where the store was never created. */
    private static java.util.List<Object> jobStatuses(Cli cli) {
        return Files.exists(cli.store().resolve("patchproof.mv.db")) ? io.patchproof.testsupport.LocalStore.jobStatuses(cli)
                : java.util.List.of();
    }

    private static Path workbook(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        }
    }

    private String[] run(String... more) {
        String[] base = {"run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    // --- 11: misspelt property names

    @Test
    void aMisspeltPatchproofPropertyIsRefusedWithTheNearestKnownName() {
        Cli cli = cli();
        assertThat(refused(cli, "demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.as-off=2026-11-02").err())
                .contains("patchproof.as-off").contains("on the command line").contains("did you mean patchproof.as-of?");
        assertThat(refused(cli, run("--patchproof.scope.host=SRV*")).err())
                .contains("patchproof.scope.host").contains("did you mean patchproof.scope.hosts?");
        assertThat(cli.store()).as("the store is not even opened").doesNotExist();
        assertThat(cli.output()).doesNotExist();
    }

    @Test
    void aMisspeltDatasourcePropertyIsRefused() {
        Cli cli = cli();
        assertThat(refused(cli, "demo", "--spring.datasourse.url=jdbc:h2:file:" + work.resolve("elsewhere")).err())
                .contains("spring.datasourse.url").contains("did you mean spring.datasource.url?");
        assertThat(refused(cli, "demo", "--spring.datasource.urll=jdbc:h2:file:" + work.resolve("elsewhere")).err())
                .contains("did you mean spring.datasource.url?");
    }

    @Test
    void aMisspeltPropertyInAConfigurationFileIsRefusedNamingTheFileAndLine() throws IOException {
        Path file = Files.writeString(work.resolve("site.yml"), "patchproof:\n  scope:\n    servers-only: true\n"
                + "  outptu:\n    dir: elsewhere\n");
        assertThat(refused(cli(), "demo", "--spring.config.additional-location=file:" + file).err())
                .contains("patchproof.outptu.dir").contains("site.yml, line 5").contains("did you mean patchproof.output.dir?");
    }

    @Test
    void aPropertyGivenTwiceIsRefused() {
        assertThat(refused(cli(), run("--patchproof.scope.hosts=SRV*", "--patchproof.scope.hosts=WKS*")).err())
                .contains("--patchproof.scope.hosts is given twice");
    }

    // --- 12: accepted nonsense

    @Test
    void anAsOfDateInTheFarFutureOrPastOrEmptyIsRefused() {
        Cli cli = cli();
        assertThat(refused(cli, "run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=2999-01-01").err())
                .contains("patchproof.as-of: 2999-01-01 is in the future");
        assertThat(refused(cli, "run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=1900-01-01").err())
                .contains("patchproof.as-of: 1900-01-01 is before 2003");
        assertThat(refused(cli, "run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=").err())
                .contains("patchproof.as-of is empty").contains("leave it out for today");
        assertThat(refused(cli, "demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.as-of=+999999999-12-31").err())
                .contains("patchproof.as-of: +999999999-12-31 is in the future");
        assertThat(jobStatuses(cli)).as("no run recorded").isEmpty();
    }

    @Test
    void aProfileWithoutConfigurationIsRefused() {
        assertThat(refused(cli(), "demo", "--spring.profiles.active=nosuchprofile").err())
                .contains("spring.profiles.active").contains("'nosuchprofile'").contains("application-nosuchprofile.yml");
    }

    @Test
    void aProfileWithItsOwnFileIsAccepted() throws IOException {
        Path config = Files.createDirectories(work.resolve("conf"));
        Files.writeString(config.resolve("application-weekend.yml"), "patchproof:\n  scope:\n    servers-only: true\n");
        // The profile is accepted: the command gets as far as the missing source.
        Cli.Result result = cli().run("run", "--spring.profiles.active=weekend",
                "--spring.config.additional-location=file:" + config + "/");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("no site database configured");
    }

    @Test
    void aScopeThatMatchesNothingEndsWithExitCodeFiveAndASummaryThatSaysSo() throws IOException {
        Cli cli = cli();
        Cli.Result result = cli.run(run("--patchproof.scope.hosts=NO-SUCH-HOST-*"));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.err()).contains("nothing matched").contains("NO-SUCH-HOST-*").contains("patchproof.scope");
        assertThat(result.out()).doesNotContain("0.0 %");
        try (TestWorkbook book = TestWorkbook.open(workbook(cli.output()))) {
            // The headline row: reported installed, reported compliance, effective compliance, the gaps.
            String row = book.addressOf("Summary", "Percent of applicable host updates").substring(1);
            assertThat(book.cell("Summary", "B" + row).text()).as("the headline").containsIgnoringCase("nothing matched");
            assertThat(book.cell("Summary", "C" + row).text()).containsIgnoringCase("nothing matched");
            assertThat(book.cell("Summary", "D" + row).text()).containsIgnoringCase("nothing matched");
            assertThat(book.cell("Summary", "E" + row).text()).isEqualTo("n/a");
            assertThat(book.cell("Summary", "F" + row).text()).isEqualTo("n/a");
        }
    }

    // --- 14: uncaught before

    @Test
    void aDemoSizeOutsideItsLimitsIsRefused() {
        Cli cli = cli();
        assertThat(refused(cli, "demo", "--patchproof.demo.hosts=5").err())
                .contains("patchproof.demo.hosts: 5 is outside the demo's limits, 20 to 2,000,000 hosts");
        assertThat(refused(cli, "demo", "--patchproof.demo.hosts=3000000").err())
                .contains("patchproof.demo.hosts: 3,000,000 is outside");
        assertThat(jobStatuses(cli)).isEmpty();
    }

    // --- 15: start-up refusals with stack traces

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingThePropertyAndWhereItWasGiven() {
        Cli cli = cli();
        assertThat(refused(cli, "demo", "--patchproof.as-of=2026-13-45").err())
                .contains("patchproof.as-of: '2026-13-45' (on the command line) is not a date").contains("ISO date");
        assertThat(refused(cli, "demo", "--patchproof.demo.hosts=abc").err())
                .contains("patchproof.demo.hosts: 'abc' (on the command line) is not a whole number");
        assertThat(refused(cli, "demo", "--patchproof.rules.chunk-size=0").err())
                .contains("patchproof.rules.chunk-size: must be at least 1 (default 2000); given '0' on the command line");
        assertThat(cli.store()).as("refused before the store is opened").doesNotExist();
    }

    @Test
    void aConfigurationFileThatIsNoYamlIsNamedWithItsLine() throws IOException {
        Path file = Files.writeString(work.resolve("broken.yml"), "patchproof:\n  output:\n    dir: out\n   scope:\n  hosts: [a\n");
        assertThat(refused(cli(), "demo", "--spring.config.additional-location=file:" + file).err())
                .contains("broken.yml, line 4, column 4: not valid YAML");
    }

    // --- 16: the output folder before the site database

    @Test
    void anOutputFolderThatIsAFileIsRefusedBeforeTheSiteDatabaseIsRead() throws IOException {
        Path file = Files.writeString(work.resolve("out-file"), "x");
        Cli cli = cli();
        assertThat(refused(cli, run("--patchproof.output.dir=" + file)).err())
                .contains("patchproof.output.dir: " + file + " is not a folder");
        assertThat(refused(cli, run("--patchproof.output.dir=" + file.resolve("sub"))).err())
                .contains("patchproof.output.dir: " + file.resolve("sub") + " cannot be created");
        assertThat(jobStatuses(cli)).as("no run started: extract and reconcile never ran").isEmpty();
    }

    @Test
    void restartRefusesAnotherOutputFolderThanTheRunBeganWith() throws IOException {
        Cli cli = cli();
        String[] failing = run("--patchproof.rules.chunk-size=500", "--patchproof.test.fail-after-chunks=1");
        Cli.Result failed = cli.run(failing);
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);

        Path elsewhere = work.resolve("elsewhere");
        Cli.Result moved = cli.run("restart", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF,
                "--patchproof.rules.chunk-size=500", "--patchproof.output.dir=" + elsewhere);
        assertThat(moved.exitCode()).as(moved.toString()).isEqualTo(2);
        assertThat(moved.err()).contains("patchproof.output.dir").contains(cli.output().toString())
                .contains(elsewhere.toString()).contains("run --rerun");
        assertThat(elsewhere).doesNotExist();

        Cli.Result restarted = cli.run("restart", "--patchproof.source.url=" + demoUrl,
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF, "--patchproof.rules.chunk-size=500");
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(workbook(cli.output())).isRegularFile();
    }
}
