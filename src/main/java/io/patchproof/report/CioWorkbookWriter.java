package io.patchproof.report;

import io.patchproof.reconcile.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the quarterly CIO workbook: Executive summary (headline of this run beside the previous
 * quarter's point, three native charts), Trend (one row per kept run, the numbers behind the
 * charts) and Top risks (the hosts and the updates that most lower effective compliance).
 *
 * <p>The template ({@link CioLayout}) decides styles, widths, titles, print setup and where every
 * table and chart goes; this writer fills its placeholders, repeats its region rows and draws each
 * chart over its anchor's merged area, plotting the cells its region rows were written to. The
 * workbook is small (the trend, a severity table, 20 hosts, 20 updates), so it is written in
 * memory; the findings not in effect are streamed once, never held. Text goes through
 * {@link CellWriter} (never a formula; formula-like text quote-prefixed).
 *
 * <p>Stateless and thread-safe; every call opens its own copy of the template.
 */
public final class CioWorkbookWriter implements WorkbookWriter {

    private static final Logger log = LoggerFactory.getLogger(CioWorkbookWriter.class);

    /** Where a region's rows ended up: its sheet, first row, number of rows and the column of each field. */
    record Placed(XSSFSheet sheet, int firstRow, int rows, Map<String, Integer> columns) {

        CellRangeAddress column(String field) {
            int c = columns.get(field);
            return new CellRangeAddress(firstRow, firstRow + rows - 1, c, c);
        }
    }

