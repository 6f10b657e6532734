package io.patchproof.cli;

import io.patchproof.job.KeptSnapshotReport;
import io.patchproof.job.KeptSnapshotReport.KeptRun;
import io.patchproof.job.PatchproofProperties;
import io.patchproof.job.PublishTasklet;
import io.patchproof.job.RunParameters;
import io.patchproof.job.RunRequest;
import io.patchproof.job.RunStore;
import io.patchproof.job.StopRequests;
import io.patchproof.job.UsageException;
import io.patchproof.report.OutputNames;
import io.patchproof.report.PublishedSet;
import io.patchproof.report.ReportProfile;
import io.patchproof.report.ReportPublisher;
import io.patchproof.report.ReportTemplate;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SourceSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.repository.JobRepository;

/**
 * {@code report}: renders a report profile ({@code --patchproof.report.profile=cio} or {@code audit}, or
 * {@code monthly}) for a completed run from the snapshot the local store keeps of it, without
 * reading the site database: no {@code patchproof.source.url} is needed, and none is contacted.
 *
 * <p>Which run: the newest completed run (of any profile, reruns included) of the as-of date
 * ({@code patchproof.as-of}, default today) and scope ({@code patchproof.scope.*}) given; where the
 * store holds such runs of several sites, {@code patchproof.report.site} names one, and where of
 * both schema profiles, {@code patchproof.source.schema}. Demo runs are left to {@code demo}.
 *
 * <p>Files: {@code <profile>-<site>-<as-of>[-<scope>]}, never overwritten: a set already
 * published there is refused (exit 4) unless {@code --rerun}, which writes the next free
 * {@code -r2}, {@code -r3}, ... A run whose snapshot was pruned is refused (exit 2).
 */
final class ReportCommand {

    private final PatchproofProperties properties;
    private final JobRepository jobRepository;
    private final RunStore store;
    private final ReportPublisher publisher;
    private final StopRequests stopRequests;
    private final Clock clock;

    ReportCommand(PatchproofProperties properties, JobRepository jobRepository, RunStore store, ReportPublisher publisher,
            StopRequests stopRequests, Clock clock) {
        this.properties = properties;
        this.jobRepository = jobRepository;
        this.store = store;
        this.publisher = publisher;
        this.stopRequests = stopRequests;
        this.clock = clock;
    }

    ExitCode execute(PrintStream out, PrintStream err) {
        LocalDate today = RunRequest.today(clock);
        // The source's settings are checked as for a run (schema, say), but its URL is never used.
        SourceSettings source = CommandRunner.sourceSettings(properties.source());
        RunRequest request = RunRequest.from(properties, source, today, false, today);
        ReportProfile profile = ReportProfile.of(request.profile());
        ReportTemplate template = PublishTasklet.template(properties, profile.id());
        OutputFolder.check(request.outputDir(), OutputFolder.NIO);
        SchemaProfile schema = SchemaProfile.parse(source.schema());

        KeptSnapshotReport reports = KeptSnapshotReport.of(store, properties, publisher);
        List<KeptRun> completed = reports.completedRuns(jobRepository, request.asOf(), request.scopeKey(),
                schema == null ? null : schema.id());
        List<KeptRun> candidates = completed.stream().filter(r -> !r.params().demo() && r.params().site() != null).toList();
        String site = blank(properties.report().site());
        if (site != null) {
            candidates = candidates.stream().filter(r -> r.params().site().key().equalsIgnoreCase(site)
                    || r.params().site().fileLabel().equalsIgnoreCase(site)).toList();
        }
        String what = "as-of " + request.asOf() + ", scope " + request.scope().describe()
                + (site == null ? "" : ", site " + site) + (schema == null ? "" : ", schema " + schema.id());
        if (candidates.isEmpty()) {
            throw new UsageException(nothingToRender(what, completed, profile));
        }
        List<String> sites = candidates.stream().map(r -> r.params().site().key()).distinct().toList();
        if (sites.size() > 1) {
            throw new UsageException("completed runs of several sites are kept for " + what + ": " + String.join(", ", sites)
                    + "; name the one to render with --patchproof.report.site=" + sites.get(0));
        }
        List<String> schemas = candidates.stream().map(r -> r.params().schema()).distinct().toList();
        if (schemas.size() > 1) {
            throw new UsageException("completed runs of site " + sites.get(0) + " for " + what + " were read with the "
                    + String.join(" and ", schemas) + " schema profiles; name one with --patchproof.source.schema="
                    + schemas.get(0));
        }
        KeptRun run = candidates.get(0);
        Path dir = request.outputDir();
        long rerun = 0;
        RunParameters set = KeptSnapshotReport.reportParameters(run, profile, rerun, dir);
        while (publisher.isTaken(dir, set.stem())) {
            if (!request.rerun()) {
                if (!publisher.isPublished(dir, set.stem())) {
                    throw new UsageException(publisher.takenName(dir, set.stem()).getMessage());
                }
                err.println("patchproof: " + dir.resolve(set.stem() + ".xlsx") + " is already published and is never"
                        + " overwritten. Use --rerun to write suffixed files.");
                return ExitCode.ALREADY_COMPLETE;
            }
            set = KeptSnapshotReport.reportParameters(run, profile, ++rerun, dir);
        }
        out.println("patchproof: report " + profile.id() + " of " + run.describe() + (run.snapshotId() == null ? ""
                : " from its kept snapshot " + run.snapshotId()) + "; the site database is not read");
        if (stopRequests.requested()) {
            err.println("patchproof: stopped before the report was written; nothing was published");
            return ExitCode.FAILED;
        }
        PublishedSet published;
        try {
            published = reports.render(run, profile, template, set, stopRequests::requested);
        } catch (RuntimeException e) {
            if (KeptSnapshotReport.isStop(e)) {
                CommandRunner.FILE_ONLY.info("report stopped", e);
                err.println("patchproof: stopped while writing the report; nothing was published");
                return ExitCode.FAILED;
            }
            throw e;
        }
        out.println("patchproof: wrote " + published.workbook().path() + " " + OutputNames.companions(published.workbook().path()));
        return ExitCode.SUCCESS;
    }

    /** Why nothing can be rendered, and what is kept instead. */
    private String nothingToRender(String what, List<KeptRun> completed, ReportProfile profile) {
        if (completed.stream().anyMatch(r -> r.params().demo())) {
            return "only demo runs completed for " + what + "; the demo renders its own: `demo"
                    + " --patchproof.report.profile=" + profile.id() + "`";
        }
        List<String> dates = store.jdbc().queryForList("SELECT DISTINCT as_of FROM pp_history_run ORDER BY as_of DESC",
                LocalDate.class).stream().limit(5).map(LocalDate::toString).toList();
        return "no completed run of " + what + " is kept in the local store; `report` renders a run that completed"
                + (dates.isEmpty() ? " (none has yet: use `run` first)"
                        : " (runs are kept for " + dates.stream().collect(Collectors.joining(", "))
                                + (dates.size() == 5 ? ", ..." : "") + ": choose one with --patchproof.as-of=" + dates.get(0)
                                + ", and the same patchproof.scope.* as the run)");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
