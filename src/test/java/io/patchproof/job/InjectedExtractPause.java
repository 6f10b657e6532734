package io.patchproof.job;

import io.patchproof.testsupport.ChildJvm;
import io.patchproof.testsupport.SignallingStopRequests;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only pause in the extract: with {@code patchproof.test.pause-during-extract=N} the extract,
 * as it begins to read its N-th table, prints {@link ChildJvm#MARKER} and waits until a stop is
 * requested (SIGTERM). It then also waits until H2's own shutdown hook, if one was registered (an
 * embedded H2 database opened without {@code DB_CLOSE_ON_EXIT=FALSE}), has closed its databases,
 * so that what that hook does to the source is seen every time, not only when it wins a race; and
 * then reads the table. Without a stop it waits until the process is killed. For child-JVM tests
 * only; never in the jar.
 */
@Component
@ConditionalOnProperty("patchproof.test.pause-during-extract")
class InjectedExtractPause implements BeanPostProcessor {

    private final int pauseAt;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    InjectedExtractPause(Environment environment) {
        this.pauseAt = Integer.parseInt(environment.getRequiredProperty("patchproof.test.pause-during-extract"));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SourceConnector) {
            AtomicInteger tables = new AtomicInteger();
            return new SourceConnector() {
                @Override
                public synchronized DataSource dataSource() {
                    if (tables.incrementAndGet() == pauseAt) {
                        System.out.println(ChildJvm.MARKER + " before table " + pauseAt + " of the extract");
                        System.out.flush();
                        SignallingStopRequests.awaitStop(stopRequested);
                        try {
                            awaitH2ShutdownHook();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("pause interrupted", e);
                        }
                    }
                    return super.dataSource();
                }
            };
        }
        if (bean instanceof StopRequests requests) {
            return new SignallingStopRequests(requests, stopRequested);
        }
        return bean;
    }

    /**
     * Waits, once the JVM is shutting down, for the shutdown hook H2 registers while an embedded
     * database with DB_CLOSE_ON_EXIT (H2's default) is open ({@code org.h2.engine.OnExitDatabaseCloser})
     * to have run. Returns at once when none is registered. H2 keeps the hook in private static
     * fields: read here by reflection, test-only.
     */
    private static void awaitH2ShutdownHook() throws InterruptedException {
        try {
            Class<?> closer = Class.forName("org.h2.engine.OnExitDatabaseCloser");
            Field registered = closer.getDeclaredField("registered");
            Field terminated = closer.getDeclaredField("terminated");
            Field instance = closer.getDeclaredField("INSTANCE");
            registered.setAccessible(true);
            terminated.setAccessible(true);
            instance.setAccessible(true);
            boolean hooked;
            synchronized (closer) {
                hooked = registered.getBoolean(null) || terminated.getBoolean(null);
            }
            if (!hooked) {
                return;
            }
            // The JVM starts every shutdown hook at once; wait until H2's has begun, then until it ends.
            while (true) {
                synchronized (closer) {
                    if (terminated.getBoolean(null)) {
                        break;
                    }
                }
                Thread.sleep(10);
            }
            ((Thread) instance.get(null)).join();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2's shutdown hook is not where this test looks for it", e);
        }
    }
}
