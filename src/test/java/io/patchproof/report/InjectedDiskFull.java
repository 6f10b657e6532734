package io.patchproof.report;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only fault: with {@code patchproof.test.disk-full=OP:N} (for example {@code create:2}, the
 * findings CSV's temporary file, or {@code move:3}, the manifest's move) the N-th call of that
 * publisher file-system operation fails with "No space left on device", as a full disk would.
 * Lives in the test sources, so it is never in the jar; inactive unless the property is set.
 */
@Component
@ConditionalOnProperty("patchproof.test.disk-full")
class InjectedDiskFull implements BeanPostProcessor {

    private final String op;
    private final int at;

    InjectedDiskFull(Environment environment) {
        String[] spec = environment.getRequiredProperty("patchproof.test.disk-full").split(":");
        this.op = spec[0];
        this.at = Integer.parseInt(spec[1]);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof PublisherFileSystem fs) {
            return new ForwardingFileSystem(fs) {
                @Override
                void before(String operation, int count, Path path) throws IOException {
                    if (operation.equals(op) && count == at) {
                        throw FaultyFileSystem.diskFull(path);
                    }
                }
            };
        }
        return bean;
    }
}
