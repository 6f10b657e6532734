package io.patchproof.report;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.UpdateSummary;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the monthly template must hold and what its placeholders and markers may name. The
 * template decides where things go and how they look; this class only knows the names.
 *
 * <ul>
 *   <li>A <em>placeholder</em> {@code ${name}} anywhere on any sheet (outside a data sheet's
 *       style row) is replaced by a run value ({@link SummaryValues}). A cell holding only the
 *       placeholder receives a typed value (number, date); inside longer text it becomes text.</li>
 *   <li>A <em>region row</em> holds placeholders {@code ${prefix.field}} of one of
 *       {@link #REGION_FIELDS}; it is repeated once per entry (by severity, by collection,
 *       data-quality counts).</li>
 *   <li>The last row of each data sheet is its <em>style row</em>: cells holding only a marker
 *       {@code ${field}} naming a column of that sheet. Its cell styles are applied to every data
 *       row, and the row itself is removed. The row above it is the header, repeated on
 *       continuation sheets.</li>
 * </ul>
 */
final class MonthlyLayout {

    static final String SUMMARY = "Summary";
    static final String REBOOT_PLAN = "Reboot plan";
    static final String NOT_IN_EFFECT = "Not in effect";
    static final String MISSING = "Missing";
    static final String HOSTS = "Hosts";
    static final String UPDATES = "Updates";
    static final String DATA_QUALITY = "Data quality";

