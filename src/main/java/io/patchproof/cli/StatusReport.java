package io.patchproof.cli;

import io.patchproof.job.ReconciliationJobConfiguration;
import io.patchproof.job.RunParameters;
import io.patchproof.report.JsonWriter;
import io.patchproof.report.OutputNames;
import io.patchproof.schedule.FireLog;
import io.patchproof.schedule.RunSchedule;
import io.patchproof.schedule.RunScheduler;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What {@code status} shows: the last runs (from the job repository, with the files the store
 * recorded as published and the rows the history kept), the schedule's last fires (including
 * those that never became a run: a refused profile, an identity already done) and, with a
 * schedule configured, the next fire times. A plain-text table for a terminal, or JSON.
 *
 * <p>A run's exit code is the one {@code run} ended or would end with: 0 completed (3 where it ended
 * below the {@code --fail-under} it was given, 5 where its
 * scope matched nothing), 1 failed, stopped or interrupted. Times are local, in the zone named
 * in the header. Immutable once read.
 */
final class StatusReport {

    static final int RUNS = 10;
    static final int FIRES = 10;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    record Run(long execution, String identity, RunParameters parameters, ZonedDateTime start, ZonedDateTime end,
            String outcome, int exitCode, List<Path> files, Long rowsRead, Long applicable) {
    }

    record NextFire(String schedule, String profile, String spec, ZonedDateTime next, ZonedDateTime missed) {
    }

    private final ZoneId zone;
    private final boolean live;
    private final List<Run> runs;
    private final List<FireLog.Entry> fires;
    private final List<NextFire> next;

    private StatusReport(ZoneId zone, boolean live, List<Run> runs, List<FireLog.Entry> fires, List<NextFire> next) {
        this.zone = zone;
        this.live = live;
        this.runs = runs;
        this.fires = fires;
        this.next = next;
    }

