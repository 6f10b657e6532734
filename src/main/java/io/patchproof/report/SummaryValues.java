package io.patchproof.report;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Verdict;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The values behind every placeholder: the fixed ones ({@code ${asOf}}, {@code ${gap}}, ...)
 * and the rows of the table regions ({@code ${severity.*}}, {@code ${collection.*}},
 * {@code ${count.*}}). Names are defined once here, so the template check and the writer agree.
 */
final class SummaryValues {

    /** What a value is worked out from; the metrics are fetched when a value first needs them. */
    private static final class Context {
        private final RunDescription run;
        private final Supplier<Metrics> metrics;
        private final Supplier<RebootPlan> plan;
        private final WindowData windows;

        Context(RunDescription run, Supplier<Metrics> metrics, Supplier<RebootPlan> plan, WindowData windows) {
            this.run = run;
            this.metrics = metrics;
            this.plan = plan;
            this.windows = windows == null ? WindowData.NONE : windows;
        }

        RunDescription run() {
            return run;
        }

        Metrics metrics() {
            return metrics.get();
        }

        RebootPlan plan() {
            return plan.get();
        }

        ComplianceFigures overall() {
            return MonthlyLayout.figuresOf(metrics().overall());
        }
    }

    /** What the Summary says of demo output, beside the profile: it must never pass for a real report. */
    static final String DEMO = "DEMO: generated demo data, not a real site";
    static final String NOTHING_MATCHED = "nothing matched: no applicable pair in this scope";
    /** What the headline's cells read where the scope holds no applicable pair (a percentage of 0 pairs is none). */
    private static final Map<String, String> HEADLINE_WHEN_NOTHING_MATCHED = Map.of("reportedPct", NOTHING_MATCHED,
            "effectivePct", NOTHING_MATCHED, "siteInstalledPct", NOTHING_MATCHED, "gap", "n/a", "installedGap", "n/a");

    private static final Map<String, Function<Context, Object>> DEFINITIONS = definitions();

    private SummaryValues() {
    }

    /** Every fixed placeholder name a template may use. */
    static Set<String> names() {
        return DEFINITIONS.keySet();
    }

    /**
     * Values of all fixed placeholders (a value may be null: written as a blank or "unknown"),
     * each worked out when first read, the metrics and the Reboot plan asked for only by a
     * placeholder that needs them: a sheet that names only the run (as the data sheets' titles do)
     * is filled before the metrics exist.
     */
    static Map<String, Object> lazy(RunDescription run, Supplier<Metrics> metrics, Supplier<RebootPlan> plan,
                                    WindowData windows) {
        Context context = new Context(run, metrics, plan, windows);
        Map<String, Object> cache = new HashMap<>();
        return new AbstractMap<>() {
            @Override
            public Object get(Object key) {
                Function<Context, Object> f = DEFINITIONS.get(key);
                if (f == null) {
                    return null;
                }
                if (!cache.containsKey(key)) {
                    cache.put((String) key, f.apply(context));
                }
                return cache.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return DEFINITIONS.containsKey(key);
            }

            @Override
            public Set<Map.Entry<String, Object>> entrySet() {
                Map<String, Object> all = new LinkedHashMap<>();
                DEFINITIONS.keySet().forEach(name -> all.put(name, get(name)));
                return all.entrySet();
            }
        };
    }

