package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.ExemptionRegister;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.report.PublisherFileSystem;
import io.patchproof.report.ReportPublisher;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reconciliation job: extract → reconcile → publish → history. Spring Batch wiring only; the
 * work lives in the source, reconcile, report and history packages.
 *
 * <p>Job and step names are stored in the job repository: renaming one breaks restarts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatchproofProperties.class)
public class ReconciliationJobConfiguration {

    public static final String JOB_NAME = "reconciliationJob";
    private static final Logger log = LoggerFactory.getLogger(ReconciliationJobConfiguration.class);

    @Bean
    RunStore runStore(DataSource dataSource, PatchproofProperties properties) {
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource("store/schema.sql"));
        populator.execute(dataSource);
        return new RunStore(dataSource, properties.source().useProductType());
    }

    /** The file system the publisher writes through: a bean, so that a test can inject a fault into it. */
    @Bean
    PublisherFileSystem publisherFileSystem() {
        return PublisherFileSystem.NIO;
    }

    @Bean
    ReportPublisher reportPublisher(PublisherFileSystem publisherFileSystem) {
        return new ReportPublisher(publisherFileSystem);
    }

    @Bean
    StopRequests stopRequests(ObjectProvider<Job> job, JobRepository jobRepository) {
        return new StopRequests(job::getObject, jobRepository);
    }

    @Bean(destroyMethod = "close")
    SourceConnector sourceConnector() {
        return new SourceConnector();
    }

    @Bean
    RunContext runContext(PatchproofProperties properties) {
        return new RunContext(properties);
    }

    @Bean
    Job reconciliationJob(JobRepository jobRepository, Step extractStep, Step reconcileStep, Step publishStep,
            Step historyStep, StopRequests stopRequests) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(stopRequests)
                .start(extractStep)
                .next(reconcileStep)
                .next(publishStep)
                .next(historyStep)
                .build();
    }

    @Bean
    Step extractStep(JobRepository jobRepository, PlatformTransactionManager tm, RunStore store, DataSource dataSource,
            SourceConnector connector) {
        return new StepBuilder("extractStep", jobRepository)
                .tasklet(new ExtractTasklet(store, dataSource, connector), tm)
                .build();
    }

    @Bean
    Step reconcileStep(JobRepository jobRepository, PlatformTransactionManager tm, PatchproofProperties properties,
            JdbcCursorItemReader<ComplianceFacts> complianceReader, ReconcileItemProcessor reconcileProcessor,
            FindingItemWriter findingWriter) {
        return new StepBuilder("reconcileStep", jobRepository)
                .<ComplianceFacts, Finding>chunk(properties.rules().chunkSize())
                .transactionManager(tm)
                .reader(complianceReader)
                .processor(reconcileProcessor)
                .writer(findingWriter)
                .listener(new StepExecutionListener() {
                    @Override
                    public org.springframework.batch.core.ExitStatus afterStep(StepExecution se) {
                        double seconds = java.time.Duration.between(se.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0;
                        log.info("reconcile: {} rows, {} findings written, {} commits in {} s", se.getReadCount(),
                                se.getWriteCount(), se.getCommitCount(), String.format("%.2f", seconds));
                        return se.getExitStatus();
                    }
                })
                .build();
    }

    /**
     * Reads the compliance snapshot in its stored order. Restartable by count: the snapshot never
     * changes after the extract, so the order is identical on restart.
     */
    @Bean
    @StepScope
    JdbcCursorItemReader<ComplianceFacts> complianceReader(@Value("#{stepExecution}") StepExecution stepExecution,
            DataSource dataSource, RunStore store) {
        long snapshot = store.requireSnapshot(stepExecution.getJobExecution().getJobInstanceId());
        return new JdbcCursorItemReaderBuilder<ComplianceFacts>()
                .name("complianceReader")
                .dataSource(dataSource)
                .sql("SELECT seq, resourceId, ciId, status, lastStatusChangeTime, enforcementState, enforcementTime,"
                        + " lastErrorCode, qfeInstalledOn FROM pp_snap_compliance WHERE snapshot_id = ? ORDER BY seq")
                .queryArguments(snapshot)
                .fetchSize(1000)
                .rowMapper((rs, n) -> new ComplianceFacts(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        RunStore.instant(rs, "lastStatusChangeTime"), (Integer) rs.getObject(6),
                        RunStore.instant(rs, "enforcementTime"), (Integer) rs.getObject(8), rs.getString(9)))
                .build();
    }

    @Bean
    @StepScope
    ReconcileItemProcessor reconcileProcessor(@Value("#{stepExecution}") StepExecution stepExecution, RunStore store,
            RunContext context) {
        long snapshot = store.requireSnapshot(stepExecution.getJobExecution().getJobInstanceId());
        Reconciler reconciler = new Reconciler(context.rules(RunParameters.of(stepExecution.getJobParameters()).asOf()),
                ExemptionRegister.NONE);
        return new ReconcileItemProcessor(reconciler, store.hosts(snapshot), store.updates(snapshot),
                store.duplicatePairs(snapshot));
    }

    @Bean
    @StepScope
    FindingItemWriter findingWriter(@Value("#{stepExecution}") StepExecution stepExecution, RunStore store) {
        return new FindingItemWriter(store, stepExecution.getJobExecution().getJobInstanceId());
    }

    @Bean
    Step publishStep(JobRepository jobRepository, PlatformTransactionManager tm, PublishTasklet publishTasklet) {
        return new StepBuilder("publishStep", jobRepository).tasklet(publishTasklet, tm).build();
    }

    @Bean
    Step historyStep(JobRepository jobRepository, PlatformTransactionManager tm, HistoryTasklet historyTasklet) {
        return new StepBuilder("historyStep", jobRepository).tasklet(historyTasklet, tm).build();
    }

    static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
