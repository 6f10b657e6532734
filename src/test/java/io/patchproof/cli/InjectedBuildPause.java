package io.patchproof.cli;

import io.patchproof.job.StopRequests;
import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.SignallingStopRequests;
import java.util.concurrent.CountDownLatch;
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
        return new SignallingStopRequests(requests, stopRequested) {
            @Override
            public boolean requested() {
                if (!paused && buildingDemo()) {
                    paused = true;
                    System.out.println(ChildJvm.MARKER + " while building the demo site database");
                    System.out.flush();
                    awaitStop(stopRequested);
                }
                return super.requested();
            }
        };
    }

    private static boolean buildingDemo() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith("io.patchproof.demo.StoppableConnection")));
    }
}
