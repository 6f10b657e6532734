package io.patchproof.testsupport;

import static io.patchproof.testsupport.ReportRowBuilders.figures;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateSummary;
import io.patchproof.reconcile.Verdict;
import io.patchproof.report.CioHistory;
import io.patchproof.report.DataQualityEntry;
import io.patchproof.report.FirstSeen;
import io.patchproof.report.WindowData;
import io.patchproof.report.ReportData;
import io.patchproof.report.RunDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * In-memory {@link ReportData} for report tests. Figures are given, not computed (the rules own
 * that); verdict counts and rows read follow from the findings added, so a report built here
 * reconciles unless a test breaks it on purpose with {@link #withRowsRead(long)}. Generated
 * findings are produced while streaming and never held, for tests with many rows.
 */
public final class ReportDataBuilder {

    private record Generated(Verdict verdict, int count, IntFunction<Finding> finding) {
    }

    private RunDescription run = ReportRunBuilder.aRun().build();
    private final List<Finding> findings = new ArrayList<>();
    private final List<Generated> generated = new ArrayList<>();
    private final Map<String, Long> outOfScope = new TreeMap<>(Map.of("not reboot-dependent", 150L, "expired", 50L));
    private final Map<QualityFlag, Long> qualityFlags = new EnumMap<>(Map.of(QualityFlag.BOOT_TIME_MISSING, 4L, QualityFlag.INVENTORY_STALE, 7L));
    private final List<HostSummary> hosts = new ArrayList<>();
    private final List<UpdateSummary> updates = new ArrayList<>();
    private final List<DataQualityEntry> dataQuality = new ArrayList<>();
    private ComplianceFigures overall = figures(700, 200, 30, 40, 20, 10, 25);
    private ComplianceFigures servers = figures(150, 120, 10, 8, 2, 5, 20);
    private ComplianceFigures workstations = figures(550, 80, 20, 32, 18, 5, 5);
    private final Map<Severity, ComplianceFigures> bySeverity = new EnumMap<>(Map.of(
            Severity.CRITICAL, figures(300, 150, 10, 20, 5, 5, 20),
            Severity.IMPORTANT, figures(400, 50, 20, 20, 15, 5, 5)));
    private final Map<String, ComplianceFigures> byCollection = new LinkedHashMap<>(Map.of(
            "Servers - Patch Group A", figures(100, 90, 5, 5, 0, 0, 15),
            "All Workstations", figures(550, 80, 20, 32, 18, 5, 5)));
    private HostsFullyPatched serversFullyPatched = new HostsFullyPatched(450, 430, 12, 15, 500);
    private HostsFullyPatched workstationsFullyPatched = new HostsFullyPatched(8000, 7600, 6100, 6150, 9000);
    private HostsFullyPatched allFullyPatched = new HostsFullyPatched(8450, 8030, 6112, 6165, 9500);
    private long supersededExcluded = 3;
    private Long rowsReadOverride;
    private WindowData windows = WindowData.NONE;
    private FirstSeen firstSeen = FirstSeen.NONE;
    private CioHistory history = CioHistory.NONE;

    public ReportDataBuilder withWindows(WindowData windows) {
        this.windows = windows;
        return this;
    }

    public ReportDataBuilder withFirstSeen(FirstSeen firstSeen) {
        this.firstSeen = firstSeen;
        return this;
    }

    /** The kept history the CIO report charts; none unless given. */
    public ReportDataBuilder withHistory(CioHistory history) {
        this.history = history;
        return this;
    }

    public static ReportDataBuilder aReport() {
        return new ReportDataBuilder();
    }

    public ReportDataBuilder withRun(RunDescription run) {
        this.run = run;
        return this;
    }

    public ReportDataBuilder with(Finding... findings) {
        this.findings.addAll(Arrays.asList(findings));
        return this;
    }

    /** {@code count} findings of one verdict, made on the fly from their index (0-based). */
    public ReportDataBuilder withGenerated(Verdict verdict, int count, IntFunction<Finding> finding) {
        generated.add(new Generated(verdict, count, finding));
        return this;
    }

    public ReportDataBuilder withOutOfScope(String reason, long rows) {
        outOfScope.put(reason, rows);
        return this;
    }

    public ReportDataBuilder withoutOutOfScope() {
        outOfScope.clear();
        return this;
    }

    public ReportDataBuilder withHosts(HostSummary... hosts) {
        this.hosts.addAll(Arrays.asList(hosts));
        return this;
    }

    public ReportDataBuilder withUpdates(UpdateSummary... updates) {
        this.updates.addAll(Arrays.asList(updates));
        return this;
    }

    public ReportDataBuilder withDataQuality(DataQualityEntry... entries) {
        this.dataQuality.addAll(Arrays.asList(entries));
        return this;
    }

    public ReportDataBuilder withOverall(ComplianceFigures overall) {
        this.overall = overall;
        return this;
    }

    public ReportDataBuilder withCollection(String name, ComplianceFigures figures) {
        byCollection.put(name, figures);
        return this;
    }

    public ReportDataBuilder withoutCollections() {
        byCollection.clear();
        return this;
    }

    public ReportDataBuilder withFullyPatched(HostsFullyPatched servers, HostsFullyPatched workstations, HostsFullyPatched all) {
        this.serversFullyPatched = servers;
        this.workstationsFullyPatched = workstations;
        this.allFullyPatched = all;
        return this;
    }

    /** Figures of one severity, beside the default critical and important ones (see {@link #withoutSeverities()}). */
    public ReportDataBuilder withSeverity(Severity severity, ComplianceFigures figures) {
        bySeverity.put(severity, figures);
        return this;
    }

    public ReportDataBuilder withoutSeverities() {
        bySeverity.clear();
        return this;
    }

    /** Host updates of superseded updates left out of the headline; 0 when superseded updates count. */
    public ReportDataBuilder withSupersededExcluded(long pairs) {
        this.supersededExcluded = pairs;
        return this;
    }

    /** Overrides rows read, to make the counts not add up. */
    public ReportDataBuilder withRowsRead(long rowsRead) {
        this.rowsReadOverride = rowsRead;
        return this;
    }

    public ReportData build() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0L);
        }
        findings.forEach(f -> counts.merge(f.verdict(), 1L, Long::sum));
        generated.forEach(g -> counts.merge(g.verdict(), (long) g.count(), Long::sum));
        long oos = outOfScope.values().stream().mapToLong(Long::longValue).sum();
        counts.merge(Verdict.OUT_OF_SCOPE, oos, Long::sum);
        long rowsRead = rowsReadOverride != null ? rowsReadOverride : counts.values().stream().mapToLong(Long::longValue).sum();
        // Superseded findings by verdict; what the excluded count holds beyond them counts as in effect.
        Map<Verdict, Long> superseded = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            if (v.inScope()) {
                superseded.put(v, findings.stream().filter(f -> f.superseded() && f.verdict() == v).count());
            }
        }
        long listed = superseded.values().stream().mapToLong(Long::longValue).sum();
        superseded.merge(Verdict.IN_EFFECT, Math.max(0, supersededExcluded - listed), Long::sum);
        Metrics metrics = new Metrics(run.asOf(), rowsRead, Map.copyOf(counts), Map.copyOf(outOfScope), Map.copyOf(qualityFlags),
                supersededExcluded, Map.copyOf(superseded), overall, servers, workstations, Map.copyOf(bySeverity), new LinkedHashMap<>(byCollection),
                serversFullyPatched, workstationsFullyPatched, allFullyPatched, List.copyOf(hosts), List.copyOf(updates));
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::host).thenComparingInt(Finding::resourceId)
                .thenComparing(Finding::articleId).thenComparingInt(Finding::ciId));
        List<Finding> all = List.copyOf(findings);
        List<Generated> gens = List.copyOf(generated);
        List<DataQualityEntry> quality = List.copyOf(dataQuality);
        RunDescription runDescription = run;
        WindowData windowData = windows;
        FirstSeen seen = firstSeen;
        CioHistory kept = history;
        return new ReportData() {
            @Override
            public CioHistory history() {
                return kept;
            }

            @Override
            public WindowData windows() {
                return windowData;
            }

            @Override
            public FirstSeen firstSeen() {
                return seen;
            }

            @Override
            public RunDescription run() {
                return runDescription;
            }

            @Override
            public Metrics metrics() {
                return metrics;
            }

            @Override
            public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
                all.stream().filter(f -> f.verdict() == verdict).forEach(sink);
                for (Generated g : gens) {
                    if (g.verdict() == verdict) {
                        for (int i = 0; i < g.count(); i++) {
                            sink.accept(g.finding().apply(i));
                        }
                    }
                }
            }

            @Override
            public void forEachFindingInScope(Consumer<Finding> sink) {
                sorted.stream().filter(f -> f.verdict().inScope()).forEach(sink);
                for (Generated g : gens) {
                    if (g.verdict().inScope()) {
                        for (int i = 0; i < g.count(); i++) {
                            sink.accept(g.finding().apply(i));
                        }
                    }
                }
            }

            @Override
            public List<DataQualityEntry> dataQuality() {
                return quality;
            }
        };
    }
}
