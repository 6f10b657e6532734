package io.patchproof.report;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateSummary;
import io.patchproof.reconcile.Verdict;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The values behind every placeholder of the CIO workbook: the fixed ones (title, headline of this
 * run beside the previous quarter's point, with the change) and the rows of its regions (Trend,
 * severity table, top hosts, top updates). Names are defined once here, so the template check and
 * the writer agree.
 *
 * <p>No number is ever invented: a figure a kept run did not record is "not kept" (a blank cell on
 * the Trend sheet), a fully-patched figure without any critical update is "n/a", and where no run
 * was kept for the end of the previous quarter the report says so in words.
 */
final class CioValues {

    /** What the previous-quarter column reads when no run was kept for that quarter's end. */
    static final String NO_RUN_KEPT = "no run kept";
    /** A figure an earlier run did not keep (runs before per-role history). */
    static final String NOT_KEPT = "not kept";
    /** A fully-patched figure where no critical update applies. */
    static final String NOT_APPLICABLE = "n/a";
    /** A percentage over nothing. */
    static final String NONE_APPLICABLE = "none applicable";
    /** Owner collection of a host with no collection read. */
    static final String NO_COLLECTION = "none";

    /** How many hosts and how many updates the Top risks sheet lists. */
    static final int TOP = 20;

    private static final List<String> FIXED = List.of("site", "quarter", "quarterStart", "quarterEnd", "asOf", "scope",
            "source", "readAt", "versions", "demoNote", "previousQuarter", "previousAsOf", "previousHeader", "comparison",
            "trendSpan", "countingRule", "topHostsNote", "topUpdatesNote");

    private CioValues() {
    }

    /** Every fixed placeholder name a CIO template may use. */
    static Set<String> names() {
        Set<String> names = new java.util.LinkedHashSet<>(FIXED);
        for (String figure : CioLayout.HEADLINE) {
            names.add("now." + figure);
            names.add("previous." + figure);
            names.add("change." + figure);
        }
        return Collections.unmodifiableSet(names);
    }

    /** One kept run's figures as the report reads them: the history's points, or this run's own. */
    record Point(LocalDate asOf, ComplianceFigures overall, HostsFullyPatched servers, HostsFullyPatched workstations) {

        static Point of(CioHistory.TrendPoint p) {
            return new Point(p.asOf(), p.overall(), p.servers(), p.workstations());
        }

        static Point of(LocalDate asOf, Metrics m) {
            return new Point(asOf, m.overall(), m.serversFullyPatched(), m.workstationsFullyPatched());
        }
    }

    /**
     * The history the report is drawn from. Without kept history (a source that keeps none) the
     * trend is this run alone, the quarter the one ending on or before its as-of date, and there is
     * no previous-quarter point.
     */
    record History(List<Point> trend, CioHistory.Quarter quarter, Point previous) {

        static History of(CioHistory history, RunDescription run, Metrics metrics) {
            CioHistory h = history == null ? CioHistory.NONE : history;
            List<Point> trend = h.trend().isEmpty() ? List.of(Point.of(run.asOf(), metrics))
                    : h.trend().stream().map(Point::of).toList();
            CioHistory.Quarter quarter = h.quarter() != null ? h.quarter()
                    : run.asOf() == null ? null : CioHistory.Quarter.endingOnOrBefore(run.asOf());
            return new History(trend, quarter, h.previousQuarter() == null ? null : Point.of(h.previousQuarter()));
        }
    }

