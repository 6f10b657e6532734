package io.patchproof.job;

import io.patchproof.reconcile.RuleSettings;
import java.time.Duration;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Prepares the partitioned reconcile step before any partition starts, and sums it up after.
 *
 * <p>Before: checks or records the settings that decide a finding ({@link FindingSettings}),
 * creates the run's sheet table, decides the number of partitions once per run and records it
 * ({@link RunStore#reconcilePartitions}; a restart keeps the recorded number, whatever its own
 * {@code patchproof.rules.partitions} or processor count), loads the snapshot's hosts and updates
 * ({@link ReconcileInputs}), and lets no more partitions run at once than the store's pool can
 * serve ({@link StorePool#threads}).
 *
 * <p>Runs on the step's own thread, before and after its partitions; not thread-safe, one step at
 * a time.
 */
class ReconcileStepListener implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReconcileStepListener.class);
    /** The key of the step's execution context under which it keeps how many partitions run at once. */
    static final String THREADS = "reconcile.threads";

    private final RunStore store;
    private final PatchproofProperties properties;
    private final ReconcileInputs inputs;
    private final JobRepository jobRepository;
    private final DataSource storeDataSource;
    private final SimpleAsyncTaskExecutor executor;
    private final String workerStep;
    private final RunContext context;
    private final RunProgress progress;

    ReconcileStepListener(RunStore store, PatchproofProperties properties, ReconcileInputs inputs, JobRepository jobRepository,
            DataSource storeDataSource, SimpleAsyncTaskExecutor executor, String workerStep, RunContext context,
            RunProgress progress) {
        this.context = context;
        this.progress = progress;
        this.store = store;
        this.properties = properties;
        this.inputs = inputs;
        this.jobRepository = jobRepository;
        this.storeDataSource = storeDataSource;
        this.executor = executor;
        this.workerStep = workerStep;
    }

    @Override
    public void beforeStep(StepExecution se) {
        long instance = se.getJobExecution().getJobInstanceId();
        long snapshot = store.requireSnapshot(instance);
        RuleSettings rules = context.rules(store, snapshot, RunParameters.of(se.getJobParameters()).asOf());
        FindingSettings.keepOrCheck(store, instance, properties, rules);
        store.ensureVotes(snapshot);
        store.createSheetTable(instance, snapshot);
        long[] range = store.complianceSeqRange(snapshot);
        long rows = Math.max(0, range[1] - range[0] + 1);
        int configured = properties.rules().partitions();
        Integer recorded = store.reconcilePartitions(instance);
        int partitions = recorded != null ? recorded
                : store.keepReconcilePartitions(instance, firstPartitions(se.getJobExecution().getJobInstance(), rows, configured));
        int wouldBe = SnapshotRangePartitioner.partitions(rows, configured, Runtime.getRuntime().availableProcessors());
        if (recorded != null && partitions != wouldBe) {
            log.info("reconcile: job instance {} keeps the {} partitions it began with ({} with this process's settings"
                    + " and processors)", instance, partitions, wouldBe);
        }
        inputs.of(snapshot, rules, RunExceptions.matcher(store, snapshot, RunExceptions.kept(store, instance), rules.asOf()));
        int pool = StorePool.maximumSize(storeDataSource);
        int threads = StorePool.threads(partitions, pool);
        executor.setConcurrencyLimit(threads);
        se.getExecutionContext().putInt(THREADS, threads);
        log.info("reconcile: {} rows in {} partitions, {} at a time (store pool: {} connections)", rows, partitions, threads,
                pool == Integer.MAX_VALUE ? "unbounded" : pool);
        // A restart counts from the rows its partitions committed before.
        long committed = 0;
        for (int p = 0; p < partitions; p++) {
            StepExecution earlier = jobRepository.getLastStepExecution(se.getJobExecution().getJobInstance(),
                    workerStep + ":" + SnapshotRangePartitioner.name(p));
            committed += earlier == null ? 0 : earlier.getWriteCount();
        }
        progress.start("reconcile", rows, "rows");
        progress.set(committed);
    }

    /**
     * The number of partitions of a run's first reconcile attempt: the partitions an attempt of a
     * version that did not record them left in the job repository, else this process's choice.
     */
    private int firstPartitions(JobInstance instance, long rows, int configured) {
        int earlier = 0;
        while (jobRepository.getLastStepExecution(instance, workerStep + ":" + SnapshotRangePartitioner.name(earlier)) != null) {
            earlier++;
        }
        return earlier > 0 ? earlier : SnapshotRangePartitioner.partitions(rows, configured, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public ExitStatus afterStep(StepExecution se) {
        inputs.release();
        progress.finish();
        double seconds = Duration.between(se.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0;
        log.info("reconcile: {} rows, {} findings, {} commits in {} s ({} rows/s)", se.getReadCount(), se.getWriteCount(),
                se.getCommitCount(), String.format("%.2f", seconds),
                seconds > 0 ? Math.round(se.getReadCount() / seconds) : se.getReadCount());
        return se.getExitStatus();
    }
}
