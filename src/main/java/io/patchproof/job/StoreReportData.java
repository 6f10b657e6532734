package io.patchproof.job;

import io.patchproof.exceptions.ExceptionLine;
import io.patchproof.exceptions.ExceptionMatcher;
import io.patchproof.exceptions.ExceptionState;
import io.patchproof.exceptions.ExceptionTally;
import io.patchproof.exceptions.ExceptionUse;
import io.patchproof.exceptions.ExceptionsRead;
import io.patchproof.exceptions.ExceptionsRegister;
import io.patchproof.history.HistoryKey;
import io.patchproof.history.HistoryStore;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostChecks;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.MetricsAccumulator;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import io.patchproof.report.CioHistory;
import io.patchproof.report.DataQualityEntry;
import io.patchproof.report.FirstSeen;
import io.patchproof.report.ReportData;
import io.patchproof.report.RunDescription;
import io.patchproof.report.WindowData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link ReportData} over one run's snapshot and staged findings in the local store. Every finding
 * comes from {@link SnapshotFindings} (worked out again from the snapshot, in snapshot order);
 * metrics are computed once, in the findings CSV's pass over every finding (or in a pass of their
 * own when asked for first); the two sorted sheets read the staged rows in their order and work
 * each finding out again from its row. Nothing is held in memory but hosts, updates and the
 * metrics. Thread-safe: the publisher writes the CSV and the workbook on two threads at once.
 */
class StoreReportData implements ReportData {

    private static final String SEVERITY_RANK = "CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'IMPORTANT' THEN 1"
            + " WHEN 'MODERATE' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END";

    private final RunStore store;
    private final long jobInstanceId;
    private final RunDescription run;
    private final RuleSettings rules;
    private final Map<Integer, HostFacts> hosts;
    private final Map<Integer, UpdateFacts> updates;
    private final Map<Integer, List<String>> collections;
    private final WindowData windows;
    private FirstSeen firstSeen = FirstSeen.NONE; // set once by of(), before the data is shared
    private HistoryKey historyKey; // set once by of(), before the data is shared; null: no history
    private long snapshotId = -1; // set once by of(), before the data is shared
    private final Object historyLock = new Object();
    private CioHistory history; // guarded by historyLock
    private final List<DataQualityEntry> dataQuality;
    /** Hands every finding of the run, in snapshot order, to the consumer it is given. */
    private final Consumer<Consumer<Finding>> everyFinding;
    /** The finding of one compliance row: the reconcile step's processor. */
    private final Function<SnapshotComplianceRow, Finding> findingOf;
    private ExceptionMatcher exceptionMatcher; // set once by of(), before the data is shared; null: no register
    private List<String> unknownCollections = List.of(); // set once by of(), before the data is shared
    private ExceptionsRead exceptions; // guarded by this: set with the metrics
    private List<DataQualityEntry> dataQualityWithExceptions; // guarded by this
    private Metrics metrics; // guarded by this
    private Thread fusedPass; // guarded by this: the thread whose CSV pass is working out the metrics
    private Throwable fusedFailure; // guarded by this: why the last such pass failed

    /**
     * The report data of a run: its findings worked out from its snapshot by the run's rules, with
     * the first-seen dates earlier runs kept for the pairs not in effect.
     */
    static StoreReportData of(RunStore store, long jobInstanceId, long snapshotId, RunContext context, RuleSettings rules,
            RunDescription run, FirstSeen firstSeen) {
        return of(store, jobInstanceId, snapshotId, context, rules, run, firstSeen, null);
    }

    /**
     * As above, with the history the CIO report charts: the kept points of {@code historyKey}
     * and this run as its as-of date's point ({@link TrendHistory}); null for none.
     */
    static StoreReportData of(RunStore store, long jobInstanceId, long snapshotId, RunContext context, RuleSettings rules,
            RunDescription run, FirstSeen firstSeen, HistoryKey historyKey) {
        store.ensureVotes(snapshotId);
        Map<Integer, HostFacts> hosts = store.hosts(snapshotId);
        Map<Integer, UpdateFacts> updates = store.updates(snapshotId);
        ExceptionsRegister register = RunExceptions.kept(store, jobInstanceId);
        ExceptionMatcher matcher = RunExceptions.matcher(store, snapshotId, register, rules.asOf());
        ReconcileItemProcessor processor = ReconcileItemProcessor.of(context, rules, hosts, updates,
                store.duplicatePairs(snapshotId), matcher, true);
        SnapshotFindings findings = new SnapshotFindings(store, snapshotId, processor);
        StoreReportData data = new StoreReportData(store, jobInstanceId, snapshotId, rules, run, hosts, updates,
                findings::forEach, processor::finding);
        data.firstSeen = firstSeen == null ? FirstSeen.NONE : firstSeen;
        data.historyKey = historyKey;
        data.snapshotId = snapshotId;
        data.exceptionMatcher = matcher;
        data.unknownCollections = matcher.unknownCollections();
        return data;
    }

