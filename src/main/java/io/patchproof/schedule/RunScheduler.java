package io.patchproof.schedule;

import io.patchproof.store.StoreDialect;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * The Quartz scheduler of {@code schedule}, its job store in the local store (Quartz's JDBC job
 * store on the store's own DataSource), so that triggers outlive the process.
 *
 * <p>Each schedule is one one-shot trigger, armed with the schedule's next fire time and re-armed
 * by {@link ScheduledRunJob} when it fires ({@link RunSchedule}: an offset in days is no cron
 * expression). A trigger whose time passed while the service was down is a misfire, and its
 * instruction is "fire now": it fires once when the scheduler starts, never once per missed time
 * (a one-shot trigger has only one). Triggers carry their schedule's value: a value changed in
 * the configuration re-arms its trigger from now (the missed fire of the old value is dropped,
 * and said so); an unchanged one keeps its stored time, missed or not.
 *
 * <p>Two worker threads, yet one fire at a time: every trigger fires the same job, which is
 * {@code @DisallowConcurrentExecution}. Not thread-safe for set-up ({@link #arm}, {@link #start});
 * {@link #close} may be called from any thread.
 */
public final class RunScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);

    static final String GROUP = "patchproof";
    static final JobKey JOB = JobKey.jobKey("scheduledRuns", GROUP);
    static final String NAME = "name";
    static final String PROFILE = "profile";
    static final String SPEC = "spec";

    /**
     * How often each node of a clustered scheduler records in the store that it is alive. A node
     * that has not done so for this long (plus a grace of 7.5 s, Quartz's own) is taken for dead
     * by the others: its fire in progress is fired again by a survivor ({@link ScheduledRunJob}
     * then restarts that fire's run), and its triggers fire there from then on.
     */
    static final java.time.Duration CLUSTER_CHECKIN = java.time.Duration.ofSeconds(15);

    /** How long {@link #close} waits for a fire in progress (within the 25 s a stop request is given). */
    static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(20);

    private final SchedulerFactoryBean factory;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final Clock clock;
    /** Fires executing now (0 or 1): {@link #close} waits for them itself, not through Quartz. */
    private int firing;

    private RunScheduler(SchedulerFactoryBean factory, ZoneId zone, Clock clock) {
        this.factory = factory;
        this.scheduler = factory.getObject();
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The scheduler on the local store, in standby; creates Quartz's tables and the fire log's
     * where they are missing. On a server database ({@link StoreDialect#shared()}) Quartz's job
     * store is clustered: see {@link #CLUSTER_CHECKIN}.
     */
    public static RunScheduler create(DataSource store, ScheduledRuns runs, ZoneId zone, Clock clock) {
        return create(store, runs, zone, clock, CLUSTER_CHECKIN);
    }

    /** As {@link #create(DataSource, ScheduledRuns, ZoneId, Clock)}, with the cluster's check-in interval. */
    static RunScheduler create(DataSource store, ScheduledRuns runs, ZoneId zone, Clock clock,
            java.time.Duration clusterCheckin) {
        StoreDialect dialect = StoreDialect.of(store);
        QuartzTables.createIfAbsent(store, dialect);
        FireLog fireLog = new FireLog(store);
        fireLog.createIfAbsent();
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setSchedulerName("patchproof");
        factory.setDataSource(store);
        factory.setAutoStartup(false);
        // close() waits for a fire in progress itself; Quartz's own wait also waits on its job store's
        // bookkeeping, which has been seen to outlast a stop request's grace period.
        factory.setWaitForJobsToCompleteOnShutdown(false);
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        quartz.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        quartz.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.quartzDelegate());
        if (dialect.shared()) {
            quartz.setProperty("org.quartz.jobStore.isClustered", "true");
            quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(clusterCheckin.toMillis()));
            // Each node takes the lock on the trigger rows before it acquires one, so that no two
            // nodes acquire the same trigger (Quartz's advice for clusters).
            quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        factory.setQuartzProperties(quartz);
        RunScheduler[] self = new RunScheduler[1];
        factory.setJobFactory((bundle, s) -> new ScheduledRunJob(runs, fireLog, self[0], clock));
        try {
            factory.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException("the scheduler could not be created on the local store: " + e.getMessage(), e);
        }
        self[0] = new RunScheduler(factory, zone, clock);
        try {
            // Clustered, a fire that a node was running when it died is fired again by a survivor
            // (requestRecovery). On one node the fire log covers it: the next fire restarts it.
            self[0].scheduler.addJob(JobBuilder.newJob(ScheduledRunJob.class).withIdentity(JOB).storeDurably()
                    .requestRecovery(dialect.shared()).withDescription("patchproof's scheduled runs").build(), true);
        } catch (SchedulerException e) {
            self[0].close();
            throw new IllegalStateException("the scheduler's job could not be stored in the local store: "
                    + e.getMessage(), e);
        }
        return self[0];
    }

    /** The zone the schedules are read in. */
    ZoneId zone() {
        return zone;
    }

    /**
     * Arms one trigger per schedule (those not given lose theirs: a schedule set to {@code off}).
     * A stored trigger of the same value keeps its time, so a time missed while the service was
     * down fires once at {@link #start}.
     */
    public void arm(List<RunSchedule> schedules) throws SchedulerException {
        Set<String> names = schedules.stream().map(RunSchedule::name).collect(Collectors.toSet());
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            if (!names.contains(key.getName())) {
                log.info("schedule {} is off: its trigger is removed", key.getName());
                scheduler.unscheduleJob(key);
            }
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        for (RunSchedule schedule : schedules) {
            Trigger stored = scheduler.getTrigger(key(schedule));
            if (stored != null && stored.getNextFireTime() != null
                    && schedule.spec().equals(stored.getJobDataMap().getString(SPEC))) {
                Instant next = stored.getNextFireTime().toInstant();
                if (next.isBefore(now.toInstant())) {
                    log.info("schedule {}: its fire of {} was missed while the service was down; it fires once now",
                            schedule.name(), ZonedDateTime.ofInstant(next, zone));
                }
                continue;
            }
            if (stored != null && stored.getNextFireTime() != null) {
                log.info("schedule {} changed from '{}' to '{}': armed from now on", schedule.name(),
                        stored.getJobDataMap().getString(SPEC), schedule.spec());
            }
            ZonedDateTime next = schedule.nextAfter(now);
            if (next == null) {
                log.info("schedule {}: '{}' has no fire time after now; nothing armed", schedule.name(), schedule.spec());
                continue;
            }
            armAt(schedule, next);
        }
    }

    /** Arms (or re-arms) a schedule's trigger for {@code at}; a time in the past is a misfire and fires once, now. */
    void armAt(RunSchedule schedule, ZonedDateTime at) throws SchedulerException {
        Trigger trigger = trigger(schedule, at);
        if (scheduler.checkExists(trigger.getKey())) {
            scheduler.rescheduleJob(trigger.getKey(), trigger);
        } else {
            scheduler.scheduleJob(trigger);
        }
        log.info("schedule {}: next fire {}", schedule.name(), at);
    }

    /** After a fire of {@code fireTime}: the schedule's next time after it (and after now). */
    void rearm(RunSchedule schedule, ZonedDateTime fireTime) throws SchedulerException {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        ZonedDateTime next = schedule.nextAfter(fireTime.isAfter(now) ? fireTime : now);
        if (next == null) {
            log.info("schedule {}: '{}' has no later fire time", schedule.name(), schedule.spec());
            return;
        }
        armAt(schedule, next);
    }

    public void start() throws SchedulerException {
        factory.start();
    }

    /** The next fire time of each armed schedule, by name. */
    public Map<String, ZonedDateTime> nextFireTimes() throws SchedulerException {
        Map<String, ZonedDateTime> times = new HashMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            Trigger t = scheduler.getTrigger(key);
            if (t != null && t.getNextFireTime() != null) {
                times.put(key.getName(), ZonedDateTime.ofInstant(t.getNextFireTime().toInstant(), zone));
            }
        }
        return times;
    }

    /** The underlying scheduler, for tests that look at trigger states. */
    Scheduler quartz() {
        return scheduler;
    }

    /** A fire's job begins ({@link ScheduledRunJob}). */
    synchronized void fireBegins() {
        firing++;
    }

    /** A fire's job has ended. */
    synchronized void fireEnds() {
        firing--;
        notifyAll();
    }

    /**
     * Stops the scheduler: no further fire begins, and a fire in progress is waited for, up to
     * {@link #CLOSE_WAIT} (its run having been asked to stop at its next commit, it ends soon).
     */
    @Override
    public void close() {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            log.error("the scheduler could not be put in standby", e);
        }
        synchronized (this) {
            long until = System.nanoTime() + CLOSE_WAIT.toNanos();
            try {
                while (firing > 0 && System.nanoTime() < until) {
                    wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (firing > 0) {
                log.warn("a fire was still in progress after {} s; the scheduler shuts down without it", CLOSE_WAIT.toSeconds());
            }
        }
        try {
            factory.destroy();
        } catch (SchedulerException e) {
            log.error("the scheduler did not shut down cleanly", e);
        }
    }

    /**
     * Stops this node the way a killed process stops, for tests of a cluster: Quartz no longer
     * checks in nor fires, a fire in progress is neither waited for nor recorded as ended.
     */
    void halt() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            log.error("the scheduler could not be halted", e);
        }
    }

    /**
     * The next fire time stored for each schedule, by name, read from the store without a
     * scheduler (for {@code status}); empty when {@code schedule} never ran on this store.
     */
    public static Map<String, Instant> storedNextFireTimes(DataSource store) {
        Map<String, Instant> times = new HashMap<>();
        if (!io.patchproof.store.StoreTables.exists(store, "QRTZ_TRIGGERS")) {
            return Map.of();
        }
        try {
            new JdbcTemplate(store).query("SELECT TRIGGER_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = ?",
                    rs -> {
                        long next = rs.getLong(2);
                        if (!rs.wasNull() && next > 0) {
                            times.put(rs.getString(1), Instant.ofEpochMilli(next));
                        }
                    }, GROUP);
        } catch (org.springframework.dao.DataAccessException noTables) {
            return Map.of();
        }
        return times;
    }

    static TriggerKey key(RunSchedule schedule) {
        return TriggerKey.triggerKey(schedule.name(), GROUP);
    }

    private static Trigger trigger(RunSchedule schedule, ZonedDateTime at) {
        JobDataMap data = new JobDataMap();
        data.put(NAME, schedule.name());
        data.put(PROFILE, schedule.profile());
        data.put(SPEC, schedule.spec());
        return TriggerBuilder.newTrigger().withIdentity(key(schedule)).forJob(JOB).usingJobData(data)
                .withDescription(schedule.describe()).startAt(Date.from(at.toInstant()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withRepeatCount(0)
                        .withMisfireHandlingInstructionFireNow())
                .build();
    }

    /** The schedule a trigger was armed for. */
    static RunSchedule scheduleOf(Trigger trigger, ZoneId zone) {
        JobDataMap data = trigger.getJobDataMap();
        String spec = data.getString(SPEC);
        return RunSchedule.parse(data.getString(NAME), data.getString(PROFILE), spec, spec, zone).orElseThrow();
    }
}
