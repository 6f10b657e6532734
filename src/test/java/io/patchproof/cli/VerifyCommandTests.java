package io.patchproof.cli;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.report.ReportPublisher;
import io.patchproof.report.ReportTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code verify} command's arguments, lines and exit codes; the checks themselves are SetVerifierTests'. */
class VerifyCommandTests {

    private static final String STEM = "monthly-PS1-2008-11-30";

    @TempDir
    Path dir;
    Path manifest;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void publishAnUnsignedSet() {
        new ReportPublisher().publish(aReport().with(aMissingFinding().build(), anInEffectFinding().host("SRV-2").build())
                .build(), ReportTemplate.monthlyFromClasspath(), dir, STEM);
        manifest = dir.resolve(STEM + ".manifest.json");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return PatchproofCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactSetExitsZeroWithOneLine() {
        assertThat(run("verify", manifest.toString())).isZero();
        assertThat(out().lines()).singleElement().asString().startsWith("patchproof: intact: " + STEM + ".manifest.json")
                .endsWith("not signed");
        assertThat(err()).isEmpty();
    }

    @Test
    void aSetThatIsNotIntactExitsSixWithOneLinePerProblem() throws IOException {
        Files.delete(dir.resolve(STEM + ".xlsx"));
        Files.writeString(dir.resolve(STEM + ".findings.csv"), "edited");

        assertThat(run("verify", manifest.toString())).isEqualTo(6).isEqualTo(ExitCode.NOT_INTACT.code());

        assertThat(err().lines()).hasSize(2).allMatch(line -> line.startsWith("patchproof: "));
        assertThat(err()).contains("patchproof: missing: " + STEM + ".xlsx").contains("patchproof: changed: " + STEM
                + ".findings.csv");
        assertThat(out()).isEmpty();
    }

    @Test
    void aRequiredFingerprintOnAnUnsignedSetIsAProblemWhereverTheOptionStands() {
        String fingerprint = "AB:".repeat(31) + "AB";
        assertThat(run("--patchproof.verify.fingerprint=" + fingerprint, "verify", manifest.toString())).isEqualTo(6);
        assertThat(err()).contains("not signed").contains("ab".repeat(32));
    }

    @Test
    void wrongArgumentsAreUsageErrorsNamingTheFix() {
        assertThat(run("verify")).isEqualTo(2);
        assertThat(err()).contains("no manifest given").contains("verify <stem>.manifest.json");
        assertThat(run("verify", dir.resolve("gone.manifest.json").toString())).isEqualTo(2);
        assertThat(err()).contains("gone.manifest.json does not exist");
        assertThat(run("verify", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("is a folder");
        assertThat(run("verify", manifest.toString(), manifest.toString())).isEqualTo(2);
        assertThat(err()).contains("one manifest at a time");
        assertThat(run("verify", manifest.toString(), "--patchproof.verify.fingerprint=12ab")).isEqualTo(2);
        assertThat(err()).contains("'12ab' is not a SHA-256 fingerprint");
        assertThat(run("verify", manifest.toString(), "--rerun")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--rerun'");
    }

    @Test
    void helpDescribesVerifySigningAndExitCodeSix() {
        assertThat(run("verify", "--help")).isZero();
        assertThat(out()).contains("verify     verify <stem>.manifest.json", "patchproof.signing.keystore",
                "patchproof.signing.alias", "PATCHPROOF_SIGNING_PASSWORD", "patchproof.verify.fingerprint",
                "6 verify: the set is");
    }

    @Test
    void aSigningPasswordOnTheCommandLineIsWarnedAboutAndMasked() {
        run("status", "--patchproof.signing.password=s3cret", "--patchproof.signing.password=other");
        assertThat(err()).contains("warning: a password on the command line", "PATCHPROOF_SIGNING_PASSWORD")
                .doesNotContain("s3cret").doesNotContain("other'");
    }
}
