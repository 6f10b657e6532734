package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.ReportJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exceptions register end to end: rule 2 at the as-of date, the manifest's register with the
 * file's SHA-256, the CSV's exempt_reason, a bad register refused before a run, a restart with a
 * changed register refused, and the {@code report} command rendering the kept register.
 */
class ExceptionsRegisterIntegrationTests {

    static final LocalDate NOV = LocalDate.of(2026, 11, 16);
    static final String HEADER = "host,update,reason,compensating_control,approver,approved_on,expires_on\n";
    /**
     * Line 2 expires on the as-of date and covers SRV-01's missing KB5066002; line 3 is approved the
     * day after the as-of date; line 4 expired the day before; line 5 matches nothing; line 6 names a
     * collection the site does not have.
     */
    static final String REGISTER = HEADER
            + "SRV-0*,KB5066002,Vendor hold,Isolated VLAN,CISO,2026-11-01,2026-11-16\n"
            + "collection:SMS00001,5066001,Not yet,None,CISO,2026-11-17,2026-12-31\n"
            + "SRV-01,KB5066001,Expired hold,None,CISO,2026-01-01,2026-11-15\n"
            + "LEGACY-NT4,MS08-067,Old controller,Air gap,CISO,2026-01-01,2027-01-01\n"
            + "collection:XYZ00001,*,Unknown collection,None,CISO,2026-01-01,2027-01-01\n";

    @TempDir
    Path work;

    /** The report command's site: three servers (in effect, waiting for a restart, missing) and a workstation. */
    private static String site(Path dir) throws Exception {
        return ReportCommandIntegrationTests.site(dir);
    }

    private Path register(String text) throws Exception {
        Path file = work.resolve("exceptions.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, Object> manifest(Cli cli, String stem) throws Exception {
        return ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(stem + ".manifest.json"))));
    }

    private static Map<String, Object> part(Map<String, Object> manifest, String name) {
        return ReportJson.object(manifest.get(name));
    }

    @Test
    void anActiveExceptionMakesItsPairsExemptAndTheManifestCarriesTheRegister() throws Exception {
        String url = site(work.resolve("site"));
        Path file = register(REGISTER);
        Cli cli = new Cli(work, work.resolve("demo"));

        Cli.Result run = cli.run("run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
                "--patchproof.exceptions.file=" + file);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> m = manifest(cli, "monthly-PP1-" + NOV);
        assertThat(ReportJson.object(part(m, "counts").get("byVerdict"))).as("the missing pair is EXEMPT now")
                .containsEntry("EXEMPT", 1L).containsEntry("IN_EFFECT", 2L).containsEntry("NOT_IN_EFFECT", 1L);
        assertThat(part(m, "exceptions")).containsEntry("file", file.toString())
                .containsEntry("sha256", LocalStore.sha256(Files.readAllBytes(file)))
                .containsEntry("lines", 5L).containsEntry("active", 3L).containsEntry("expired", 1L)
                .containsEntry("notYetApproved", 1L).containsEntry("unused", 2L);
        List<String> csv = Files.readAllLines(cli.output().resolve("monthly-PP1-" + NOV + ".findings.csv"));
        assertThat(csv).filteredOn(l -> l.contains("EXEMPT")).singleElement().satisfies(l -> assertThat(l)
                .startsWith("1,SRV-01").contains("exceptions.csv line 2: Vendor hold; compensating control: Isolated VLAN"
                        + " (approved by CISO on 2026-11-01, expires 2026-11-16)")
                .contains("without the exception: MISSING"));
        assertThat(Files.readString(cli.logFile())).contains("XYZ00001").contains("1 expired");
    }

    @Test
    void withoutARegisterThePairIsMissingAndTheManifestSaysNone() throws Exception {
        String url = site(work.resolve("site"));
        Cli cli = new Cli(work, work.resolve("demo"));

        Cli.Result run = cli.run("run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> m = manifest(cli, "monthly-PP1-" + NOV);
        assertThat(ReportJson.object(part(m, "counts").get("byVerdict"))).containsEntry("MISSING", 1L)
                .containsEntry("EXEMPT", 0L);
        assertThat(m.get("exceptions")).isEqualTo("none");
    }

    @Test
    void aBadRegisterIsRefusedBeforeTheRunWithEveryBadLine() throws Exception {
        String url = site(work.resolve("site"));
        Path file = register(HEADER + "SRV-01,KB5066002,r,c,CISO,2026-11-01,2026-10-01\n" + "*,*,r,c,CISO,2026-01-01,2026-12-31\n");
        Cli cli = new Cli(work, work.resolve("demo"));

        Cli.Result run = cli.run("run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
                "--patchproof.exceptions.file=" + file);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("patchproof.exceptions.file").contains("line 2, column expires_on")
                .contains("line 3, column host").contains("nothing was run");
        assertThat(cli.output().resolve("monthly-PP1-" + NOV + ".manifest.json")).doesNotExist();

        Cli.Result missing = cli.run("run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
                "--patchproof.exceptions.file=" + work.resolve("nowhere.csv"));
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.csv").contains("does not exist");
    }

    @Test
    void aRestartWithAChangedRegisterIsRefusedAndTheKeptOneFinishesTheRun() throws Exception {
        String url = site(work.resolve("site"));
        Path file = register(REGISTER);
        Cli cli = new Cli(work, work.resolve("demo"));
        String[] failing = {"run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
            "--patchproof.exceptions.file=" + file, "--patchproof.rules.chunk-size=1", "--patchproof.test.fail-after-chunks=1"};
        Cli.Result failed = cli.run(failing);
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);

        register(REGISTER.replace("Vendor hold", "Edited after the run began"));
        String[] restart = {"restart", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
            "--patchproof.exceptions.file=" + file, "--patchproof.rules.chunk-size=1"};
        Cli.Result refused = cli.run(restart);
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("patchproof.exceptions.file").contains("changed since job instance")
                .contains("run --rerun");

        register(REGISTER);
        Cli.Result restarted = cli.run(restart);
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(ReportJson.object(part(manifest(cli, "monthly-PP1-" + NOV), "counts").get("byVerdict")))
                .containsEntry("EXEMPT", 1L);
    }

    @Test
    void theReportCommandRendersTheKeptRegisterWithoutReadingTheFile() throws Exception {
        String url = site(work.resolve("site"));
        Path file = register(REGISTER);
        Cli cli = new Cli(work, work.resolve("demo"));
        Cli.Result run = cli.run("run", "--patchproof.as-of=" + NOV, "--patchproof.source.url=" + url,
                "--patchproof.exceptions.file=" + file);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Files.delete(file);

        Cli.Result report = cli.run("report", "--patchproof.as-of=" + NOV, "--patchproof.report.profile=cio",
                ReportCommandIntegrationTests.DEAD_SOURCE);

        assertThat(report.exitCode()).as(report.toString()).isZero();
        Map<String, Object> monthly = manifest(cli, "monthly-PP1-" + NOV);
        Map<String, Object> cio = manifest(cli, "cio-PP1-" + NOV);
        assertThat(cio.get("exceptions")).as("the same register, line for line").isEqualTo(monthly.get("exceptions"));
        assertThat(part(cio, "counts").get("byVerdict")).isEqualTo(part(monthly, "counts").get("byVerdict"));
        assertThat(Files.readAllBytes(cli.output().resolve("cio-PP1-" + NOV + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(cli.output().resolve("monthly-PP1-" + NOV + ".findings.csv")));
    }
}
