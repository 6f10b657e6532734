package io.patchproof.report;

import io.patchproof.exceptions.ExceptionUse;
import io.patchproof.exceptions.ExceptionsRead;
import io.patchproof.reconcile.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit workbook: Summary (the headline with and without exceptions, every row read
 * accounted for), All findings (every in-scope host update, one row each), Exceptions (the
 * register as read, with what each line covered), Evidence (how, when and from where the data was
 * read, the SQL and template hashes, every setting, the checks) and Data quality (as the monthly
 * profile's).
 *
 * <p>All findings is streamed with SXSSF (a window of {@value MonthlyWorkbookWriter#WINDOW} rows), so
 * memory does not grow with findings; past the row limit it continues on "All findings (2)", ... with
 * the header repeated, and is never truncated. It is written first, while the publisher works the
 * metrics out on another thread; the sheets that need them are filled afterwards.
 *
 * <p>Every sheet, continuation sheets included, is protected (cells locked, filter and selection
 * allowed) and the workbook's structure locked, without a password: the protection stops an
 * accidental edit, not a deliberate one (the manifest's hash does that), and the workbook reads
 * anywhere without one.
 *
 * <p>Stateless and thread-safe; every call opens its own copy of the template.
 */
public final class AuditWorkbookWriter implements WorkbookWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditWorkbookWriter.class);

    private final int maxRowsPerSheet;

    public AuditWorkbookWriter() {
        this(SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    /** A smaller row limit lets a test prove continuation without a million rows. */
    AuditWorkbookWriter(int maxRowsPerSheet) {
        this.maxRowsPerSheet = SheetStream.checkedRowLimit(maxRowsPerSheet);
    }

    @Override
    public WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException {
        RunDescription run = data.run();
        Supplier<Metrics> metrics = Once.of(data::metrics);
        List<DataQualityEntry> dataQuality = data.dataQuality() == null ? List.of() : data.dataQuality();
        ExceptionsRead exceptions = data.exceptions() == null ? ExceptionsRead.NONE : data.exceptions();
        long[] findingRows = {-1};
        AuditValues.Context context = new AuditValues.Context(run, metrics, template, exceptions, () -> {
            if (findingRows[0] < 0) {
                throw new IllegalStateException("the All findings rows are counted once the sheet is written");
            }
            return findingRows[0];
        });
        WindowData windows = data.windows() == null ? WindowData.NONE : data.windows();
        Map<String, Object> values = AuditValues.lazy(SummaryValues.lazy(run, metrics,
                Once.of(() -> RebootPlan.of(metrics.get().hosts(), windows, run.asOf())), windows), context);

        XSSFWorkbook xssf = template.open();
        SXSSFWorkbook streaming = null;
        try {
            List<String> problems = AuditLayout.problems(xssf);
            if (!problems.isEmpty()) {
                throw new TemplateException(template.location() + ": " + String.join("; ", problems));
            }
            CellWriter cells = new CellWriter(xssf);
            Map<String, SheetStream.Layout> layouts = new LinkedHashMap<>();
            List<CountChecks.Check> checks = new ArrayList<>();
            prepare(xssf.getSheet(AuditLayout.ALL_FINDINGS), values, context, dataQuality, checks, cells, layouts);

            streaming = new SXSSFWorkbook(xssf, MonthlyWorkbookWriter.WINDOW, false, false);
            Map<String, Long> rows = new LinkedHashMap<>();
            LocalDate asOf = run.asOf();
            SheetStream<MonthlyLayout.FindingRow> findings = SheetStream.of(streaming, layouts.get(AuditLayout.ALL_FINDINGS),
                    MonthlyLayout.FINDING_FIELDS, cells, maxRowsPerSheet);
            data.forEachFindingInScope(f -> findings.add(new MonthlyLayout.FindingRow(f, null, asOf)));
            findingRows[0] = findings.rows();
            rows.put(AuditLayout.ALL_FINDINGS, findings.rows());

            checks.addAll(CountChecks.ofMetrics(metrics.get()));
            checks.add(CountChecks.allFindings(metrics.get(), findings.rows()));
            for (Sheet sheet : xssf) {
                if (!sheet.getSheetName().equals(AuditLayout.ALL_FINDINGS)) {
                    prepare((XSSFSheet) sheet, values, context, dataQuality, checks, cells, layouts);
                }
            }
            SheetStream<ExceptionUse> register = SheetStream.of(streaming, layouts.get(AuditLayout.EXCEPTIONS),
                    AuditLayout.EXCEPTION_FIELDS, cells, maxRowsPerSheet);
            exceptions.uses().forEach(register::add);
            rows.put(AuditLayout.EXCEPTIONS, register.rows());

            SheetStream<DataQualityEntry> quality = SheetStream.of(streaming, layouts.get(AuditLayout.DATA_QUALITY),
                    MonthlyLayout.DATA_QUALITY_FIELDS, cells, maxRowsPerSheet);
            dataQuality.forEach(quality::add);
            rows.put(AuditLayout.DATA_QUALITY, quality.rows());

            for (SheetStream<?> s : List.of(findings, register, quality)) {
                s.finish();
            }
            for (int i = 0; i < streaming.getNumberOfSheets(); i++) {
                SXSSFSheet sheet = streaming.getSheetAt(i);
                sheet.setSelected(i == 0);
                protect(sheet);
            }
            streaming.setActiveSheet(0);
            streaming.setFirstVisibleTab(0);
            streaming.getXSSFWorkbook().lockStructure();

            streaming.write(out);
            List<String> sheetNames = new ArrayList<>();
            for (Sheet sheet : streaming) {
                sheetNames.add(sheet.getSheetName());
            }
            log.debug("audit workbook written: {} rows by sheet, {} truncated, {} quote-prefixed cells",
                    rows, cells.truncatedCells(), cells.quotePrefixedCells());
            return new WorkbookStats(sheetNames, rows, cells.truncatedCells(), cells.quotePrefixedCells(), cells.replacedChars());
        } finally {
            if (streaming != null) {
                SheetStream.flushBeforeClose(streaming); // after a failure, so that close() finds nothing left to flush
                streaming.close();
            } else {
                xssf.close();
            }
        }
    }

    /**
     * Locks the sheet without a password. Every cell is locked (the default style's protection);
     * selecting cells and using the filter stay allowed, so the sheet is read as usual.
     */
    static void protect(SXSSFSheet sheet) {
        sheet.enableLocking();
        sheet.lockSelectLockedCells(false);
        sheet.lockSelectUnlockedCells(false);
        sheet.lockAutoFilter(false);
        sheet.lockSort(true);
        sheet.lockFormatCells(true);
        sheet.lockFormatColumns(true);
        sheet.lockFormatRows(true);
        sheet.lockInsertColumns(true);
        sheet.lockInsertRows(true);
        sheet.lockInsertHyperlinks(true);
        sheet.lockDeleteColumns(true);
        sheet.lockDeleteRows(true);
        sheet.lockObjects(true);
        sheet.lockScenarios(true);
        sheet.lockPivotTables(true);
    }

    /** Fills a template sheet in place; for a data sheet, captures its layout from the result. */
    private static void prepare(XSSFSheet sheet, Map<String, Object> values, AuditValues.Context context,
                                List<DataQualityEntry> dataQuality, List<CountChecks.Check> checks, CellWriter cells,
                                Map<String, SheetStream.Layout> layouts) {
        boolean dataSheet = AuditLayout.isDataSheet(sheet.getSheetName());
        int styleRow = dataSheet ? TemplateStructure.styleRowIndex(sheet) : -1;
        List<Integer> regionRows = new ArrayList<>();
        for (Row row : sheet) {
            if (row.getRowNum() == styleRow) {
                continue;
            }
            if (AuditLayout.regionOf(row) != null) {
                regionRows.add(row.getRowNum());
                continue;
            }
            for (Cell cell : row) {
                TemplateFill.fill(cell, values, cells);
            }
        }
        // Bottom-up, so that the rows above a region keep their numbers.
        for (int i = regionRows.size() - 1; i >= 0; i--) {
            int r = regionRows.get(i);
            String prefix = AuditLayout.regionOf(sheet.getRow(r));
            TemplateFill.expand(sheet, r, prefix, values, AuditValues.region(prefix, context, dataQuality, checks), cells);
        }
        int lastFixedRow = dataSheet ? TemplateStructure.styleRowIndex(sheet) - 1 : sheet.getLastRowNum();
        RowHeights.fit(sheet, lastFixedRow);
        if (dataSheet) {
            layouts.put(sheet.getSheetName(), SheetStream.capture(sheet));
        }
    }


}
