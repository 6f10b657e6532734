package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails part-way through reconciling resumes from its last commit and from the same
 * snapshot, and publishes exactly the findings of a clean run.
 */
class RestartIntegrationTests {

    static final int HOSTS = 240;

    @TempDir
    static Path demoDir;

    @BeforeAll
    static void buildDemoDatabase() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
    }

    @Test
    void restartAfterAnInjectedFailureGivesTheSameFindingsAsACleanRun(@TempDir Path clean, @TempDir Path broken)
            throws Exception {
        Cli reference = new Cli(clean, demoDir);
        assertThat(reference.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500")
                .exitCode()).isZero();

        Cli cli = new Cli(broken, demoDir);
        Cli.Result failed = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500",
                "--patchproof.test.fail-after-chunks=3");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("injected failure").contains("restart");
        String stem = "demo-monthly-PP1-" + DemoSiteDatabase.AS_OF;
        assertThat(cli.output().resolve(stem + ".xlsx")).doesNotExist();
        assertThat(cli.output().resolve(stem + ".findings.csv")).doesNotExist();

        Path notAWorkbook = Files.writeString(broken.resolve("edited.xlsx"), "<html>saved from a browser</html>");
        Cli.Result refused = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500",
                "--patchproof.report.template=file:" + notAWorkbook);
        assertThat(refused.exitCode()).as("a broken template is refused before the restart runs; %s", refused).isEqualTo(2);
        assertThat(refused.err()).contains(notAWorkbook.toString()).contains("not a zip package");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", "")) {
            assertThat(single(c, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("no execution was started").isEqualTo(1);
        }

        // Its staged findings were worked out with a 2 h enforcement margin; the rest must be too.
        Cli.Result otherRules = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500",
                "--patchproof.rules.enforcement-margin=4h");
        assertThat(otherRules.exitCode()).as("changed rules are refused before the restart runs; %s", otherRules).isEqualTo(2);
        assertThat(otherRules.err()).contains("patchproof.rules.enforcement-margin is PT4H now but was PT2H");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", "")) {
            assertThat(single(c, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).as("no execution was started").isEqualTo(1);
        }

        Cli.Result restarted = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.rules.chunk-size=500");
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(restarted.out()).contains("restarting run");
        assertThat(Files.readAllBytes(cli.output().resolve(stem + ".findings.csv")))
                .isEqualTo(Files.readAllBytes(reference.output().resolve(stem + ".findings.csv")));

        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", "")) {
            long total = single(c, "SELECT COUNT(*) FROM pp_snap_compliance");
            List<Long> reads = list(c, "SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s WHERE s.STEP_NAME = 'reconcileStep'"
                    + " ORDER BY s.STEP_EXECUTION_ID");
            assertThat(reads).as("first attempt committed 3 chunks of 500, the restart read the rest").hasSize(2);
            assertThat(reads.get(1)).isEqualTo(total - 1500);
            assertThat(single(c, "SELECT COUNT(DISTINCT snapshot_id) FROM pp_run")).as("one snapshot, read once").isEqualTo(1);
        }

        Cli.Result nothingLeft = cli.run("restart", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(nothingLeft.exitCode()).isEqualTo(2);
        assertThat(nothingLeft.err()).contains("nothing to restart");
    }

    private static long single(Connection c, String sql) throws SQLException {
        return list(c, sql).get(0);
    }

    private static List<Long> list(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