    private static Map<String, Function<Context, Object>> definitions() {
        Map<String, Function<Context, Object>> m = new LinkedHashMap<>();
        m.put("asOf", c -> c.run().asOf());
        m.put("profile", c -> c.run().demo() ? c.run().profile() + " \u2014 " + DEMO : c.run().profile());
        m.put("scope", c -> c.run().scope());
        m.put("schema", c -> joinNonBlank(c.run().schemaProfile(), c.run().schemaReason() == null ? null : "(" + c.run().schemaReason() + ")"));
        m.put("source", c -> source(c.run()));
        m.put("readAt", c -> c.run().sourceReadAt());
        m.put("runDate", c -> c.run().sourceReadAt());
        m.put("run", c -> "job instance " + c.run().jobInstanceId() + ", execution " + c.run().jobExecutionId()
                + (c.run().rerun() > 0 ? ", rerun " + c.run().rerun() : ", first run"));
        m.put("versions", c -> "patchproof " + c.run().toolVersion() + ", rules " + c.run().ruleVersion());
        m.put("toolVersion", c -> c.run().toolVersion());
        m.put("ruleVersion", c -> c.run().ruleVersion());
        m.put("newestInventory", c -> c.run().newestInventory() == null ? "unknown" : c.run().newestInventory());
        m.put("newestStateMessage", c -> c.run().newestStateMessage() == null ? "unknown" : c.run().newestStateMessage());
        m.put("inventoryAgeDays", c -> c.run().newestInventory() == null || c.run().asOf() == null ? null
                : ChronoUnit.DAYS.between(c.run().newestInventory().toLocalDate(), c.run().asOf()));
        m.put("stateMessageAgeDays", c -> c.run().newestStateMessage() == null || c.run().asOf() == null ? null
                : ChronoUnit.DAYS.between(c.run().newestStateMessage().atOffset(ZoneOffset.UTC).toLocalDate(), c.run().asOf()));

        for (Map.Entry<String, Function<ComplianceFigures, Object>> e : MonthlyLayout.FIGURES.entrySet()) {
            Function<ComplianceFigures, Object> figure = e.getValue();
            // The headline of a scope that matched nothing says so, instead of "0.0 %" over 0 pairs.
            String nothing = HEADLINE_WHEN_NOTHING_MATCHED.get(e.getKey());
            m.put(e.getKey(), c -> nothing != null && MonthlyLayout.figuresOf(c.metrics().overall()).applicable() == 0 ? nothing
                    : figure.apply(MonthlyLayout.figuresOf(c.metrics().overall())));
            m.put("overall." + e.getKey(), c -> figure.apply(MonthlyLayout.figuresOf(c.metrics().overall())));
            m.put("servers." + e.getKey(), c -> figure.apply(MonthlyLayout.figuresOf(c.metrics().servers())));
            m.put("workstations." + e.getKey(), c -> figure.apply(MonthlyLayout.figuresOf(c.metrics().workstations())));
        }
        fullyPatched(m, "servers", c -> c.metrics().serversFullyPatched());
        fullyPatched(m, "workstations", c -> c.metrics().workstationsFullyPatched());
        fullyPatched(m, "all", c -> c.metrics().allFullyPatched());

        for (Verdict v : Verdict.values()) {
            m.put("verdict." + v.name(), c -> CountChecks.count(c.metrics(), v));
            m.put("verdictSuperseded." + v.name(), c -> v.inScope() ? superseded(c.metrics(), v) : null);
            m.put("verdictCurrent." + v.name(), c -> v.inScope() ? CountChecks.count(c.metrics(), v) - superseded(c.metrics(), v)
                    : CountChecks.count(c.metrics(), v));
        }
        restart(m);
        m.put("rowsRead", c -> c.metrics().rowsRead());
        m.put("outOfScope", c -> CountChecks.outOfScope(c.metrics()));
        m.put("inScope", c -> CountChecks.inScope(c.metrics()));
        m.put("supersededExcluded", c -> c.metrics().supersededExcluded());
        m.put("reconciles", c -> reconciles(CountChecks.ofMetrics(c.metrics())));
        return Collections.unmodifiableMap(m);
    }

    private static long superseded(Metrics metrics, Verdict v) {
        Map<Verdict, Long> by = metrics.supersededVerdicts();
        return by == null ? 0 : by.getOrDefault(v, 0L);
    }