    StoreReportData(RunStore store, long jobInstanceId, long snapshotId, RuleSettings rules, RunDescription run,
            Map<Integer, HostFacts> hosts, Map<Integer, UpdateFacts> updates, Consumer<Consumer<Finding>> everyFinding,
            Function<SnapshotComplianceRow, Finding> findingOf) {
        this.store = store;
        this.jobInstanceId = jobInstanceId;
        this.run = run;
        this.rules = rules;
        this.hosts = hosts;
        this.updates = updates;
        this.everyFinding = everyFinding;
        this.findingOf = findingOf;
        this.collections = store.collections(snapshotId);
        this.windows = new WindowData(store.maintenanceWindows(snapshotId), store.collectionNames(snapshotId));
        this.dataQuality = withWindowProblems(withAbsentColumns(dataQuality(hosts, rules,
                ValueIssues.entries(store.jdbc(), snapshotId, hosts)), run), windows);
    }

    static final String UNREADABLE_WINDOW = "Maintenance window schedule unreadable";

    /**
     * One entry per maintenance window whose schedule token could not be read: the Reboot plan
     * shows its next start as "see the console", and this says why.
     */
    static List<DataQualityEntry> withWindowProblems(List<DataQualityEntry> entries, WindowData windows) {
        List<DataQualityEntry> problems = new ArrayList<>();
        for (io.patchproof.reconcile.MaintenanceWindow w : windows.windows()) {
            w.scheduleProblem().ifPresent(p -> problems.add(new DataQualityEntry(UNREADABLE_WINDOW, null, null, p)));
        }
        if (problems.isEmpty()) {
            return entries;
        }
        problems.addAll(entries);
        return List.copyOf(problems);
    }

    /**
     * The host-level entries, and one per optional column the site database lacked (read as NULL:
     * whatever it would have told is unknown for every host), first, because it concerns them all.
     */
    static List<DataQualityEntry> withAbsentColumns(List<DataQualityEntry> hostEntries, RunDescription run) {
        List<DataQualityEntry> entries = new ArrayList<>();
        if (run != null && run.sqlFiles() != null) {
            for (RunDescription.SqlFileInfo file : run.sqlFiles()) {
                for (String column : file.absentOptionalColumns()) {
                    entries.add(new DataQualityEntry(ABSENT_OPTIONAL_COLUMN, null, null, column
                            + " is not in the site database: " + file.path() + " read it as NULL"));
                }
            }
        }
        if (entries.isEmpty()) {
            return hostEntries;
        }
        entries.addAll(hostEntries);
        return List.copyOf(entries);
    }

    static final String ABSENT_OPTIONAL_COLUMN = "Absent optional column";

    private MetricsAccumulator newAccumulator() {
        MetricsAccumulator accumulator = new MetricsAccumulator(rules);
        for (HostFacts h : hosts.values()) {
            accumulator.registerHost(h, collections.getOrDefault(h.resourceId(), List.of()));
        }
        updates.values().forEach(accumulator::registerUpdate);
        return accumulator;
    }

    @Override
    public RunDescription run() {
        return run;
    }

    @Override
    public WindowData windows() {
        return windows;
    }

    @Override
    public FirstSeen firstSeen() {
        return firstSeen;
    }

    /**
     * The kept trend of the run's history key with this run as its as-of date's point, read on
     * first use (it needs this run's metrics: the workbook's thread may wait here for the CSV's
     * pass, see {@link #metrics()}); {@link CioHistory#NONE} without a key.
     */
    @Override
    public CioHistory history() {
        if (historyKey == null) {
            return CioHistory.NONE;
        }
        synchronized (historyLock) {
            if (history == null) {
                history = TrendHistory.read(new HistoryStore(store.jdbc()), historyKey, run.asOf(), metrics());
            }
            return history;
        }
    }

