package io.patchproof.cli;

import io.patchproof.job.StopRequests;
import io.patchproof.testsupport.ChildJvm;
import java.util.concurrent.CountDownLatch;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Test-only pause: with {@code patchproof.test.pause-while-building-demo=true} the demo build,
 * the first time it asks whether a stop was requested (its database is open and half written
 * then), prints {@link ChildJvm#MARKER} and waits until a stop is requested. For child-JVM tests
 * only; never in the jar.
 */
@Component
@ConditionalOnProperty("patchproof.test.pause-while-building-demo")
class InjectedBuildPause implements BeanPostProcessor {

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean paused;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof StopRequests requests)) {
            return bean;
        }
        return new StopRequests(null, null) {
            @Override
            public void request() {
                requests.request();
                stopRequested.countDown();
            }

            @Override
            public boolean requested() {
                if (!paused && buildingDemo()) {
                    paused = true;
                    System.out.println(ChildJvm.MARKER + " while building the demo site database");
                    System.out.flush();
                    try {
                        stopRequested.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("pause interrupted", e);
                    }
                }
                return requests.requested();
            }

            @Override
            public void beforeJob(JobExecution jobExecution) {
                requests.beforeJob(jobExecution);
            }

            @Override
            public void afterJob(JobExecution jobExecution) {
                requests.afterJob(jobExecution);
            }
        };
    }

    private static boolean buildingDemo() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith("io.patchproof.demo.StoppableConnection")));
    }
}
