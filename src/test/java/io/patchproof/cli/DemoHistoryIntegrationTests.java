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
 * The demo's year of history through the command line and the real job: a monthly demo builds
 * none; the first {@code demo --patchproof.report.profile=cio} runs twelve months of a small demo,
 * each from the demo site as it stood on its date, before its own run (back-filling the trend the
 * monthly run began); a second one finds them and runs only its own month.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryIntegrationTests {

    private static final int HOSTS = Integer.getInteger("patchproof.test.demo-history-hosts", 60);

    private Path work;
    private Cli cli;
    private Cli.Result monthly;
    private Cli.Result firstCio;
    private Cli.Result secondCio;
    private List<Long> instancesAfterMonthly;
    private List<Long> instancesAfterFirstCio;
    private List<Long> instancesAfterSecondCio;
    private List<HistoryPoint> trend;

    @BeforeAll
    void runTheMonthlyDemoThenTheCioDemoTwice(@TempDir Path work) {
        this.work = work;
        cli = new Cli(work, work.resolve("demo"));
        monthly = ok(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS));
        instancesAfterMonthly = instances();
        firstCio = ok(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=cio"));
        instancesAfterFirstCio = instances();
        secondCio = ok(cli.run("demo", "--patchproof.demo.hosts=" + HOSTS, "--patchproof.report.profile=cio"));
        instancesAfterSecondCio = instances();
        HistoryStore history = new HistoryStore(new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "")));
        trend = history.trend(HistoryKey.forRun("PP1", true, "configmgr", ""));
    }

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private List<Long> instances() {
        return LocalStore.longs(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE ORDER BY JOB_INSTANCE_ID");
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
        assertThat(firstCio.out().lines()).filteredOn(l -> l.startsWith("patchproof: history ")).hasSize(12)
                .first().asString().startsWith("patchproof: history 1/12, as of 2025-11-17: reported installed ");
        assertThat(firstCio.out()).contains("for the cio report's trend, once: 12 monthly runs (2025-11-17 to 2026-10-19)")
                .containsPattern("the demo's history is built: 12 months in \\d+");
    }

    @Test
    void theMonthlyDemoBuildsNoHistory() {
        assertThat(monthly.out()).doesNotContain("history");
        assertThat(instancesAfterMonthly).hasSize(1);
    }

    @Test
    void aSecondCioDemoFindsTheHistoryAndRunsOnlyItsOwnMonth() {
        assertThat(instancesAfterFirstCio).hasSize(1 + 12 + 1);
        assertThat(secondCio.out()).doesNotContain("history");
        assertThat(instancesAfterSecondCio).hasSize(instancesAfterFirstCio.size() + 1);
        assertThat(trend.get(trend.size() - 1).jobInstanceId()).isEqualTo(instancesAfterSecondCio.get(
                instancesAfterSecondCio.size() - 1));
        assertThat(trend.get(trend.size() - 1).reportProfile()).isEqualTo("cio");
    }

    @Test
    void thePastMonthsPublishNothingIntoTheReportFolderAndLeaveNoFilesBehind() throws Exception {
        try (Stream<Path> files = Files.list(cli.output())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.startsWith(Cli.DEMO_STEM + ".")
                            || name.startsWith("demo-cio-PP1-" + DemoSiteDatabase.AS_OF + "."));
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
