package io.patchproof.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job of every schedule: re-arms the fired trigger for the schedule's next fire time,
 * restarts the run of an earlier fire of the same schedule that failed or was stopped, then runs
 * this fire's profile as of its date. Each step is recorded in the {@link FireLog}; a run that
 * fails is recorded as failed (never swallowed) and restarted by the next fire.
 *
 * <p>{@link DisallowConcurrentExecution}: all schedules share this one job, so that no two fires
 * run at once; a trigger that comes due meanwhile waits (Quartz marks it BLOCKED) and fires once
 * the running fire has ended. The trigger is re-armed before the run, so that a crash during the
 * run loses no later fire.
 */
@DisallowConcurrentExecution
final class ScheduledRunJob implements org.quartz.Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRunJob.class);

    private final ScheduledRuns runs;
    private final FireLog fireLog;
    private final RunScheduler scheduler;
    private final Clock clock;

    ScheduledRunJob(ScheduledRuns runs, FireLog fireLog, RunScheduler scheduler, Clock clock) {
        this.runs = runs;
        this.fireLog = fireLog;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) throws org.quartz.JobExecutionException {
        scheduler.fireBegins();
        try {
            fire(context);
        } finally {
            scheduler.fireEnds();
        }
    }

    private void fire(JobExecutionContext context) {
        RunSchedule schedule = RunScheduler.scheduleOf(context.getTrigger(), scheduler.zone());
        ZonedDateTime fireTime = ZonedDateTime.ofInstant(context.getScheduledFireTime().toInstant(), schedule.zone());
        try {
            scheduler.rearm(schedule, fireTime);
        } catch (SchedulerException e) {
            log.error("schedule {}: the next fire could not be armed", schedule.name(), e);
        }
        java.util.Optional<FireLog.Entry> toRestart = fireLog.toRestart(schedule.name());
        if (context.isRecovering()) {
            // A clustered node died during this fire; a survivor fires it again. Its run is the
            // interrupted fire's (recorded without an end): restarted, not run a second time.
            log.info("schedule {}: the fire of {} was interrupted on a node that stopped; this node takes it over",
                    schedule.name(), fireTime);
            if (toRestart.isPresent()) {
                takeOver(schedule, toRestart.get());
                return;
            }
            if (fireLog.recorded(schedule.name(), fireTime.toInstant())) {
                log.info("schedule {}: the fire of {} had ended before its node stopped; nothing to take over",
                        schedule.name(), fireTime);
                return;
            }
        } else if (toRestart.isPresent()) {
            finish(schedule, toRestart.get());
        }
        ScheduledRuns.Fire fire = new ScheduledRuns.Fire(schedule.name(), schedule.profile(), fireTime,
                schedule.asOf(fireTime));
        log.info("schedule {}: fired for {} (profile {}, as-of {})", schedule.name(), fireTime, fire.profile(), fire.asOf());
        record("run", fire, () -> runs.run(fire));
    }

    /** Runs or restarts the run of an earlier fire that failed, was stopped, or was interrupted. */
    private void finish(RunSchedule schedule, FireLog.Entry earlier) {
        ScheduledRuns.Fire fire = new ScheduledRuns.Fire(earlier.schedule(), earlier.profile(),
                ZonedDateTime.ofInstant(earlier.fireTime(), schedule.zone()), earlier.asOf());
        log.info("schedule {}: the fire of {} (as-of {}) ended {}; {} it first", schedule.name(), earlier.fireTime(),
                earlier.asOf(), earlier.outcome() == null ? "without an end" : earlier.outcome(),
                earlier.jobExecutionId() == null ? "running" : "restarting");
        fireLog.retried(earlier.fireId());
        // A fire whose run never began (the service stopped first, or its start failed) is run, not restarted.
        if (earlier.jobExecutionId() == null) {
            record("run", fire, () -> runs.run(fire));
        } else {
            record("restart", fire, () -> runs.restart(fire));
        }
    }

    /**
     * The interrupted fire of a node Quartz found dead: its entry carries no job execution (the fire
     * log records it when the fire ends), so the run it left marked running is looked up by its
     * identity and restarted; run afresh where it never began.
     */
    private void takeOver(RunSchedule schedule, FireLog.Entry earlier) {
        ScheduledRuns.Fire fire = new ScheduledRuns.Fire(earlier.schedule(), earlier.profile(),
                ZonedDateTime.ofInstant(earlier.fireTime(), schedule.zone()), earlier.asOf());
        fireLog.retried(earlier.fireId());
        record("restart", fire, () -> runs.takeOver(fire));
    }

    private void record(String kind, ScheduledRuns.Fire fire, java.util.function.Supplier<ScheduledRuns.FireResult> action) {
        long id = fireLog.begin(kind, fire, Instant.now(clock));
        runs.changed();
        ScheduledRuns.FireResult result;
        try {
            // Stopping: this fire's run does not begin; the next fire runs it (its entry has no job execution).
            result = runs.stopping() ? new ScheduledRuns.FireResult(ScheduledRuns.Outcome.FAILED, 1, null,
                    "the service stopped before this " + kind + " began; the next fire of " + fire.schedule() + " runs it")
                    : action.get();
        } catch (RuntimeException e) {
            log.error("schedule {}: the {} failed", fire.schedule(), kind, e);
            result = new ScheduledRuns.FireResult(ScheduledRuns.Outcome.FAILED, 1, null, String.valueOf(e.getMessage()));
        }
        fireLog.end(id, result, Instant.now(clock));
        runs.changed();
        log.info("schedule {}: {} as-of {} ended {} (exit {}){}", fire.schedule(), kind, fire.asOf(), result.outcome(),
                result.exitCode(), result.message() == null || result.message().isBlank() ? "" : ": " + result.message().strip());
    }
}
