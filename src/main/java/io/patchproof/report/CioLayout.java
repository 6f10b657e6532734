package io.patchproof.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What the CIO template must hold and what its placeholders may name. The template decides where
 * things go and how they look (styles, widths, titles, print setup); this class only knows names.
 *
 * <ul>
 *   <li>A <em>placeholder</em> {@code ${name}} on any sheet is replaced by a run value
 *       ({@link CioValues#names()}); alone in its cell it receives a typed value, inside longer
 *       text it becomes text.</li>
 *   <li>A <em>region row</em> holds placeholders {@code ${prefix.field}} of one of
 *       {@link #REGION_FIELDS}: the Trend rows, the severity table behind the bar chart, the top
 *       hosts and the top updates. It is repeated once per entry; the rows below move down.</li>
 *   <li>A <em>chart anchor</em> {@code ${chart.name}} is the top-left cell of a merged area: the
 *       chart is drawn over that area and the placeholder removed. The line charts plot the trend
 *       region's rows, the bar chart the severity region's rows, wherever the template puts them.</li>
 * </ul>
 */
final class CioLayout {

    static final String SUMMARY = "Executive summary";
    static final String TREND = "Trend";
    static final String TOP_RISKS = "Top risks";

    static final List<String> SHEETS = List.of(SUMMARY, TREND, TOP_RISKS);

    static final String TREND_REGION = "trend";
    static final String SEVERITY_REGION = "severity";
    static final String HOST_REGION = "host";
    static final String UPDATE_REGION = "update";

    /** Line chart: reported against effective compliance, one point per kept run. */
    static final String CHART_COMPLIANCE = "compliance";
    /** Line chart: servers and workstations fully patched for critical updates, reported and effective. */
    static final String CHART_FULLY_PATCHED = "fullyPatched";
    /** Bar chart: reported against effective compliance per severity, this run. */
    static final String CHART_SEVERITY = "severity";

    static final List<String> CHARTS = List.of(CHART_COMPLIANCE, CHART_FULLY_PATCHED, CHART_SEVERITY);

    /** The figures of the headline table: {@code now.}, {@code previous.} and {@code change.} each. */
    static final List<String> HEADLINE = List.of("siteInstalledPct", "reportedPct", "effectivePct", "gap",
            "serversReported", "serversEffective", "workstationsReported", "workstationsEffective", "applicable");

    /** Region prefixes and their fields, in the order a template would show them. */
    static final Map<String, List<String>> REGION_FIELDS = regionFields();

    /** The fields each chart reads from its region. */
    static final Map<String, List<String>> CHART_FIELDS = Map.of(
            CHART_COMPLIANCE, List.of("asOf", "siteInstalledPct", "reportedPct", "effectivePct"),
            CHART_FULLY_PATCHED, List.of("asOf", "serversReported", "serversEffective", "workstationsReported",
                    "workstationsEffective"),
            CHART_SEVERITY, List.of("name", "reportedPct", "effectivePct"));

    /** The region each chart plots. */
    static final Map<String, String> CHART_REGION = Map.of(
            CHART_COMPLIANCE, TREND_REGION, CHART_FULLY_PATCHED, TREND_REGION, CHART_SEVERITY, SEVERITY_REGION);

    /** Executive summary placeholders the report cannot do without. */
    static final List<String> REQUIRED_SUMMARY_PLACEHOLDERS = required();

    /** Fields a region must show (besides what its charts read). */
    static final Map<String, List<String>> REQUIRED_REGION_FIELDS = Map.of(
            TREND_REGION, List.of("asOf", "siteInstalledPct", "reportedPct", "effectivePct", "gap", "serversReported",
                    "serversEffective", "workstationsReported", "workstationsEffective", "applicable"),
            SEVERITY_REGION, List.of("name", "reportedPct", "effectivePct"),
            HOST_REGION, List.of("name", "role", "collection", "notInEffect", "since"),
            UPDATE_REGION, List.of("article", "title", "notInEffect", "since"));

    private CioLayout() {
    }

    private static Map<String, List<String>> regionFields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(TREND_REGION, List.of("asOf", "siteInstalledPct", "reportedPct", "effectivePct", "gap", "serversReported",
                "serversEffective", "workstationsReported", "workstationsEffective", "applicable"));
        m.put(SEVERITY_REGION, List.of("name", "applicable", "siteInstalledPct", "reportedPct", "effectivePct", "gap"));
        m.put(HOST_REGION, List.of("rank", "name", "role", "collection", "notInEffect", "critical", "applicable",
                "effectivePct", "risk", "since", "days", "domain", "resourceId"));
        m.put(UPDATE_REGION, List.of("rank", "article", "bulletin", "title", "severity", "released", "notInEffect",
                "servers", "workstations", "applicable", "effectivePct", "risk", "since", "days", "ciId"));
        return Collections.unmodifiableMap(m);
    }

    private static List<String> required() {
        List<String> names = new ArrayList<>(List.of("site", "quarter", "asOf", "previousHeader", "comparison"));
        for (String figure : HEADLINE) {
            names.add("now." + figure);
            names.add("previous." + figure);
            names.add("change." + figure);
        }
        return List.copyOf(names);
    }

    /** The region prefix of a placeholder name ("host" for "host.name"), else null. */
    static String regionPrefix(String name) {
        return TemplateStructure.regionPrefix(name, REGION_FIELDS);
    }

    /** The chart name of a chart anchor placeholder ("compliance" for "chart.compliance"), else null. */
    static String chartName(String name) {
        return name.startsWith("chart.") ? name.substring("chart.".length()) : null;
    }

    /** The region prefix of a row (the first region placeholder found), else null. */
    static String regionOf(Row row) {
        return TemplateStructure.regionOf(row, REGION_FIELDS);
    }

    /** The merged area whose top-left cell is {@code cell}, else null. */
    static CellRangeAddress mergedAreaAt(Sheet sheet, Cell cell) {
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            if (region.getFirstRow() == cell.getRowIndex() && region.getFirstColumn() == cell.getColumnIndex()) {
                return region;
            }
        }
        return null;
    }

    /** Every problem found; empty when the template can be used. */
    static List<String> problems(XSSFWorkbook workbook) {
        List<String> problems = new ArrayList<>();
        for (String name : SHEETS) {
            if (workbook.getSheet(name) == null) {
                problems.add("sheet '" + name + "' not found");
            }
        }
        Set<String> summaryPlaceholders = new LinkedHashSet<>();
        Map<String, List<String>> regionsFound = new LinkedHashMap<>();
        Map<String, Set<String>> regionFieldsFound = new LinkedHashMap<>();
        Map<String, List<String>> chartsFound = new LinkedHashMap<>();
        Set<String> fixedNames = CioValues.names();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                String region = null;
                for (Cell cell : row) {
                    for (String name : TemplateStructure.placeholders(TemplateStructure.text(cell))) {
                        String where = TemplateStructure.where(sheet, cell);
                        String prefix = regionPrefix(name);
                        String chart = chartName(name);
                        if (prefix != null) {
                            String field = name.substring(prefix.length() + 1);
                            if (!REGION_FIELDS.get(prefix).contains(field)) {
                                problems.add(where + ": unknown placeholder ${" + name + "}; a " + prefix + " row knows "
                                        + REGION_FIELDS.get(prefix));
                            } else if (region != null && !region.equals(prefix)) {
                                problems.add(where + ": ${" + name + "} mixes the " + prefix + " and " + region
                                        + " regions in one row");
                            } else {
                                regionFieldsFound.computeIfAbsent(prefix, p -> new LinkedHashSet<>()).add(field);
                            }
                            if (region == null) {
                                regionsFound.computeIfAbsent(prefix, p -> new ArrayList<>()).add(where);
                            }
                            region = prefix;
                        } else if (chart != null) {
                            checkChartAnchor(sheet, cell, name, chart, problems);
                            chartsFound.computeIfAbsent(chart, c -> new ArrayList<>()).add(where);
                        } else if (!fixedNames.contains(name)) {
                            problems.add(where + ": unknown placeholder ${" + name + "}");
                        }
                        if (sheet.getSheetName().equals(SUMMARY)) {
                            summaryPlaceholders.add(name);
                        }
                    }
                }
            }
        }
        if (workbook.getSheet(SUMMARY) != null) {
            for (String required : REQUIRED_SUMMARY_PLACEHOLDERS) {
                if (!summaryPlaceholders.contains(required)) {
                    problems.add("placeholder ${" + required + "} not found on sheet '" + SUMMARY + "'");
                }
            }
        }
        for (String prefix : REGION_FIELDS.keySet()) {
            List<String> rows = regionsFound.getOrDefault(prefix, List.of());
            if (rows.isEmpty()) {
                problems.add("no " + prefix + " row (a row of ${" + prefix + ".field} placeholders) in any sheet");
            } else if (rows.size() > 1) {
                problems.add("the " + prefix + " row appears " + rows.size() + " times (" + String.join(", ", rows)
                        + "); keep one");
            } else {
                Set<String> needed = new LinkedHashSet<>(REQUIRED_REGION_FIELDS.get(prefix));
                CHART_REGION.forEach((chart, region) -> {
                    if (region.equals(prefix)) {
                        needed.addAll(CHART_FIELDS.get(chart));
                    }
                });
                for (String field : needed) {
                    if (!regionFieldsFound.getOrDefault(prefix, Set.of()).contains(field)) {
                        problems.add("placeholder ${" + prefix + "." + field + "} not found in the " + prefix + " row ("
                                + rows.get(0) + ")");
                    }
                }
            }
        }
        for (String chart : CHARTS) {
            List<String> anchors = chartsFound.getOrDefault(chart, List.of());
            if (anchors.isEmpty()) {
                problems.add("chart anchor ${chart." + chart + "} not found (the top-left cell of a merged area where the chart goes)");
            } else if (anchors.size() > 1) {
                problems.add("chart anchor ${chart." + chart + "} appears " + anchors.size() + " times ("
                        + String.join(", ", anchors) + "); keep one");
            }
        }
        return problems;
    }

    private static void checkChartAnchor(Sheet sheet, Cell cell, String name, String chart, List<String> problems) {
        String where = TemplateStructure.where(sheet, cell);
        if (!CHARTS.contains(chart)) {
            problems.add(where + ": unknown chart ${" + name + "}; charts are " + CHARTS);
            return;
        }
        if (!("${" + name + "}").equals(TemplateStructure.text(cell).trim())) {
            problems.add(where + ": ${" + name + "} must be alone in its cell");
        }
        CellRangeAddress area = mergedAreaAt(sheet, cell);
        if (area == null || area.getLastRow() - area.getFirstRow() < 3 || area.getLastColumn() - area.getFirstColumn() < 1) {
            problems.add(where + ": ${" + name + "} must be the top-left cell of a merged area at least 2 columns"
                    + " wide and 4 rows high (the chart is drawn over it)");
        }
    }
}
