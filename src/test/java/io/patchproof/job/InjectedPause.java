package io.patchproof.job;

import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.SignallingStopRequests;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only pause: with {@code patchproof.test.pause-after-chunks=N} the findings writer, given
 * chunk N+1 (so N chunks are committed), prints {@link ChildJvm#MARKER} and waits until a stop is
 * requested; then it writes that chunk, whose commit is where the run stops. Without a stop it
 * waits until the process is killed. For child-JVM tests only; never in the jar.
 */
@Component
@ConditionalOnProperty("patchproof.test.pause-after-chunks")
class InjectedPause implements BeanPostProcessor {

    private final int pauseAfter;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    InjectedPause(Environment environment) {
        this.pauseAfter = Integer.parseInt(environment.getRequiredProperty("patchproof.test.pause-after-chunks"));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FindingItemWriter writer && beanName.startsWith("scopedTarget.")) {
            AtomicInteger chunks = new AtomicInteger();
            FindingItemWriter delegate = writer.copy();
            return new FindingItemWriter(null, 0) {
                @Override
                public void write(Chunk<? extends ReconciledRow> chunk) {
                    if (chunks.incrementAndGet() == pauseAfter + 1) {
                        System.out.println(ChildJvm.MARKER + " after " + pauseAfter + " committed chunks");
                        System.out.flush();
                        SignallingStopRequests.awaitStop(stopRequested);
                    }
                    delegate.write(chunk);
                }
            };
        }
        if (bean instanceof StopRequests requests) {
            return new SignallingStopRequests(requests, stopRequested);
        }
        return bean;
    }
}
