package io.patchproof.job;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The local store's connection pool and the reconcile step's threads, sized together.
 *
 * <p>A reconcile partition holds one store connection at a time (its chunk transaction: the page
 * it reads, the rows it stages and its restart position all go through it). Besides the
 * partitions, {@value #RESERVED} connections must stay free: one for the job's own updates and one
 * for a stop request (SIGTERM), which reads and marks the execution in the job repository. So no
 * more than {@code pool - }{@value #RESERVED} partitions run at once ({@link #threads}); the others
 * wait for a thread, not for a connection. With more threads than that, partitions waited for
 * connections for minutes (30 s time-outs, again and again) and a stop request waited with them.
 *
 * <p>Unless {@code spring.datasource.hikari.maximum-pool-size} is set, the pool is sized at start-up
 * for the partitions this process would run ({@link #defaultSize}): one per processor or
 * {@code patchproof.rules.partitions}, whichever is more. A restart that keeps more partitions
 * than that (recorded by a run started elsewhere) runs them on fewer threads.
 */
final class StorePool {

    private static final Logger log = LoggerFactory.getLogger(StorePool.class);

    /** Connections kept free of partitions: the job's own updates and a stop request. */
    static final int RESERVED = 2;
    /** The smallest pool sized here (Hikari's own default). */
    static final int MINIMUM = 10;
    static final String POOL_SIZE_PROPERTY = "spring.datasource.hikari.maximum-pool-size";

    private StorePool() {
    }

    /** How many of a step's partitions may run at once with a pool of {@code poolSize} connections (at least one). */
    static int threads(int partitions, int poolSize) {
        return Math.max(1, Math.min(partitions, poolSize - RESERVED));
    }

    /** The pool for {@code configuredPartitions} (0 = one per processor) on {@code processors} processors. */
    static int defaultSize(int configuredPartitions, int processors) {
        return Math.max(MINIMUM, Math.max(configuredPartitions, processors) + RESERVED);
    }

    /** The store pool's maximum size; {@link Integer#MAX_VALUE} when the store is not a Hikari pool (no known bound). */
    static int maximumSize(DataSource dataSource) {
        try {
            if (dataSource instanceof HikariDataSource hikari) {
                return hikari.getMaximumPoolSize();
            }
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
            }
        } catch (SQLException e) {
            log.debug("cannot tell the store pool's size", e);
        }
        return Integer.MAX_VALUE;
    }

    /** Sizes a Hikari pool whose size is not configured ({@link #defaultSize}). */
    static BeanPostProcessor sizing(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari) {
                    Binder binder = Binder.get(environment);
                    if (!binder.bind(POOL_SIZE_PROPERTY, Integer.class).isBound()) {
                        int partitions = binder.bind("patchproof.rules.partitions", Integer.class).orElse(0);
                        hikari.setMaximumPoolSize(defaultSize(partitions, Runtime.getRuntime().availableProcessors()));
                    }
                }
                return bean;
            }
        };
    }
}
