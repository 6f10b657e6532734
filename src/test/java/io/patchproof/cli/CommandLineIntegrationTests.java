package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end, in-process, each test with its own local store and output folder:
 * the demo, run identity and --rerun, and every pre-flight failure ending in one line and exit 2.
 */
class CommandLineIntegrationTests {

    static final int HOSTS = 240;
    static final String CSV_HEADER = "resource_id,host,site_code,ci_id,article_id,bulletin_id,title,severity,"
            + "classification,status,enforcement_state,verdict,confidence,installed_earliest_utc,installed_latest_utc,"
            + "last_boot_utc,inventory_utc,exposure_days,exempt_reason,evidence,superseded";

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

    @Test
    void demoWritesWorkbookFindingsAndManifestThatReconcile() throws IOException {
        Cli cli = cli();
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path out = cli.output();
        String stem = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(out.resolve(stem + ".xlsx")).isRegularFile();
        assertThat(out.resolve(stem + ".findings.csv")).isRegularFile();
        assertThat(out.resolve(stem + ".manifest.json")).isRegularFile();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.startsWith("."), "no temporary file left");
        }
        byte[] csv = Files.readAllBytes(out.resolve(stem + ".findings.csv"));
        assertThat(new String(csv, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith(CSV_HEADER + "\r\n");
        String manifest = Files.readString(out.resolve(stem + ".manifest.json"));
        assertThat(manifest).contains("\"reconciles\": true").contains(sha256(csv))
                .contains(sha256(Files.readAllBytes(out.resolve(stem + ".xlsx"))));
        long dataLines = text.lines().count() - 1;
        assertThat(dataLines).as("CSV rows = in-scope findings").isPositive();
        assertThat(result.out()).contains("reported compliance").contains("effective compliance");
    }

    @Test
    void demoCanRunAgainAndAgainAndGivesTheSameFindings() throws IOException {
        Cli cli = cli();
        assertThat(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS).exitCode()).isZero();
        Path csv = cli.output().resolve("demo-monthly-PP1-" + DemoSiteDatabase.AS_OF + ".findings.csv");
        byte[] first = Files.readAllBytes(csv);
        Cli.Result again = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Files.readAllBytes(csv)).isEqualTo(first);
    }

    @Test
    void theSameRunAfterSuccessIsRefusedAndRerunWritesSuffixedFiles() throws IOException {
        Cli cli = cli();
        String[] run = {"run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        assertThat(cli.run(run).exitCode()).isZero();
        Path workbook = cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + ".xlsx");
        String before = sha256(Files.readAllBytes(workbook));

        Cli.Result refused = cli.run(run);
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("already completed").contains("--rerun");
        assertThat(sha256(Files.readAllBytes(workbook))).isEqualTo(before);

        String[] rerun = {"run", "--rerun", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        assertThat(cli.run(rerun).exitCode()).isZero();
        assertThat(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + "-r2.xlsx")).isRegularFile();
        assertThat(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + "-r2.manifest.json")).isRegularFile();
        assertThat(sha256(Files.readAllBytes(workbook))).isEqualTo(before);
        assertThat(cli.run(rerun).exitCode()).isZero();
        assertThat(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + "-r3.xlsx")).isRegularFile();
    }

    @Test
    void aDemoIntoTheFolderOfARealRunNeverTakesItsPlaceAndSaysDemoOnItsSummary() throws IOException {
        Cli cli = cli();
        String[] run = {"run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        assertThat(cli.run(run).exitCode()).isZero();
        String real = "monthly-PP1-" + DemoSiteDatabase.AS_OF;
        java.util.Map<String, String> realSet = io.patchproof.testsupport.LocalStore.outputFiles(cli);
        assertThat(realSet).containsOnlyKeys(real + ".findings.csv", real + ".manifest.json", real + ".xlsx");

        Cli.Result demo = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        String demoStem = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(io.patchproof.testsupport.LocalStore.outputFiles(cli)).as("the real set byte for byte, the demo's beside it")
                .containsAllEntriesOf(realSet).containsKeys(demoStem + ".xlsx", demoStem + ".findings.csv", demoStem + ".manifest.json")
                .hasSize(6);
        try (io.patchproof.testsupport.TestWorkbook demoBook = io.patchproof.testsupport.TestWorkbook.open(cli.output().resolve(demoStem + ".xlsx"));
             io.patchproof.testsupport.TestWorkbook realBook = io.patchproof.testsupport.TestWorkbook.open(cli.output().resolve(real + ".xlsx"))) {
            assertThat(demoBook.rows("Summary").stream().flatMap(List::stream).map(String::valueOf))
                    .anyMatch(text -> text.contains("DEMO"));
            assertThat(realBook.rows("Summary").stream().flatMap(List::stream).map(String::valueOf))
                    .noneMatch(text -> text.contains("DEMO"));
        }
        assertThat(Files.readString(cli.output().resolve(demoStem + ".manifest.json"))).contains("\"demo\": true");

        Cli.Result again = cli.run(run);
        assertThat(again.exitCode()).as("the demo's runs are not the real run's: it is still refused as done; %s", again)
                .isEqualTo(4);
    }

    @Test
    void aDemoRunFirstDoesNotMakeARealRunOfTheSameDateLookDone() {
        Cli cli = cli();
        assertThat(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS).exitCode()).isZero();

        Cli.Result real = cli.run("run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);

        assertThat(real.exitCode()).as(real.toString()).isZero();
        assertThat(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + ".manifest.json")).isRegularFile();
    }

    @Test
    void aFileAtTheRunsNamesThatNoManifestClaimsIsRefusedBeforeTheRunStartsAndNeverReplaced() throws IOException {
        Cli cli = cli();
        Files.createDirectories(cli.output());
        Path taken = Files.writeString(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + ".findings.csv"),
                "another store's CSV, its publish in progress");
        String[] run = {"run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};

        Cli.Result refused = cli.run(run);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains(taken.toString()).contains("never replaced");
        assertThat(Files.readString(taken)).isEqualTo("another store's CSV, its publish in progress");
        Cli.Result rerun = cli.run("run", "--rerun", run[1], run[2]);
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(cli.output().resolve("monthly-PP1-" + DemoSiteDatabase.AS_OF + "-r2.manifest.json")).isRegularFile();
        assertThat(Files.readString(taken)).isEqualTo("another store's CSV, its publish in progress");
    }

    @Test
    void failUnderAboveEffectiveComplianceExitsThree() {
        Cli.Result result = cli().run("demo", "--patchproof.demo.hosts=" + HOSTS, "--fail-under=99.9");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("below --fail-under=99.9");
    }

    @Test
    void runWithoutASourceSaysHowToConfigureOneOrToTryTheDemo() {
        Cli.Result result = cli().run("run");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.source.url").contains("demo");
        assertThat(result.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerEndsInOneLineNamingIt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result result = cli().run("run", "--patchproof.source.url=jdbc:sqlserver://127.0.0.1:" + port
                + ";databaseName=CM_PP1", "--patchproof.source.username=reporter", "--patchproof.source.login-timeout=3s");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("127.0.0.1").doesNotContain("\tat ");
        assertThat(result.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordEndsInOneLineAndNeverShowsThePassword() {
        Cli.Result result = cli().run("run", "--patchproof.source.url=" + demoUrl, "--patchproof.source.username=sa",
                "--patchproof.source.password=Not-The-Password-42");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("login failed");
        assertThat(result.out() + result.err().replace("a password on the command line", ""))
                .doesNotContain("Not-The-Password-42");
    }

    @Test
    void aDatabaseThatIsNoSiteDatabaseIsRefused() {
        Cli.Result result = cli().run("run", "--patchproof.source.url=jdbc:h2:mem:empty;MODE=MSSQLServer");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not a ConfigMgr or SMS 2003 site database");
    }

    @Test
    void anUnknownReportProfileIsAConfigurationError() {
        Cli.Result result = cli().run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=weekly");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.report.profile").contains("'weekly'");
    }

    @Test
    void theDemoPublishesTheCioProfileAndRestartAcceptsIt() throws IOException {
        Cli cli = cli();
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=cio");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String stem = "demo-cio-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(Files.readString(cli.output().resolve(stem + ".manifest.json"))).contains("\"profile\": \"cio\"")
                .contains("\"reconciles\": true");
        assertThat(cli.output().resolve(stem + ".xlsx")).isRegularFile();

        Cli.Result restart = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=cio");
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(2);
        assertThat(restart.err()).contains("nothing to restart").contains("profile cio");
    }

    @Test
    void theDemoPublishesTheAuditProfileWithEveryPairOnAllFindings() throws IOException {
        Cli cli = cli();
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=audit");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String stem = "demo-audit-PP1-" + DemoSiteDatabase.AS_OF;
        String manifest = Files.readString(cli.output().resolve(stem + ".manifest.json"));
        assertThat(manifest).contains("\"profile\": \"audit\"").contains("\"reconciles\": true");
        var counts = io.patchproof.testsupport.ReportJson.object(io.patchproof.testsupport.ReportJson.object(
                io.patchproof.testsupport.ReportJson.parse(manifest)).get("counts"));
        long csvRows = (Long) counts.get("findingsCsvRows");
        assertThat(csvRows).isPositive().isEqualTo(counts.get("inScope"));
        assertThat(io.patchproof.testsupport.ReportJson.object(counts.get("workbookRows"))).containsEntry("All findings", csvRows);
        try (var wb = io.patchproof.testsupport.TestWorkbook.open(cli.output().resolve(stem + ".xlsx"))) {
            assertThat(wb.sheetNames()).containsExactly("Summary", "All findings", "Exceptions", "Evidence", "Data quality");
            assertThat(wb.sheet("All findings").getLastRowNum()).isEqualTo(1 + csvRows);
            assertThat(wb.workbook().isStructureLocked()).isTrue();
        }
    }

    @Test
    void aBadScopeValueIsAConfigurationError() {
        Cli.Result result = cli().run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.scope.min-severity=urgent");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.scope.min-severity");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p);
    }
}
