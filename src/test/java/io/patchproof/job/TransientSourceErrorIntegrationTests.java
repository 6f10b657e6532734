package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.SiteDatabases;
import io.patchproof.testsupport.SourceTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Driver errors during the extract, injected through the source tap: transient ones (deadlock
 * victim 1205, lock time-out 1222, connection reset 08S01 part-way through a result set) are
 * retried, re-copying only the failed query, and the run's findings are byte for byte those of a
 * clean run; a query that keeps failing ends the run with one line naming its SQL file, and the
 * run restarts; non-transient ones (229 permission denied, 208 invalid object) fail at once.
 */
class TransientSourceErrorIntegrationTests {

    static final String COMPLIANCE = "select_compliance.sql";
    static final String UPDATES = "select_updates.sql";
    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;
    static final String FAST_RETRY = "--patchproof.source.retry.backoff=1ms";

    static String url;
    static long complianceRows;
    static byte[] cleanCsv;

    @TempDir
    static Path demoDir;

    @TempDir
    Path work;

    @BeforeAll
    static void cleanRun(@TempDir Path clean) throws Exception {
        url = DemoSiteDatabase.jdbcUrl(SiteDatabases.small());
        complianceRows = new JdbcTemplate(SiteDatabases.smallDataSource())
                .queryForObject("SELECT COUNT(*) FROM v_UpdateComplianceStatus", Long.class);
        Cli cli = new Cli(clean, demoDir);
        Cli.Result result = cli.run(run());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        cleanCsv = Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv"));
    }

    static String[] run(String... more) {
        String[] base = {"run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static Supplier<SQLException> deadlock() {
        return () -> new SQLException("Transaction (Process ID 57) was deadlocked on lock resources with another process"
                + " and has been chosen as the deadlock victim. Rerun the transaction.", "40001", 1205);
    }

    static Supplier<SQLException> lockTimeout() {
        return () -> new SQLException("Lock request time out period exceeded.", "S00051", 1222);
    }

    static Supplier<SQLException> connectionReset() {
        return () -> new SQLException("Connection reset", "08S01", 0);
    }

    @Test
    void deadlocksLockTimeoutsAndResetsAreRetriedReCopyingOnlyTheFailedQuery() throws Exception {
        long failAt = complianceRows > 10_500 ? 10_500 : complianceRows / 2;
        try (SourceTap tap = SourceTap.create()
                .failExecution("select_update_categories.sql", 1, deadlock())
                .failExecution(UPDATES, 1, lockTimeout())
                .failAfterRows(COMPLIANCE, failAt, 2, connectionReset())) {
            Cli cli = new Cli(work, demoDir);
            Cli.Result result = cli.run(run(tap.option(), FAST_RETRY));

            assertThat(result.exitCode()).as(result.toString()).isZero();
            Map<String, Long> executions = tap.executionsByFile();
            assertThat(executions).as("each failed query again until it succeeds, every other query once")
                    .containsEntry(COMPLIANCE, 3L)
                    .containsEntry(UPDATES, 2L)
                    .containsEntry("select_update_categories.sql", 2L)
                    .containsEntry("select_hosts.sql", 1L)
                    .containsEntry("select_collection_members.sql", 1L)
                    .containsEntry("select_maintenance_windows.sql", 1L);
            assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv")))
                    .as("the rows of the broken reads were removed, none is counted twice").isEqualTo(cleanCsv);
            try (var store = java.sql.DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof")
                    .toAbsolutePath(), "sa", "");
                    var rs = store.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq) FROM pp_snap_compliance")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(complianceRows).isEqualTo(rs.getLong(2));
            }
        }
    }

    @Test
    void aQueryThatKeepsFailingEndsTheRunNamingItsFileAndTheRunRestarts() throws Exception {
        Cli cli = new Cli(work, demoDir);
        try (SourceTap tap = SourceTap.create().failExecution(UPDATES, Integer.MAX_VALUE, deadlock())) {
            Cli.Result failed = cli.run(run(tap.option(), FAST_RETRY, "--patchproof.source.retry.attempts=4"));

            assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
            assertThat(tap.executions(UPDATES)).as("bounded: four attempts in all").isEqualTo(4);
            assertThat(failed.err().lines().count()).isEqualTo(1);
            assertThat(failed.err()).contains("sql/configmgr/select_updates.sql").contains("still failing after 4 attempts")
                    .contains("1205").contains("restart").doesNotContain("\tat ");
            assertThat(cli.output().resolve(STEM + ".xlsx")).doesNotExist();
        }

        Cli.Result restarted = cli.run("restart", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv"))).isEqualTo(cleanCsv);
    }

    @Test
    void permissionDeniedFailsAtOnceNamingTheViewAndThePermission() {
        try (SourceTap tap = SourceTap.create().failExecution(COMPLIANCE, Integer.MAX_VALUE,
                () -> new SQLException("The SELECT permission was denied on the object 'v_UpdateComplianceStatus',"
                        + " database 'CM_PP1', schema 'dbo'.", "S0005", 229))) {
            Cli.Result result = new Cli(work, demoDir).run(run(tap.option(), FAST_RETRY));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(tap.executions(COMPLIANCE)).as("never retried").isEqualTo(1);
            assertThat(result.err()).contains("sql/configmgr/select_compliance.sql: permission denied")
                    .contains("SELECT permission was denied on the object 'v_UpdateComplianceStatus'")
                    .contains("smsschm_users");
            assertThat(result.err().lines().count()).isEqualTo(1);
        }
    }

    @Test
    void aMissingViewFailsAtOnceNamingIt() {
        try (SourceTap tap = SourceTap.create().failExecution(COMPLIANCE, Integer.MAX_VALUE,
                () -> new SQLException("Invalid object name 'v_UpdateComplianceStatus'.", "S0002", 208))) {
            Cli.Result result = new Cli(work, demoDir).run(run(tap.option(), FAST_RETRY));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(tap.executions(COMPLIANCE)).as("never retried").isEqualTo(1);
            assertThat(result.err()).contains("sql/configmgr/select_compliance.sql: a view it reads is missing")
                    .contains("Invalid object name 'v_UpdateComplianceStatus'");
        }
    }

    @Test
    void aPermissionErrorFoundByThePreflightCheckStopsBeforeTheRunWithExitTwo() {
        try (SourceTap tap = SourceTap.create().failDescribe(COMPLIANCE, Integer.MAX_VALUE,
                () -> new SQLException("The SELECT permission was denied on the object 'v_UpdateComplianceStatus',"
                        + " database 'CM_PP1', schema 'dbo'.", "S0005", 229))) {
            Cli cli = new Cli(work, demoDir);
            Cli.Result result = cli.run(run(tap.option()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err().lines().count()).isEqualTo(1);
            assertThat(result.err()).contains("select_compliance.sql: permission denied")
                    .contains("'v_UpdateComplianceStatus'");
            assertThat(tap.executions("")).as("nothing executed").isZero();
        }
    }

    @Test
    void aRetrySettingThatMakesNoSenseIsAConfigurationError() {
        Cli cli = new Cli(work, demoDir);
        Cli.Result none = cli.run(run("--patchproof.source.retry.attempts=0"));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("patchproof.source.retry.attempts: must be at least 1");
        Cli.Result negative = cli.run(run("--patchproof.source.retry.backoff=-1s"));
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("patchproof.source.retry.backoff: must not be negative");
    }
}
