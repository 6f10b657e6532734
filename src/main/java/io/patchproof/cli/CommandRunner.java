package io.patchproof.cli;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.job.FindingSettings;
import io.patchproof.job.RunExceptions;
import io.patchproof.job.PatchproofProperties;
import io.patchproof.job.PublishTasklet;
import io.patchproof.report.OutputNames;
import io.patchproof.report.ReportPublisher;
import io.patchproof.report.TemplateException;
import io.patchproof.job.RunParameters;
import io.patchproof.job.RunRefusedException;
import io.patchproof.job.RunRequest;
import io.patchproof.job.RunSite;
import io.patchproof.job.RunStore;
import io.patchproof.job.SourceConnector;
import io.patchproof.job.StopRequests;
import io.patchproof.job.UsageException;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SiteCodes;
import io.patchproof.source.SourceDescription;
import io.patchproof.source.SourceSettings;
import io.patchproof.cli.StartupFailures.StoreFault;
import io.patchproof.schedule.FireLog;
import io.patchproof.schedule.RunSchedule;
import io.patchproof.schedule.RunScheduler;
import io.patchproof.schedule.ScheduleProperties;
import io.patchproof.schedule.ScheduledRuns;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Carries out one command: checks everything that can be checked before a run (configuration,
 * source, schema, run identity), then starts or restarts the job and turns its outcome into an
 * exit code. Messages go to the given streams, one line each; a stack trace only ever goes to the
 * log file ({@link #FILE_ONLY}).
 *
 * <p>Before a run touches the site database: the template, the output folder
 * ({@link OutputFolder}), and for the demo its size, all before the demo database is built.
 *
 * <p>{@code schedule} keeps the process up with a {@link RunScheduler} whose fires come back here
 * ({@link ScheduledRuns}): each fire is this runner's own {@code run} (or {@code restart}) on a
 * copy of it whose properties carry the fire's profile and as-of date, so a scheduled run has the
 * identity, refusals and exit codes of {@code run}. {@code status} reads the job repository and
 * the fire log ({@link StatusReport}).
 */
@Component
public class CommandRunner implements ScheduledRuns {

    /**
     * A logger whose lines go to the log file only (see logback-spring.xml: the console shows
     * io.patchproof's lines, without stack traces): for the stack trace behind a one-line message.
     */
    static final Logger FILE_ONLY = LoggerFactory.getLogger("patchproof.failures");
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final PatchproofProperties properties;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final SourceConnector connector;
    private final RunStore store;
    private final ReportPublisher publisher;
    private final StopRequests stopRequests;
    private final RunIdentities identities;
    private final Clock clock;
    private final String logFile;
    private final LocalStoreFile storeFile;
    private final ScheduleProperties scheduleProperties;
    private final ZoneId zone;
    /** Counted down by a stop request: ends {@code schedule}. */
    private final CountDownLatch scheduleStop;
    private volatile boolean buildingDemo;
    private volatile boolean buildingHistory;
    private volatile boolean scheduling;
    /** The console of {@code schedule}, which its fires print to. */
    private volatile PrintStream serviceOut = System.out;
    private volatile PrintStream serviceErr = System.err;
    /** The job execution this runner last started or restarted. */
    private volatile Long lastExecutionId;
    /** A schedule node taking over a dead node's fire: no live-node guard, and a run where none began. */
    private boolean takingOver;

    @org.springframework.beans.factory.annotation.Autowired
    CommandRunner(PatchproofProperties properties, JobOperator jobOperator, JobRepository jobRepository, Job reconciliationJob,
            SourceConnector connector, RunStore store, ReportPublisher publisher, StopRequests stopRequests,
            ScheduleProperties scheduleProperties,
            @Value("${logging.file.name:logs/patchproof.log}") String logFile,
            @Value("${spring.datasource.url:}") String storeUrl) {
        this.properties = properties;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = reconciliationJob;
        this.connector = connector;
        this.store = store;
        this.publisher = publisher;
        this.stopRequests = stopRequests;
        this.identities = new RunIdentities(jobRepository, store);
        this.clock = Clock.systemUTC();
        this.logFile = logFile;
        this.storeFile = LocalStoreFile.of(storeUrl).orElse(null);
        this.scheduleProperties = scheduleProperties;
        this.zone = ZoneId.systemDefault();
        this.scheduleStop = new CountDownLatch(1);
    }

    /** A runner for one fire of a schedule: {@code base}'s, with the fire's properties (profile, as-of date). */
    private CommandRunner(CommandRunner base, PatchproofProperties properties) {
        this.properties = properties;
        this.jobOperator = base.jobOperator;
        this.jobRepository = base.jobRepository;
        this.job = base.job;
        this.connector = base.connector;
        this.store = base.store;
        this.publisher = base.publisher;
        this.stopRequests = base.stopRequests;
        this.identities = base.identities;
        this.clock = base.clock;
        this.logFile = base.logFile;
        this.storeFile = base.storeFile;
        this.scheduleProperties = base.scheduleProperties;
        this.zone = base.zone;
        this.scheduleStop = base.scheduleStop;
    }

    /**
     * Asks the run in progress to stop at its next chunk, table or sheet (it then ends STOPPED and
     * {@code restart} resumes it); a command that has not started its run yet does not start it.
     * Called from another thread (the SIGTERM hook); returns at once.
     */
    public void requestStop() {
        try {
            stopRequests.request();
        } finally {
            scheduleStop.countDown();
        }
    }

    /** What a stop requested now does, for the console. */
    public String stopNotice() {
        if (scheduling) {
            return "the schedule ends; a run in progress stops at its next commit, and the next fire of its schedule"
                    + " restarts it";
        }
        if (buildingHistory && !buildingDemo) {
            return "the demo's history stops at its next commit; the months kept so far stay, and the next"
                    + " `demo --patchproof.report.profile=cio` builds the rest";
        }
        return buildingDemo ? "the demo site database being built is discarded; nothing is run"
                : "the run stops at its next commit and can be resumed with `restart`";
    }

    /** Runs a command; never throws for expected failures, returns the exit code. */
    public ExitCode execute(String command, PrintStream out, PrintStream err) {
        // Once per command, for --debug: every patchproof.* setting as bound, the password masked.
        log.debug("{} with settings {}", command, properties);
        try {
            // Every command here publishes: a signing key that cannot be used refuses it before it starts.
            if (!command.equals("status")) {
                publisher.checkSigning();
            }
            return switch (command) {
                case "demo" -> demo(out, err);
                case "run" -> run(out, err);
                case "restart" -> restart(out, err);
                case "report" -> new ReportCommand(properties, jobRepository, store, publisher, stopRequests, clock).execute(out, err);
                case "schedule" -> schedule(out, err);
                case "status" -> status(false, out, err);
                default -> throw new UsageException("unknown command '" + command + "'; use demo, run, restart, report, schedule,"
                        + " status or --help");
            };
        } catch (UsageException | io.patchproof.source.SourceException | TemplateException
                | io.patchproof.report.SigningException e) {
            FILE_ONLY.info("{} refused: {}", command, e.getMessage(), e);
            err.println("patchproof: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            FILE_ONLY.error("{} failed", command, e);
            Optional<StoreFault> fault = StartupFailures.storeFault(e);
            err.println("patchproof: " + (fault.isPresent() ? StartupFailures.describe(fault.get(), e, storeFile, true)
                    : command + " failed: " + StartupFailures.oneLine(e) + " (the full error is in " + logFile + ")"));
            return ExitCode.FAILED;
        } finally {
            connector.close();
        }
    }

    private ExitCode demo(PrintStream out, PrintStream err) {
        PatchproofProperties.Demo demo = properties.demo();
        String schema = demoSchema(demo);
        checkDemoHosts(demo);
        Path base = DemoSiteDatabase.fileFor(demo.dir(), schema, demo.hosts(), demo.seed());
        RunRequest request = RunRequest.from(properties, demoSource(base), DemoSiteDatabase.asOf(schema), true,
                RunRequest.today(clock));
        RunExceptions.check(properties, true);
        preflight(request.profile(), request.outputDir());
        if (buildDemo(schema, out, err) == null) {
            return ExitCode.FAILED;
        }
        if (DemoHistory.wanted(request, schema)) {
            buildingHistory = true;
            ExitCode history;
            try {
                history = demoHistory().ensure(request, out, err);
            } finally {
                buildingHistory = false;
            }
            if (history != ExitCode.SUCCESS) {
                return history;
            }
        }
        return launch(request, out, err);
    }

    /** The demo's year of history ({@link DemoHistory}), for the report that charts it. */
    private DemoHistory demoHistory() {
        return new DemoHistory(properties, jobOperator, jobRepository, job, connector, store, stopRequests,
                this::demoSource);
    }

    /** patchproof.demo.hosts within the demo generator's limits. */
    private static void checkDemoHosts(PatchproofProperties.Demo demo) {
        if (demo.hosts() < DemoSiteDatabase.MIN_HOSTS || demo.hosts() > DemoSiteDatabase.MAX_HOSTS) {
            throw new UsageException(String.format(Locale.ROOT, "patchproof.demo.hosts: %,d is outside the demo's limits,"
                    + " %,d to %,d hosts (default %,d)", demo.hosts(), DemoSiteDatabase.MIN_HOSTS, DemoSiteDatabase.MAX_HOSTS,
                    DemoSiteDatabase.DEFAULT_HOSTS));
        }
    }

    /**
     * The demo database, built first where it is missing. A stop requested while it is built
     * (SIGTERM) discards the part-built file; returns null then, after one line.
     */
    private Path buildDemo(String schema, PrintStream out, PrintStream err) {
        PatchproofProperties.Demo demo = properties.demo();
        Path base = DemoSiteDatabase.fileFor(demo.dir(), schema, demo.hosts(), demo.seed());
        if (!Files.exists(base.resolveSibling(base.getFileName() + ".mv.db"))) {
            out.printf(Locale.ROOT, "patchproof: building the %s demo site database (%,d hosts) in %s; about a minute for"
                    + " the default 8,450 hosts, once: it is reused after%n", schema, demo.hosts(), demo.dir());
        }
        buildingDemo = true;
        try {
            return DemoSiteDatabase.ensure(demo.dir(), schema, demo.hosts(), demo.seed(), stopRequests::requested);
        } catch (RuntimeException e) {
            if (stopRequests.requested()) {
                FILE_ONLY.info("demo build stopped", e);
                err.println("patchproof: stopped while building the demo site database; nothing was run, and the"
                        + " part-built database was deleted (the next `demo` builds it afresh)");
                return null;
            }
            throw e;
        } finally {
            buildingDemo = false;
        }
    }

    /**
     * What can be checked before the site database is read: the template (read again by the
     * publish step) and the folder the files go to.
     */
    private void preflight(String profile, Path outputDir) {
        PublishTasklet.template(properties, profile);
        OutputFolder.check(outputDir, OutputFolder.NIO);
    }

    /** configmgr or sms2003, from patchproof.demo.schema. */
    private static String demoSchema(PatchproofProperties.Demo demo) {
        String schema = demo.schema() == null ? DemoSiteDatabase.SCHEMA : demo.schema().trim().toLowerCase(Locale.ROOT);
        if (!schema.equals(DemoSiteDatabase.SCHEMA) && !schema.equals(DemoSiteDatabase.SMS2003)) {
            throw new UsageException("patchproof.demo.schema: '" + demo.schema() + "' is not a demo schema; use "
                    + DemoSiteDatabase.SCHEMA + " or " + DemoSiteDatabase.SMS2003);
        }
        return schema;
    }

    /**
     * The demo database as a source. The schema is detected (auto), as on a real site, so the
     * run's log and manifest show which profile the probe chose and why.
     */
    private SourceSettings demoSource(Path db) {
        PatchproofProperties.Source s = properties.source();
        return new SourceSettings(DemoSiteDatabase.jdbcUrl(db), null, null, "auto", s.fetchSize(), s.loginTimeout(),
                s.queryTimeout(), s.socketTimeout(), false);
    }

    /** The site database of patchproof.source.*. */
    private SourceSettings configuredSource() {
        return sourceSettings(properties.source());
    }

    /** The site database's settings as configured (the {@code report} command checks them without connecting). */
    static SourceSettings sourceSettings(PatchproofProperties.Source s) {
        return new SourceSettings(s.url(), s.username(), s.password(), s.schema(), s.fetchSize(), s.loginTimeout(),
                s.queryTimeout(), s.socketTimeout(), s.useProductType());
    }

    private ExitCode run(PrintStream out, PrintStream err) {
        PatchproofProperties.Source s = properties.source();
        if (s.url() == null || s.url().isBlank()) {
            throw new UsageException("no site database configured: set patchproof.source.url (for example"
                    + " jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1) with patchproof.source.username and"
                    + " PATCHPROOF_SOURCE_PASSWORD, or try `demo`");
        }
        LocalDate today = RunRequest.today(clock);
        RunRequest request = RunRequest.from(properties, configuredSource(), today, false, today);
        RunExceptions.check(properties, false);
        preflight(request.profile(), request.outputDir());
        return launch(request, out, err);
    }

    /** Connects, checks the run identity, and runs. The caller has made the {@link #preflight}. */
    private ExitCode launch(RunRequest request, PrintStream out, PrintStream err) {
        SourceDescription source = connector.connect(request.source());
        String schema = source.profile().id();
        RunSite site = site(source);
        long rerun = 0;
        JobInstance first = identities.instance(request, site, schema, 0);
        if (request.demo()) {
            rerun = identities.nextRerun(request, site, schema);
        } else if (first != null) {
            JobExecution last = jobRepository.getLastJobExecution(first);
            BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
            if (!request.rerun()) {
                if (status == BatchStatus.COMPLETED) {
                    err.println("patchproof: this run (site " + site.key() + ", as-of " + request.asOf() + ", profile "
                            + request.profile() + ", schema " + schema + ", scope " + describe(request) + ") already"
                            + " completed on " + last.getEndTime() + "; its files are published and are never overwritten."
                            + " Use --rerun to run it again with suffixed files.");
                    return ExitCode.ALREADY_COMPLETE;
                }
                throw new UsageException("a run of this identity (site " + site.key() + ", as-of " + request.asOf()
                        + ", profile " + request.profile() + ", scope " + describe(request) + ") ended " + status
                        + "; resume it with `restart` (same options), or start afresh with --rerun");
            }
            rerun = identities.nextRerun(request, site, schema);
        } else {
            JobInstance earlier = identities.legacyInstance(request, schema, 0);
            if (earlier != null && identities.sameSource(earlier, source)) {
                JobExecution last = jobRepository.getLastJobExecution(earlier);
                BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
                if (status == BatchStatus.COMPLETED && !request.rerun()) {
                    err.println("patchproof: this run (as-of " + request.asOf() + ", profile " + request.profile()
                            + ", schema " + schema + ", scope " + describe(request) + ") already completed on "
                            + last.getEndTime() + ", run by an earlier version of patchproof whose run identity and file"
                            + " names had no site (" + request.profile() + "-" + request.asOf() + "*); its files are"
                            + " never overwritten. Use --rerun to run it again with this version's names.");
                    return ExitCode.ALREADY_COMPLETE;
                }
                if (status != BatchStatus.COMPLETED) {
                    out.println("patchproof: run " + (last == null ? "?" : last.getId()) + " of an earlier version (as-of "
                            + request.asOf() + ", ended " + status + ") had no site in its identity and is not resumed;"
                            + " this run starts afresh");
                }
            }
            if (request.rerun()) {
                rerun = identities.nextRerun(request, site, schema);
            }
        }
        RunParameters params = parameters(request, site, schema, rerun);
        if (request.demo() && request.rerun()) {
            // The demo's own files are replaced by the next demo; with --rerun they are kept, and this
            // run's take the next free suffix, as a real rerun's do (-r2, -r3, ...).
            long suffix = 1;
            while (publisher.isTaken(request.outputDir(), params.withFileRerun(suffix).stem())) {
                suffix++;
            }
            params = params.withFileRerun(suffix);
        }
        // Published files are never overwritten, even when the local store no longer knows them; nor is
        // a file of the set's names without a manifest (another store's publish in progress, say).
        while (!request.demo() && publisher.isTaken(request.outputDir(), params.stem())) {
            if (!request.rerun()) {
                if (!publisher.isPublished(request.outputDir(), params.stem())) {
                    throw new UsageException(publisher.takenName(request.outputDir(), params.stem()).getMessage());
                }
                err.println("patchproof: " + request.outputDir().resolve(params.stem() + ".xlsx") + " is already published"
                        + " and is never overwritten. Use --rerun to write suffixed files.");
                return ExitCode.ALREADY_COMPLETE;
            }
            params = parameters(request, site, schema, ++rerun);
        }
        out.println("patchproof: " + (request.demo() ? "demo " : "") + "run of site " + site.key() + ", as-of "
                + request.asOf() + ", profile " + request.profile() + ", schema " + schema + " (" + source.reason()
                + "), scope " + describe(request));
        if (stopRequests.requested()) {
            err.println("patchproof: stopped before the run started; nothing was run or published");
            return ExitCode.FAILED;
        }
        try {
            // --fail-under travels with the execution (not part of its identity) so that `status` reports exit 3 too.
            JobExecution execution = jobOperator.start(job, new JobParametersBuilder(params.toJobParameters())
                    .addString(StatusReport.FAIL_UNDER, request.failUnder() == null ? "" : request.failUnder().toString(), false)
                    .toJobParameters());
            lastExecutionId = execution.getId();
            return outcome(execution, params, request, out, err);
        } catch (Exception e) {
            FILE_ONLY.error("the run could not start", e);
            err.println("patchproof: the run could not start: " + why(e));
            return ExitCode.FAILED;
        }
    }

    private static RunParameters parameters(RunRequest request, RunSite site, String schema, long rerun) {
        return new RunParameters(site, request.asOf(), request.profile(), schema, request.scopeKey(), rerun, request.demo(),
                request.outputDir(), describe(request), request.scope());
    }

    /** The site of the connected source, read before the run starts: the identity needs it ({@link RunSite}). */
    private RunSite site(SourceDescription source) {
        return RunSite.of(SiteCodes.read(connector.dataSource(), source.profile()).counts(), source.server(),
                source.database());
    }

    private ExitCode restart(PrintStream out, PrintStream err) {
        boolean demo = false;
        SourceSettings source;
        PatchproofProperties.Source s = properties.source();
        LocalDate today = RunRequest.today(clock);
        LocalDate defaultAsOf = today;
        String demoSchema = null;
        if (s.url() == null || s.url().isBlank()) {
            // Without a configured source the only restartable runs are the demo's.
            demoSchema = demoSchema(properties.demo());
            checkDemoHosts(properties.demo());
            source = demoSource(DemoSiteDatabase.fileFor(properties.demo().dir(), demoSchema, properties.demo().hosts(),
                    properties.demo().seed()));
            demo = true;
            defaultAsOf = DemoSiteDatabase.asOf(demoSchema);
        } else {
            source = configuredSource();
        }
        RunRequest request = RunRequest.from(properties, source, defaultAsOf, demo, today);
        String schema = SchemaProfile.parse(source.schema()) == null ? null
                : SchemaProfile.parse(source.schema()).id();
        // The template is read again by the publish step: a broken one is refused now, not after the run
        // (the profile is part of the identity, so it is the run's).
        PublishTasklet.template(properties, request.profile());
        if (demo && buildDemo(demoSchema, out, err) == null) {
            return ExitCode.FAILED;
        }
        // The site is part of the identity: read from the source before the run can be found.
        RunSite site = site(connector.connect(request.source()));
        JobExecution last = null;
        for (String candidate : schema == null ? List.of("configmgr", "sms2003") : List.of(schema)) {
            long k = identities.nextRerun(request, site, candidate) - 1;
            for (; k >= 0 && last == null; k--) {
                JobInstance instance = identities.instance(request, site, candidate, k);
                if (instance != null) {
                    JobExecution e = jobRepository.getLastJobExecution(instance);
                    if (e != null && e.getStatus() != BatchStatus.COMPLETED && e.getStatus() != BatchStatus.ABANDONED) {
                        last = e;
                    }
                }
            }
        }
        if (last == null) {
            for (String candidate : schema == null ? List.of("configmgr", "sms2003") : List.of(schema)) {
                for (long k = identities.nextRerun(request, site, candidate) - 1; k >= 0; k--) {
                    JobInstance earlier = identities.legacyInstance(request, candidate, k);
                    JobExecution e = earlier == null ? null : jobRepository.getLastJobExecution(earlier);
                    if (e != null && e.getStatus() != BatchStatus.COMPLETED && e.getStatus() != BatchStatus.ABANDONED) {
                        throw new UsageException("run " + e.getId() + " (as-of " + request.asOf() + ", profile "
                                + request.profile() + ", scope " + describe(request) + ") was left " + e.getStatus()
                                + " by an earlier version of patchproof, whose run identity had no site; this version"
                                + " cannot resume it. Start it afresh with `run` (same options): it reads the site"
                                + " database again");
                    }
                }
            }
            if (takingOver) {
                // The dead node's fire had not started its run yet: this node runs it.
                out.println("patchproof: the interrupted fire had not begun its run; running it");
                return run(out, err);
            }
            throw new UsageException("nothing to restart: no failed or stopped run of site " + site.key() + ", as-of "
                    + request.asOf() + ", profile " + request.profile() + ", scope " + describe(request)
                    + "; use `run` (or `demo`)");
        }
        RunParameters params = RunParameters.of(last.getJobParameters());
        // A restart publishes where the run began (its job parameters say where): another folder
        // given now would be silently ignored, so it is refused.
        if (!samePath(params.outputDir(), request.outputDir())) {
            throw new UsageException("patchproof.output.dir: run " + last.getId() + " publishes to " + params.outputDir()
                    + ", where it began, but " + request.outputDir() + " is given now; a restart finishes a run where it"
                    + " began: give --patchproof.output.dir=" + params.outputDir() + " (the folder it began with), or"
                    + " start afresh into the new folder with `run --rerun`");
        }
        // The template and the folder are used again by the publish step: refused now, not after the run.
        preflight(params.profile(), params.outputDir());
        // So are settings that would work out the rest of its findings differently from those it has.
        FindingSettings.checkRecorded(store, last.getJobInstanceId(), properties);
        // The register kept with the run decides the rest of it; a changed file is refused, not mixed in.
        RunExceptions.checkKept(store, last.getJobInstanceId(), properties, params.demo());
        if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
            // On an embedded H2 file (opened by one process at a time) an execution still marked running
            // was left behind by a crash; on a shared store a live process may be running it (LiveNodes).
            // A node taking over a dead node's fire knows the run's process is gone: Quartz found it dead.
            java.util.Optional<String> live = takingOver ? java.util.Optional.empty()
                    : io.patchproof.schedule.LiveNodes.mayBeRunning(store.jdbc().getDataSource(), last.getId(),
                            last.getLastUpdated(), clock.instant());
            if (live.isPresent()) {
                throw new UsageException(live.get());
            }
            out.println("patchproof: recovering run " + last.getId() + " left " + last.getStatus() + " by an interrupted process");
            last = jobOperator.recover(last);
        }
        out.println("patchproof: restarting run " + last.getId() + " (as-of " + params.asOf() + ", profile "
                + params.profile() + ")");
        if (stopRequests.requested()) {
            err.println("patchproof: stopped before the restart began; run " + last.getId() + " can still be restarted");
            return ExitCode.FAILED;
        }
        try {
            JobExecution execution = jobOperator.restart(last);
            lastExecutionId = execution.getId();
            return outcome(execution, params, request, out, err);
        } catch (Exception e) {
            FILE_ONLY.error("the run could not be restarted", e);
            err.println("patchproof: the run could not be restarted: " + why(e));
            return ExitCode.FAILED;
        }
    }

    /**
     * {@code schedule}: stays up and fires the configured schedules ({@link RunScheduler}) until a
     * stop is requested (SIGTERM, Ctrl-C). A fire runs this runner's own {@code run} with the fire's
     * profile and as-of date ({@link #run(Fire)}). Refused (exit 2) before anything is armed when no
     * site database is configured or every schedule is off; a profile that cannot run yet (cio) is
     * scheduled anyway, with a warning, and each of its fires is recorded as refused.
     */
    private ExitCode schedule(PrintStream out, PrintStream err) {
        PatchproofProperties.Source s = properties.source();
        if (s.url() == null || s.url().isBlank()) {
            throw new UsageException("schedule: no site database configured: set patchproof.source.url (for example"
                    + " jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1) with patchproof.source.username and"
                    + " PATCHPROOF_SOURCE_PASSWORD; the schedule fires `run` against it");
        }
        List<RunSchedule> schedules = RunSchedule.of(scheduleProperties, zone);
        if (schedules.isEmpty()) {
            throw new UsageException("patchproof.schedule.monthly and patchproof.schedule.quarterly are both off:"
                    + " nothing to schedule; give either a cron expression (defaults '" + RunSchedule.DEFAULT_MONTHLY
                    + "' and '" + RunSchedule.DEFAULT_QUARTERLY + "')");
        }
        OutputFolder.check(properties.output().dir(), OutputFolder.NIO);
        LocalDate today = RunRequest.today(clock);
        for (RunSchedule schedule : schedules) {
            try {
                RunRequest.from(fireProperties(schedule.profile(), today), configuredSource(), today, false, today);
                RunExceptions.check(properties, false);
            } catch (UsageException e) {
                err.println("patchproof: warning: schedule " + schedule.name() + " (profile " + schedule.profile() + "): "
                        + e.getMessage() + "; it is scheduled all the same, and each fire is recorded as refused"
                        + " (`status` lists them) until this is fixed");
            }
        }
        serviceOut = out;
        serviceErr = err;
        scheduling = true;
        boolean interrupted = false;
        try (RunScheduler scheduler = RunScheduler.create(store.jdbc().getDataSource(), this, zone, clock)) {
            scheduler.arm(schedules);
            if (stopRequests.requested()) {
                err.println("patchproof: stopped before the schedule started; nothing was fired");
                return ExitCode.SUCCESS;
            }
            scheduler.start();
            Map<String, ZonedDateTime> next = scheduler.nextFireTimes();
            StringBuilder line = new StringBuilder("patchproof: schedule started (times in " + zone + ");");
            for (RunSchedule schedule : schedules) {
                ZonedDateTime at = next.get(schedule.name());
                line.append(' ').append(schedule.describe()).append(", next fire ")
                        .append(at == null ? "none" : StatusReport.TIME.format(at.withZoneSameInstant(zone))).append(';');
            }
            out.println(line + " stop it with Ctrl-C or SIGTERM");
            changed();
            try {
                scheduleStop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
            }
            out.println("patchproof: schedule stopping; a fire in progress ends at its run's next commit");
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("the scheduler failed: " + e.getMessage(), e);
        } finally {
            scheduling = false;
            if (storeFile != null) {
                storeFile.statusFile(false).delete();
                storeFile.statusFile(true).delete();
            }
        }
        out.println("patchproof: schedule stopped" + (interrupted ? " (interrupted)" : ""));
        return ExitCode.SUCCESS;
    }

    /** A fire of a schedule: {@code run} with the fire's profile and as-of date, on the schedule's console. */
    @Override
    public FireResult run(Fire fire) {
        return fire("run", fire);
    }

    /** The restart of an earlier fire's failed or stopped run: {@code restart} with that fire's profile and as-of date. */
    @Override
    public FireResult restart(Fire earlier) {
        return fire("restart", earlier);
    }

    /** A dead cluster node's fire taken over: its run restarted, or run where it never began. */
    @Override
    public FireResult takeOver(Fire earlier) {
        return fire("restart", earlier, true);
    }

    /**
     * Writes the status beside the store ({@link LocalStoreFile#statusFile}): {@code status} shows it
     * while this service holds the store. Best effort: a status that cannot be written is logged.
     */
    @Override
    public synchronized void changed() {
        if (storeFile == null) {
            return;
        }
        try {
            StatusReport report = StatusReport.read(jobRepository, store.jdbc(), RunSchedule.of(scheduleProperties, zone),
                    zone, ZonedDateTime.now(clock.withZone(zone)), true);
            for (boolean json : new boolean[] {false, true}) {
                org.h2.store.fs.FilePath file = storeFile.statusFile(json);
                org.h2.store.fs.FilePath part = org.h2.store.fs.FilePath.get(file + ".part");
                try (OutputStream o = part.newOutputStream(false)) {
                    o.write((json ? report.json() : report.text()).getBytes(StandardCharsets.UTF_8));
                }
                part.moveTo(file, true);
            }
        } catch (java.io.IOException | RuntimeException e) {
            FILE_ONLY.warn("the schedule's status file could not be written", e);
        }
    }

    @Override
    public boolean stopping() {
        return stopRequests.requested();
    }

    private FireResult fire(String command, Fire fire) {
        return fire(command, fire, false);
    }

    private FireResult fire(String command, Fire fire, boolean takingOver) {
        CommandRunner runner = new CommandRunner(this, fireProperties(fire.profile(), fire.asOf()));
        runner.takingOver = takingOver;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = tee(serviceErr, said);
        serviceOut.println("patchproof: schedule " + fire.schedule() + ": " + command + " of profile " + fire.profile()
                + " as of " + fire.asOf());
        ExitCode code = runner.execute(command, serviceOut, err);
        err.flush();
        Outcome outcome = switch (code) {
            case SUCCESS, BELOW_THRESHOLD, NOTHING_MATCHED -> Outcome.COMPLETED;
            case ALREADY_COMPLETE -> Outcome.ALREADY_DONE;
            case USAGE -> Outcome.REFUSED;
            case FAILED, NOT_INTACT -> Outcome.FAILED;
        };
        return new FireResult(outcome, code.code(), runner.lastExecutionId,
                said.toString(StandardCharsets.UTF_8).replace("patchproof: ", "").strip());
    }

    /** This runner's properties with a fire's profile and as-of date. */
    private PatchproofProperties fireProperties(String profile, LocalDate asOf) {
        PatchproofProperties p = properties;
        return new PatchproofProperties(p.source(), new PatchproofProperties.Report(profile, p.report().template(), p.report().site()), asOf,
                p.output(), p.scope(), p.demo(), p.rules(), false, p.failUnder(), p.maxAsOfLag(), p.exceptions());
    }

    private static PrintStream tee(PrintStream console, OutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                console.write(b);
                try {
                    copy.write(b);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                console.write(b, off, len);
                try {
                    copy.write(b, off, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void flush() {
                console.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** {@code status}: the last runs, the schedule's fires and its next fire times, as text or JSON. */
    ExitCode status(boolean json, PrintStream out, PrintStream err) {
        log.debug("status with settings {}", properties);
        try {
            List<RunSchedule> schedules = RunSchedule.of(scheduleProperties, zone);
            StatusReport report = StatusReport.read(jobRepository, store.jdbc(), schedules, zone,
                    ZonedDateTime.now(clock.withZone(zone)), false);
            out.print(json ? report.json() : report.text());
            return ExitCode.SUCCESS;
        } catch (UsageException e) {
            err.println("patchproof: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            FILE_ONLY.error("status failed", e);
            err.println("patchproof: status failed: " + oneLine(e) + " (the full error is in " + logFile + ")");
            return ExitCode.FAILED;
        }
    }

    private ExitCode outcome(JobExecution execution, RunParameters params, RunRequest request, PrintStream out,
            PrintStream err) {
        BatchStatus status = execution.getStatus();
        String refused = refusal(execution);
        if (refused != null) {
            // A configuration error only the extract could find (the as-of date against the data's own time).
            err.println("patchproof: " + refused);
            return ExitCode.USAGE;
        }
        if (status != BatchStatus.COMPLETED) {
            String files;
            try {
                boolean published = !store.jdbc().queryForList("SELECT stem FROM pp_published WHERE job_instance_id = ?",
                        String.class, execution.getJobInstanceId()).isEmpty();
                files = published ? "its files are published (" + params.outputDir().resolve(params.stem() + ".xlsx")
                        + ", + .findings.csv, .manifest.json)" : "nothing was published";
            } catch (RuntimeException e) {
                FILE_ONLY.error("the local store could not be read after run {} ended {}", execution.getId(), status, e);
                files = "the local store could not be read to tell whether its files were published";
            }
            if (status == BatchStatus.STOPPED || status == BatchStatus.STOPPING) {
                err.println("patchproof: run " + execution.getId() + " was stopped at its last commit; " + files
                        + ". Use `restart` (same options) to resume it.");
                return ExitCode.FAILED;
            }
            // A partition's own failure first: the partitioned step's failure only says that one failed.
            List<Throwable> failures = new ArrayList<>();
            execution.getStepExecutions().stream().filter(s -> s.getStepName().contains(":partition"))
                    .forEach(s -> failures.addAll(s.getFailureExceptions()));
            failures.addAll(execution.getAllFailureExceptions());
            Optional<StoreFault> fault = failures.stream().map(StartupFailures::storeFault).flatMap(Optional::stream)
                    .filter(f -> f != StoreFault.LOCKED).findFirst();
            if (fault.isPresent()) {
                Throwable cause = failures.stream().filter(f -> StartupFailures.storeFault(f).equals(fault)).findFirst()
                        .orElseThrow();
                err.println("patchproof: run " + execution.getId() + " ended " + status + ": "
                        + StartupFailures.describe(fault.get(), cause, storeFile, true) + "; " + files + ".");
                return ExitCode.FAILED;
            }
            String why = failures.isEmpty() ? status.toString() : oneLine(failures.get(0));
            err.println("patchproof: run " + execution.getId() + " ended " + status + ": " + why
                    + "; " + files + ". Fix the cause and use `restart` to resume from the last commit.");
            return ExitCode.FAILED;
        }
        long[] figures = store.jdbc().query("SELECT applicable, in_effect, reported_installed, rows_read, site_installed"
                + " FROM pp_history_run WHERE job_instance_id = ?", rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5)} : null, execution.getJobInstanceId());
        Double effective = null;
        if (figures != null && figures[0] > 0) {
            effective = 100.0 * figures[1] / figures[0];
            out.printf("patchproof: reported installed %.1f %%, reported compliance %.1f %%, effective compliance %.1f %%"
                    + " over %d applicable pairs%n", 100.0 * figures[4] / figures[0], 100.0 * figures[2] / figures[0],
                    effective, figures[0]);
        }
        Path workbook = params.outputDir().resolve(params.stem() + OutputNames.WORKBOOK_SUFFIX);
        out.println("patchproof: wrote " + workbook + " " + OutputNames.companions(workbook));
        if (figures != null && figures[0] == 0) {
            err.println("patchproof: nothing matched: the scope (" + params.scopeDescription() + ") holds no applicable"
                    + " host x update pair (" + figures[3] + " compliance rows read" + (figures[3] > 0 ? ", all out of scope"
                    : "") + "), so there is no compliance figure; the workbook's Summary says so. Check patchproof.scope.*"
                    + " (exit code 5)");
            return ExitCode.NOTHING_MATCHED;
        }
        if (request.failUnder() != null && effective != null && effective < request.failUnder()) {
            err.printf("patchproof: effective compliance %.1f %% is below --fail-under=%s%n", effective, request.failUnder());
            return ExitCode.BELOW_THRESHOLD;
        }
        return ExitCode.SUCCESS;
    }

    /** The message of a run its extract refused ({@link RunRefusedException}), or null. */
    private static String refusal(JobExecution execution) {
        for (var step : execution.getStepExecutions()) {
            for (Throwable t : step.getFailureExceptions()) {
                if (t instanceof RunRefusedException refused) {
                    return refused.getMessage();
                }
            }
        }
        return null;
    }

    private static String describe(RunRequest request) {
        return request.scope().describe();
    }

    /** Why a start or restart failed, on one line: the store's fault where it is one. */
    private String why(Exception e) {
        return StartupFailures.storeFault(e).map(f -> StartupFailures.describe(f, e, storeFile, true))
                .orElseGet(() -> oneLine(e) + " (the full error is in " + logFile + ")");
    }

    private static boolean samePath(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The failure and its root cause on one line ("Unable to process chunk: disk full"). */
    static String oneLine(Throwable t) {
        return StartupFailures.oneLine(t);
    }
}
