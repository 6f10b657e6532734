package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The site is part of a run's identity and of its file names: two sites' runs of the same as-of
 * date and scope share a local store and an output folder, each refused only as its own repeat.
 * A site database without a site code is named by its server and database. Runs recorded by an
 * earlier version, whose identity had no site, are recognised: a completed one of the same source
 * is refused (exit 4), an unfinished one is not resumed and says so.
 */
class SiteIdentityIntegrationTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);

    @TempDir
    static Path sites;

    static String sitePp1;
    static String sitePp2;
    static String siteWithoutCode;

    @TempDir
    Path work;

    @BeforeAll
    static void buildSiteDatabases() throws SQLException {
        sitePp1 = site(aSiteDatabase(sites.resolve("a"), "cm_pp1"));
        sitePp2 = site(aSiteDatabase(sites.resolve("b"), "cm_pp2").withSiteCode("PP2"));
        siteWithoutCode = site(aSiteDatabase(sites.resolve("c"), "cm_new").withSiteCode(null));
    }

    /** One host that has not booted since the update's release: one NOT_IN_EFFECT pair. */
    private static String site(SiteDatabaseBuilder site) throws SQLException {
        site.update(1, "5066001", "2026-10 Cumulative Update for Windows Server 2022").add();
        site.host(1, "SRV-01").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        site.compliance(1, 1).add();
        return site.build();
    }

    private Cli cli() {
        return new Cli(work, sites.resolve("demo"));
    }

    private static String[] run(String url, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + AS_OF));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Map<String, Object> manifestRun(Cli cli, String stem) throws Exception {
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(stem + ".manifest.json"))));
        return ReportJson.object(manifest.get("run"));
    }

    @Test
    void twoSitesWithTheSameAsOfAndScopeShareAStoreAndAnOutputFolder() throws Exception {
        Cli cli = cli();
        Cli.Result first = cli.run(run(sitePp1));
        assertThat(first.exitCode()).as(first.toString()).isZero();

        Cli.Result second = cli.run(run(sitePp2));

        assertThat(second.exitCode()).as("another site's run is no repeat of the first: %s", second).isZero();
        assertThat(LocalStore.outputFiles(cli).keySet()).containsExactly(
                "monthly-PP1-" + AS_OF + ".findings.csv", "monthly-PP1-" + AS_OF + ".manifest.json", "monthly-PP1-" + AS_OF + ".xlsx",
                "monthly-PP2-" + AS_OF + ".findings.csv", "monthly-PP2-" + AS_OF + ".manifest.json", "monthly-PP2-" + AS_OF + ".xlsx");
        assertThat(manifestRun(cli, "monthly-PP1-" + AS_OF)).containsEntry("site", "PP1");
        assertThat(manifestRun(cli, "monthly-PP2-" + AS_OF)).containsEntry("site", "PP2")
                .hasEntrySatisfying("siteIdentifiedBy", how -> assertThat(how.toString()).contains("site code PP2"));

        Cli.Result again = cli.run(run(sitePp2));
        assertThat(again.exitCode()).as("each site's own repeat is still refused: %s", again).isEqualTo(4);
        assertThat(again.err()).contains("site PP2").contains("already completed");
    }

    @Test
    void aSiteDatabaseWithoutASiteCodeIsNamedByItsServerAndDatabase() throws Exception {
        Cli cli = cli();
        Cli.Result result = cli.run(run(siteWithoutCode));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String manifest = LocalStore.outputFiles(cli).keySet().stream().filter(n -> n.endsWith(".manifest.json")).findFirst()
                .orElseThrow();
        assertThat(manifest).matches("monthly-local_h2_stand-in_cm_new-[0-9a-f]{8}-" + AS_OF + "\\.manifest\\.json");
        assertThat(manifestRun(cli, manifest.replace(".manifest.json", ""))).containsEntry("site", "local h2 stand-in/cm_new")
                .hasEntrySatisfying("siteIdentifiedBy", how -> assertThat(how.toString())
                        .contains("no system in All Systems carries a site code"));
    }

    @Test
    void aRunCompletedByAnEarlierVersionOfTheSameSourceIsRefusedAndRerunWritesNewNames() throws Exception {
        Cli cli = cli();
        assertThat(cli.run(run(sitePp1)).exitCode()).isZero();
        makeEveryRunLookLikeAnEarlierVersions(cli);

        Cli.Result refused = cli.run(run(sitePp1));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("already completed").contains("earlier version").contains("--rerun");

        Cli.Result otherSite = cli.run(run(sitePp2));
        assertThat(otherSite.exitCode()).as("an earlier version's run of another source is no repeat: %s", otherSite).isZero();

        Cli.Result rerun = cli.run(run(sitePp1, "--rerun"));
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(cli.output().resolve("monthly-PP1-" + AS_OF + "-r2.manifest.json"))
                .as("numbered after the earlier version's run").isRegularFile();
    }

    @Test
    void anUnfinishedRunOfAnEarlierVersionIsNotResumedAndARunStartsAfresh() throws Exception {
        Cli cli = cli();
        assertThat(cli.run(run(sitePp1)).exitCode()).isZero();
        makeEveryRunLookLikeAnEarlierVersions(cli);
        try (Connection c = store(cli)) {
            c.createStatement().executeUpdate("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
        }
        Files.list(cli.output()).forEach(p -> p.toFile().delete());

        Cli.Result restart = cli.run("restart", "--patchproof.source.url=" + sitePp1, "--patchproof.as-of=" + AS_OF);
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(2);
        assertThat(restart.err()).contains("earlier version").contains("cannot resume").contains("`run`");

        Cli.Result fresh = cli.run(run(sitePp1));
        assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).contains("earlier version").contains("not resumed");
        assertThat(cli.output().resolve("monthly-PP1-" + AS_OF + ".manifest.json")).isRegularFile();
    }

    /** Rewrites the store as an earlier version left it: identifying parameters without the site, and the job key of those. */
    private static void makeEveryRunLookLikeAnEarlierVersions(Cli cli) throws SQLException {
        try (Connection c = store(cli)) {
            List<Object> instances = LocalStore.column(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE");
            for (Object instance : instances) {
                List<Object> params = LocalStore.column(cli, "SELECT p.PARAMETER_NAME || '=' || p.PARAMETER_VALUE"
                        + " FROM BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID"
                        + " WHERE e.JOB_INSTANCE_ID = " + instance + " AND p.IDENTIFYING = 'Y' AND p.PARAMETER_NAME <> 'site'");
                JobParametersBuilder legacy = new JobParametersBuilder();
                for (Object p : params) {
                    String[] nv = p.toString().split("=", 2);
                    if (nv[0].equals("rerun")) {
                        legacy.addLong(nv[0], Long.parseLong(nv[1]), true);
                    } else {
                        legacy.addString(nv[0], nv[1], true);
                    }
                }
                JobParameters parameters = legacy.toJobParameters();
                try (PreparedStatement key = c.prepareStatement("UPDATE BATCH_JOB_INSTANCE SET JOB_KEY = ? WHERE JOB_INSTANCE_ID = ?")) {
                    key.setString(1, new DefaultJobKeyGenerator().generateKey(parameters));
                    key.setLong(2, ((Number) instance).longValue());
                    key.executeUpdate();
                }
            }
            c.createStatement().executeUpdate("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME IN ('site', 'siteIdentifiedBy')");
        }
    }

    private static Connection store(Cli cli) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "");
    }
}
