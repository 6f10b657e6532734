package io.patchproof.testsupport;

import io.patchproof.job.StopRequests;
import java.util.concurrent.CountDownLatch;
import org.springframework.batch.core.job.JobExecution;

/**
 * The application's {@link StopRequests}, forwarded, that also counts a latch down when a stop is
 * requested: what the test hooks that pause a child JVM (until its SIGTERM arrives) wait on.
 */
public class SignallingStopRequests extends StopRequests {

    private final StopRequests delegate;
    private final CountDownLatch stopRequested;

    public SignallingStopRequests(StopRequests delegate, CountDownLatch stopRequested) {
        super(null, null);
        this.delegate = delegate;
        this.stopRequested = stopRequested;
    }

    /** Waits until a stop is requested; an interrupted wait fails the paused step. */
    public static void awaitStop(CountDownLatch stopRequested) {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("pause interrupted", e);
        }
    }

    @Override
    public void request() {
        delegate.request();
        stopRequested.countDown();
    }

    @Override
    public boolean requested() {
        return delegate.requested();
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        delegate.beforeJob(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        delegate.afterJob(jobExecution);
    }
}
