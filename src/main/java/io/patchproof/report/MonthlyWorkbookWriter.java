package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.UpdateSummary;
import io.patchproof.reconcile.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the monthly workbook: Summary, Reboot plan, Not in effect, Missing, Hosts, Updates,
 * Data quality.
 *
 * <p>The template is opened with XSSF, its placeholders are filled and its table regions
 * expanded; then the data sheets are streamed with SXSSF (a window of 100 rows, compressed temp
 * files, removed in every case), so memory grows with hosts and updates, never with findings.
 * Each data row takes its cell styles from the template's style row. Times are real date cells in
 * UTC. Text goes through {@link CellWriter}: never a formula, formula-like text quote-prefixed,
 * characters XML cannot carry escaped as Excel does ({@code _xHHHH_}), NUL replaced visibly,
 * over-long text truncated with its hash. A sheet that
 * reaches Excel's row limit continues on numbered sheets.
 *
 * <p>Stateless and thread-safe; every call opens its own copy of the template.
 */
public final class MonthlyWorkbookWriter implements WorkbookWriter {

    private static final Logger log = LoggerFactory.getLogger(MonthlyWorkbookWriter.class);

    static final int WINDOW = 100;

    private final int maxRowsPerSheet;

    public MonthlyWorkbookWriter() {
        this(SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    /** A smaller row limit lets a test prove continuation without a million rows. */
    MonthlyWorkbookWriter(int maxRowsPerSheet) {
        if (maxRowsPerSheet < 3 || maxRowsPerSheet > SpreadsheetVersion.EXCEL2007.getMaxRows()) {
            throw new IllegalArgumentException("maxRowsPerSheet must be between 3 and "
                    + SpreadsheetVersion.EXCEL2007.getMaxRows() + ", was " + maxRowsPerSheet);
        }
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    @Override
    public WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException {
        RunDescription run = data.run();
        // The metrics are asked for only after the two finding sheets are streamed: the publisher
        // works them out on another thread meanwhile (see ReportPublisher).
        Supplier<Metrics> metrics = once(data::metrics);
        List<DataQualityEntry> dataQuality = data.dataQuality() == null ? List.of() : data.dataQuality();
        XSSFWorkbook xssf = template.open();
        SXSSFWorkbook streaming = null;
        try {
            List<String> problems = TemplateStructure.problems(xssf);
            if (!problems.isEmpty()) {
                throw new TemplateException(template.location() + ": " + String.join("; ", problems));
            }
            CellWriter cells = new CellWriter(xssf);
            Map<String, Object> values = SummaryValues.lazy(run, metrics);
            // The two finding sheets first, filled and their layouts captured from the filled
            // template, then streamed: they need no metrics (a placeholder there that does waits for
            // them). The other sheets follow once the metrics are known.
            Set<String> findingSheets = Set.of(MonthlyLayout.NOT_IN_EFFECT, MonthlyLayout.MISSING);
            Map<String, SheetStream.Layout> layouts = new LinkedHashMap<>();
            for (String name : findingSheets) {
                prepare(xssf.getSheet(name), values, metrics, dataQuality, cells, layouts);
            }

            streaming = new SXSSFWorkbook(xssf, WINDOW, false, false);
            Map<String, Long> rows = new LinkedHashMap<>();

            SheetStream<Finding> notInEffect = stream(streaming, layouts.get(MonthlyLayout.NOT_IN_EFFECT), MonthlyLayout.FINDING_FIELDS, cells);
            data.forEachFinding(Verdict.NOT_IN_EFFECT, notInEffect::add);
            rows.put(MonthlyLayout.NOT_IN_EFFECT, notInEffect.rows());

            SheetStream<Finding> missing = stream(streaming, layouts.get(MonthlyLayout.MISSING), MonthlyLayout.FINDING_FIELDS, cells);
            data.forEachFinding(Verdict.MISSING, missing::add);
            rows.put(MonthlyLayout.MISSING, missing.rows());

            for (Sheet sheet : xssf) {
                if (!findingSheets.contains(sheet.getSheetName())) {
                    prepare((XSSFSheet) sheet, values, metrics, dataQuality, cells, layouts);
                }
            }
            List<HostSummary> hosts = metrics.get().hosts() == null ? List.of() : metrics.get().hosts();
            SheetStream<MonthlyLayout.HostRow> rebootPlan = stream(streaming, layouts.get(MonthlyLayout.REBOOT_PLAN), MonthlyLayout.HOST_FIELDS, cells);
            int rank = 0;
            for (HostSummary host : rebootPlanOrder(hosts)) {
                rebootPlan.add(new MonthlyLayout.HostRow(++rank, host, host.criticalNotInEffect()));
            }
            rows.put(MonthlyLayout.REBOOT_PLAN, rebootPlan.rows());

            SheetStream<MonthlyLayout.HostRow> hostSheet = stream(streaming, layouts.get(MonthlyLayout.HOSTS), MonthlyLayout.HOST_FIELDS, cells);
            rank = 0;
            for (HostSummary host : hosts) {
                hostSheet.add(new MonthlyLayout.HostRow(++rank, host, host.criticalNotInEffect()));
            }
            rows.put(MonthlyLayout.HOSTS, hostSheet.rows());

            SheetStream<UpdateSummary> updates = stream(streaming, layouts.get(MonthlyLayout.UPDATES), MonthlyLayout.UPDATE_FIELDS, cells);
            (metrics.get().updates() == null ? List.<UpdateSummary>of() : metrics.get().updates()).forEach(updates::add);
            rows.put(MonthlyLayout.UPDATES, updates.rows());

            SheetStream<DataQualityEntry> quality = stream(streaming, layouts.get(MonthlyLayout.DATA_QUALITY), MonthlyLayout.DATA_QUALITY_FIELDS, cells);
            dataQuality.forEach(quality::add);
            rows.put(MonthlyLayout.DATA_QUALITY, quality.rows());

            for (SheetStream<?> s : List.of(notInEffect, missing, rebootPlan, hostSheet, updates, quality)) {
                s.finish();
            }
            for (int i = 0; i < streaming.getNumberOfSheets(); i++) {
                streaming.getSheetAt(i).setSelected(i == 0);
            }
            streaming.setActiveSheet(0);
            streaming.setFirstVisibleTab(0);

            streaming.write(out);
            List<String> sheetNames = new ArrayList<>();
            for (Sheet sheet : streaming) {
                sheetNames.add(sheet.getSheetName());
            }
            log.debug("workbook written: {} rows by sheet, {} truncated, {} quote-prefixed cells",
                    rows, cells.truncatedCells(), cells.quotePrefixedCells());
            return new WorkbookStats(sheetNames, rows, cells.truncatedCells(), cells.quotePrefixedCells(), cells.replacedChars());
        } finally {
            if (streaming != null) {
                flushWindows(streaming); // after a failure, so that close() finds nothing left to flush
                streaming.close();       // deletes the temp files, then closes the template workbook
            } else {
                xssf.close();
            }
        }
    }

    /**
     * Writes the rows still held in memory to the temp files. Without it, closing after a
     * failure logs a warning for every sheet (POI flushes into writers it has already closed);
     * the temp files are deleted either way.
     */
    private static void flushWindows(SXSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            try {
                ((org.apache.poi.xssf.streaming.SXSSFSheet) sheet).flushRows();
            } catch (IOException | RuntimeException e) {
                log.debug("cannot flush sheet {} before closing: {}", sheet.getSheetName(), e.toString());
            }
        }
    }

    /** Fills a template sheet in place; for a data sheet, captures its layout from the result. */
    private static void prepare(XSSFSheet sheet, Map<String, Object> values, Supplier<Metrics> metrics,
                                List<DataQualityEntry> dataQuality, CellWriter cells, Map<String, SheetStream.Layout> layouts) {
        fillPlaceholders(sheet, values, cells);
        expandRegions(sheet, values, metrics, dataQuality, cells);
        if (TemplateStructure.isDataSheet(sheet.getSheetName())) {
            layouts.put(sheet.getSheetName(), SheetStream.capture(sheet));
        }
    }

    /** A supplier that asks once and remembers the answer (one thread). */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /**
     * Hosts with at least one NOT_IN_EFFECT pair, or with a restart pending by the client's own
     * flag while updates are still required (rule 9), riskiest first.
     */
    static List<HostSummary> rebootPlanOrder(List<HostSummary> hosts) {
        return hosts.stream()
                .filter(h -> h.figures() != null && (h.figures().notInEffect() > 0 || MonthlyLayout.restartPending(h)))
                .sorted(Comparator.comparingDouble(HostSummary::riskScore).reversed()
                        .thenComparing(HostSummary::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                        .thenComparingInt(HostSummary::resourceId))
                .toList();
    }

    private <T> SheetStream<T> stream(SXSSFWorkbook workbook, SheetStream.Layout layout,
                                      Map<String, Function<T, Object>> fields, CellWriter cells) {
        List<SheetStream.Column<T>> columns = new ArrayList<>();
        for (SheetStream.ColumnSpec spec : layout.columns()) {
            Function<T, Object> f = fields.get(spec.field());
            columns.add(new SheetStream.Column<>(spec.index(), spec.field(), spec.style(), f));
        }
        return new SheetStream<>(workbook, layout, columns, cells, maxRowsPerSheet);
    }

    private static boolean isStyleRow(XSSFSheet sheet, Row row) {
        return TemplateStructure.isDataSheet(sheet.getSheetName()) && row.getRowNum() == TemplateStructure.styleRowIndex(sheet);
    }

    /** Fills every fixed placeholder of a sheet, outside style rows and region rows. */
    private static void fillPlaceholders(XSSFSheet sheet, Map<String, Object> values, CellWriter cells) {
        for (Row row : sheet) {
            if (isStyleRow(sheet, row) || TemplateStructure.regionOf(row) != null) {
                continue;
            }
            for (Cell cell : row) {
                fill(cell, values, cells);
            }
        }
    }

    private static void fill(Cell cell, Map<String, Object> values, CellWriter cells) {
        String text = TemplateStructure.text(cell);
        if (text == null || !text.contains("${")) {
            return;
        }
        String whole = TemplateStructure.wholePlaceholder(cell);
        if (whole != null) {
            cells.write(cell, values.get(whole), cell.getCellStyle());
            return;
        }
        Matcher m = MonthlyLayout.PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(Values.text(values.get(m.group(1)))));
        }
        m.appendTail(sb);
        cells.write(cell, sb.toString(), cell.getCellStyle());
    }

    /** Repeats each region row once per entry, bottom-up so that upper row numbers stay valid. */
    private static void expandRegions(XSSFSheet sheet, Map<String, Object> fixed, Supplier<Metrics> metrics,
                                      List<DataQualityEntry> dataQuality, CellWriter cells) {
        List<Integer> regionRows = new ArrayList<>();
        for (Row row : sheet) {
            if (!isStyleRow(sheet, row) && TemplateStructure.regionOf(row) != null) {
                regionRows.add(row.getRowNum());
            }
        }
        for (int i = regionRows.size() - 1; i >= 0; i--) {
            int r = regionRows.get(i);
            String prefix = TemplateStructure.regionOf(sheet.getRow(r));
            expand(sheet, r, prefix, fixed, SummaryValues.region(prefix, metrics.get(), dataQuality), cells);
        }
    }

    private static void expand(XSSFSheet sheet, int r, String prefix, Map<String, Object> fixed,
                               List<MonthlyLayout.RegionRow> entries, CellWriter cells) {
        XSSFRow template = sheet.getRow(r);
        int n = entries.size();
        if (n > 1) {
            int last = sheet.getLastRowNum();
            if (r < last) {
                sheet.shiftRows(r + 1, last, n - 1, true, false);
            }
            for (int i = 1; i < n; i++) {
                XSSFRow row = sheet.createRow(r + i);
                if (template.getCTRow().isSetCustomHeight() && template.getCTRow().getCustomHeight()) {
                    row.setHeight(template.getHeight());
                }
                for (Cell source : template) {
                    XSSFCell cell = row.createCell(source.getColumnIndex());
                    cell.setCellStyle(source.getCellStyle());
                    if (source.getCellType() == CellType.STRING) {
                        cell.setCellValue(source.getStringCellValue());
                    } else if (source.getCellType() == CellType.NUMERIC) {
                        cell.setCellValue(source.getNumericCellValue());
                    }
                }
            }
        }
        if (n == 0) {
            boolean first = true;
            for (Cell cell : template) {
                if (TemplateStructure.text(cell) != null && TemplateStructure.text(cell).contains("${" + prefix + ".")) {
                    cells.write(cell, first ? "none" : null, cell.getCellStyle());
                    first = false;
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new HashMap<>(fixed);
            entries.get(i).values().forEach((field, value) -> values.put(prefix + "." + field, value));
            for (Cell cell : sheet.getRow(r + i)) {
                fill(cell, values, cells);
            }
        }
    }
}
