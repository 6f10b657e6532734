package io.patchproof.job;

import io.patchproof.testsupport.SourceTap;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only: with {@code patchproof.test.source-tap=<id>} the site database a run opens is
 * wrapped by the {@link SourceTap} registered under that id, which records every statement and
 * injects the faults the test asked for. Lives in the test sources, so it is never in the jar;
 * inactive unless the property is set.
 */
@Component
@ConditionalOnProperty(SourceTap.PROPERTY)
class SourceTapHook implements BeanPostProcessor {

    private final SourceTap tap;

    SourceTapHook(Environment environment) {
        this.tap = SourceTap.byId(environment.getRequiredProperty(SourceTap.PROPERTY));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SourceConnector && !(bean instanceof Tapped)) {
            return new Tapped(tap);
        }
        return bean;
    }

    /** A connector whose pool is seen through the tap. */
    private static final class Tapped extends SourceConnector {

        private final SourceTap tap;

        Tapped(SourceTap tap) {
            this.tap = tap;
        }

        @Override
        protected DataSource decorate(DataSource pool) {
            return tap.wrap(pool);
        }
    }
}
