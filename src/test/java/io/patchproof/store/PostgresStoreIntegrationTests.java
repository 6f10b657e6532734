package io.patchproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.PostgresServer;
import io.patchproof.testsupport.SiteDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local store on a real PostgreSQL server: the same commands as on the embedded H2 file, and
 * the same files. Each test has a database of its own on one server.
 */
class PostgresStoreIntegrationTests {

    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;

    static String site;
    static byte[] h2Csv;

    @TempDir
    static Path demoDir;

    @BeforeAll
    static void referenceRunOnTheH2Store(@TempDir Path h2) throws Exception {
        site = DemoSiteDatabase.jdbcUrl(SiteDatabases.small());
        Cli reference = new Cli(h2, demoDir);
        ok(reference.run(run(null)));
        h2Csv = Files.readAllBytes(reference.output().resolve(STEM + ".findings.csv"));
    }

    static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** A run of the small site as of the demo's date; on {@code store} when given. */
    static String[] run(String store, String... more) {
        return command("run", store, more);
    }

    static String[] command(String command, String store, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--patchproof.source.url=" + site,
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF));
        if (store != null) {
            args.addAll(List.of("--spring.datasource.url=" + store, "--spring.datasource.username=postgres",
                    "--spring.datasource.password="));
        }
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aRunOnAPostgresStoreWritesTheSameFindingsAsOnH2AndStatusAndReportReadIt(@TempDir Path work) throws Exception {
        String store = PostgresServer.newDatabase("run");
        Cli cli = new Cli(work, demoDir);

        ok(cli.run(run(store)));
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv"))).isEqualTo(h2Csv);

        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(store));
        assertThat(jdbc.queryForObject("SELECT MAX(version) FROM pp_store_version", Integer.class)).isEqualTo(StoreSchema.VERSION);
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution", String.class)).containsExactly("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_history_point", Long.class)).isEqualTo(1L);

        Cli.Result status = ok(cli.run(command("status", store, "--json")));
        assertThat(status.out()).contains("\"outcome\": \"completed\"").contains(STEM + ".xlsx");

        Cli.Result report = ok(cli.run(command("report", store, "--patchproof.report.profile=cio")));
        assertThat(report.out()).contains("cio-PP1-" + DemoSiteDatabase.AS_OF + ".xlsx");
        assertThat(cli.output().resolve("cio-PP1-" + DemoSiteDatabase.AS_OF + ".xlsx")).isNotEmptyFile();
    }

    @Test
    void aFailedRunOnAPostgresStoreIsRestartedFromItsLastCommitAndPublishesTheSameFindings(@TempDir Path work)
            throws Exception {
        String store = PostgresServer.newDatabase("restart");
        Cli cli = new Cli(work, demoDir);

        Cli.Result failed = cli.run(run(store, "--patchproof.rules.chunk-size=100", "--patchproof.test.fail-after-chunks=2"));
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("injected failure");
        assertThat(cli.output().resolve(STEM + ".findings.csv")).doesNotExist();

        Cli.Result restarted = ok(cli.run(command("restart", store, "--patchproof.rules.chunk-size=100")));
        assertThat(restarted.out()).contains("restarting run");
        assertThat(Files.readAllBytes(cli.output().resolve(STEM + ".findings.csv"))).isEqualTo(h2Csv);
        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(store));
        assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id", String.class))
                .containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void thePostgresStoreKeepsTheNewestSnapshotsAndLeavesReclaimingSpaceToTheServer(@TempDir Path work) throws Exception {
        String store = PostgresServer.newDatabase("prune");
        Cli cli = new Cli(work, demoDir);

        ok(cli.run(run(store, "--patchproof.store.keep-snapshots=1")));
        ok(cli.run(run(store, "--patchproof.store.keep-snapshots=1", "--rerun")));

        JdbcTemplate jdbc = new JdbcTemplate(PostgresServer.dataSource(store));
        assertThat(jdbc.queryForList("SELECT snapshot_id FROM pp_snapshot", Long.class)).containsExactly(2L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_compliance WHERE snapshot_id = 1", Long.class)).isZero();
        String log = Files.readString(cli.logFile());
        assertThat(log).contains("history: deleted snapshot 1").doesNotContain("compacted the local store")
                .doesNotContain("could not be compacted");
    }
}