    /** The action block: hosts to restart, what their restart buys, and the counting rule. */
    private static void restart(Map<String, Function<Context, Object>> m) {
        m.put("restartHosts", c -> c.plan().hosts());
        m.put("restartServers", c -> c.plan().servers());
        m.put("restartWorkstations", c -> c.plan().workstations());
        m.put("restartWaiting", c -> c.plan().waiting());
        m.put("restartWaitingServers", c -> c.plan().entries().stream().filter(e -> e.host().server())
                        .mapToLong(e -> MonthlyLayout.figuresOf(e.host().figures()).notInEffect()).sum());
        m.put("restartWaitingWorkstations", c -> c.plan().entries().stream().filter(e -> !e.host().server())
                .mapToLong(e -> MonthlyLayout.figuresOf(e.host().figures()).notInEffect()).sum());
        m.put("restartCritical", c -> c.plan().critical());
        m.put("restartRisk", c -> c.plan().risk());
        m.put("restartPendingOnly", c -> c.plan().pendingOnly());
        m.put("effectiveAfterRestartPct", c -> c.overall().applicable() == 0 ? NOTHING_MATCHED
                : new Values.Percent(100.0 * (c.overall().inEffect() + c.plan().waiting()) / c.overall().applicable()));
        m.put("restartGain", c -> c.overall().applicable() == 0 ? "n/a"
                : new Values.Points(100.0 * c.plan().waiting() / c.overall().applicable()));
        m.put("windowsLeftOut", c -> c.plan().leftOut());
        m.put("restartNote", c -> {
            RebootPlan p = c.plan();
            StringBuilder sb = new StringBuilder();
            sb.append("The Reboot plan lists these ").append(String.format(java.util.Locale.ROOT, "%,d", p.hosts()))
                    .append(" hosts, grouped by maintenance window.");
            if (p.pendingOnly() > 0) {
                sb.append(' ').append(String.format(java.util.Locale.ROOT, "%,d", p.pendingOnly()))
                        .append(" of them are listed because the ConfigMgr client reports a restart pending while updates")
                        .append(" are still required: their restart may complete installs not yet counted above.");
            }
            if (p.serversWithoutWindow() > 0) {
                sb.append(' ').append(String.format(java.util.Locale.ROOT, "%,d", p.serversWithoutWindow()))
                        .append(" servers have no enabled maintenance window: their restart must be arranged by hand.");
            }
            return sb.toString();
        });
        m.put("countingRule", c -> {
            long superseded = c.metrics().supersededExcluded();
            boolean excluded = superseded > 0 || c.metrics().supersededVerdicts() != null
                    && c.metrics().supersededVerdicts().values().stream().anyMatch(n -> n > 0);
            String unit = "Every figure counts host updates: one update that applies to one host counts once.";
            if (!excluded) {
                return unit + " Superseded updates count like the others (no superseded update applies here, or the"
                        + " setting patchproof.rules.superseded-in-headline is on); the sheets mark them Superseded = yes.";
            }
            return unit + " Superseded updates (" + String.format(java.util.Locale.ROOT, "%,d", superseded)
                    + " host updates) are left out of every figure, as the update that replaces them carries the risk"
                    + " (setting patchproof.rules.superseded-in-headline); the Not in effect and Missing sheets list them"
                    + " after the current updates, marked Superseded = yes.";
        });
    }

    /** What a figure without a denominator shows: no critical pair, no "fully patched" percentage. */
    static final String NOT_APPLICABLE = "n/a";

    private static void fullyPatched(Map<String, Function<Context, Object>> m, String prefix,
                                     Function<Context, HostsFullyPatched> of) {
        Function<Context, HostsFullyPatched> safe = c -> {
            HostsFullyPatched h = of.apply(c);
            return h == null ? new HostsFullyPatched(0, 0, 0, 0, 0) : h;
        };
        m.put(prefix + "Hosts", c -> safe.apply(c).hosts());
        known(m, prefix + "FullyPatchedReported", safe, h -> new Values.Percent(h.reportedPct()));
        known(m, prefix + "FullyPatchedEffective", safe, h -> new Values.Percent(h.effectivePct()));
        known(m, prefix + "FullyPatchedEffectiveWithExceptions", safe, h -> new Values.Percent(h.effectiveWithExceptionsPct()));
        known(m, prefix + "FullyPatchedGap", safe, h -> new Values.Points(h.reportedPct() - h.effectivePct()));
        m.put(prefix + "FullyPatchedReportedCount", c -> safe.apply(c).reported());
        m.put(prefix + "FullyPatchedEffectiveCount", c -> safe.apply(c).effective());
        m.put(prefix + "FullyPatchedEffectiveWithExceptionsCount", c -> safe.apply(c).effectiveWithExceptions());
    }

    /** A fully-patched figure: without an applicable critical pair it says nothing, n/a, never 100 %. */
    private static void known(Map<String, Function<Context, Object>> m, String name, Function<Context, HostsFullyPatched> of,
                              Function<HostsFullyPatched, Object> figure) {
        m.put(name, c -> {
            HostsFullyPatched h = of.apply(c);
            return h.known() ? figure.apply(h) : NOT_APPLICABLE;
        });
    }

