package io.patchproof.cli;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryStore;
import io.patchproof.job.PatchproofProperties;
import io.patchproof.job.ReconciliationJobConfiguration;
import io.patchproof.job.RunParameters;
import io.patchproof.job.RunRefusedException;
import io.patchproof.job.RunRequest;
import io.patchproof.job.RunSite;
import io.patchproof.job.RunStore;
import io.patchproof.job.SourceConnector;
import io.patchproof.job.StopRequests;
import io.patchproof.report.OutputNames;
import io.patchproof.source.SiteCodes;
import io.patchproof.source.SourceDescription;
import io.patchproof.source.SourceSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The demo's year of history: the twelve monthly as-of dates before the demo's own
 * ({@link DemoSiteDatabase#historyDates()}), each a real run of the job into the local store, read
 * from the ConfigMgr demo site database as it stood on that date, so that the history step keeps
 * its trend point and first-seen dates as a year of monthly runs would have. The monthly profile
 * makes them (a trend point is kept whichever profile made it).
 *
 * <p>Built once: only the dates whose point the history of the demo's site, schema and scope
 * lacks are run, so a build stopped part-way is finished by the next one, and a second call finds
 * nothing to do. Each month's database is generated into one file, replaced month by month and
 * deleted at the end; each month's files are published under the demo's folder
 * ({@value #FOLDER}), never into the report folder, and deleted once the run has kept its point
 * (they are demo data, and over 100 MB a month at the default size).
 *
 * <p>Not thread-safe: one command at a time per process, as the job runs one run at a time.
 */
final class DemoHistory {

    /** The folder under {@code patchproof.demo.dir} the past months publish into. */
    static final String FOLDER = "history";
    private static final String PROFILE = "monthly";

    private final PatchproofProperties properties;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final SourceConnector connector;
    private final RunStore store;
    private final StopRequests stopRequests;
    private final Function<Path, SourceSettings> demoSource;

    DemoHistory(PatchproofProperties properties, JobOperator jobOperator, JobRepository jobRepository, Job job,
            SourceConnector connector, RunStore store, StopRequests stopRequests,
            Function<Path, SourceSettings> demoSource) {
        this.properties = properties;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.connector = connector;
        this.store = store;
        this.stopRequests = stopRequests;
        this.demoSource = demoSource;
    }

    /**
     * Whether a demo run builds the history first: for the report that charts it, the {@code cio}
     * profile, on the ConfigMgr demo. The monthly report reads one month; a year of runs would
     * make every first {@code demo} take many times longer for a trend it does not show.
     */
    static boolean wanted(RunRequest request, String schema) {
        return "cio".equals(request.profile()) && DemoSiteDatabase.SCHEMA.equals(schema);
    }

    /** The history dates the demo's history lacks for this request's scope, oldest first. */
    List<LocalDate> missing(RunRequest request) {
        PatchproofProperties.Demo demo = properties.demo();
        Path present = DemoSiteDatabase.fileFor(demo.dir(), demo.hosts(), demo.seed());
        SourceDescription source = connector.connect(demoSource.apply(present));
        HistoryKey key = HistoryKey.forRun(site(source).key(), true, source.profile().id(), request.scopeKey());
        connector.close();
        HistoryStore history = new HistoryStore(store.jdbc());
        return DemoSiteDatabase.historyDates().stream()
                .filter(d -> d.isBefore(request.asOf()) && history.point(key, d).isEmpty()).toList();
    }

    /**
     * Runs every missing month, oldest first, with one console line each and the total time at
     * the end; nothing when none is missing.
     *
     * @return {@link ExitCode#SUCCESS}, or {@link ExitCode#FAILED} after one line when a month's run
     *         did not complete or a stop was requested (the months kept so far stay)
     */
    ExitCode ensure(RunRequest request, PrintStream out, PrintStream err) {
        List<LocalDate> missing = missing(request);
        if (missing.isEmpty()) {
            return ExitCode.SUCCESS;
        }
        PatchproofProperties.Demo demo = properties.demo();
        Path folder = demo.dir().resolve(FOLDER);
        OutputFolder.check(folder, OutputFolder.NIO);
        List<LocalDate> all = DemoSiteDatabase.historyDates();
        out.printf(Locale.ROOT, "patchproof: building the demo's history for the cio report's trend, once: %d monthly runs"
                + " (%s to %s) from the demo site as it stood on each date, %,d hosts; several minutes at the default"
                + " 8,450 hosts (the monthly report shows one month, so `demo` alone does not build it)%n",
                missing.size(), missing.get(0), missing.get(missing.size() - 1), demo.hosts());
        long started = System.nanoTime();
        Path file = DemoSiteDatabase.historyFileFor(demo.dir(), demo.hosts(), demo.seed());
        try {
            for (LocalDate month : missing) {
                long monthStarted = System.nanoTime();
                if (stopRequests.requested()) {
                    return stopped(err, month);
                }
                connector.close();
                try {
                    DemoSiteDatabase.buildAsOf(file, demo.hosts(), demo.seed(), month, stopRequests::requested);
                } catch (DemoSiteDatabase.BuildStopped e) {
                    CommandRunner.FILE_ONLY.info("demo history build stopped", e);
                    return stopped(err, month);
                }
                SourceDescription source = connector.connect(demoSource.apply(file));
                RunSite site = site(source);
                String schema = source.profile().id();
                RunParameters params = new RunParameters(site, month, PROFILE, schema, request.scopeKey(),
                        nextRerun(site, month, schema, request.scopeKey()), true, folder, request.scope().describe(),
                        request.scope());
                if (stopRequests.requested()) {
                    return stopped(err, month);
                }
                JobExecution execution;
                try {
                    execution = jobOperator.start(job, params.toJobParameters());
                } catch (Exception e) {
                    CommandRunner.FILE_ONLY.error("a run of the demo's history could not start", e);
                    err.println("patchproof: the demo's history run as of " + month + " could not start: "
                            + StartupFailures.oneLine(e));
                    return ExitCode.FAILED;
                }
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    if (stopRequests.requested()) {
                        return stopped(err, month);
                    }
                    err.println("patchproof: the demo's history run as of " + month + " (run " + execution.getId()
                            + ") ended " + execution.getStatus() + ": " + why(execution) + "; the months before it are"
                            + " kept, and the next `demo --patchproof.report.profile=cio` runs the rest");
                    return ExitCode.FAILED;
                }
                deletePublished(folder, params.stem());
                out.printf(Locale.ROOT, "patchproof: history %d/%d, as of %s: %s (%s)%n", all.indexOf(month) + 1,
                        all.size(), month, figures(execution.getJobInstanceId()), took(monthStarted));
            }
        } finally {
            connector.close();
            DemoSiteDatabase.deleteAsOf(file);
        }
        out.printf(Locale.ROOT, "patchproof: the demo's history is built: %d months in %s; a later `demo` reuses it%n",
                missing.size(), took(started));
        return ExitCode.SUCCESS;
    }

    private static ExitCode stopped(PrintStream err, LocalDate month) {
        err.println("patchproof: stopped while building the demo's history (as of " + month + "); the months before it"
                + " are kept, and the next `demo --patchproof.report.profile=cio` builds the rest");
        return ExitCode.FAILED;
    }

    private RunSite site(SourceDescription source) {
        return RunSite.of(SiteCodes.read(connector.dataSource(), source.profile()).counts(), source.server(),
                source.database());
    }

    /** Demo runs never refuse a rerun: each takes the next number of its identity. */
    private long nextRerun(RunSite site, LocalDate asOf, String schema, String scopeKey) {
        long k = 0;
        while (jobRepository.getJobInstance(ReconciliationJobConfiguration.JOB_NAME,
                RunParameters.identity(site, asOf, PROFILE, schema, scopeKey, k, true)) != null) {
            k++;
        }
        return k;
    }

    private String figures(long instance) {
        long[] f = store.jdbc().query("SELECT applicable, in_effect, site_installed FROM pp_history_run"
                + " WHERE job_instance_id = ?", rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}
                        : null, instance);
        if (f == null || f[0] == 0) {
            return "no applicable pair";
        }
        return String.format(Locale.ROOT, "reported installed %.1f %%, effective compliance %.1f %% over %,d applicable"
                + " pairs", 100.0 * f[2] / f[0], 100.0 * f[1] / f[0], f[0]);
    }

    private static String why(JobExecution execution) {
        for (var step : execution.getStepExecutions()) {
            for (Throwable t : step.getFailureExceptions()) {
                if (t instanceof RunRefusedException refused) {
                    return refused.getMessage();
                }
            }
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        return failures.isEmpty() ? execution.getStatus().toString() : StartupFailures.oneLine(failures.get(0));
    }

    /** The month's published set, demo data its kept point no longer needs. */
    private static void deletePublished(Path folder, String stem) {
        for (String name : List.of(OutputNames.workbook(stem), OutputNames.findings(stem), OutputNames.manifest(stem),
                OutputNames.signature(stem))) {
            try {
                Files.deleteIfExists(folder.resolve(name));
            } catch (IOException e) {
                CommandRunner.FILE_ONLY.warn("could not delete {}", folder.resolve(name), e);
            }
        }
    }

    private static String took(long startedNanos) {
        Duration d = Duration.ofNanos(System.nanoTime() - startedNanos);
        return d.toMinutes() > 0 ? String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart())
                : String.format(Locale.ROOT, "%d s", d.toSeconds());
    }
}
