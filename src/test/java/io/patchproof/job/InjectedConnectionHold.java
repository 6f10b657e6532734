package io.patchproof.job;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test-only worst case for the store's pool: with {@code patchproof.test.hold-connections=true}
 * each reconcile partition that runs at once (as many as the step lets run together, see
 * {@link ReconcileStepListener}) holds its first chunk's transaction open, and so its store
 * connection, until all of them hold theirs; then a stop is requested from another thread, as
 * SIGTERM requests it, which needs a connection of its own; then they all commit and stop.
 *
 * <p>If the pool cannot serve that many partitions and a stop at once, the partitions wait for a
 * connection until {@link #GUARD} and the run fails: the wait is a guard against a hang, never
 * reached when the pool suffices. {@link #held()} tells how many partitions held a connection at
 * once in the last run. For in-process tests only; never in the jar.
 */
@Component
@ConditionalOnProperty("patchproof.test.hold-connections")
class InjectedConnectionHold implements BeanPostProcessor {

    static final long GUARD = TimeUnit.MINUTES.toMillis(2);
    private static volatile int held;

    private final ObjectProvider<StopRequests> stopRequests;
    private final AtomicInteger arrived = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private int parties;

    InjectedConnectionHold(ObjectProvider<StopRequests> stopRequests) {
        this.stopRequests = stopRequests;
        held = 0;
    }

    /** How many partitions held their store connection at the same time in the last run. */
    static int held() {
        return held;
    }

    /** The partitions that run at once, as the reconcile step set them before its partitions started. */
    private synchronized int parties() {
        if (parties == 0) {
            StepExecution worker = StepSynchronizationManager.getContext().getStepExecution();
            parties = worker.getJobExecution().getStepExecutions().stream()
                    .filter(s -> s.getStepName().equals("reconcileStep")).reduce((a, b) -> b).orElseThrow()
                    .getExecutionContext().getInt(ReconcileStepListener.THREADS);
        }
        return parties;
    }

    private void firstChunk() {
        int n = arrived.incrementAndGet();
        int all = parties();
        if (n > all) {
            return; // a partition that began once the others had stopped
        }
        if (n == all) {
            held = n;
            Thread signal = new Thread(() -> stopRequests.getObject().request(), "test-sigterm");
            signal.start();
            try {
                signal.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            released.countDown();
            return;
        }
        try {
            if (!released.await(GUARD, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("only " + arrived.get() + " of " + all
                        + " partitions could hold a store connection at once");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FindingItemWriter writer && beanName.startsWith("scopedTarget.")) {
            FindingItemWriter delegate = writer.copy();
            return new FindingItemWriter(null, 0) {
                private boolean first = true;

                @Override
                public void write(Chunk<? extends ReconciledRow> chunk) {
                    if (first) {
                        first = false;
                        firstChunk();
                    }
                    delegate.write(chunk);
                }
            };
        }
        return bean;
    }
}
