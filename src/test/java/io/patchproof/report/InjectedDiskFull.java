package io.patchproof.report;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only fault: with {@code patchproof.test.disk-full=OP:N} (for example {@code create:2}, the
 * workbook's temporary file, the CSV's being created first, or {@code move:3}, the manifest's
 * move) the N-th call of that publisher file-system operation fails with "No space left on
 * device", as a full disk would.
 * Lives in the test sources, so it is never in the jar; inactive unless the property is set.
 */
@Component
@ConditionalOnProperty("patchproof.test.disk-full")
class InjectedDiskFull implements BeanPostProcessor {

    private final String spec;

    InjectedDiskFull(Environment environment) {
        this.spec = environment.getRequiredProperty("patchproof.test.disk-full");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PublisherFileSystem fs) {
            return ForwardingFileSystem.atCall(fs, spec, (op, path) -> {
                throw FaultyFileSystem.diskFull(path);
            });
        }
        return bean;
    }
}
