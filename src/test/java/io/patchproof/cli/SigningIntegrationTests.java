package io.patchproof.cli;

import static io.patchproof.testsupport.TestKeystores.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.TestKeystores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed demo set, end to end: published with its signature and the folder's README, and
 * verified by {@code verify}; and each signing configuration error refusing the run (exit 2)
 * before anything is built or published.
 */
class SigningIntegrationTests {

    private static final int HOSTS = 200;

    @TempDir
    static Path demoDir;
    @TempDir
    static Path keys;
    static Path keystore;

    @TempDir
    Path work;

    @BeforeAll
    static void demoDatabaseAndKeystore() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        keystore = TestKeystores.rsa(keys, "publisher.p12", "publisher");
    }

    private static Cli.Result verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PatchproofCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new String[0];
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aSignedDemoSetVerifiesEndToEndAndFailsOnceItsCsvIsChanged() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result demo = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.signing.keystore=" + keystore,
                "--patchproof.signing.alias=publisher", "--patchproof.signing.password=" + PASSWORD);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.err()).contains("warning: a password on the command line").doesNotContain(PASSWORD);
        assertThat(demo.out()).as("the console names the signature with the set")
                .contains(Cli.DEMO_STEM + ".xlsx (+ .findings.csv, .manifest.json, .manifest.json.sig)");

        Path manifest = cli.output().resolve(Cli.DEMO_STEM + ".manifest.json");
        assertThat(files(cli.output())).containsExactly("README.txt", Cli.DEMO_STEM + ".findings.csv",
                Cli.DEMO_STEM + ".manifest.json", Cli.DEMO_STEM + ".manifest.json.sig", Cli.DEMO_STEM + ".xlsx");
        String manifestText = Files.readString(manifest);
        assertThat(manifestText).contains("\"signed\": true").doesNotContain(PASSWORD);
        String fingerprint = manifestText.replaceAll("(?s).*\"certificateSha256\": \"([0-9a-f]{64})\".*", "$1");
        assertThat(Files.readString(cli.output().resolve("README.txt"))).contains(fingerprint);

        Cli.Result intact = verify("verify", manifest.toString(), "--patchproof.verify.fingerprint=" + fingerprint);
        assertThat(intact.exitCode()).as(intact.toString()).isZero();
        assertThat(intact.out()).startsWith("patchproof: intact: " + Cli.DEMO_STEM + ".manifest.json and the 2 files")
                .contains("signed by the certificate sha256 " + fingerprint);

        Path csv = cli.output().resolve(Cli.DEMO_STEM + ".findings.csv");
        byte[] bytes = Files.readAllBytes(csv);
        bytes[bytes.length - 10] ^= 0x20;
        Files.write(csv, bytes);
        Cli.Result tampered = verify("verify", manifest.toString(), "--patchproof.verify.fingerprint=" + fingerprint);
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(6);
        assertThat(tampered.err().lines()).singleElement().asString()
                .startsWith("patchproof: changed: " + Cli.DEMO_STEM + ".findings.csv: sha256 expected");
    }

    @Test
    void aSignedAuditSetVerifiesAndOneChangedByteOfItsWorkbookIsOneProblemLineWithExitCodeSix() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result demo = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=audit",
                "--patchproof.signing.keystore=" + keystore, "--patchproof.signing.alias=publisher",
                "--patchproof.signing.password=" + PASSWORD);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        String stem = "demo-audit-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(demo.out()).contains(stem + ".xlsx (+ .findings.csv, .manifest.json, .manifest.json.sig)");
        assertThat(files(cli.output())).containsExactly("README.txt", stem + ".findings.csv", stem + ".manifest.json",
                stem + ".manifest.json.sig", stem + ".xlsx");
        Cli.Result status = cli.run("status", "--json");
        assertThat(ReportJson.array(ReportJson.object(ReportJson.array(ReportJson.object(ReportJson.parse(status.out()))
                .get("runs")).get(0)).get("files"))).as("status lists the signed set's four files").hasSize(4)
                .anySatisfy(f -> assertThat(String.valueOf(f)).endsWith(stem + ".manifest.json.sig"));

        Path manifest = cli.output().resolve(stem + ".manifest.json");
        String fingerprint = Files.readString(manifest).replaceAll("(?s).*\"certificateSha256\": \"([0-9a-f]{64})\".*", "$1");
        Cli.Result intact = verify("verify", manifest.toString(), "--patchproof.verify.fingerprint=" + fingerprint);
        assertThat(intact.exitCode()).as(intact.toString()).isZero();
        assertThat(intact.out()).startsWith("patchproof: intact: " + stem + ".manifest.json and the 2 files")
                .contains("signed by the certificate sha256 " + fingerprint);
        assertThat(intact.err()).isEmpty();

        Path workbook = cli.output().resolve(stem + ".xlsx");
        byte[] bytes = Files.readAllBytes(workbook);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(workbook, bytes);
        Cli.Result tampered = verify("verify", manifest.toString(), "--patchproof.verify.fingerprint=" + fingerprint);
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(6);
        assertThat(tampered.err().lines()).singleElement().asString()
                .startsWith("patchproof: changed: " + stem + ".xlsx: sha256 expected");
    }

    @Test
    void anUnsignedSetsConsoleLineNamesNoSignature() {
        Cli cli = new Cli(work, demoDir);
        Cli.Result demo = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains(Cli.DEMO_STEM + ".xlsx (+ .findings.csv, .manifest.json)" + System.lineSeparator())
                .doesNotContain(".sig");
        Cli.Result status = cli.run("status", "--json");
        assertThat(ReportJson.array(ReportJson.object(ReportJson.array(ReportJson.object(ReportJson.parse(status.out()))
                .get("runs")).get(0)).get("files"))).as("an unsigned set is three files").hasSize(3);
    }

    @Test
    void aWrongPasswordRefusesTheRunBeforeAnythingIsBuiltOrPublished() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.signing.keystore=" + keystore,
                "--patchproof.signing.password=not-it");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.signing.password is wrong for the keystore")
                .contains("PATCHPROOF_SIGNING_PASSWORD").doesNotContain("not-it'").doesNotContain("Exception");
        assertThat(files(cli.output())).isEmpty();
    }

    @Test
    void aMissingKeystoreOrAWrongAliasRefusesTheRun() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result missing = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.signing.keystore="
                + keys.resolve("nowhere.p12"), "--patchproof.signing.password=" + PASSWORD);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("patchproof.signing.keystore: ").contains("nowhere.p12 does not exist");

        Cli.Result alias = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.signing.keystore=" + keystore,
                "--patchproof.signing.alias=someone", "--patchproof.signing.password=" + PASSWORD);
        assertThat(alias.exitCode()).as(alias.toString()).isEqualTo(2);
        assertThat(alias.err()).contains("patchproof.signing.alias: 'someone' is not in the keystore")
                .contains("publisher");
        assertThat(files(cli.output())).isEmpty();
    }

    @Test
    void anAliasWithoutAKeystoreIsAConfigurationError() {
        Cli cli = new Cli(work, demoDir);
        Cli.Result result = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.signing.alias=publisher");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.signing.alias is set").contains("patchproof.signing.keystore is not");
    }
}