    static String reconciles(List<CountChecks.Check> checks) {
        if (CountChecks.allHold(checks)) {
            return "yes";
        }
        return "NO: " + checks.stream().filter(c -> !c.holds()).map(CountChecks.Check::describe)
                .collect(Collectors.joining("; "));
    }

    private static String source(RunDescription run) {
        String where = joinNonBlank(run.sourceServer(), run.sourceDatabase() == null ? null : "/ " + run.sourceDatabase());
        if (run.siteCode() != null && !run.siteCode().isBlank()) {
            where = (where.isEmpty() ? "" : where + ", ") + "site " + run.siteCode();
        }
        return run.demo() ? "DEMO site database (generated): " + where : where;
    }

    private static String joinNonBlank(String a, String b) {
        StringBuilder sb = new StringBuilder();
        for (String s : new String[] {a, b}) {
            if (s != null && !s.isBlank()) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }

    /** Rows of a table region, in display order; the window rows come from the Reboot plan. */
    static List<MonthlyLayout.RegionRow> region(String prefix, Metrics metrics, List<DataQualityEntry> dataQuality,
                                                RebootPlan plan, WindowData windows) {
        return switch (prefix) {
            case "window" -> plan == null ? List.of()
                    : plan.groups().stream().map(g -> new MonthlyLayout.RegionRow(g.values())).toList();
            case "severity" -> severityRows(metrics);
            case "collection" -> collectionRows(metrics, windows == null ? WindowData.NONE : windows);
            case "count" -> countRows(metrics, dataQuality);
            default -> throw new IllegalArgumentException("no region " + prefix);
        };
    }

    private static List<MonthlyLayout.RegionRow> severityRows(Metrics metrics) {
        List<MonthlyLayout.RegionRow> rows = new ArrayList<>();
        Map<Severity, ComplianceFigures> by = metrics.bySeverity() == null ? Map.of() : metrics.bySeverity();
        Severity[] order = Severity.values();
        for (int i = order.length - 1; i >= 0; i--) {
            ComplianceFigures f = by.get(order[i]);
            if (f != null) {
                rows.add(figureRow(order[i].displayName(), f));
            }
        }
        return rows;
    }

    private static List<MonthlyLayout.RegionRow> collectionRows(Metrics metrics, WindowData windows) {
        Map<String, ComplianceFigures> by = metrics.byCollection() == null ? Map.of() : metrics.byCollection();
        return by.entrySet().stream()
                .map(e -> figureRow(windows.collectionLabel(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing((MonthlyLayout.RegionRow r) -> (String) r.values().get("name"),
                        Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()))))
                .toList();
    }

    private static MonthlyLayout.RegionRow figureRow(String name, ComplianceFigures figures) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        MonthlyLayout.FIGURES.forEach((field, f) -> values.put(field, f.apply(figures)));
        return new MonthlyLayout.RegionRow(values);
    }

    /** Data-quality counts: records by category, pairs by quality flag, rows by out-of-scope reason. */
    private static List<MonthlyLayout.RegionRow> countRows(Metrics metrics, List<DataQualityEntry> dataQuality) {
        List<MonthlyLayout.RegionRow> rows = new ArrayList<>();
        Map<String, Long> categories = new TreeMap<>();
        for (DataQualityEntry e : dataQuality) {
            categories.merge(e.category() == null ? "(none)" : e.category(), 1L, Long::sum);
        }
        categories.forEach((category, n) -> rows.add(countRow("Records by category", category, n)));
        Map<QualityFlag, Long> flags = metrics.qualityFlags() == null ? Map.of() : metrics.qualityFlags();
        for (QualityFlag flag : QualityFlag.values()) {
            rows.add(countRow("Pairs by quality flag", flag.name(), flags.getOrDefault(flag, 0L)));
        }
        Map<String, Long> reasons = new TreeMap<>();
        if (metrics.outOfScopeReasons() != null) {
            metrics.outOfScopeReasons().forEach((reason, n) -> reasons.merge(reason == null ? "(none)" : reason, n == null ? 0 : n, Long::sum));
        }
        reasons.forEach((reason, n) -> rows.add(countRow("Rows out of scope by reason", reason, n)));
        return rows;
    }

    private static MonthlyLayout.RegionRow countRow(String kind, String item, long value) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kind", kind);
        values.put("item", item);
        values.put("value", value);
        return new MonthlyLayout.RegionRow(values);
    }
}
