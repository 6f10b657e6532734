package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site database password never leaves the process: not in the log at any level, not on the
 * console, not in an error message, not in the manifest, the workbook or the CSV, not in any
 * table of the local store (job repository included) nor in its files. The settings printed at
 * start-up mask it, and a password given on the command line is warned about.
 *
 * <p>The site database is an H2 file whose administrator login has a password, so every run
 * really uses it; the runs log at TRACE (the most the framework has) into a file, and the console
 * is captured as well.
 */
class SecretsIntegrationTests {

    static final String USER = "reporter";
    static final String PASSWORD = "Pp-S3cret-7f3a9e";
    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    static Path dir;

    static Cli cli;
    static String url;
    static Run fromFile;
    static Run fromCommandLine;
    static Run wrongPassword;
    static Run inTheUrl;

    /** What one run printed and logged. */
    record Run(Cli.Result result, String console, String log) {
        String everything() {
            return result.out() + result.err() + console + log;
        }
    }

    @BeforeAll
    static void runWithAPassword() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir.resolve("site")).withLogin(USER, PASSWORD);
        site.update(1, "5066001", "2026-10 Cumulative Update for Windows Server 2022").add();
        site.host(1, "SRV01").add();
        site.host(2, "SRV02").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        site.compliance(1, 1).add();
        site.compliance(2, 1).add();
        url = site.build();
        Path secret = Files.writeString(dir.resolve("secret.yml"), "patchproof:\n  source:\n    password: " + PASSWORD + "\n");
        Path wrong = Files.writeString(dir.resolve("wrong.yml"), "patchproof:\n  source:\n    password: " + PASSWORD + "-nope\n");
        cli = new Cli(dir.resolve("work"), dir.resolve("demo"));

        fromFile = run("from-file", "run", "--patchproof.source.url=" + url, "--patchproof.source.username=" + USER,
                "--spring.config.additional-location=file:" + secret, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        fromCommandLine = run("from-command-line", "run", "--rerun", "--patchproof.source.url=" + url,
                "--patchproof.source.username=" + USER, "--patchproof.source.password=" + PASSWORD,
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        wrongPassword = run("wrong-password", "run", "--patchproof.source.url=" + url, "--patchproof.source.username=" + USER,
                "--spring.config.additional-location=file:" + wrong, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF,
                "--patchproof.source.login-timeout=1s");
        inTheUrl = run("in-the-url", "run", "--rerun", "--patchproof.source.url=" + url + ";PASSWORD=" + PASSWORD,
                "--patchproof.source.username=" + USER, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
    }

    static Run run(String name, String... args) throws IOException {
        Path log = dir.resolve(name + ".log");
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--logging.level.root=TRACE");
        // The settings are logged once, masked, at DEBUG (what --debug shows).
        all.add("--logging.level.io.patchproof=DEBUG");
        all.add("--logging.file.name=" + log);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Cli.Result result = capturingConsole(console, () -> cli.run(all.toArray(String[]::new)));
        return new Run(result, console.toString(StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void theRunsReallyUsedThePassword() {
        assertThat(fromFile.result().exitCode()).as(fromFile.result().toString()).isZero();
        assertThat(fromCommandLine.result().exitCode()).as(fromCommandLine.result().toString()).isZero();
        assertThat(inTheUrl.result().exitCode()).as(inTheUrl.result().toString()).isZero();
        assertThat(wrongPassword.result().exitCode()).isEqualTo(2);
        assertThat(wrongPassword.result().err()).contains("login failed for user 'reporter'");
        assertThat(fromFile.log()).as("TRACE reached the log file").contains("TRACE");
    }

    @Test
    void noLogConsoleOrErrorMessageShowsIt() {
        for (Run run : List.of(fromFile, fromCommandLine, wrongPassword, inTheUrl)) {
            assertThat(run.everything()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theSettingsPrintedAtStartUpMaskIt() {
        for (Run run : List.of(fromFile, fromCommandLine, wrongPassword)) {
            assertThat(run.log()).contains("site database settings: SourceSettings[url=" + url + ", username=reporter,"
                    + " password=****").contains("effective URL " + url)
                    .contains("run with settings PatchproofProperties[source=Source[url=" + url + ", username=reporter,"
                            + " password=****");
        }
        assertThat(inTheUrl.log()).contains("run with settings PatchproofProperties[source=Source[url=" + url
                + ";PASSWORD=****");
    }

    @Test
    void aPasswordOnTheCommandLineIsWarnedAbout() {
        assertThat(fromCommandLine.result().err()).contains("warning: a password on the command line is visible in process"
                + " lists").contains("PATCHPROOF_SOURCE_PASSWORD");
        assertThat(fromFile.result().err()).doesNotContain("warning");
    }

    @Test
    void noPublishedFileHoldsIt() throws IOException {
        List<Path> files;
        try (Stream<Path> out = Files.list(cli.output())) {
            files = out.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains(STEM + ".xlsx", STEM + ".manifest.json",
                STEM + ".findings.csv", STEM + "-r2.xlsx", STEM + "-r3.manifest.json");
        for (Path file : files) {
            assertThat(latin1(Files.readAllBytes(file))).as(file.toString()).doesNotContain(PASSWORD);
        }
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            TestWorkbook.zipEntries(Files.readAllBytes(cli.output().resolve(STEM + ".xlsx")))
                    .forEach((part, text) -> assertThat(text).as(part).doesNotContain(PASSWORD));
            assertThat(workbook.sheetNames()).isNotEmpty();
        }
        assertThat(Files.readString(cli.output().resolve(STEM + ".manifest.json"))).contains("\"login\": \"REPORTER\"");
        assertThat(Files.readString(cli.output().resolve(STEM + "-r3.manifest.json"))).contains(";PASSWORD=(redacted)");
    }

    @Test
    void noTableOfTheLocalStoreNorAnyOfItsFilesHoldsIt() throws Exception {
        List<String> scanned = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", "")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String text = text(rs.getObject(i));
                            assertThat(text).as("%s.%s", table, md.getColumnName(i)).doesNotContain(PASSWORD);
                        }
                    }
                }
                scanned.add(table);
            }
        }
        assertThat(scanned).as("job repository and patchproof's own tables").contains("BATCH_JOB_EXECUTION_PARAMS",
                "BATCH_JOB_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION_CONTEXT", "PP_SNAPSHOT", "PP_SNAP_HOST", "PP_HISTORY_RUN");
        try (Stream<Path> files = Files.walk(cli.store())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(latin1(Files.readAllBytes(file))).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }

    static String text(Object value) throws SQLException {
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof byte[] bytes) {
            return latin1(bytes) + new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    /** Bytes as text, one char per byte: finds an ASCII password wherever it is stored. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static <T> T capturingConsole(OutputStream copy, Supplier<T> action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new Tee(out, copy), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(err, copy), true, StandardCharsets.UTF_8));
            return action.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Writes to the real console and keeps a copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