    @Override
    public WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = template.open()) {
            List<String> problems = CioLayout.problems(workbook);
            if (!problems.isEmpty()) {
                throw new TemplateException(template.location() + ": " + String.join("; ", problems));
            }
            RunDescription run = data.run();
            Metrics metrics = data.metrics();
            WindowData windows = data.windows() == null ? WindowData.NONE : data.windows();
            FirstSeen firstSeen = data.firstSeen() == null ? FirstSeen.NONE : data.firstSeen();
            CioValues.History history = CioValues.History.of(data.history(), run, metrics);
            CioValues.TopRisks top = CioValues.topRisks(data, metrics, windows, firstSeen, run.asOf(), CioValues.TOP);

            Map<String, Object> values = new HashMap<>(CioValues.fixed(run, metrics, history));
            values.put("topHostsNote", top.hostsNote());
            values.put("topUpdatesNote", top.updatesNote());
            Map<String, List<Map<String, Object>>> regions = Map.of(
                    CioLayout.TREND_REGION, CioValues.trendRows(history),
                    CioLayout.SEVERITY_REGION, CioValues.severityRows(metrics),
                    CioLayout.HOST_REGION, top.hosts(),
                    CioLayout.UPDATE_REGION, top.updates());

            CellWriter cells = new CellWriter(workbook);
            Map<String, Placed> placed = new HashMap<>();
            for (Sheet sheet : workbook) {
                XSSFSheet s = (XSSFSheet) sheet;
                fillPlaceholders(s, values, cells);
                expandRegions(s, values, regions, cells, placed);
                RowHeights.fit(s, s.getLastRowNum());
            }
            drawCharts(workbook, placed, run, cells);

            for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
                workbook.getSheetAt(i).setSelected(i == 0);
            }
            workbook.setActiveSheet(0);
            workbook.setFirstVisibleTab(0);
            workbook.write(out);

            List<String> sheetNames = new ArrayList<>();
            workbook.forEach(s -> sheetNames.add(s.getSheetName()));
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put(CioLayout.TREND, (long) regions.get(CioLayout.TREND_REGION).size());
            rows.put(CioLayout.TOP_RISKS, (long) top.hosts().size() + top.updates().size());
            log.debug("CIO workbook written: {} rows by sheet, {} truncated, {} quote-prefixed cells",
                    rows, cells.truncatedCells(), cells.quotePrefixedCells());
            return new WorkbookStats(sheetNames, rows, cells.truncatedCells(), cells.quotePrefixedCells(), cells.replacedChars());
        }
    }

    /** Fills every fixed placeholder outside region rows; chart anchors are left for {@link #drawCharts}. */
    private static void fillPlaceholders(XSSFSheet sheet, Map<String, Object> values, CellWriter cells) {
        for (Row row : sheet) {
            if (CioLayout.regionOf(row) != null) {
                continue;
            }
            for (Cell cell : row) {
                String whole = TemplateStructure.wholePlaceholder(cell);
                if (whole == null || CioLayout.chartName(whole) == null) {
                    TemplateFill.fill(cell, values, cells);
                }
            }
        }
    }

    /**
     * Repeats each region row once per entry, top-down: each expansion moves the rows below it
     * (and their merged areas) down, and the next region's row with them.
     */
    private static void expandRegions(XSSFSheet sheet, Map<String, Object> fixed, Map<String, List<Map<String, Object>>> regions,
                                      CellWriter cells, Map<String, Placed> placed) {
        List<Integer> regionRows = new ArrayList<>();
        for (Row row : sheet) {
            if (CioLayout.regionOf(row) != null) {
                regionRows.add(row.getRowNum());
            }
        }
        int offset = 0;
        for (int templateRow : regionRows) {
            int r = templateRow + offset;
            String prefix = CioLayout.regionOf(sheet.getRow(r));
            List<Map<String, Object>> entries = regions.get(prefix);
            Map<String, Integer> columns = columns(sheet.getRow(r), prefix);
            TemplateFill.expand(sheet, r, prefix, fixed, entries, cells);
            placed.put(prefix, new Placed(sheet, r, entries.size(), columns));
            offset += Math.max(entries.size(), 1) - 1;
        }
    }

    /** The column of each {@code ${prefix.field}} that is alone in its cell. */
    private static Map<String, Integer> columns(Row row, String prefix) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : row) {
            String whole = TemplateStructure.wholePlaceholder(cell);
            if (whole != null && whole.startsWith(prefix + ".")) {
                columns.put(whole.substring(prefix.length() + 1), cell.getColumnIndex());
            }
        }
        return columns;
    }

    /** Draws each chart over its anchor's merged area; a chart without rows to plot says so instead. */
    private static void drawCharts(XSSFWorkbook workbook, Map<String, Placed> placed, RunDescription run, CellWriter cells) {
        for (Sheet sheet : workbook) {
            XSSFSheet s = (XSSFSheet) sheet;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    String whole = TemplateStructure.wholePlaceholder(cell);
                    String chart = whole == null ? null : CioLayout.chartName(whole);
                    if (chart == null) {
                        continue;
                    }
                    CellRangeAddress area = CioLayout.mergedAreaAt(sheet, cell);
                    Placed region = placed.get(CioLayout.CHART_REGION.get(chart));
                    if (region.rows() == 0) {
                        cells.write(cell, "No figures to chart.", cell.getCellStyle());
                        continue;
                    }
                    cell.setBlank();
                    draw(s, area, chart, region, run);
                }
            }
        }
    }

    private static void draw(XSSFSheet sheet, CellRangeAddress area, String chart, Placed region, RunDescription run) {
        switch (chart) {
            case CioLayout.CHART_COMPLIANCE -> CioCharts.lineChart(sheet, area, "Reported and effective compliance",
                    region.sheet(), region.column("asOf"), List.of(
                            new CioCharts.Series("Reported compliance", region.column("reportedPct"), CioCharts.REPORTED, false),
                            new CioCharts.Series("Effective compliance", region.column("effectivePct"), CioCharts.EFFECTIVE, false)));
            case CioLayout.CHART_FULLY_PATCHED -> CioCharts.lineChart(sheet, area, "Hosts fully patched for critical updates",
                    region.sheet(), region.column("asOf"), List.of(
                            new CioCharts.Series("Servers, reported", region.column("serversReported"), CioCharts.SERVERS, true),
                            new CioCharts.Series("Servers, effective", region.column("serversEffective"), CioCharts.SERVERS, false),
                            new CioCharts.Series("Workstations, reported", region.column("workstationsReported"), CioCharts.WORKSTATIONS, true),
                            new CioCharts.Series("Workstations, effective", region.column("workstationsEffective"), CioCharts.WORKSTATIONS, false)));
            case CioLayout.CHART_SEVERITY -> CioCharts.barChart(sheet, area, "By severity, as of "
                    + run.asOf(), region.sheet(), region.column("name"), List.of(
                            new CioCharts.Series("Reported compliance", region.column("reportedPct"), CioCharts.REPORTED, false),
                            new CioCharts.Series("Effective compliance", region.column("effectivePct"), CioCharts.EFFECTIVE, false)));
            default -> throw new IllegalStateException("no chart " + chart);
        }
    }
}