    /**
     * The run's metrics. When the CSV's pass ({@link #forEachFindingInScope}) is running on
     * another thread they come from it: this waits for its end (the publisher writes the CSV and
     * the workbook at the same time, and the workbook asks for the metrics late), and fails if it
     * failed. Otherwise they come from a pass of their own.
     */
    @Override
    public synchronized Metrics metrics() {
        boolean waited = false;
        while (metrics == null && fusedPass != null && fusedPass != Thread.currentThread()) {
            waited = true;
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the findings CSV's pass", e);
            }
        }
        if (metrics == null && waited && fusedFailure != null) {
            // The pass this thread waited for failed (a stop, a full disk): the publish it belongs to
            // fails with it, and a pass of our own would only delay that.
            throw new IllegalStateException("the findings CSV's pass failed: " + fusedFailure, fusedFailure);
        }
        if (metrics == null) {
            FigurePass pass = new FigurePass();
            everyFinding.accept(pass);
            exceptions = pass.exceptions();
            metrics = pass.metrics();
        }
        return metrics;
    }

    /**
     * Stages the sheets' rows of a completed run again ({@link RunStore#createSheetTable}), whose
     * history step released them: the {@code report} command renders such a run from its kept
     * snapshot. One pass over the snapshot's compliance rows, their findings worked out as the
     * reconcile step did; the caller releases the table afterwards ({@link RunStore#dropFindings}).
     * Any table left of an earlier attempt is dropped first, so a crash half-way never leaves rows twice.
     */
    void restageSheetRows() {
        if (snapshotId < 0) {
            throw new IllegalStateException("report data made without its snapshot cannot stage its rows");
        }
        store.dropFindings(jobInstanceId);
        store.createSheetTable(jobInstanceId, snapshotId);
        long[] range = store.complianceSeqRange(snapshotId);
        ComplianceRangeReader reader = new ComplianceRangeReader(store.jdbc(), snapshotId, range[0], range[1],
                SnapshotFindings.PAGE);
        reader.doOpen();
        try {
            List<ReconciledRow> batch = new ArrayList<>(SnapshotFindings.BATCH);
            for (SnapshotComplianceRow row = reader.doRead(); row != null; row = reader.doRead()) {
                batch.add(new ReconciledRow(row, findingOf.apply(row)));
                if (batch.size() == SnapshotFindings.BATCH) {
                    store.insertSheetRows(jobInstanceId, batch);
                    batch.clear();
                }
            }
            store.insertSheetRows(jobInstanceId, batch);
        } finally {
            reader.doClose();
        }
    }

    @Override
    public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
        String order = switch (verdict) {
            case NOT_IN_EFFECT -> "superseded, CASE WHEN exposure_days IS NULL THEN 1 ELSE 0 END, exposure_days DESC, host, resource_id, article_id, ci_id, seq";
            case MISSING -> "superseded, " + SEVERITY_RANK + ", CASE WHEN exposure_days IS NULL THEN 1 ELSE 0 END, exposure_days DESC, host, resource_id, article_id, ci_id, seq";
            default -> throw new IllegalArgumentException("the workbook lists only NOT_IN_EFFECT and MISSING findings one"
                    + " by one, not " + verdict);
        };
        store.forEachSheetRow(jobInstanceId, verdict, order, staged -> {
            Finding f = findingOf.apply(staged.row());
            if (f.verdict() != staged.verdict()) {
                // The settings are checked before this step (FindingSettings); this would be a defect.
                throw new IllegalStateException("snapshot row " + f.seq() + " was staged " + staged.verdict()
                        + " by the reconcile step but gives " + f.verdict() + " now; nothing is published");
            }
            sink.accept(f);
        });
    }

    /**
     * The findings in scope, in snapshot order. The first such pass also works out the metrics on
     * the way (one pass over the findings fewer).
     */
    @Override
    public void forEachFindingInScope(Consumer<Finding> sink) {
        synchronized (this) {
            if (metrics != null || fusedPass != null) {
                everyFinding.accept(f -> {
                    if (f.verdict().inScope()) {
                        sink.accept(f);
                    }
                });
                return;
            }
            fusedPass = Thread.currentThread();
        }
        Metrics result = null;
        ExceptionsRead read = null;
        Throwable failure = null;
        try {
            FigurePass pass = new FigurePass();
            everyFinding.accept(f -> {
                pass.accept(f);
                if (f.verdict().inScope()) {
                    sink.accept(f);
                }
            });
            read = pass.exceptions();
            result = pass.metrics();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            synchronized (this) {
                if (metrics == null) {
                    exceptions = read;
                    metrics = result; // null after a failure
                }
                fusedFailure = failure;
                fusedPass = null;
                notifyAll();
            }
        }
    }

    /** The figures of one pass over every finding: the metrics, and what each register line covered. */
    private final class FigurePass implements Consumer<Finding> {
        private final MetricsAccumulator accumulator = newAccumulator();
        private final ExceptionTally tally = exceptionMatcher == null ? null
                : new ExceptionTally(exceptionMatcher, hosts, updates);

        @Override
        public void accept(Finding f) {
            accumulator.accept(f);
            if (tally != null) {
                tally.accept(f);
            }
        }

        Metrics metrics() {
            return accumulator.result();
        }

        /** Null for report data made without its run's register. */
        ExceptionsRead exceptions() {
            return tally == null ? null : tally.result(rules.asOf());
        }
    }

    /**
     * What the run's exceptions register covered, line by line, counted in the pass over every
     * finding that works out the metrics (it may wait for that pass, as {@link #metrics()} does).
     * {@link ExceptionsRead#NONE} for report data made without its run's register.
     */
    @Override
    public synchronized ExceptionsRead exceptions() {
        if (exceptionMatcher == null) {
            return ExceptionsRead.NONE;
        }
        metrics();
        return exceptions;
    }

    /**
     * The host-level entries, and first those of the exceptions register: that there is none, or its
     * expired, not yet approved and unused lines and the CollectionIDs the site does not have.
     */
    @Override
    public synchronized List<DataQualityEntry> dataQuality() {
        if (exceptionMatcher == null) {
            return dataQuality;
        }
        if (dataQualityWithExceptions == null) {
            List<DataQualityEntry> entries = new ArrayList<>(exceptionEntries(exceptions(), unknownCollections));
            entries.addAll(dataQuality);
            dataQualityWithExceptions = List.copyOf(entries);
        }
        return dataQualityWithExceptions;
    }

    static final String NO_REGISTER = "Exceptions register absent";
    static final String EXPIRED_EXCEPTION = "Exception expired";
    static final String NOT_YET_APPROVED_EXCEPTION = "Exception not yet approved";
    static final String UNUSED_EXCEPTION = "Exception unused";
    static final String UNKNOWN_COLLECTION = "Exception collection unknown";

    /** One entry per register line that covered nothing on the as-of date, and one per unknown CollectionID. */
    static List<DataQualityEntry> exceptionEntries(ExceptionsRead read, List<String> unknownCollections) {
        List<DataQualityEntry> entries = new ArrayList<>();
        if (!read.present()) {
            entries.add(new DataQualityEntry(NO_REGISTER, null, null, "no exceptions register: " + read.file()
                    + " is absent, so no pair is EXEMPT (" + ExceptionsRegister.PROPERTY + ")"));
            return entries;
        }
        String name = read.fileName();
        for (String id : unknownCollections) {
            entries.add(new DataQualityEntry(UNKNOWN_COLLECTION, null, "collection:" + id, name + ": the site database has"
                    + " no collection " + id + ", so its lines match nothing; correct the CollectionID"));
        }
        for (ExceptionUse use : read.uses()) {
            ExceptionLine l = use.line();
            String what = name + " line " + l.lineNumber() + " (update " + l.update() + ", approved by " + l.approver()
                    + " on " + l.approvedOn() + ", expires " + l.expiresOn() + ")";
            if (use.state() == ExceptionState.EXPIRED) {
                entries.add(new DataQualityEntry(EXPIRED_EXCEPTION, null, l.host(), what + ": expired, covers nothing; "
                        + use.pairs() + " pairs would match it: renew it or remove it"));
            } else if (use.state() == ExceptionState.NOT_YET_APPROVED) {
                entries.add(new DataQualityEntry(NOT_YET_APPROVED_EXCEPTION, null, l.host(), what
                        + ": approved after the as-of date, covers nothing yet"));
            } else if (use.unused()) {
                entries.add(new DataQualityEntry(UNUSED_EXCEPTION, null, l.host(), what + ": active but matches no pair in"
                        + " scope; remove it, or correct its host or update"));
            }
        }
        return entries;
    }

    /**
     * Host-level observations: records that are not hosts (obsolete, decommissioned), hosts that
     * never scanned, duplicate names, missing or implausible boot times, stale inventory, unknown
     * time zone. Grows with hosts, not with compliance rows.
     */
    static List<DataQualityEntry> dataQuality(Map<Integer, HostFacts> hosts, RuleSettings rules) {
        return dataQuality(hosts, rules, List.of());
    }

    /** As above, with entries found elsewhere ({@link ValueIssues}) sorted in among them. */
    static List<DataQualityEntry> dataQuality(Map<Integer, HostFacts> hosts, RuleSettings rules,
            List<DataQualityEntry> more) {
        List<DataQualityEntry> entries = new ArrayList<>(more);
        Map<String, List<HostFacts>> byName = new HashMap<>();
        for (HostFacts h : hosts.values()) {
            if (h.name() != null) {
                byName.computeIfAbsent(h.name().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(h);
            }
            if (h.obsolete()) {
                entries.add(new DataQualityEntry("Obsolete record", h.resourceId(), h.name(),
                        "Obsolete0 = 1: not a host; its compliance rows are out of scope"));
            }
            if (h.decommissioned()) {
                entries.add(new DataQualityEntry("Decommissioned record", h.resourceId(), h.name(),
                        "Decommissioned0 = 1: not a host; its compliance rows are out of scope"));
            }
            if (h.obsolete() || h.decommissioned()) {
                continue;
            }
            if (h.lastScanUtc() == null) {
                entries.add(new DataQualityEntry("Never scanned", h.resourceId(), h.name(),
                        "no v_UpdateScanStatus row: the site cannot say which updates apply"));
            }
            HostChecks checks = HostChecks.of(h, rules);
            Set<QualityFlag> flags = checks.flags();
            if (h.lastScanUtc() != null && flags.contains(QualityFlag.SCAN_FAILED)) {
                entries.add(new DataQualityEntry("Update scan failed", h.resourceId(), h.name(),
                        "v_UpdateScanStatus.LastScanState " + h.lastScanState() + " at " + h.lastScanUtc()
                                + ": its compliance rows are what the site last knew"));
            }
            if (flags.contains(QualityFlag.SCAN_STALE)) {
                entries.add(new DataQualityEntry("Update scan stale", h.resourceId(), h.name(),
                        "last update scan " + h.lastScanUtc() + ", older than " + rules.scanStaleAfter().toDays()
                                + " days before the as-of date: its compliance rows are what the site last knew"));
            }
            if (h.lastBootLocal() == null) {
                entries.add(new DataQualityEntry("No boot time", h.resourceId(), h.name(),
                        "LastBootUpTime0 is empty: installed updates cannot be verified"));
            } else if (checks.clockAnomaly() != null) {
                entries.add(new DataQualityEntry("Clock anomaly", h.resourceId(), h.name(),
                        "last boot " + h.lastBootLocal() + " local: " + checks.clockAnomaly()
                                + (h.inventoryLocal() == null ? "" : " (inventory of " + h.inventoryLocal() + ")")
                                + "; the boot is not used"));
            }
            if (h.inventoryLocal() == null) {
                entries.add(new DataQualityEntry("No inventory", h.resourceId(), h.name(),
                        "no hardware inventory time: the boot time cannot be dated"));
            } else if (flags.contains(QualityFlag.INVENTORY_STALE)) {
                entries.add(new DataQualityEntry("Stale inventory", h.resourceId(), h.name(),
                        "last inventory " + h.inventoryLocal() + ", older than " + rules.inventoryStaleAfter().toDays()
                                + " days before the as-of date"));
            }
            if (flags.contains(QualityFlag.OFFSET_IMPOSSIBLE)) {
                entries.add(new DataQualityEntry("Impossible time zone offset", h.resourceId(), h.name(),
                        "offset " + h.utcOffsetMinutes() + " minutes is outside -720 ... +840: read as unknown, local times"
                                + " stand for +/- " + rules.unknownOffsetWindow().toHours() + " h"));
            } else if (flags.contains(QualityFlag.OFFSET_UNKNOWN)) {
                entries.add(new DataQualityEntry("Unknown time zone", h.resourceId(), h.name(),
                        "neither CurrentTimeZone0 nor TimeZoneOffset: local times stand for +/- "
                                + rules.unknownOffsetWindow().toHours() + " h"));
            }
        }
        for (List<HostFacts> same : byName.values()) {
            if (same.size() > 1) {
                StringBuilder ids = new StringBuilder();
                for (HostFacts h : same) {
                    ids.append(ids.length() == 0 ? "" : ", ").append(h.resourceId())
                            .append(h.obsolete() ? " (obsolete)" : h.decommissioned() ? " (decommissioned)" : "");
                }
                for (HostFacts h : same) {
                    entries.add(new DataQualityEntry("Duplicate host name", h.resourceId(), h.name(),
                            same.size() + " records share this name: ResourceIDs " + ids));
                }
            }
        }
        entries.sort(Comparator.comparing(DataQualityEntry::category)
                .thenComparing(e -> e.host() == null ? "" : e.host().toUpperCase(Locale.ROOT))
                .thenComparing(e -> e.resourceId() == null ? -1 : e.resourceId()));
        return entries;
    }
}
