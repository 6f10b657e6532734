package io.patchproof.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stop requests of a stoppable tasklet ({@link StopRequests}): set from the stopping thread,
 * taken by the running step at its next table or sheet. Thread-safe.
 */
final class StopFlags {

    private final Set<Long> requested = ConcurrentHashMap.newKeySet();
    private volatile Long running;

    /** The step of this job execution has begun on this tasklet. */
    void running(long jobExecutionId) {
        running = jobExecutionId;
    }

    void request(long jobExecutionId) {
        requested.add(jobExecutionId);
    }

    /** Asks the execution this tasklet is running, if any, to stop (one run at a time per process). */
    void requestRunning() {
        Long execution = running;
        if (execution != null) {
            requested.add(execution);
        }
    }

    /** True (once) when a stop of that execution was requested. */
    boolean take(long jobExecutionId) {
        return requested.remove(jobExecutionId);
    }
}
