package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.UpdateSummary;
import io.patchproof.reconcile.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
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
        this.maxRowsPerSheet = SheetStream.checkedRowLimit(maxRowsPerSheet);
    }

    @Override
    public WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException {
        RunDescription run = data.run();
        // The metrics are asked for only after the two finding sheets are streamed: the publisher
        // works them out on another thread meanwhile (see ReportPublisher).
        Supplier<Metrics> metrics = Once.of(data::metrics);
        // Asked for with the metrics, not before the finding sheets: a run's data-quality list
        // includes what its exceptions register covered, which the metrics' pass counts.
        Supplier<List<DataQualityEntry>> dataQuality = Once.of(() -> data.dataQuality() == null ? List.of() : data.dataQuality());
        XSSFWorkbook xssf = template.open();
        SXSSFWorkbook streaming = null;
        try {
            List<String> problems = TemplateStructure.problems(xssf);
            if (!problems.isEmpty()) {
                throw new TemplateException(template.location() + ": " + String.join("; ", problems));
            }
            CellWriter cells = new CellWriter(xssf);
            WindowData windows = data.windows() == null ? WindowData.NONE : data.windows();
            FirstSeen firstSeen = data.firstSeen() == null ? FirstSeen.NONE : data.firstSeen();
            Supplier<RebootPlan> plan = Once.of(() -> RebootPlan.of(metrics.get().hosts(), windows, run.asOf()));
            Map<String, Object> values = SummaryValues.lazy(run, metrics, plan, windows);
            // The two finding sheets first, filled and their layouts captured from the filled
            // template, then streamed: they need no metrics (a placeholder there that does waits for
            // them). The other sheets follow once the metrics are known.
            Set<String> findingSheets = Set.of(MonthlyLayout.NOT_IN_EFFECT, MonthlyLayout.MISSING);
            Map<String, SheetStream.Layout> layouts = new LinkedHashMap<>();
            for (String name : findingSheets) {
                prepare(xssf.getSheet(name), values, metrics, plan, windows, dataQuality, cells, layouts);
            }

            streaming = new SXSSFWorkbook(xssf, WINDOW, false, false);
            Map<String, Long> rows = new LinkedHashMap<>();

            // Each pair not in effect is on the list since earlier runs first saw it (else since
            // this run); a host since the earliest of its pairs, kept apart for superseded updates,
            // which count for the host only where they count in the headline.
            LocalDate asOf = run.asOf();
            Map<Integer, LocalDate> sinceCurrent = new HashMap<>();
            Map<Integer, LocalDate> sinceSuperseded = new HashMap<>();
            SheetStream<MonthlyLayout.FindingRow> notInEffect = SheetStream.of(streaming, layouts.get(MonthlyLayout.NOT_IN_EFFECT), MonthlyLayout.FINDING_FIELDS, cells, maxRowsPerSheet);
            data.forEachFinding(Verdict.NOT_IN_EFFECT, f -> {
                LocalDate seen = firstSeen.of(f.resourceId(), f.ciId());
                LocalDate since = seen == null || (asOf != null && seen.isAfter(asOf)) ? asOf : seen;
                if (since != null) {
                    (f.superseded() ? sinceSuperseded : sinceCurrent).merge(f.resourceId(), since, MonthlyWorkbookWriter::earliest);
                }
                notInEffect.add(new MonthlyLayout.FindingRow(f, since, asOf));
            });
            rows.put(MonthlyLayout.NOT_IN_EFFECT, notInEffect.rows());

            SheetStream<MonthlyLayout.FindingRow> missing = SheetStream.of(streaming, layouts.get(MonthlyLayout.MISSING), MonthlyLayout.FINDING_FIELDS, cells, maxRowsPerSheet);
            data.forEachFinding(Verdict.MISSING, f -> missing.add(new MonthlyLayout.FindingRow(f, null, asOf)));
            rows.put(MonthlyLayout.MISSING, missing.rows());

            for (Sheet sheet : xssf) {
                if (!findingSheets.contains(sheet.getSheetName())) {
                    prepare((XSSFSheet) sheet, values, metrics, plan, windows, dataQuality, cells, layouts);
                }
            }
            boolean supersededCount = metrics.get().supersededExcluded() == 0;
            Function<HostSummary, LocalDate> pendingSince = h -> {
                LocalDate current = sinceCurrent.get(h.resourceId());
                return supersededCount ? earliest(current, sinceSuperseded.get(h.resourceId())) : current;
            };
            List<HostSummary> hosts = metrics.get().hosts() == null ? List.of() : metrics.get().hosts();
            SheetStream<MonthlyLayout.HostRow> rebootPlan = SheetStream.of(streaming, layouts.get(MonthlyLayout.REBOOT_PLAN), MonthlyLayout.HOST_FIELDS, cells, maxRowsPerSheet);
            for (RebootPlan.Entry e : plan.get().entries()) {
                rebootPlan.add(new MonthlyLayout.HostRow(e.rank(), e.host(), e.group().window, e.group().collection,
                        e.group().nextStart, e.collections(), e.why(), pendingSince.apply(e.host()), asOf));
            }
            rows.put(MonthlyLayout.REBOOT_PLAN, rebootPlan.rows());

            SheetStream<MonthlyLayout.HostRow> hostSheet = SheetStream.of(streaming, layouts.get(MonthlyLayout.HOSTS), MonthlyLayout.HOST_FIELDS, cells, maxRowsPerSheet);
            int rank = 0;
            for (HostSummary host : hosts) {
                RebootPlan.Assignment a = plan.get().assignment(host);
                boolean pending = RebootPlan.restartPending(host);
                hostSheet.add(new MonthlyLayout.HostRow(++rank, host, a.label(), a.collection(), a.nextStart(),
                        plan.get().collections(host), RebootPlan.why(MonthlyLayout.figuresOf(host.figures()).notInEffect(), pending),
                        pendingSince.apply(host), asOf));
            }
            rows.put(MonthlyLayout.HOSTS, hostSheet.rows());

            SheetStream<UpdateSummary> updates = SheetStream.of(streaming, layouts.get(MonthlyLayout.UPDATES), MonthlyLayout.UPDATE_FIELDS, cells, maxRowsPerSheet);
            (metrics.get().updates() == null ? List.<UpdateSummary>of() : metrics.get().updates()).forEach(updates::add);
            rows.put(MonthlyLayout.UPDATES, updates.rows());

            SheetStream<DataQualityEntry> quality = SheetStream.of(streaming, layouts.get(MonthlyLayout.DATA_QUALITY), MonthlyLayout.DATA_QUALITY_FIELDS, cells, maxRowsPerSheet);
            dataQuality.get().forEach(quality::add);
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
                SheetStream.flushBeforeClose(streaming); // after a failure, so that close() finds nothing left to flush
                streaming.close();       // deletes the temp files, then closes the template workbook
            } else {
                xssf.close();
            }
        }
    }

    /** Fills a template sheet in place; for a data sheet, captures its layout from the result. */
    private static void prepare(XSSFSheet sheet, Map<String, Object> values, Supplier<Metrics> metrics,
                                Supplier<RebootPlan> plan, WindowData windows, Supplier<List<DataQualityEntry>> dataQuality,
                                CellWriter cells, Map<String, SheetStream.Layout> layouts) {
        fillPlaceholders(sheet, values, cells);
        expandRegions(sheet, values, metrics, plan, windows, dataQuality, cells);
        boolean dataSheet = TemplateStructure.isDataSheet(sheet.getSheetName());
        RowHeights.fit(sheet, dataSheet ? TemplateStructure.styleRowIndex(sheet) - 1 : sheet.getLastRowNum());
        if (dataSheet) {
            layouts.put(sheet.getSheetName(), SheetStream.capture(sheet));
        }
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
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
                TemplateFill.fill(cell, values, cells);
            }
        }
    }

    /** Repeats each region row once per entry, bottom-up so that upper row numbers stay valid. */
    private static void expandRegions(XSSFSheet sheet, Map<String, Object> fixed, Supplier<Metrics> metrics,
                                      Supplier<RebootPlan> plan, WindowData windows, Supplier<List<DataQualityEntry>> dataQuality,
                                      CellWriter cells) {
        List<Integer> regionRows = new ArrayList<>();
        for (Row row : sheet) {
            if (!isStyleRow(sheet, row) && TemplateStructure.regionOf(row) != null) {
                regionRows.add(row.getRowNum());
            }
        }
        for (int i = regionRows.size() - 1; i >= 0; i--) {
            int r = regionRows.get(i);
            String prefix = TemplateStructure.regionOf(sheet.getRow(r));
            TemplateFill.expand(sheet, r, prefix, fixed, SummaryValues.region(prefix, metrics.get(), dataQuality.get(),
                    prefix.equals("window") ? plan.get() : null, windows).stream().map(MonthlyLayout.RegionRow::values).toList(),
                    cells);
        }
    }

}