    /** The fixed values, by placeholder name (a value may be null: written as a blank cell). */
    static Map<String, Object> fixed(RunDescription run, Metrics metrics, History history) {
        Map<String, Object> m = new LinkedHashMap<>();
        CioHistory.Quarter quarter = history.quarter();
        CioHistory.Quarter previousQuarter = quarter == null ? null : quarter.previous();
        Point previous = history.previous();
        m.put("site", run.site() != null && !run.site().isBlank() ? run.site() : run.siteCode());
        m.put("quarter", quarter == null ? "quarter unknown" : quarter.label());
        m.put("quarterStart", quarter == null ? null : quarter.start());
        m.put("quarterEnd", quarter == null ? null : quarter.end());
        m.put("asOf", run.asOf());
        m.put("scope", run.scope());
        m.put("source", source(run));
        m.put("readAt", run.sourceReadAt());
        m.put("versions", "patchproof " + run.toolVersion() + ", rules " + run.ruleVersion());
        m.put("demoNote", run.demo() ? SummaryValues.DEMO : null);
        m.put("previousQuarter", previousQuarter == null ? null : previousQuarter.label());
        m.put("previousAsOf", previous == null ? NO_RUN_KEPT : previous.asOf());
        String endOfPrevious = previousQuarter == null ? "the previous quarter" : "the end of " + previousQuarter.label();
        m.put("previousHeader", previous == null ? capitalised(endOfPrevious) + ": no run kept"
                : capitalised(endOfPrevious) + " (as of " + previous.asOf() + ")");
        m.put("comparison", comparison(previous, previousQuarter, endOfPrevious));
        List<Point> trend = history.trend();
        m.put("trendSpan", trend.size() == 1 ? "One run kept so far: this one, as of " + trend.get(0).asOf() + "."
                : String.format(Locale.ROOT, "%d runs kept, from %s to %s.", trend.size(), trend.get(0).asOf(),
                        trend.get(trend.size() - 1).asOf()));
        m.put("countingRule", countingRule(metrics));

        Point now = Point.of(run.asOf(), metrics);
        for (String figure : CioLayout.HEADLINE) {
            Object nowValue = headline(figure, now, true);
            Object previousValue = previous == null ? NO_RUN_KEPT : headline(figure, previous, false);
            m.put("now." + figure, nowValue);
            m.put("previous." + figure, previousValue);
            m.put("change." + figure, change(nowValue, previousValue));
        }
        return m;
    }

