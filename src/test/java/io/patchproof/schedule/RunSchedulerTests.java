package io.patchproof.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Trigger;

/**
 * The scheduler on an H2 file store, with runs that only record what they were asked: triggers
 * are armed for explicit times (a moment from now, or in the past for a downtime), never for the
 * cron's own times, and the tests wait for fires on latches, not on clocks.
 */
class RunSchedulerTests {

    static final ZoneId ZONE = ZoneId.systemDefault();
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    HikariDataSource store;
    final List<RunScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = new HikariDataSource();
        store.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        store.setUsername("sa");
        store.setPassword("");
    }

    @AfterEach
    void closeStore() {
        schedulers.forEach(RunScheduler::close);
        store.close();
    }

    static RunSchedule monthly() {
        return RunSchedule.of(new ScheduleProperties(RunSchedule.DEFAULT_MONTHLY, "off"), ZONE).get(0);
    }

    static RunSchedule quarterly() {
        return RunSchedule.of(new ScheduleProperties("off", RunSchedule.DEFAULT_QUARTERLY), ZONE).get(0);
    }

    RunScheduler scheduler(ScheduledRuns runs) {
        RunScheduler scheduler = RunScheduler.create(store, runs, ZONE, Clock.system(ZONE));
        schedulers.add(scheduler);
        return scheduler;
    }

    /** Runs that record each call and answer with {@code answer}; {@link #fired} counts down per call. */
    static final class RecordingRuns implements ScheduledRuns {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<Fire> fires = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch fired;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile Function<Fire, FireResult> answer = f -> new FireResult(Outcome.COMPLETED, 0, 1L, "");

        RecordingRuns(int calls) {
            fired = new CountDownLatch(calls);
        }

        @Override
        public FireResult run(Fire fire) {
            return call("run " + fire.schedule() + " " + fire.asOf(), fire);
        }

        @Override
        public FireResult restart(Fire earlier) {
            return call("restart " + earlier.schedule() + " " + earlier.asOf(), earlier);
        }

        private FireResult call(String what, Fire fire) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                calls.add(what);
                fires.add(fire);
                return answer.apply(fire);
            } finally {
                running.decrementAndGet();
                fired.countDown();
            }
        }

        void await() throws InterruptedException {
            assertThat(fired.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("fired; calls so far: %s", calls).isTrue();
        }
    }

    @Test
    void aTriggerDueNowFiresTheRunAsOfItsFireDateAndIsReArmedForTheNextFireTime() throws Exception {
        RecordingRuns runs = new RecordingRuns(1);
        RunScheduler scheduler = scheduler(runs);
        scheduler.arm(List.of(monthly()));
        ZonedDateTime soon = ZonedDateTime.now(ZONE).plusNanos(200_000_000);
        scheduler.armAt(monthly(), soon);
        scheduler.start();
        runs.await();
        scheduler.close();

        assertThat(runs.calls).containsExactly("run monthly " + soon.toLocalDate());
        ScheduledRuns.Fire fire = runs.fires.get(0);
        assertThat(fire.profile()).isEqualTo("monthly");
        assertThat(fire.fireTime().toInstant()).isEqualTo(soon.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        List<FireLog.Entry> log = new FireLog(store).newest(10);
        assertThat(log).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ScheduledRuns.Outcome.COMPLETED);
            assertThat(e.asOf()).isEqualTo(soon.toLocalDate());
            assertThat(e.ended()).isNotNull();
        });
        assertThat(RunScheduler.storedNextFireTimes(store)).containsEntry("monthly",
                monthly().nextAfter(ZonedDateTime.now(ZONE)).toInstant());
    }

    @Test
    void aFireMissedWhileTheServiceWasDownFiresOnceAtStartAndThenWaitsForItsNextTime() throws Exception {
        // The service armed its trigger, then was down when it came due (three days ago).
        RunScheduler before = scheduler(new RecordingRuns(0));
        before.armAt(monthly(), ZonedDateTime.now(ZONE).minusDays(3));
        before.close();
        assertThat(RunScheduler.storedNextFireTimes(store).get("monthly")).isBefore(java.time.Instant.now());

        RecordingRuns runs = new RecordingRuns(1);
        RunScheduler after = scheduler(runs);
        after.arm(List.of(monthly()));
        after.start();
        runs.await();
        Trigger trigger = after.quartz().getTrigger(RunScheduler.key(monthly()));
        after.close();

        assertThat(runs.calls).as("one fire for the missed time, as of today (the fire date)")
                .containsExactly("run monthly " + LocalDate.now(ZONE));
        assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(monthly().nextAfter(ZonedDateTime.now(ZONE)).toInstant());
        assertThat(new FireLog(store).newest(10)).hasSize(1);
    }

    @Test
    void twoSchedulesDueAtOnceNeverOverlapTheSecondWaitsForTheFirst() throws Exception {
        RecordingRuns runs = new RecordingRuns(2);
        RunScheduler scheduler = scheduler(runs);
        List<Trigger.TriggerState> seenByFirst = Collections.synchronizedList(new ArrayList<>());
        runs.answer = fire -> {
            if (runs.calls.size() == 1) {
                // The first fire holds on until Quartz has blocked the other, due meanwhile.
                String other = fire.schedule().equals("monthly") ? "quarterly" : "monthly";
                RunSchedule otherSchedule = other.equals("monthly") ? monthly() : quarterly();
                long until = System.nanoTime() + WAIT.toNanos();
                try {
                    Trigger.TriggerState state;
                    do {
                        state = scheduler.quartz().getTriggerState(RunScheduler.key(otherSchedule));
                        Thread.onSpinWait();
                    } while (state != Trigger.TriggerState.BLOCKED && System.nanoTime() < until);
                    seenByFirst.add(state);
                } catch (org.quartz.SchedulerException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new ScheduledRuns.FireResult(ScheduledRuns.Outcome.COMPLETED, 0, 1L, "");
        };
        scheduler.arm(List.of(monthly(), quarterly()));
        ZonedDateTime soon = ZonedDateTime.now(ZONE).plusNanos(200_000_000);
        scheduler.armAt(monthly(), soon);
        scheduler.armAt(quarterly(), soon);
        scheduler.start();
        runs.await();
        scheduler.close();

        assertThat(seenByFirst).containsExactly(Trigger.TriggerState.BLOCKED);
        assertThat(runs.mostAtOnce).hasValue(1);
        assertThat(runs.calls).containsExactlyInAnyOrder("run monthly " + soon.toLocalDate(),
                "run quarterly " + soon.toLocalDate());
        assertThat(runs.fires).extracting(ScheduledRuns.Fire::profile).containsExactlyInAnyOrder("monthly", "cio");
    }

    @Test
    void aFailedRunIsRecordedAsFailedAndRestartedByTheNextFireBeforeItsOwnRun() throws Exception {
        RecordingRuns first = new RecordingRuns(1);
        first.answer = f -> new ScheduledRuns.FireResult(ScheduledRuns.Outcome.FAILED, 1, 41L,
                "patchproof: run 41 ended FAILED: disk full");
        RunScheduler scheduler = scheduler(first);
        ZonedDateTime earlier = ZonedDateTime.now(ZONE).minusDays(3);
        scheduler.armAt(monthly(), earlier);
        scheduler.start();
        first.await();
        scheduler.close();
        FireLog log = new FireLog(store);
        assertThat(log.newest(10)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ScheduledRuns.Outcome.FAILED);
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.jobExecutionId()).isEqualTo(41L);
            assertThat(e.message()).contains("disk full");
        });
        LocalDate firstAsOf = log.newest(1).get(0).asOf();

        RecordingRuns next = new RecordingRuns(2);
        RunScheduler again = scheduler(next);
        again.armAt(monthly(), ZonedDateTime.now(ZONE).plusNanos(200_000_000));
        again.start();
        next.await();
        again.close();

        assertThat(next.calls).containsExactly("restart monthly " + firstAsOf, "run monthly " + LocalDate.now(ZONE));
        List<FireLog.Entry> entries = log.newest(10);
        assertThat(entries).extracting(FireLog.Entry::kind).containsExactly("run", "restart", "run");
        assertThat(entries.get(2).retried()).as("the failed fire is marked restarted").isTrue();
        assertThat(log.toRestart("monthly")).isEmpty();
    }

    @Test
    void quartzTablesAreCreatedOnceAndAStoreWithThemIsLeftAlone() {
        assertThat(QuartzTables.createIfAbsent(store, io.patchproof.store.StoreDialect.H2)).isTrue();
        assertThat(QuartzTables.createIfAbsent(store, io.patchproof.store.StoreDialect.H2)).isFalse();
        assertThat(RunScheduler.storedNextFireTimes(store)).isEmpty();
    }
}
