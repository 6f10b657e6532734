package io.patchproof.job;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only fault: with {@code patchproof.test.fail-after-chunks=N} the findings writer fails on
 * chunk N+1, after N chunks were committed. Lives in the test sources, so it is never in the jar;
 * inactive unless the property is set.
 */
@Component
@ConditionalOnProperty("patchproof.test.fail-after-chunks")
class InjectedFailure implements BeanPostProcessor {

    private final int failAfter;

    InjectedFailure(Environment environment) {
        this.failAfter = Integer.parseInt(environment.getRequiredProperty("patchproof.test.fail-after-chunks"));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FindingItemWriter writer && beanName.startsWith("scopedTarget.")) {
            AtomicInteger chunks = new AtomicInteger();
            FindingItemWriter delegate = writer.copy();
            return new FindingItemWriter(null, 0) {
                @Override
                public void write(Chunk<? extends ReconciledRow> chunk) {
                    if (chunks.incrementAndGet() > failAfter) {
                        throw new IllegalStateException("injected failure after " + failAfter + " chunks");
                    }
                    delegate.write(chunk);
                }
            };
        }
        return bean;
    }
}
