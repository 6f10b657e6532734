package io.patchproof.schedule;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * What a fire does: the command line's own {@code run} and {@code restart}, with the fire's
 * profile and as-of date. Implemented by the command line, so that a scheduled run is the same
 * run as {@code run} (identity, refusals, exit codes). Called on a Quartz thread, one fire at a time.
 */
public interface ScheduledRuns {

    /** Runs {@code fire}'s profile as of its date; never throws for a run that fails or is refused. */
    FireResult run(Fire fire);

    /** Restarts the failed or stopped run of an earlier fire (same profile and as-of date). */
    FireResult restart(Fire earlier);

    /**
     * Takes over the run of a fire that a stopped cluster node began: Quartz found that node dead
     * (it stopped checking in) and recovered its fire here, so the run it left marked running is
     * restarted without waiting for the live-node guard of a manual {@code restart}; a fire whose
     * run never began is run.
     */
    default FireResult takeOver(Fire earlier) {
        return restart(earlier);
    }

    /** A fire has begun or ended, and is recorded (the service may publish its status). */
    default void changed() {
    }

    /** True once the service is asked to stop: a fire that has not begun its run does not begin it. */
    default boolean stopping() {
        return false;
    }

    /**
     * One fire of a schedule.
     *
     * @param schedule the schedule's name ({@code monthly}, {@code quarterly})
     * @param profile  the report profile
     * @param fireTime when it fired (its scheduled time)
     * @param asOf     the run's as-of date: the fire's local date
     */
    record Fire(String schedule, String profile, ZonedDateTime fireTime, LocalDate asOf) {
    }

    /** How a fire ended. */
    enum Outcome {
        /** The run completed (exit 0, 3 or 5). */
        COMPLETED,
        /** This identity had already completed (exit 4): nothing to do, not an error. */
        ALREADY_DONE,
        /** Refused before the run started (exit 2): a configuration the fire cannot change. */
        REFUSED,
        /** The run failed or was stopped (exit 1): the next fire restarts it. */
        FAILED
    }

    /**
     * @param outcome        how it ended
     * @param exitCode       the exit code {@code run} would have ended with
     * @param jobExecutionId the job execution it ran, or null when none started
     * @param message        why, for a fire that did not complete (the command's own lines); may be empty
     */
    record FireResult(Outcome outcome, int exitCode, Long jobExecutionId, String message) {
    }
}
