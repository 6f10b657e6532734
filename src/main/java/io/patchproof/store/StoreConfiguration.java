package io.patchproof.store;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local store's settings ({@link StoreProperties}, {@code patchproof.store.*}), and Spring
 * Batch's job repository tables in it, created the first time a store is opened and never again.
 *
 * <p>Boot's own initializer ({@code spring.batch.jdbc.initialize-schema=always}) runs Batch's DDL
 * at every start and ignores the errors; that DDL has no {@code IF NOT EXISTS}, so each start
 * after the first failed nine statements with "already exists", and H2 wrote every one of them,
 * with its stack trace, to the store's {@code .trace.db} file beside it, which grew with each
 * command. This initializer takes the place of Boot's (same type, so Boot's backs off, and the
 * job repository still waits for it) and runs the DDL only when the job instance table is absent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

    /** Compacts an embedded store as it closes when a command deleted a snapshot ({@link StoreCompaction}). */
    @Bean(destroyMethod = "close")
    StoreCompaction storeCompaction(DataSource dataSource) {
        return new StoreCompaction(dataSource);
    }

    @Bean
    BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
            BatchJdbcProperties properties) {
        return new CreateIfAbsent(dataSource, properties);
    }

    /** Runs Batch's schema script unless {@code <prefix>JOB_INSTANCE} exists. */
    static final class CreateIfAbsent extends BatchDataSourceScriptDatabaseInitializer {

        private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

        private final String table;

        CreateIfAbsent(DataSource dataSource, BatchJdbcProperties properties) {
            super(dataSource, properties);
            String prefix = properties.getTablePrefix() == null ? "BATCH_" : properties.getTablePrefix();
            // A prefix may name a schema (OTHER.BATCH_); the metadata is asked for the table name alone.
            this.table = prefix.substring(prefix.lastIndexOf('.') + 1) + "JOB_INSTANCE";
        }

        @Override
        protected void runScripts(Scripts scripts) {
            if (StoreTables.exists(getDataSource(), table)) {
                return;
            }
            super.runScripts(scripts);
            log.info("created the job repository's tables ({}*) in the local store", table.replace("JOB_INSTANCE", ""));
        }
    }
}
