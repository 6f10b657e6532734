package io.patchproof.report;

import io.patchproof.testsupport.ChildJvm;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only pause: with {@code patchproof.test.pause-while-publishing=OP:N} the publisher, before
 * the N-th call of that file-system operation, prints {@link ChildJvm#MARKER} and waits until the
 * process is killed: {@code move:1} when all three temporary files are written and forced to disk
 * and nothing is moved yet, {@code forceDirectory:1} when all three are in place. For child-JVM
 * tests only; never in the jar.
 */
@Component
@ConditionalOnProperty("patchproof.test.pause-while-publishing")
class InjectedPublishPause implements BeanPostProcessor {

    private final String spec;

    InjectedPublishPause(Environment environment) {
        this.spec = environment.getRequiredProperty("patchproof.test.pause-while-publishing");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PublisherFileSystem fs) {
            return ForwardingFileSystem.atCall(fs, spec, (op, path) -> {
                System.out.println(ChildJvm.MARKER + " before " + op + " " + path.getFileName());
                System.out.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("pause interrupted");
                }
            });
        }
        return bean;
    }
}
