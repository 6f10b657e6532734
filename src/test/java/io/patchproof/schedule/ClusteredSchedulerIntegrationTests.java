package io.patchproof.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.store.StoreDialect;
import io.patchproof.testsupport.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two schedulers, as two {@code schedule} processes would run them, on one PostgreSQL store: the
 * job store is clustered, so each fire runs once, on one of the two, and when one stops the other
 * fires the next ones. A schedule every two seconds; the waits are bounded and say what they
 * waited for.
 */
class ClusteredSchedulerIntegrationTests {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Duration CHECKIN = Duration.ofSeconds(1);

    final List<RunScheduler> schedulers = new ArrayList<>();

    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(RunScheduler::close);
    }

    /** Runs that record which node ran which fire. */
    static class NodeRuns implements ScheduledRuns {
        final String node;
        final List<String> fires;

        NodeRuns(String node, List<String> fires) {
            this.node = node;
            this.fires = fires;
        }

        @Override
        public FireResult run(Fire fire) {
            fires.add(node + " " + fire.fireTime().toInstant());
            return new FireResult(Outcome.COMPLETED, 0, (long) fires.size(), "");
        }

        @Override
        public FireResult restart(Fire earlier) {
            fires.add(node + " restart " + earlier.fireTime().toInstant());
            return new FireResult(Outcome.COMPLETED, 0, (long) fires.size(), "");
        }

        @Override
        public FireResult takeOver(Fire earlier) {
            fires.add(node + " takeOver " + earlier.fireTime().toInstant());
            return new FireResult(Outcome.COMPLETED, 0, (long) fires.size(), "");
        }
    }

    /** A node whose first run never ends: the process dies during it. */
    static final class DyingRuns extends NodeRuns {
        final java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        DyingRuns(String node, List<String> fires) {
            super(node, fires);
        }

        @Override
        public FireResult run(Fire fire) {
            fires.add(node + " " + fire.fireTime().toInstant());
            running.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FireResult(Outcome.FAILED, 1, null, "killed");
        }
    }

    RunScheduler node(DataSource store, ScheduledRuns runs, RunSchedule schedule) throws Exception {
        RunScheduler scheduler = RunScheduler.create(store, runs, ZONE, Clock.system(ZONE), CHECKIN);
        schedulers.add(scheduler);
        scheduler.arm(List.of(schedule));
        return scheduler;
    }

    static void await(String what, BooleanSupplier done, Object state) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() < until).as("waited %s s for %s; so far: %s", WAIT.toSeconds(), what, state).isTrue();
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    @Test
    void twoSchedulersOnOnePostgresStoreFireEachRunOnceAndTheSurvivorFiresOnWhenOneStops() throws Exception {
        DataSource store = PostgresServer.dataSource(PostgresServer.newDatabase("cluster"));
        assertThat(StoreDialect.of(store)).isEqualTo(StoreDialect.POSTGRESQL);
        RunSchedule everyTwoSeconds = RunSchedule.of(new ScheduleProperties("0/2 * * * * ?", "off"), ZONE).get(0);
        List<String> fires = Collections.synchronizedList(new ArrayList<>());
        RunScheduler a = node(store, new NodeRuns("a", fires), everyTwoSeconds);
        RunScheduler b = node(store, new NodeRuns("b", fires), everyTwoSeconds);
        a.start();
        b.start();

        await("four fires", () -> fires.size() >= 4, fires);
        a.close();
        int beforeStop = fires.size();
        await("two fires after node a stopped", () -> fires.size() >= beforeStop + 2, fires);
        b.close();

        List<String> times = fires.stream().map(f -> f.substring(f.indexOf(' ') + 1)).toList();
        assertThat(times).as("each fire time ran once, on one node: %s", fires).doesNotHaveDuplicates();
        assertThat(fires.subList(beforeStop, fires.size())).as("node b fires on alone").allMatch(f -> f.startsWith("b "));
        JdbcTemplate jdbc = new JdbcTemplate(store);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_schedule_fire", Integer.class))
                .as("the fire log holds one entry per fire").isEqualTo(fires.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT fire_time) FROM pp_schedule_fire", Integer.class))
                .isEqualTo(fires.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_schedule_fire WHERE outcome = 'COMPLETED'", Integer.class))
                .isEqualTo(fires.size());
    }

    @Test
    void aNodeKilledDuringItsRunIsFoundDeadAndTheSurvivorTakesThatRunOver() throws Exception {
        DataSource store = PostgresServer.dataSource(PostgresServer.newDatabase("takeover"));
        // Every 30 s: while node a's fire runs, the next one is blocked cluster-wide (one job, no
        // concurrent execution), so nothing but the take-over can touch node a's fire.
        RunSchedule everyHalfMinute = RunSchedule.of(new ScheduleProperties("0/30 * * * * ?", "off"), ZONE).get(0);
        List<String> fires = Collections.synchronizedList(new ArrayList<>());
        DyingRuns dying = new DyingRuns("a", fires);
        RunScheduler a = node(store, dying, everyHalfMinute);
        a.start();
        assertThat(dying.running.await(WAIT.toSeconds() + 60, TimeUnit.SECONDS)).as("node a began a run").isTrue();
        String firstFire = fires.get(0).substring(2);
        RunScheduler b = node(store, new NodeRuns("b", fires), everyHalfMinute);
        b.start();
        a.halt();
        try {
            await("node b taking over node a's fire", () -> fires.contains("b takeOver " + firstFire), fires);
        } finally {
            dying.release.countDown();
        }
        b.close();

        assertThat(fires).as("the dead node's fire is taken over once, never run afresh: %s", fires)
                .doesNotContain("b " + firstFire).containsOnlyOnce("b takeOver " + firstFire);
        JdbcTemplate jdbc = new JdbcTemplate(store);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pp_schedule_fire WHERE kind = 'restart' AND outcome = 'COMPLETED'",
                Integer.class)).as("the take-over is in the fire log as a restart that completed").isEqualTo(1);
    }
}
