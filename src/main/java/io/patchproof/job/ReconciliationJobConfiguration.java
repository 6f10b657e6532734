package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.report.PoiTempFolder;
import io.patchproof.report.PublisherFileSystem;
import io.patchproof.report.ReportPublisher;
import io.patchproof.source.ExtractRetry;
import io.patchproof.store.StoreSchema;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reconciliation job: extract → reconcile → publish → history. Spring Batch wiring only; the
 * work lives in the source, reconcile, report and history packages.
 *
 * <p>Job and step names are stored in the job repository: renaming one breaks restarts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PatchproofProperties.class, SigningProperties.class})
public class ReconciliationJobConfiguration {

    public static final String JOB_NAME = "reconciliationJob";

    /**
     * The local store, its schema brought to this release's store version first ({@link StoreSchema});
     * a store written by a later release is refused as a configuration error (exit 2).
     */
    @Bean
    RunStore runStore(DataSource dataSource, PatchproofProperties properties) {
        try {
            StoreSchema.upgrade(dataSource);
        } catch (StoreSchema.StoreVersionException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return new RunStore(dataSource, properties.source().useProductType(), properties.source().sms2003());
    }

    /**
     * POI's temporary files in a folder of this store's own, emptied now of what a killed run left
     * there ({@link PoiTempFolder}), and removed when the process ends; after the store is brought
     * up to date, which the tag needs.
     */
    @Bean(destroyMethod = "close")
    PoiTempFolder poiTempFolder(RunStore runStore) {
        return PoiTempFolder.claim(Path.of(System.getProperty("java.io.tmpdir")), StoreTag.of(runStore.jdbc().getDataSource()));
    }

    /** The file system the publisher writes through: a bean, so that a test can inject a fault into it. */
    @Bean
    PublisherFileSystem publisherFileSystem() {
        return PublisherFileSystem.NIO;
    }

    /** Signing with patchproof.signing.* where a keystore is given; the key is opened by each publish. */
    @Bean
    ReportPublisher reportPublisher(PublisherFileSystem publisherFileSystem, SigningProperties signing) {
        return new ReportPublisher(publisherFileSystem).signedWith(signing.signing());
    }

    @Bean
    StopRequests stopRequests(ObjectProvider<Job> job, JobRepository jobRepository) {
        return new StopRequests(job::getObject, jobRepository);
    }

    @Bean(destroyMethod = "close")
    SourceConnector sourceConnector() {
        return new SourceConnector();
    }

    /** How far the step in progress has got: live on a terminal, an INFO line every 10 s elsewhere. */
    @Bean
    RunProgress runProgress() {
        return RunProgress.forConsole();
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
            SourceConnector connector, PatchproofProperties properties, RunProgress progress) {
        return new StepBuilder("extractStep", jobRepository)
                .tasklet(new ExtractTasklet(store, dataSource, connector, properties.source().retry(),
                        ExtractRetry.Sleeper.THREAD, properties.maxAsOfLag(), properties.rules().unknownOffsetWindow(),
                        progress, demo -> RunExceptions.load(properties, demo)), tm)
                .build();
    }

    /**
     * Sizes the local store's pool for the reconcile partitions this process would run, unless
     * {@code spring.datasource.hikari.maximum-pool-size} is set ({@link StorePool}). Static: a
     * post-processor is created before the configuration's other beans.
     */
    @Bean
    static BeanPostProcessor storePoolSizing(Environment environment) {
        return StorePool.sizing(environment);
    }

    /**
     * Step 2: the rules over the snapshot, partitioned into ranges of the snapshot's sequence
     * numbers ({@link SnapshotRangePartitioner}) that run on their own threads when the snapshot is
     * large enough to pay for them; each partition commits its own chunks and restarts from its own
     * last commit. Findings are keyed by the row's sequence number, so the partitioning changes no
     * finding and no output file. The number of partitions is decided once per run and kept by
     * every restart; no more of them run at once than the store's pool can serve
     * ({@link ReconcileStepListener}).
     */
    @Bean
    Step reconcileStep(JobRepository jobRepository, PatchproofProperties properties, RunStore store,
            Partitioner reconcilePartitioner, Step reconcileWorkerStep, ReconcileInputs inputs, DataSource dataSource,
            RunContext context, RunProgress progress) {
        // How many partitions run at once is set before they start (ReconcileStepListener).
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("reconcile-");
        return new StepBuilder("reconcileStep", jobRepository)
                .partitioner("reconcileWorkerStep", reconcilePartitioner)
                .step(reconcileWorkerStep)
                .taskExecutor(executor)
                .listener(new ReconcileStepListener(store, properties, inputs, jobRepository, dataSource, executor,
                        "reconcileWorkerStep", context, progress))
                .build();
    }

    /** Splits the step into the run's recorded number of partitions (recorded by {@link ReconcileStepListener}). */
    @Bean
    @StepScope
    Partitioner reconcilePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, RunStore store) {
        long instance = stepExecution.getJobExecution().getJobInstanceId();
        long[] range = store.complianceSeqRange(store.requireSnapshot(instance));
        Integer partitions = store.reconcilePartitions(instance);
        if (partitions == null) {
            throw new IllegalStateException("job instance " + instance + " has no recorded reconcile partitions");
        }
        return new SnapshotRangePartitioner(range[0], range[1], partitions);
    }

    @Bean
    ReconcileInputs reconcileInputs(RunStore store) {
        return new ReconcileInputs(store);
    }

    @Bean
    Step reconcileWorkerStep(JobRepository jobRepository, PlatformTransactionManager tm, PatchproofProperties properties,
            ComplianceRangeReader complianceReader, ReconcileItemProcessor reconcileProcessor,
            FindingItemWriter findingWriter, RunProgress progress) {
        return new StepBuilder("reconcileWorkerStep", jobRepository)
                .<SnapshotComplianceRow, ReconciledRow>chunk(properties.rules().chunkSize())
                .transactionManager(tm)
                .reader(complianceReader)
                .processor(reconcileProcessor)
                .writer(findingWriter)
                .listener(new ItemWriteListener<ReconciledRow>() {
                    @Override
                    public void afterWrite(Chunk<? extends ReconciledRow> items) {
                        progress.add(items.size());
                    }
                })
                .build();
    }

    /**
     * Reads one partition of the compliance snapshot in its stored order (see {@link ComplianceRangeReader}).
     * This and the partition's other step-scoped beans query nothing while they are created (see
     * {@link ReconcileInputs}).
     */
    @Bean
    @StepScope
    ComplianceRangeReader complianceReader(@Value("#{stepExecution}") StepExecution stepExecution, RunStore store,
            PatchproofProperties properties, ReconcileInputs inputs) {
        long snapshot = inputs.loaded().snapshotId();
        ExecutionContext partition = stepExecution.getExecutionContext();
        return new ComplianceRangeReader(store.jdbc(), snapshot, partition.getLong(SnapshotRangePartitioner.FIRST_SEQ),
                partition.getLong(SnapshotRangePartitioner.LAST_SEQ), properties.rules().chunkSize());
    }

    @Bean
    @StepScope
    ReconcileItemProcessor reconcileProcessor(@Value("#{stepExecution}") StepExecution stepExecution, RunContext context,
            ReconcileInputs inputs) {
        ReconcileInputs.Facts facts = inputs.loaded();
        return ReconcileItemProcessor.of(context, facts.rules(), facts.hosts(),
                facts.updates(), facts.duplicates(), facts.exemptions(), false);
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
        return new StepBuilder("historyStep", jobRepository).tasklet(historyTasklet, tm).listener(historyTasklet).build();
    }

    static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
