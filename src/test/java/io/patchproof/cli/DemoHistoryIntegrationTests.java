package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.PatchproofApplication;
import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryPoint;
import io.patchproof.history.HistoryStore;
import io.patchproof.history.KeptFigures;
import io.patchproof.job.PatchproofProperties;
import io.patchproof.job.RunRequest;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The demo's year of history through the real job: twelve monthly runs of a small demo, each
 * from the demo site as it stood on its date, then the demo's own run; the trend they keep, and a
 * second build that finds nothing to do. The {@code cio} profile that asks for the history is
 * built in parallel, so the history is built here as {@code demo --patchproof.report.profile=cio}
 * builds it ({@link CommandRunner#demoHistory()}), then the demo runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryIntegrationTests {

    private static final int HOSTS = Integer.getInteger("patchproof.test.demo-history-hosts", 60);

    private Path work;
    private Cli cli;
    private String firstBuild;
    private String secondBuild;
    private List<Long> instancesAfterDemo;
    private List<Long> instancesAfterSecondBuild;
    private List<HistoryPoint> trend;

    @BeforeAll
    void buildTheHistoryThenRunTheDemo(@TempDir Path work) {
        this.work = work;
        Path demoDir = work.resolve("demo");
        cli = new Cli(work, demoDir);
        firstBuild = buildHistory();
        Cli.Result demo = cli.run("demo", "--patchproof.demo.hosts=" + HOSTS);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        instancesAfterDemo = LocalStore.longs(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE");
        secondBuild = buildHistory();
        instancesAfterSecondBuild = LocalStore.longs(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE");
        HistoryStore history = new HistoryStore(new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "")));
        trend = history.trend(HistoryKey.forRun("PP1", true, "configmgr", ""));
    }

    /** What `demo --patchproof.report.profile=cio` does before its run: the history, where it is missing. */
    private String buildHistory() {
        DemoSiteDatabase.ensure(work.resolve("demo"), HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        List<String> args = cli.withLocalArguments(List.of("--patchproof.demo.hosts=" + HOSTS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PatchproofApplication.class)
                .logStartupInfo(false).registerShutdownHook(false).run(args.toArray(String[]::new))) {
            CommandRunner runner = context.getBean(CommandRunner.class);
            PatchproofProperties properties = context.getBean(PatchproofProperties.class);
            RunRequest request = RunRequest.from(properties, runner.demoSource(DemoSiteDatabase.fileFor(
                    properties.demo().dir(), HOSTS, DemoSiteDatabase.DEFAULT_SEED)), DemoSiteDatabase.AS_OF, true);
            ExitCode code = runner.demoHistory().ensure(request, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.SUCCESS);
        }
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTrendHoldsTwelveEarlierMonthsAndTheDemosOwnDate() {
        List<LocalDate> expected = new ArrayList<>(DemoSiteDatabase.historyDates());
        expected.add(DemoSiteDatabase.AS_OF);
        assertThat(trend).extracting(HistoryPoint::asOf).containsExactlyElementsOf(expected);
        assertThat(expected.get(0)).isEqualTo(LocalDate.of(2025, 11, 17));
        assertThat(expected.get(11)).isEqualTo(LocalDate.of(2026, 10, 19));
        assertThat(trend).allSatisfy(p -> assertThat(p.overall().applicable()).isPositive());
    }

    @Test
    void eachMonthIsOneConsoleLineAndTheTotalTimeIsSaid() {
        assertThat(firstBuild.lines()).filteredOn(l -> l.startsWith("patchproof: history ")).hasSize(12)
                .first().asString().startsWith("patchproof: history 1/12, as of 2025-11-17: reported installed ");
        assertThat(firstBuild).contains("for the cio report's trend, once: 12 monthly runs (2025-11-17 to 2026-10-19)")
                .containsPattern("the demo's history is built: 12 months in \\d+");
    }

    @Test
    void aSecondBuildFindsTheHistoryAndRunsNothing() {
        assertThat(secondBuild).isEmpty();
        assertThat(instancesAfterSecondBuild).isEqualTo(instancesAfterDemo);
        assertThat(instancesAfterDemo).hasSize(13);
    }

    @Test
    void thePastMonthsPublishNothingIntoTheReportFolderAndLeaveNoFilesBehind() throws Exception {
        try (Stream<Path> files = Files.list(cli.output())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.startsWith(Cli.DEMO_STEM + "."));
        }
        Path folder = work.resolve("demo").resolve(DemoHistory.FOLDER);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
        assertThat(DemoSiteDatabase.historyFileFor(work.resolve("demo"), HOSTS, DemoSiteDatabase.DEFAULT_SEED)
                .resolveSibling(DemoSiteDatabase.historyFileFor(work.resolve("demo"), HOSTS, DemoSiteDatabase.DEFAULT_SEED)
                        .getFileName() + ".mv.db")).doesNotExist();
    }

    @Test
    void serversCatchUpAtEachQuarterEndAuditAndFallBehindAfterTheOutOfBandUpdate() {
        Map<LocalDate, Double> servers = new TreeMap<>();
        for (HistoryPoint p : trend) {
            servers.put(p.asOf(), effective(p.servers()));
        }
        for (LocalDate quarterEnd : List.of(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 3, 16),
                LocalDate.of(2026, 6, 15), LocalDate.of(2026, 9, 14))) {
            assertThat(servers.get(quarterEnd)).as("servers at the %s audit against the month before and after (%s)",
                    quarterEnd, servers).isGreaterThan(servers.get(before(servers, quarterEnd)))
                    .isGreaterThan(servers.get(after(servers, quarterEnd)));
        }
        assertThat(servers.get(DemoSiteDatabase.AS_OF)).as("after the out-of-band update (%s)", servers)
                .isLessThan(servers.get(LocalDate.of(2026, 9, 14)));
    }

    private static LocalDate before(Map<LocalDate, Double> byDate, LocalDate date) {
        return ((TreeMap<LocalDate, Double>) byDate).lowerKey(date);
    }

    private static LocalDate after(Map<LocalDate, Double> byDate, LocalDate date) {
        return ((TreeMap<LocalDate, Double>) byDate).higherKey(date);
    }

    private static double effective(KeptFigures f) {
        return f.applicable() == 0 ? 0 : (double) f.inEffect() / f.applicable();
    }
}
