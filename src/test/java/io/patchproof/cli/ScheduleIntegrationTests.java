package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schedule} end to end in a child JVM against the demo site database (as a configured
 * source), with schedules that fire every few seconds rather than on their real days; then
 * {@code status} on the same store. SIGTERM ends the service; a run it stopped is restarted by
 * the next fire of the next service.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScheduleIntegrationTests {

    static final int HOSTS = 240;
    static final String EVERY_FIVE_SECONDS = "0/5 * * * * ?";
    static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path demoDir;

    static String demoUrl;

    @TempDir
    Path work;

    @BeforeAll
    static void buildDemoDatabase() {
        demoUrl = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
    }

    /** Waits until the child's output satisfies {@code test}; fails showing the output when it does not in time. */
    private static void awaitOutput(ChildJvm child, String what, Predicate<String> test) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!test.test(child.output())) {
            assertThat(System.nanoTime() < until).as("%s within %s; output:%n%s", what, WAIT, child.output()).isTrue();
            assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).as("%s: the child ended first; output:%n%s",
                    what, child.output()).isPresent();
            Thread.sleep(200);
        }
    }

    @Test
    void aBadCronExpressionIsRefusedBeforeStartNamingThePropertyAndTheFix() {
        Cli.Result result = new Cli(work, demoDir).run("schedule", "--patchproof.source.url=" + demoUrl,
                "--patchproof.schedule.monthly=0 0 6 ? * TUE#6 +5d");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.schedule.monthly: '0 0 6 ? * TUE#6 +5d' is not a cron expression")
                .contains("give a Quartz cron expression").doesNotContain("Exception");
    }

    @Test
    void scheduleWithoutASiteDatabaseOrWithEveryScheduleOffIsRefused() {
        Cli cli = new Cli(work, demoDir);
        Cli.Result none = cli.run("schedule");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(2);
        assertThat(none.err()).contains("no site database configured").contains("patchproof.source.url");
        Cli.Result off = cli.run("schedule", "--patchproof.source.url=" + demoUrl, "--patchproof.schedule.monthly=off",
                "--patchproof.schedule.quarterly=off");
        assertThat(off.exitCode()).as(off.toString()).isEqualTo(2);
        assertThat(off.err()).contains("both off: nothing to schedule");
    }

    @Test
    void statusOfAStoreThatNeverRanSaysSoAndListsTheDefaultSchedulesNextFires() {
        Cli.Result result = new Cli(work, demoDir).run("status");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Last runs: none in this local store").contains("Next fires")
                .contains("monthly    monthly  0 0 6 ? * TUE#2 +5d").contains("quarterly  cio      0 0 6 1W 1,4,7,10 ?");
    }

    @Test
    void scheduledRunsFireRunAsOfTheFireDateForBothProfilesAndStatusListsThem() throws Exception {
        Cli cli = new Cli(work, demoDir);
        LocalDate today = LocalDate.now();
        try (ChildJvm child = ChildJvm.start(cli, "schedule", "--patchproof.source.url=" + demoUrl,
                "--patchproof.schedule.monthly=" + EVERY_FIVE_SECONDS, "--patchproof.schedule.quarterly=" + EVERY_FIVE_SECONDS)) {
            awaitOutput(child, "a completed monthly run, a completed cio run and a run already done",
                    o -> o.contains("monthly-PP1-" + today + ".xlsx") && o.contains("cio-PP1-" + today + ".xlsx")
                            && o.contains("already completed"));
            // The service holds the store: status shows what it wrote after its last fire.
            Cli.Result whileUp = cli.run("status");
            assertThat(whileUp.exitCode()).as(whileUp.toString()).isZero();
            assertThat(whileUp.out()).contains("the local store is in use by patchproof `schedule`, process " + child.pid())
                    .contains("PP1 " + today + " monthly configmgr all").contains("Scheduled fires");
            Cli.Result jsonWhileUp = cli.run("status", "--json");
            assertThat(ReportJson.array(ReportJson.object(ReportJson.parse(jsonWhileUp.out())).get("runs"))).isNotEmpty();
            assertThat(cli.store().resolve("patchproof.status.txt")).isRegularFile();
            child.terminate();
            int exit = child.awaitExit(Duration.ofMinutes(1));
            assertThat(exit).as(child.output()).isZero();
            assertThat(cli.store().resolve("patchproof.status.txt")).as("removed when the service ends").doesNotExist();
            assertThat(child.output()).contains("patchproof: schedule started").doesNotContain("warning: schedule")
                    .contains("patchproof: schedule stopped");
        }
        String stem = "monthly-PP1-" + today;
        assertThat(cli.output().resolve(stem + ".xlsx")).isRegularFile();
        assertThat(cli.output().resolve("cio-PP1-" + today + ".xlsx")).as("the quarterly schedule's cio profile").isRegularFile();

        Cli.Result status = cli.run("status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.out()).contains("PP1 " + today + " monthly configmgr all").contains("completed")
                .contains(cli.output().resolve(stem + ".xlsx").toString()).contains("Scheduled fires")
                .contains("PP1 " + today + " cio").contains("already done").doesNotContain("refused");

        Cli.Result json = cli.run("status", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        Map<String, Object> root = ReportJson.object(ReportJson.parse(json.out()));
        Map<String, Object> run = ReportJson.array(root.get("runs")).stream().map(ReportJson::object)
                .filter(r -> "monthly".equals(r.get("profile"))).findFirst().orElseThrow();
        assertThat(run).containsEntry("asOf", today.toString()).containsEntry("profile", "monthly")
                .containsEntry("outcome", "completed").containsEntry("exitCode", 0L).containsEntry("site", "PP1");
        assertThat((Long) run.get("rowsRead")).isPositive();
        assertThat(ReportJson.array(run.get("files"))).hasSize(3);
        List<Object> fires = ReportJson.array(root.get("fires"));
        assertThat(fires).extracting(f -> ReportJson.object(f).get("outcome")).contains("COMPLETED", "ALREADY_DONE")
                .doesNotContain("REFUSED");
        assertThat(fires).map(ReportJson::object).filteredOn(f -> "COMPLETED".equals(f.get("outcome")))
                .extracting(f -> f.get("profile")).contains("monthly", "cio");
        assertThat(ReportJson.array(root.get("nextFires"))).hasSize(2);
    }

    @Test
    void sigtermStopsTheScheduledRunAtItsNextCommitAndTheNextFireRestartsIt() throws Exception {
        Cli cli = new Cli(work, demoDir);
        LocalDate today = LocalDate.now();
        String[] schedule = {"schedule", "--patchproof.source.url=" + demoUrl, "--patchproof.schedule.monthly=" + EVERY_FIVE_SECONDS,
            "--patchproof.schedule.quarterly=off", "--patchproof.rules.chunk-size=500"};
        String[] paused = java.util.Arrays.copyOf(schedule, schedule.length + 1);
        paused[schedule.length] = "--patchproof.test.pause-after-chunks=1";
        try (ChildJvm child = ChildJvm.start(cli, paused)) {
            child.awaitMarker(WAIT);
            child.terminate();
            int exit = child.awaitExit(Duration.ofMinutes(1));
            assertThat(exit).as(child.output()).isZero();
            assertThat(child.output()).contains("was stopped at its last commit").contains("patchproof: schedule stopped");
        }
        Cli.Result stopped = cli.run("status", "--json");
        Map<String, Object> fire = ReportJson.object(ReportJson.array(ReportJson.object(ReportJson.parse(stopped.out()))
                .get("fires")).get(0));
        assertThat(fire).containsEntry("outcome", "FAILED").containsEntry("exitCode", 1L).containsEntry("asOf", today.toString());
        assertThat(fire.get("run")).isNotNull();

        try (ChildJvm child = ChildJvm.start(cli, schedule)) {
            awaitOutput(child, "the stopped run restarted and completed", o -> o.contains("patchproof: restarting run "
                    + fire.get("run")) && o.contains("patchproof: wrote ") && o.contains("already completed"));
            child.terminate();
            assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isZero();
        }
        Cli.Result status = cli.run("status");
        assertThat(status.out()).contains("failed (restarted by a later fire)").contains("restart");
        List<Object> runs = ReportJson.array(ReportJson.object(ReportJson.parse(cli.run("status", "--json").out())).get("runs"));
        assertThat(ReportJson.object(runs.get(1))).as("the stopped execution").containsEntry("run", fire.get("run"))
                .containsEntry("outcome", "stopped").containsEntry("exitCode", 1L);
        assertThat(ReportJson.array(ReportJson.object(runs.get(1)).get("files"))).as("the stopped execution wrote none").isEmpty();
        assertThat(ReportJson.object(runs.get(0))).as("its restart, of the same identity").containsEntry("asOf", today.toString())
                .containsEntry("outcome", "completed").containsEntry("exitCode", 0L);
    }
}
