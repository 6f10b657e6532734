package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Argument handling that must end before Spring starts: help, typos, bad values. */
class PatchproofCliTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PatchproofCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandOptionAndDesignProperty() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("demo", "run", "restart", "schedule", "--rerun", "--fail-under=PCT",
                "patchproof.source.url", "patchproof.source.username", "patchproof.source.password",
                "patchproof.source.schema", "patchproof.report.profile", "patchproof.as-of", "patchproof.output.dir",
                "patchproof.scope.collection", "patchproof.scope.article", "patchproof.scope.bulletin",
                "patchproof.scope.hosts", "patchproof.scope.min-severity", "patchproof.scope.servers-only",
                "patchproof.demo.hosts", "patchproof.demo.schema", "patchproof.demo.seed", "Exit codes");
        assertThat(help).as("limits and codes it enforces").contains("20 to 2,000,000 hosts").contains("5 completed, but the")
                .contains("logging.file.name");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("no command given");
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        assertThat(run("publish")).isEqualTo(2);
        assertThat(err()).contains("'publish'").doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsAUsageErrorNamingIt() {
        assertThat(run("run", "--colour=blue")).isEqualTo(2);
        assertThat(err()).contains("--colour=blue");
    }

    @Test
    void failUnderMustBeANumber() {
        assertThat(run("run", "--fail-under=most")).isEqualTo(2);
        assertThat(err()).contains("--fail-under").contains("'most'");
    }

    @Test
    void failUnderMustBeAPercentageNotNaNOrInfinity() {
        assertThat(run("run", "--fail-under=NaN")).isEqualTo(2);
        assertThat(err()).contains("--fail-under").contains("'NaN'").contains("0 to 100");
        assertThat(run("run", "--fail-under=Infinity")).isEqualTo(2);
        assertThat(run("run", "--fail-under=101")).isEqualTo(2);
    }

    @Test
    void propertyWithoutValueIsAUsageError() {
        assertThat(run("run", "--patchproof.as-of")).isEqualTo(2);
        assertThat(err()).contains("needs a value");
    }

    @Test
    void twoCommandsAreAUsageError() {
        assertThat(run("run", "demo")).isEqualTo(2);
        assertThat(err()).contains("'demo'");
    }

    @Test
    void versionPrintsTheToolAndRulesVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("patchproof " + io.patchproof.job.Versions.TOOL
                + " (rules version " + io.patchproof.job.Versions.RULES + ")" + System.lineSeparator());
    }

    @Test
    void helpListsScheduleStatusAndTheirProperties() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("status", "--json", "--version",
                "patchproof.schedule.monthly", "0 0 6 ? * TUE#2 +5d", "patchproof.schedule.quarterly", "0 0 6 1W 1,4,7,10 ?")
                .doesNotContain("not in this version");
    }

    @Test
    void jsonIsAnOptionOfStatusOnly() {
        assertThat(run("run", "--json")).isEqualTo(2);
        assertThat(err()).contains("--json is an option of `status`");
    }
}