    /**
     * @param live read by the running {@code schedule} itself: a run or fire without an end is
     *             running, not interrupted
     */
    static StatusReport read(JobRepository repository, JdbcTemplate store, List<RunSchedule> schedules, ZoneId zone,
            ZonedDateTime now, boolean live) {
        List<Run> runs = new ArrayList<>();
        List<Long> ids = store.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID DESC"
                + " OFFSET 0 ROWS FETCH NEXT " + RUNS + " ROWS ONLY", Long.class, ReconciliationJobConfiguration.JOB_NAME);
        for (long id : ids) {
            JobExecution e = repository.getJobExecution(id);
            if (e != null) {
                runs.add(run(e, store, zone, live));
            }
        }
        FireLog fireLog = new FireLog(store.getDataSource());
        List<FireLog.Entry> fires = fireLog.exists() ? fireLog.newest(FIRES) : List.of();
        Map<String, Instant> stored = RunScheduler.storedNextFireTimes(store.getDataSource());
        List<NextFire> next = new ArrayList<>();
        for (RunSchedule s : schedules) {
            Instant at = stored.get(s.name());
            ZonedDateTime missed = at != null && at.isBefore(now.toInstant()) ? ZonedDateTime.ofInstant(at, zone) : null;
            next.add(new NextFire(s.name(), s.profile(), s.spec(), s.nextAfter(now), missed));
        }
        return new StatusReport(zone, live, runs, fires, next);
    }

    /** The job parameter that carries a run's {@code --fail-under}: empty or absent when none was given. */
    static final String FAIL_UNDER = "failUnder";

    private static Double failUnder(JobExecution e) {
        String value = e.getJobParameters().getString(FAIL_UNDER);
        try {
            return value == null || value.isBlank() ? null : Double.valueOf(value);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static Run run(JobExecution e, JdbcTemplate store, ZoneId zone, boolean live) {
        RunParameters p = null;
        String identity;
        try {
            p = RunParameters.of(e.getJobParameters());
            identity = (p.site() == null ? "(no site)" : p.site().key()) + " " + p.asOf() + " " + p.profile() + " "
                    + p.schema() + " " + (p.scopeKey().isEmpty() ? "all" : p.scopeKey()) + (p.rerun() > 0 ? " r" + (p.rerun() + 1) : "")
                    + (p.demo() ? " (demo)" : "");
        } catch (RuntimeException unreadable) {
            identity = e.getJobParameters().toString();
        }
        long instance = e.getJobInstanceId();
        List<Path> files = new ArrayList<>();
        // The files belong to the job instance: only the execution that completed it wrote them.
        if (e.getStatus() == BatchStatus.COMPLETED) {
            store.query("SELECT stem, output_dir FROM pp_published WHERE job_instance_id = ?", rs -> {
                Path dir = Path.of(rs.getString(2));
                String stem = rs.getString(1);
                files.add(dir.resolve(OutputNames.workbook(stem)));
                files.add(dir.resolve(OutputNames.findings(stem)));
                files.add(dir.resolve(OutputNames.manifest(stem)));
                // A signed set's detached signature belongs to it too.
                Path signature = dir.resolve(OutputNames.signature(stem));
                if (java.nio.file.Files.exists(signature)) {
                    files.add(signature);
                }
            }, instance);
        }
        Long[] rows = store.query("SELECT rows_read, applicable, in_effect FROM pp_history_run WHERE job_instance_id = ?",
                rs -> rs.next() ? new Long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : new Long[] {null, null, null},
                instance);
        BatchStatus status = e.getStatus();
        String outcome;
        int exit;
        Double failUnder = failUnder(e);
        if (status == BatchStatus.COMPLETED && rows[1] != null && rows[1] > 0 && failUnder != null
                && 100.0 * rows[2] / rows[1] < failUnder) {
            // What `run` ended with: completed, but below the threshold it was given.
            outcome = String.format(Locale.ROOT, "completed, effective %.1f %% below --fail-under=%s", 100.0 * rows[2] / rows[1],
                    e.getJobParameters().getString(FAIL_UNDER));
            exit = ExitCode.BELOW_THRESHOLD.code();
        }
        else if (status == BatchStatus.COMPLETED) {
            outcome = "completed";
            exit = rows[1] != null && rows[1] == 0 ? ExitCode.NOTHING_MATCHED.code() : ExitCode.SUCCESS.code();
        } else if (live && status.isRunning()) {
            outcome = "running";
            exit = ExitCode.FAILED.code();
        } else if (status.isRunning() || status == BatchStatus.UNKNOWN) {
            // The store is opened by one process at a time: a run still marked running was interrupted.
            outcome = "interrupted (" + status.name().toLowerCase(Locale.ROOT) + "; `restart` recovers it)";
            exit = ExitCode.FAILED.code();
        } else {
            outcome = status.name().toLowerCase(Locale.ROOT);
            exit = ExitCode.FAILED.code();
        }
        return new Run(e.getId(), identity, p, local(e.getStartTime(), zone), local(e.getEndTime(), zone), outcome, exit,
                files, rows[0], rows[1]);
    }

    /** Spring Batch keeps the JVM's local time. */
    private static ZonedDateTime local(LocalDateTime t, ZoneId zone) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).withZoneSameInstant(zone);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("patchproof status (times in ").append(zone).append(")\n\n");
        b.append("Last runs").append(runs.isEmpty() ? ": none in this local store\n" : "\n");
        if (!runs.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"RUN", "IDENTITY (site as-of profile schema scope)", "STARTED", "ENDED", "OUTCOME", "EXIT",
                "ROWS READ", "FILES"});
            for (Run r : runs) {
                rows.add(new String[] {Long.toString(r.execution()), r.identity(), time(r.start()), time(r.end()), r.outcome(),
                    Integer.toString(r.exitCode()), r.rowsRead() == null ? "-" : String.format(Locale.ROOT, "%,d", r.rowsRead()),
                    r.files().isEmpty() ? "none" : r.files().get(0) + " " + OutputNames.companions(r.files().get(0))});
            }
            table(b, rows);
        }
        if (!fires.isEmpty()) {
            b.append("\nScheduled fires\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"FIRED", "SCHEDULE", "DOES", "PROFILE", "AS-OF", "ENDED", "OUTCOME", "EXIT", "RUN", "WHY"});
            for (FireLog.Entry f : fires) {
                rows.add(new String[] {time(ZonedDateTime.ofInstant(f.fireTime(), zone)), f.schedule(), f.kind(), f.profile(),
                    f.asOf().toString(), f.ended() == null ? "-" : time(ZonedDateTime.ofInstant(f.ended(), zone)),
                    f.outcome() == null ? (live ? "running" : "interrupted") : f.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (f.retried() ? " (restarted by a later fire)" : ""),
                    f.exitCode() == null ? "-" : f.exitCode().toString(),
                    f.jobExecutionId() == null ? "-" : f.jobExecutionId().toString(), oneLine(f.message())});
            }
            table(b, rows);
        }
        b.append("\nNext fires").append(next.isEmpty() ? ": no schedule configured (patchproof.schedule.* are off)\n" : "\n");
        if (!next.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"SCHEDULE", "PROFILE", "WHEN", "NEXT FIRE"});
            for (NextFire n : next) {
                rows.add(new String[] {n.schedule(), n.profile(), n.spec(), (n.next() == null ? "none" : time(n.next()))
                    + (n.missed() == null ? "" : "; missed " + time(n.missed()) + ", fires once when `schedule` starts")});
            }
            table(b, rows);
        }
        return b.toString();
    }

    String json() {
        JsonWriter json = new JsonWriter().beginObject().field("zone", zone.getId()).name("runs").beginArray();
        for (Run r : runs) {
            RunParameters p = r.parameters();
            json.beginObject().field("run", r.execution()).field("identity", r.identity());
            if (p != null) {
                json.field("site", p.site() == null ? null : p.site().key()).field("asOf", p.asOf().toString())
                        .field("profile", p.profile()).field("schema", p.schema()).field("scope", p.scopeKey())
                        .field("rerun", p.rerun()).field("demo", p.demo());
            }
            json.field("started", iso(r.start())).field("ended", iso(r.end())).field("outcome", r.outcome())
                    .field("exitCode", r.exitCode());
            number(json, "rowsRead", r.rowsRead());
            number(json, "applicablePairs", r.applicable());
            json.name("files").beginArray();
            r.files().forEach(f -> json.value(f.toString()));
            json.endArray().endObject();
        }
        json.endArray().name("fires").beginArray();
        for (FireLog.Entry f : fires) {
            json.beginObject().field("schedule", f.schedule()).field("does", f.kind()).field("profile", f.profile())
                    .field("fired", iso(ZonedDateTime.ofInstant(f.fireTime(), zone))).field("asOf", f.asOf().toString())
                    .field("started", iso(ZonedDateTime.ofInstant(f.started(), zone)))
                    .field("ended", f.ended() == null ? null : iso(ZonedDateTime.ofInstant(f.ended(), zone)))
                    .field("outcome", f.outcome() == null ? (live ? "RUNNING" : "INTERRUPTED") : f.outcome().name());
            number(json, "exitCode", f.exitCode() == null ? null : f.exitCode().longValue());
            number(json, "run", f.jobExecutionId());
            json.field("restartedLater", f.retried()).field("message", f.message()).endObject();
        }
        json.endArray().name("nextFires").beginArray();
        for (NextFire n : next) {
            json.beginObject().field("schedule", n.schedule()).field("profile", n.profile()).field("when", n.spec())
                    .field("next", iso(n.next())).field("missed", iso(n.missed())).endObject();
        }
        return json.endArray().endObject().toJson();
    }

    private static void number(JsonWriter json, String name, Long value) {
        if (value == null) {
            json.name(name).nullValue();
        } else {
            json.field(name, value);
        }
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String time(ZonedDateTime t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String iso(ZonedDateTime t) {
        return t == null ? null : t.toOffsetDateTime().toString();
    }

    private static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        String line = s.strip().replaceAll("\\s*\\R\\s*", " / ");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