    static final List<String> SHEETS = List.of(SUMMARY, REBOOT_PLAN, NOT_IN_EFFECT, MISSING, HOSTS, UPDATES, DATA_QUALITY);

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.]*)}");
    static final Pattern WHOLE_PLACEHOLDER = Pattern.compile("\\s*\\$\\{([A-Za-z][A-Za-z0-9_.]*)}\\s*");

    /** Summary placeholders the monthly review cannot do without. */
    static final List<String> REQUIRED_SUMMARY_PLACEHOLDERS = List.of(
            "asOf", "scope", "source", "readAt",
            "siteInstalledPct", "reportedPct", "effectivePct", "gap",
            "serversFullyPatchedReported", "serversFullyPatchedEffective",
            "workstationsFullyPatchedReported", "workstationsFullyPatchedEffective",
            "allFullyPatchedReported", "allFullyPatchedEffective",
            "reportedWithExceptionsPct", "effectiveWithExceptionsPct", "reconciles",
            "restartHosts", "restartServers", "restartWorkstations", "restartWaiting", "effectiveAfterRestartPct",
            "newestInventory", "newestStateMessage");

    /**
     * One host's line on the Reboot plan and Hosts sheets.
     *
     * @param rank             position within its window on the Reboot plan; overall on the Hosts sheet
     * @param window           the maintenance window it restarts in, or "No maintenance window"
     * @param windowCollection that window's collection, named, null without a window
     * @param nextWindow       that window's next start after the as-of date, null when unknown
     * @param collections      its collections, named, IDs beside them
     * @param pendingSince     the earliest first-seen date of its installs not in effect, null if none
     */
    record HostRow(int rank, HostSummary host, String window, String windowCollection, LocalDateTime nextWindow,
                   String collections, String why, LocalDate pendingSince, LocalDate asOf) {
    }

    /**
     * One finding's line on the Not in effect and Missing sheets.
     *
     * @param firstSeen for a pair not in effect: the date it was first seen so (earlier runs' history,
     *                  else this run's as-of date); null for other verdicts
     */
    record FindingRow(Finding finding, LocalDate firstSeen, LocalDate asOf) {
    }

    /** One line of a table region: a label and its figures, or a data-quality count. */
    record RegionRow(Map<String, Object> values) {
    }

    static final Map<String, Function<ComplianceFigures, Object>> FIGURES = figures();

    static final Map<String, Function<FindingRow, Object>> FINDING_FIELDS = findingFields();
    static final Map<String, Function<HostRow, Object>> HOST_FIELDS = hostFields();
    static final Map<String, Function<UpdateSummary, Object>> UPDATE_FIELDS = updateFields();
    static final Map<String, Function<DataQualityEntry, Object>> DATA_QUALITY_FIELDS = dataQualityFields();

    /** The markers each data sheet's style row may use. */
    static final Map<String, Map<String, ? extends Function<?, Object>>> DATA_SHEET_FIELDS = Map.of(
            REBOOT_PLAN, HOST_FIELDS,
            NOT_IN_EFFECT, FINDING_FIELDS,
            MISSING, FINDING_FIELDS,
            HOSTS, HOST_FIELDS,
            UPDATES, UPDATE_FIELDS,
            DATA_QUALITY, DATA_QUALITY_FIELDS);

    /** Region prefixes and their fields. */
    static final Map<String, List<String>> REGION_FIELDS = regionFields();

    private MonthlyLayout() {
    }

    private static Map<String, Function<ComplianceFigures, Object>> figures() {
        Map<String, Function<ComplianceFigures, Object>> m = new LinkedHashMap<>();
        m.put("applicable", ComplianceFigures::applicable);
        m.put("siteInstalled", ComplianceFigures::siteInstalled);
        m.put("siteInstalledPct", f -> new Values.Percent(f.siteInstalledPct()));
        m.put("installedGap", f -> new Values.Points(f.installedGapPoints()));
        m.put("reportedInstalled", ComplianceFigures::reportedInstalled);
        m.put("inEffect", ComplianceFigures::inEffect);
        m.put("reportedPct", f -> new Values.Percent(f.reportedPct()));
        m.put("effectivePct", f -> new Values.Percent(f.effectivePct()));
        m.put("gap", f -> new Values.Points(f.gapPoints()));
        m.put("reportedWithExceptionsPct", f -> new Values.Percent(f.reportedWithExceptionsPct()));
        m.put("effectiveWithExceptionsPct", f -> new Values.Percent(f.effectiveWithExceptionsPct()));
        m.put("exempt", ComplianceFigures::exempt);
        m.put("notInEffect", ComplianceFigures::notInEffect);
        m.put("unverified", ComplianceFigures::unverified);
        m.put("missing", ComplianceFigures::missing);
        m.put("failed", ComplianceFigures::failed);
        m.put("slaOverdue", ComplianceFigures::slaOverdue);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Function<FindingRow, Object>> findingFields() {
        Map<String, Function<Finding, Object>> m = new LinkedHashMap<>();
        m.put("host", Finding::host);
        m.put("resourceId", Finding::resourceId);
        m.put("siteCode", Finding::siteCode);
        m.put("role", f -> role(f.server()));
        m.put("ciId", Finding::ciId);
        m.put("article", f -> article(f.articleId()));
        m.put("bulletin", Finding::bulletinId);
        m.put("title", Finding::title);
        m.put("severity", f -> f.severity() == null ? null : f.severity().displayName());
        m.put("classification", Finding::classification);
        m.put("superseded", f -> f.superseded() ? "yes" : "no");
        m.put("status", Finding::status);
        m.put("enforcementState", f -> enforcementState(f.enforcementState()));
        m.put("verdict", f -> f.verdict() == null ? null : f.verdict().name());
        m.put("confidence", f -> f.confidence() == null ? null : f.confidence().label());
        m.put("installedEarliestUtc", Finding::installedEarliestUtc);
        m.put("installedLatestUtc", Finding::installedLatestUtc);
        m.put("lastBootUtc", Finding::lastBootUtc);
        m.put("inventoryUtc", Finding::inventoryUtc);
        m.put("exposureDays", Finding::exposureDays);
        m.put("exemptReason", Finding::exemptReason);
        m.put("evidence", Finding::evidence);
        m.put("qualityFlags", f -> f.qualityFlags() == null || f.qualityFlags().isEmpty() ? null
                : f.qualityFlags().stream().sorted().map(QualityFlag::name).collect(Collectors.joining(", ")));
        Map<String, Function<FindingRow, Object>> rows = new LinkedHashMap<>();
        m.forEach((name, f) -> rows.put(name, r -> f.apply(r.finding())));
        rows.put("firstSeen", FindingRow::firstSeen);
        rows.put("daysListed", r -> days(r.firstSeen(), r.asOf()));
        return Collections.unmodifiableMap(rows);
    }

    private static Map<String, Function<HostRow, Object>> hostFields() {
        Map<String, Function<HostRow, Object>> m = new LinkedHashMap<>();
        m.put("rank", HostRow::rank);
        m.put("resourceId", r -> r.host().resourceId());
        m.put("host", r -> r.host().name());
        m.put("domain", r -> r.host().domain());
        m.put("siteCode", r -> r.host().siteCode());
        m.put("role", r -> role(r.host().server()));
        m.put("operatingSystem", r -> r.host().operatingSystem());
        m.put("collections", HostRow::collections);
        m.put("collectionIds", r -> String.join(", ", r.host().collectionIds()));
        m.put("window", HostRow::window);
        m.put("maintenanceWindows", HostRow::window);
        m.put("windowCollection", HostRow::windowCollection);
        m.put("nextWindow", HostRow::nextWindow);
        m.put("lastBootLocal", r -> r.host().lastBootLocal());
        m.put("utcOffsetMinutes", r -> r.host().utcOffsetMinutes());
        m.put("lastBootUtc", r -> r.host().lastBootUtc());
        m.put("inventoryLocal", r -> r.host().inventoryLocal());
        m.put("uptimeDays", r -> r.host().uptimeDays());
        m.put("clientState", r -> r.host().clientState());
        m.put("restart", HostRow::why);
        m.put("pendingSince", HostRow::pendingSince);
        m.put("daysPending", r -> days(r.pendingSince(), r.asOf()));
        m.put("criticalNotInEffect", r -> r.host().criticalNotInEffect());
        m.put("supersededNotInEffect", r -> r.host().supersededNotInEffect());
        m.put("riskScore", r -> r.host().riskScore());
        m.put("maxExposureDays", r -> r.host().maxExposureDays());
        for (Map.Entry<String, Function<ComplianceFigures, Object>> e : FIGURES.entrySet()) {
            Function<ComplianceFigures, Object> figure = e.getValue();
            m.put(e.getKey(), r -> figure.apply(figuresOf(r.host().figures())));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Whole days from a date to the as-of date; null when either is unknown. */
    static Long days(LocalDate from, LocalDate asOf) {
        return from == null || asOf == null ? null : ChronoUnit.DAYS.between(from, asOf);
    }

    private static Map<String, Function<UpdateSummary, Object>> updateFields() {
        Map<String, Function<UpdateSummary, Object>> m = new LinkedHashMap<>();
        m.put("ciId", UpdateSummary::ciId);
        m.put("article", u -> article(u.articleId()));
        m.put("bulletin", UpdateSummary::bulletinId);
        m.put("title", UpdateSummary::title);
        m.put("severity", u -> u.severity() == null ? null : u.severity().displayName());
        m.put("classification", UpdateSummary::classification);
        m.put("released", UpdateSummary::datePosted);
        m.put("superseded", u -> u.superseded() ? "yes" : "no");
        for (Map.Entry<String, Function<ComplianceFigures, Object>> e : FIGURES.entrySet()) {
            Function<ComplianceFigures, Object> figure = e.getValue();
            m.put(e.getKey(), u -> figure.apply(figuresOf(u.figures())));
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Function<DataQualityEntry, Object>> dataQualityFields() {
        Map<String, Function<DataQualityEntry, Object>> m = new LinkedHashMap<>();
        m.put("category", DataQualityEntry::category);
        m.put("resourceId", DataQualityEntry::resourceId);
        m.put("host", DataQualityEntry::host);
        m.put("detail", DataQualityEntry::detail);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, List<String>> regionFields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> figureRow = new java.util.ArrayList<>();
        figureRow.add("name");
        figureRow.addAll(FIGURES.keySet());
        m.put("window", List.of("name", "collection", "next", "clock", "schedule", "hosts", "servers", "workstations",
                "waiting", "critical", "risk"));
        m.put("severity", List.copyOf(figureRow));
        m.put("collection", List.copyOf(figureRow));
        m.put("count", List.of("kind", "item", "value"));
        return Collections.unmodifiableMap(m);
    }

    static ComplianceFigures figuresOf(ComplianceFigures figures) {
        return figures == null ? ComplianceFigures.EMPTY : figures;
    }

    static String role(boolean server) {
        return server ? "Server" : "Workstation";
    }

    /** The site stores digits ("958644"); people search for "KB958644". */
    static String article(String articleId) {
        if (articleId == null || articleId.isBlank()) {
            return null;
        }
        return articleId.chars().allMatch(Character::isDigit) ? "KB" + articleId : articleId;
    }

    /** Topic 402 state with its name, so the sheet reads without a lookup table. */
    static String enforcementState(Integer state) {
        if (state == null) {
            return null;
        }
        String name = switch (state) {
            case 0 -> "Enforcement state unknown";
            case 1 -> "Enforcement started";
            case 2 -> "Waiting for content";
            case 3 -> "Waiting for another installation";
            case 4 -> "Waiting for maintenance window";
            case 5 -> "Restart required before installing";
            case 6 -> "General failure";
            case 7 -> "Pending installation";
            case 8 -> "Installing update";
            case 9 -> "Pending system restart";
            case 10 -> "Successfully installed";
            case 11 -> "Failed to install";
            case 12 -> "Downloading update";
            case 13 -> "Downloaded update";
            case 14 -> "Failed to download";
            default -> "unknown state";
        };
        return state + " " + name;
    }
}