    private static String comparison(Point previous, CioHistory.Quarter previousQuarter, String endOfPrevious) {
        if (previous == null) {
            return "No run kept for " + endOfPrevious + ": nothing to compare with, so the previous quarter's"
                    + " column is empty. No figure is estimated.";
        }
        if (previousQuarter != null && previous.asOf() != null && previous.asOf().equals(previousQuarter.end())) {
            return "Compared with the run of " + previous.asOf() + ", " + endOfPrevious + ".";
        }
        return "Compared with the run kept as of " + previous.asOf() + ", the nearest before " + endOfPrevious
                + (previousQuarter == null ? "" : " (" + previousQuarter.end() + ")") + ".";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String countingRule(Metrics metrics) {
        String unit = "Every figure counts host updates: one update that applies to one host counts once.";
        if (metrics.supersededExcluded() > 0) {
            return unit + " Superseded updates are left out (the update that replaces them carries the risk), as in"
                    + " the monthly review.";
        }
        return unit + " Superseded updates count like the others, as in the monthly review.";
    }

    /** One headline figure of a point; text where there is no number to show. */
    private static Object headline(String figure, Point p, boolean current) {
        ComplianceFigures f = p.overall();
        return switch (figure) {
            case "siteInstalledPct" -> percent(f, ComplianceFigures::siteInstalledPct, NONE_APPLICABLE);
            case "reportedPct" -> percent(f, ComplianceFigures::reportedPct, NONE_APPLICABLE);
            case "effectivePct" -> percent(f, ComplianceFigures::effectivePct, NONE_APPLICABLE);
            case "gap" -> f == null || f.applicable() == 0 ? NOT_APPLICABLE : new Values.Points(f.gapPoints());
            case "serversReported" -> fullyPatched(p.servers(), HostsFullyPatched::reportedPct, current);
            case "serversEffective" -> fullyPatched(p.servers(), HostsFullyPatched::effectivePct, current);
            case "workstationsReported" -> fullyPatched(p.workstations(), HostsFullyPatched::reportedPct, current);
            case "workstationsEffective" -> fullyPatched(p.workstations(), HostsFullyPatched::effectivePct, current);
            case "applicable" -> f == null ? NOT_KEPT : f.applicable();
            default -> throw new IllegalArgumentException("no headline figure " + figure);
        };
    }

    private static Object percent(ComplianceFigures f, Function<ComplianceFigures, Double> pct, String whenNone) {
        if (f == null) {
            return NOT_KEPT;
        }
        return f.applicable() == 0 ? whenNone : new Values.Percent(pct.apply(f));
    }

    private static Object fullyPatched(HostsFullyPatched h, Function<HostsFullyPatched, Double> pct, boolean current) {
        if (h == null) {
            return current ? "unknown" : NOT_KEPT;
        }
        return h.known() ? new Values.Percent(pct.apply(h)) : NOT_APPLICABLE;
    }

    /** Now minus previous: percentage points between percentages, a count between counts, else nothing. */
    static Object change(Object now, Object previous) {
        if (now instanceof Values.Percent n && previous instanceof Values.Percent p) {
            return new Values.Points(n.percent() - p.percent());
        }
        if (now instanceof Values.Points n && previous instanceof Values.Points p) {
            return new Values.Points(n.points() - p.points());
        }
        if (now instanceof Long n && previous instanceof Long p) {
            return n - p;
        }
        return null;
    }

    /** One Trend row per kept run, oldest first: numbers only, a blank where a run kept none. */
    static List<Map<String, Object>> trendRows(History history) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Point p : history.trend()) {
            Map<String, Object> v = new LinkedHashMap<>();
            ComplianceFigures f = p.overall();
            boolean figures = f != null && f.applicable() > 0;
            v.put("asOf", p.asOf());
            v.put("siteInstalledPct", figures ? new Values.Percent(f.siteInstalledPct()) : null);
            v.put("reportedPct", figures ? new Values.Percent(f.reportedPct()) : null);
            v.put("effectivePct", figures ? new Values.Percent(f.effectivePct()) : null);
            v.put("gap", figures ? new Values.Points(f.gapPoints()) : null);
            v.put("serversReported", trendFullyPatched(p.servers(), HostsFullyPatched::reportedPct));
            v.put("serversEffective", trendFullyPatched(p.servers(), HostsFullyPatched::effectivePct));
            v.put("workstationsReported", trendFullyPatched(p.workstations(), HostsFullyPatched::reportedPct));
            v.put("workstationsEffective", trendFullyPatched(p.workstations(), HostsFullyPatched::effectivePct));
            v.put("applicable", f == null ? null : f.applicable());
            rows.add(v);
        }
        return rows;
    }

    private static Object trendFullyPatched(HostsFullyPatched h, Function<HostsFullyPatched, Double> pct) {
        return h == null || !h.known() ? null : new Values.Percent(pct.apply(h));
    }

    /** The severity table behind the bar chart: this run, most severe first, severities with figures only. */
    static List<Map<String, Object>> severityRows(Metrics metrics) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Severity, ComplianceFigures> by = metrics.bySeverity() == null ? Map.of() : metrics.bySeverity();
        Severity[] order = Severity.values();
        for (int i = order.length - 1; i >= 0; i--) {
            ComplianceFigures f = by.get(order[i]);
            if (f == null || f.applicable() == 0) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", severityName(order[i]));
            v.put("applicable", f.applicable());
            v.put("siteInstalledPct", new Values.Percent(f.siteInstalledPct()));
            v.put("reportedPct", new Values.Percent(f.reportedPct()));
            v.put("effectivePct", new Values.Percent(f.effectivePct()));
            v.put("gap", new Values.Points(f.gapPoints()));
            rows.add(v);
        }
        return rows;
    }

    static String severityName(Severity s) {
        return s == null || s == Severity.UNSPECIFIED ? "No severity given" : s.displayName();
    }

    /** The hosts and the updates that most lower effective compliance. */
    record TopRisks(List<Map<String, Object>> hosts, List<Map<String, Object>> updates, long hostsWaiting,
                    long updatesWaiting, long installsWaiting) {

        /** What the top hosts hold of everything waiting for a restart, in words. */
        String hostsNote() {
            long listed = hosts.stream().mapToLong(h -> (Long) h.get("notInEffect")).sum();
            return String.format(Locale.ROOT, "%,d hosts have installed updates not in effect (%,d host updates in all);"
                    + " the %,d listed hold %,d of them.", hostsWaiting, installsWaiting, hosts.size(), listed);
        }

        /** What the top updates hold of everything waiting for a restart, in words. */
        String updatesNote() {
            long listed = updates.stream().mapToLong(u -> (Long) u.get("notInEffect")).sum();
            return String.format(Locale.ROOT, "%,d updates are installed but not in effect somewhere; the %,d listed"
                    + " account for %,d of the %,d host updates not in effect.", updatesWaiting, updates.size(), listed,
                    installsWaiting);
        }
    }

    /** What one host's or one update's installs waiting for a restart add up to. */
    private static final class Tally {
        final Finding first;
        long count;
        long critical;
        long servers;
        long workstations;
        double risk;
        LocalDate since;

        Tally(Finding first) {
            this.first = first;
        }

        void add(Finding f, LocalDate seen) {
            count++;
            if (f.severity() == Severity.CRITICAL) {
                critical++;
            }
            if (f.server()) {
                servers++;
            } else {
                workstations++;
            }
            Severity severity = f.severity() == null ? Severity.UNSPECIFIED : f.severity();
            risk += severity.weight() * (f.exposureDays() == null ? 0 : f.exposureDays());
            if (seen != null && (since == null || seen.isBefore(since))) {
                since = seen;
            }
        }
    }

    /**
     * Streams the findings not in effect once (memory grows with hosts and updates, not findings)
     * and ranks hosts by updates not in effect on them, updates by hosts on which they are not in
     * effect; ties by risk (severity weight × days waiting), then by name. Superseded updates count
     * only where they count in the headline. "Not in effect since" is the earliest first-seen date of
     * the counted installs, else the as-of date.
     */
    static TopRisks topRisks(ReportData data, Metrics metrics, WindowData windows, FirstSeen firstSeen, LocalDate asOf,
                             int limit) {
        boolean skipSuperseded = metrics.supersededExcluded() > 0;
        Map<Integer, Tally> byHost = new HashMap<>();
        Map<Integer, Tally> byUpdate = new HashMap<>();
        data.forEachFinding(Verdict.NOT_IN_EFFECT, f -> {
            if (f.verdict() != Verdict.NOT_IN_EFFECT || skipSuperseded && f.superseded()) {
                return;
            }
            LocalDate seen = firstSeen.of(f.resourceId(), f.ciId());
            LocalDate since = seen == null || (asOf != null && seen.isAfter(asOf)) ? asOf : seen;
            byHost.computeIfAbsent(f.resourceId(), k -> new Tally(f)).add(f, since);
            byUpdate.computeIfAbsent(f.ciId(), k -> new Tally(f)).add(f, since);
        });
        Map<Integer, HostSummary> hosts = new HashMap<>();
        (metrics.hosts() == null ? List.<HostSummary>of() : metrics.hosts()).forEach(h -> hosts.put(h.resourceId(), h));
        Map<Integer, UpdateSummary> updates = new HashMap<>();
        (metrics.updates() == null ? List.<UpdateSummary>of() : metrics.updates()).forEach(u -> updates.put(u.ciId(), u));

        Comparator<Map.Entry<Integer, Tally>> hostOrder = Comparator
                .comparingLong((Map.Entry<Integer, Tally> e) -> -e.getValue().count)
                .thenComparingDouble(e -> -hostRisk(hosts.get(e.getKey()), e.getValue()))
                .thenComparing(e -> nullToEmpty(e.getValue().first.host()), String.CASE_INSENSITIVE_ORDER)
                .thenComparingInt(Map.Entry::getKey);
        List<Map<String, Object>> hostRows = new ArrayList<>();
        byHost.entrySet().stream().sorted(hostOrder).limit(limit).forEach(e -> {
            Tally t = e.getValue();
            HostSummary h = hosts.get(e.getKey());
            ComplianceFigures f = h == null ? null : h.figures();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rank", (long) hostRows.size() + 1);
            v.put("name", h != null && h.name() != null ? h.name() : t.first.host());
            v.put("role", MonthlyLayout.role(h != null ? h.server() : t.first.server()));
            v.put("collection", h == null || h.collectionIds().isEmpty() ? NO_COLLECTION
                    : windows.collectionLabel(h.collectionIds().get(0)));
            v.put("notInEffect", t.count);
            v.put("critical", t.critical);
            v.put("applicable", f == null ? null : f.applicable());
            v.put("effectivePct", f == null || f.applicable() == 0 ? null : new Values.Percent(f.effectivePct()));
            v.put("risk", hostRisk(h, t));
            v.put("since", t.since);
            v.put("days", days(t.since, asOf));
            v.put("domain", h == null ? null : h.domain());
            v.put("resourceId", (long) e.getKey());
            hostRows.add(v);
        });

        Comparator<Map.Entry<Integer, Tally>> updateOrder = Comparator
                .comparingLong((Map.Entry<Integer, Tally> e) -> -e.getValue().count)
                .thenComparingDouble(e -> -e.getValue().risk)
                .thenComparing(e -> nullToEmpty(e.getValue().first.articleId()), String.CASE_INSENSITIVE_ORDER)
                .thenComparingInt(Map.Entry::getKey);
        List<Map<String, Object>> updateRows = new ArrayList<>();
        byUpdate.entrySet().stream().sorted(updateOrder).limit(limit).forEach(e -> {
            Tally t = e.getValue();
            UpdateSummary u = updates.get(e.getKey());
            ComplianceFigures f = u == null ? null : u.figures();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rank", (long) updateRows.size() + 1);
            v.put("article", MonthlyLayout.article(u != null ? u.articleId() : t.first.articleId()));
            v.put("bulletin", u != null ? u.bulletinId() : t.first.bulletinId());
            v.put("title", u != null ? u.title() : t.first.title());
            v.put("severity", severityName(u != null ? u.severity() : t.first.severity()));
            v.put("released", u == null || u.datePosted() == null ? null : u.datePosted().atOffset(ZoneOffset.UTC).toLocalDate());
            v.put("notInEffect", t.count);
            v.put("servers", t.servers);
            v.put("workstations", t.workstations);
            v.put("applicable", f == null ? null : f.applicable());
            v.put("effectivePct", f == null || f.applicable() == 0 ? null : new Values.Percent(f.effectivePct()));
            v.put("risk", t.risk);
            v.put("since", t.since);
            v.put("days", days(t.since, asOf));
            v.put("ciId", (long) e.getKey());
            updateRows.add(v);
        });
        long installs = byHost.values().stream().mapToLong(t -> t.count).sum();
        return new TopRisks(hostRows, updateRows, byHost.size(), byUpdate.size(), installs);
    }

    /** The host's risk score as the monthly review ranks it; from its findings when the host is not summarised. */
    private static double hostRisk(HostSummary h, Tally t) {
        return h != null ? h.riskScore() : t.risk;
    }

    private static Long days(LocalDate from, LocalDate asOf) {
        return from == null || asOf == null ? null : ChronoUnit.DAYS.between(from, asOf);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String source(RunDescription run) {
        StringBuilder sb = new StringBuilder();
        if (run.sourceServer() != null && !run.sourceServer().isBlank()) {
            sb.append(run.sourceServer());
        }
        if (run.sourceDatabase() != null && !run.sourceDatabase().isBlank()) {
            sb.append(sb.length() > 0 ? " / " : "").append(run.sourceDatabase());
        }
        if (run.siteCode() != null && !run.siteCode().isBlank()) {
            sb.append(sb.length() > 0 ? ", " : "").append("site ").append(run.siteCode());
        }
        return run.demo() ? "DEMO site database (generated): " + sb : sb.toString();
    }
}
