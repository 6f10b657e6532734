package io.patchproof.job;

import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.history.FirstSeenIndex;
import io.patchproof.history.HistoryStore;
import io.patchproof.report.FirstSeen;
import io.patchproof.report.ReportProfile;
import io.patchproof.report.ReportPublisher;
import io.patchproof.report.ReportTemplate;
import io.patchproof.report.RunDescription;
import io.patchproof.source.ValueAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Step 3: computes the metrics, renders the workbook, the findings CSV and the manifest from the
 * template, the staged sheet findings and every finding worked out again from the snapshot
 * ({@link SnapshotFindings}), and publishes the three atomically (temporary files, then moves,
 * manifest last). Nothing is published before this step; a restart renders everything again
 * from the same snapshot and staged findings, so a crash while publishing loses nothing.
 *
 * <p>Before it writes, it deletes what an interrupted publish of this store left in the output
 * directory (its temporary files carry the store's tag, {@link StoreTag}): the local store is
 * opened by one process at a time, so no other run of this store is publishing there, and the
 * temporary files of other stores publishing into the same folder are left alone.
 *
 * <p>Stoppable ({@link StoppableTasklet}, see {@link StopRequests}) before each sheet and every 1,000 findings
 * streamed to the CSV or a sheet: the temporary files are deleted, nothing is published, and the
 * step ends STOPPED.
 */
@Component
public class PublishTasklet implements StoppableTasklet {

    private static final Logger log = LoggerFactory.getLogger(PublishTasklet.class);
    private static final Pattern MANIFEST_INSTANCE = Pattern.compile("\"jobInstanceId\"\\s*:\\s*(\\d+)");
    private static final Pattern MANIFEST_READ_AT = Pattern.compile("\"sourceReadAtUtc\"\\s*:\\s*\"([^\"]*)\"");

    private final RunStore store;
    private final RunContext context;
    private final ReportPublisher publisher;
    private final StopFlags stops = new StopFlags();
    private final RunProgress progress;

    PublishTasklet(RunStore store, RunContext context, ReportPublisher publisher, RunProgress progress) {
        this.progress = progress;
        this.store = store;
        this.context = context;
        this.publisher = publisher;
    }

    /**
     * Since when each pair not in effect has been so, by the history of the same site, schema and
     * scope before this as-of date (the history step keeps this run's own dates after the publish).
     * Held as a primitive map: about 20 bytes per pair.
     */
    static FirstSeen firstSeen(RunStore store, RunParameters params) {
        FirstSeenIndex index = new FirstSeenIndex();
        new HistoryStore(store.jdbc()).openStreaks(params.historyKey(), params.asOf(), index);
        return index.size() == 0 ? FirstSeen.NONE : index::get;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long started = System.nanoTime();
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        stops.running(step.getJobExecutionId());
        long instance = step.getJobExecution().getJobInstanceId();
        RunParameters params = RunParameters.of(step.getJobParameters());
        long snapshot = store.requireSnapshot(instance);
        // The data's own time decides the rules (ClientState) and dates the manifest: read once.
        DataTime dataTime = DataTime.of(store, snapshot);
        RuleSettings rules = context.rules(params.asOf(), dataTime);
        FindingSettings.keepOrCheck(store, instance, context.properties(), rules);
        ReportTemplate template = template(context.properties(), params.profile());
        RunDescription run = describe(store, context, params, snapshot, instance, step.getJobExecution().getId(), rules,
                dataTime);
        StoreReportData data = StoreReportData.of(store, instance, snapshot, context, rules, run,
                firstSeen(store, params), params.historyKey());
        ReportPublisher publisher = this.publisher.owned(StoreTag.of(store.jdbc().getDataSource()));
        publisher.cleanLeftovers(params.outputDir());
        if (!params.replacesOwnFiles() && publishedBy(params, run)) {
            log.info("publish: {} was published by this run before it was interrupted; it is not written again",
                    params.outputDir().resolve(params.stem() + ".manifest.json"));
        } else {
            long execution = step.getJobExecutionId();
            // The CSV and the sheets stream their findings at the same time; the count is of both.
            progress.start("publish", -1, "findings");
            progress.detail("written to the CSV and the workbook");
            try {
                publisher.publish(new StoppableReportData(data, () -> stops.take(execution), progress::add), template,
                        params.outputDir(), params.stem(), params.replacesOwnFiles());
            } catch (RuntimeException e) {
                if (KeptSnapshotReport.isStop(e)) {
                    throw new JobInterruptedException("stopped while writing the report; nothing was published");
                }
                throw e;
            } finally {
                progress.finish();
            }
        }
        Metrics m = data.metrics();
        logExceptions(data.exceptions());
        long inScope = m.verdictCounts().entrySet().stream().filter(e -> e.getKey().inScope())
                .mapToLong(Map.Entry::getValue).sum();
        JdbcTemplate jdbc = store.jdbc();
        jdbc.update("DELETE FROM pp_published WHERE job_instance_id = ?", instance);
        jdbc.update("INSERT INTO pp_published (job_instance_id, stem, output_dir, published_at) VALUES (?, ?, ?, ?)",
                instance, params.stem(), params.outputDir().toString(), LocalDateTime.now(ZoneOffset.UTC));
        new HistoryStore(jdbc).recordRun(instance, params.asOf(), params.profile(), params.schema(), params.scopeKey(),
                params.rerun(), m);
        log.info("publish: {} ({} rows, {} in scope) in {} s", params.outputDir().resolve(params.stem() + ".xlsx"),
                m.rowsRead(), inScope, String.format("%.2f", (System.nanoTime() - started) / 1e9));
        return RepeatStatus.FINISHED;
    }

    /** One line: what the run's exceptions register did (the Data quality sheet lists the lines). */
    private static void logExceptions(io.patchproof.exceptions.ExceptionsRead read) {
        if (!read.present()) {
            return;
        }
        long exempt = 0;
        long expired = 0;
        long notYet = 0;
        long unused = 0;
        for (io.patchproof.exceptions.ExceptionUse use : read.uses()) {
            exempt += use.state() == io.patchproof.exceptions.ExceptionState.ACTIVE ? use.pairs() : 0;
            expired += use.state() == io.patchproof.exceptions.ExceptionState.EXPIRED ? 1 : 0;
            notYet += use.state() == io.patchproof.exceptions.ExceptionState.NOT_YET_APPROVED ? 1 : 0;
            unused += use.unused() ? 1 : 0;
        }
        log.info("exceptions: {} lines of {} matched {} pairs; {} expired, {} not yet approved, {} unused (listed under"
                + " Data quality)", read.uses().size(), read.file(), exempt, expired, notYet, unused);
    }

    /**
     * True when the set at this stem was published by this very run (same job instance, same
     * snapshot read time), i.e. the process ended after the manifest was moved into place but
     * before this step could record it: a restart then records it instead of refusing to
     * overwrite it.
     */
    private static boolean publishedBy(RunParameters params, RunDescription run) throws IOException {
        Path manifest = params.outputDir().resolve(params.stem() + ".manifest.json");
        if (!Files.isRegularFile(manifest) || run.sourceReadAt() == null) {
            return false;
        }
        String json = Files.readString(manifest);
        Matcher instance = MANIFEST_INSTANCE.matcher(json);
        Matcher readAt = MANIFEST_READ_AT.matcher(json);
        return instance.find() && Long.parseLong(instance.group(1)) == run.jobInstanceId()
                && readAt.find() && readAt.group(1).equals(run.sourceReadAt().toString());
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stops.request(stepExecution.getJobExecutionId());
    }

    /** Stops the execution this tasklet is running, if any (one run at a time per process). */
    @Override
    public void stop() {
        stops.requestRunning();
    }


    /**
     * The template of a profile, loaded and validated as that profile's ({@link ReportProfile}):
     * a broken one, or one of another profile, is refused with a {@link io.patchproof.report.TemplateException}.
     */
    public static ReportTemplate template(PatchproofProperties properties, String profile) {
        ReportProfile p;
        try {
            p = ReportProfile.of(profile);
        } catch (IllegalArgumentException e) {
            throw new UsageException("patchproof.report.profile: " + e.getMessage());
        }
        return p.template(templateResource(properties, p.id()));
    }

    /** The template of a profile: patchproof.report.template, else the one on the classpath. */
    public static Resource templateResource(PatchproofProperties properties, String profile) {
        String location = properties.report().template();
        if (location == null || location.isBlank()) {
            location = "classpath:reports/templates/" + profile + ".xlsx";
        }
        return new DefaultResourceLoader().getResource(location);
    }

    /** How and when the run's data was read, for the workbook and the manifest; names the snapshot. */
    static RunDescription describe(RunStore store, RunContext context, RunParameters params, long snapshot, long instance,
            long execution, RuleSettings rules, DataTime dataTime) {
        JdbcTemplate jdbc = store.jdbc();
        String[] s = jdbc.queryForObject("SELECT source_url, source_server, source_database, source_login, schema_reason"
                + " FROM pp_snapshot WHERE snapshot_id = ?", (rs, n) -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)}, snapshot);
        LocalDateTime readAt = jdbc.queryForObject("SELECT started_at FROM pp_snapshot WHERE snapshot_id = ?",
                LocalDateTime.class, snapshot);
        List<RunDescription.SqlFileInfo> files = jdbc.query("SELECT file_path, sha256, rows_read FROM pp_snap_query"
                + " WHERE snapshot_id = ? ORDER BY file_path", (rs, n) -> new RunDescription.SqlFileInfo(rs.getString(1),
                        rs.getString(2), rs.getLong(3), jdbc.queryForList("SELECT column_name FROM pp_snap_absent_column"
                                + " WHERE snapshot_id = ? AND file_path = ? ORDER BY column_name", String.class, snapshot,
                                rs.getString(1))), snapshot);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RunDescription.SqlFileInfo f : files) {
            counts.put(f.path(), f.rowsRead());
        }
        // Impossible dates are NULL in a snapshot the extract checked; the bounds keep them out of
        // the figure for a snapshot copied before it did.
        LocalDateTime newestInventory = jdbc.queryForObject("SELECT MAX(t) FROM (SELECT CASE WHEN osInventoryLocal IS NULL"
                + " THEN hwScanLocal ELSE osInventoryLocal END AS t FROM pp_snap_host WHERE snapshot_id = ?) i"
                + " WHERE t >= ? AND t <= ?", LocalDateTime.class, snapshot, ValueAudit.EARLIEST,
                readAt.plusDays(1));
        // Found by the extract as it copied the rows; a snapshot copied before it did is scanned.
        LocalDateTime newestState = dataTime.newestStateUtc();
        List<String> sites = jdbc.queryForList("SELECT DISTINCT siteCode FROM pp_snap_host WHERE snapshot_id = ?"
                + " AND siteCode IS NOT NULL ORDER BY siteCode", String.class, snapshot);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("site", params.site() == null ? "" : params.site().key());
        parameters.put("as-of", params.asOf().toString());
        parameters.put("profile", params.profile());
        parameters.put("schema", params.schema());
        parameters.put("scope", params.scopeDescription());
        parameters.put("rerun", Long.toString(params.rerun()));
        parameters.put("demo", Boolean.toString(params.demo()));
        parameters.put("rules.enforcement-margin", rules.enforcementMargin().toString());
        parameters.put("rules.unknown-offset-window", rules.unknownOffsetWindow().toString());
        parameters.put("rules.inventory-stale-after", rules.inventoryStaleAfter().toString());
        parameters.put("rules.dst-margin", rules.dstMargin().toString());
        parameters.put("rules.scan-stale-after", rules.scanStaleAfter().toString());
        parameters.put("rules.reboot-classifications", String.join("; ", rules.rebootClassifications()));
        parameters.put("rules.reboot-products", String.join("; ", rules.rebootProducts()));
        parameters.put("rules.reboot-titles", String.join("; ", rules.rebootTitles()));
        parameters.put("rules.superseded-in-headline", Boolean.toString(rules.supersededInHeadline()));
        parameters.put("rules.sla", context.properties().rules().sla());
        parameters.put("max-as-of-lag", context.properties().maxAsOfLag().toString());
        parameters.put("rules.site-kind", rules.siteKind().name());
        parameters.put("rules.client-state-current", Boolean.toString(rules.clientStateCurrent()));
        return new RunDescription(Versions.TOOL, Versions.RULES, params.profile(), params.asOf(), params.schema(),
                s[4], params.scopeDescription(), (int) params.rerun(), parameters, s[0], s[1], s[2],
                String.join(", ", sites), s[3],
                readAt == null ? null : readAt.toInstant(ZoneOffset.UTC), newestInventory,
                newestState == null ? null : newestState.toInstant(ZoneOffset.UTC), instance, execution, files, counts,
                params.site() == null ? null : params.site().key(), params.site() == null ? null : params.site().how(),
                params.demo(), snapshot, null);
    }

}
