package io.patchproof.job;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.Verdict;
import io.patchproof.report.ForwardingReportData;
import io.patchproof.report.PublishedSet;
import io.patchproof.report.ReportProfile;
import io.patchproof.report.ReportPublisher;
import io.patchproof.report.ReportTemplate;
import io.patchproof.report.RunDescription;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Renders a report profile for a completed run from the snapshot the local store keeps of it,
 * without reading the site database again: the findings are worked out from the same rows by the
 * same rules (the settings that decide a finding are checked against the run's,
 * {@link FindingSettings#checkRecorded}), so the figures of every profile of one run agree. The
 * report set is published like a run's (workbook, findings CSV, manifest, atomically); its
 * manifest names the run (job instance and execution) and the snapshot it comes from.
 *
 * <p>The local store keeps the snapshots of its newest runs only ({@link HistoryTasklet}); a run
 * whose snapshot was pruned cannot be rendered again ({@link KeptRun#snapshotId()} is null).
 * Staged sheet rows are released when a run completes; a profile that lists them (the monthly
 * workbook) has them staged again from the snapshot, once, and released afterwards.
 *
 * <p>Not thread-safe across calls for one run: the local store is opened by one process at a time.
 */
public final class KeptSnapshotReport {

    private static final Logger log = LoggerFactory.getLogger(KeptSnapshotReport.class);

    private final RunStore store;
    private final RunContext context;
    private final ReportPublisher publisher;

    private KeptSnapshotReport(RunStore store, RunContext context, ReportPublisher publisher) {
        this.store = store;
        this.context = context;
        this.publisher = publisher;
    }

    public static KeptSnapshotReport of(RunStore store, PatchproofProperties properties, ReportPublisher publisher) {
        return new KeptSnapshotReport(store, new RunContext(properties), publisher);
    }

    /**
     * A completed run as the local store knows it.
     *
     * @param snapshotId the snapshot it was read into, or null when that snapshot has been pruned
     */
    public record KeptRun(long jobInstanceId, long jobExecutionId, RunParameters params, Long snapshotId) {

        /** "run 12 (site PP1, as-of 2026-11-16, profile monthly, schema configmgr, scope all systems)". */
        public String describe() {
            return "run " + jobInstanceId + " (site " + (params.site() == null ? "unknown" : params.site().key())
                    + ", as-of " + params.asOf() + ", profile " + params.profile() + ", schema " + params.schema()
                    + ", scope " + (params.scopeDescription().isEmpty() ? "all systems" : params.scopeDescription())
                    + (params.rerun() > 0 ? ", rerun " + params.rerun() : "") + ")";
        }
    }

    /**
     * Every completed run of an as-of date and scope, of any report profile and site, newest
     * first (by job instance); demo runs too ({@link RunParameters#demo()} tells them apart).
     *
     * @param schema configmgr or sms2003, or null for both
     */
    public List<KeptRun> completedRuns(JobRepository jobRepository, LocalDate asOf, String scopeKey, String schema) {
        List<Long> instances = store.jdbc().queryForList("SELECT job_instance_id FROM pp_history_run WHERE as_of = ?"
                + " AND scope_key = ?" + (schema == null ? "" : " AND schema_profile = ?")
                + " ORDER BY job_instance_id DESC", Long.class,
                schema == null ? new Object[] {asOf, scopeKey} : new Object[] {asOf, scopeKey, schema});
        List<KeptRun> runs = new ArrayList<>();
        for (long id : instances) {
            JobInstance instance = jobRepository.getJobInstance(id);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
                continue;
            }
            Long snapshot = store.snapshotOf(id);
            if (snapshot != null && !"COMPLETE".equals(store.jdbc().queryForList("SELECT status FROM pp_snapshot"
                    + " WHERE snapshot_id = ?", String.class, snapshot).stream().findFirst().orElse(null))) {
                snapshot = null; // being pruned, or gone
            }
            runs.add(new KeptRun(id, last.getId(), RunParameters.of(last.getJobParameters()), snapshot));
        }
        return runs;
    }

    /** The parameters of the report set: the run's identity with the new profile and the set's rerun number. */
    public static RunParameters reportParameters(KeptRun run, ReportProfile profile, long rerun, Path outputDir) {
        RunParameters p = run.params();
        return new RunParameters(p.site(), p.asOf(), profile.id(), p.schema(), p.scopeKey(), rerun, p.demo(), outputDir,
                p.scopeDescription(), p.scope());
    }

    /**
     * Renders and publishes {@code profile} for {@code run} from its kept snapshot as the set
     * {@code report} (its stem and folder); a set of that stem is never replaced.
     *
     * @param stop asked every 1,000 findings and before each sheet; when it says true the publish
     *             ends, nothing is published, and {@link StoppableReportData.Stopped} is thrown
     * @throws UsageException when the snapshot was pruned or the rules are set otherwise than the run's
     */
    public PublishedSet render(KeptRun run, ReportProfile profile, ReportTemplate template, RunParameters report,
            BooleanSupplier stop) {
        if (run.snapshotId() == null) {
            throw new UsageException(run.describe() + " completed, but the local store no longer keeps its snapshot (it"
                    + " keeps the newest runs' snapshots, patchproof.store.keep-snapshots), so it cannot be rendered"
                    + " again without reading the site database; read it afresh with `run --patchproof.report.profile="
                    + profile.id() + "` (a new run), or render a newer run");
        }
        long instance = run.jobInstanceId();
        long snapshot = run.snapshotId();
        FindingSettings.checkRecorded(store, instance, context.properties());
        RunParameters params = run.params();
        DataTime dataTime = DataTime.of(store, snapshot);
        RuleSettings rules = context.rules(params.asOf(), dataTime);
        RunDescription description = PublishTasklet.describe(store, context, params, snapshot, instance,
                run.jobExecutionId(), rules, dataTime).renderedAs(profile.id(), (int) report.rerun());
        StoreReportData data = StoreReportData.of(store, instance, snapshot, context, rules, description,
                PublishTasklet.firstSeen(store, params), params.historyKey());
        ReportPublisher owned = publisher.owned(StoreTag.of(store.jdbc().getDataSource()));
        owned.cleanLeftovers(report.outputDir());
        Restaging restaging = new Restaging(data);
        try {
            PublishedSet set = owned.publish(new StoppableReportData(restaging, stop), template, report.outputDir(),
                    report.stem(), false);
            log.info("report: {} rendered from snapshot {} of {}", report.stem(), snapshot, run.describe());
            return set;
        } finally {
            if (restaging.staged) {
                store.dropFindings(instance);
            }
        }
    }

    /** The run's report data, its sheets' rows staged again on the first call that lists them. */
    private static final class Restaging extends ForwardingReportData {

        private final StoreReportData data;
        private volatile boolean staged;

        Restaging(StoreReportData data) {
            super(data);
            this.data = data;
        }

        @Override
        public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
            synchronized (this) {
                if (!staged) {
                    staged = true;
                    data.restageSheetRows();
                }
            }
            super.forEachFinding(verdict, sink);
        }
    }

    /** True when a report's data stopped because its stop flag said so ({@link #render}, the publish step). */
    public static boolean isStop(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoppableReportData.Stopped) {
                return true;
            }
        }
        return false;
    }
}
