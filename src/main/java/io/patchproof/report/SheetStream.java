package io.patchproof.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends data rows to one logical sheet of a streaming workbook. When a sheet reaches the row
 * limit (Excel: 1,048,576) the rows continue on "Name (2)", "Name (3)", ... placed right after
 * it, with the header row, column widths, frozen header and filter repeated: nothing is ever
 * truncated. Not thread-safe.
 *
 * @param <T> the item one row shows
 */
final class SheetStream<T> {

    private static final Logger log = LoggerFactory.getLogger(SheetStream.class);

    /** One column: where it is, which field it shows and the style row's style for it. */
    record Column<T>(int index, String field, CellStyle style, Function<T, Object> value) {
    }

    /** What a data sheet looked like in the template, captured before its style row is removed. */
    record Layout(String sheetName, int headerRow, int firstDataRow, List<ColumnSpec> columns, short dataRowHeight,
                  List<HeaderCell> header, short headerHeight, int[] columnWidths, int defaultColumnWidth,
                  boolean freezeHeader, int freezeColumns, boolean autoFilter, Print print) {
    }

    /**
     * The template sheet's page setup, repeated on continuation sheets.
     *
     * @param printArea the print area's reference without the sheet name ({@code $A:$L}), null for all
     */
    record Print(boolean landscape, boolean fitToPage, short fitWidth, short fitHeight, short paperSize,
                 String printArea, boolean repeatHeader, String footer) {
    }

    /** A column whose text wraps: its width in "0" characters and its font's size, for the row height. */
    private record Wrap(int index, double widthChars, float fontPoints) {
    }

    record ColumnSpec(int index, String field, CellStyle style) {
    }

    record HeaderCell(int column, String text, Double number, CellStyle style) {
    }

    private record Part(SXSSFSheet sheet, int headerRow, int firstDataRow) {
    }

    private final SXSSFWorkbook workbook;
    private final Layout layout;
    private final List<Column<T>> columns;
    private final CellWriter cells;
    private final int maxRows;
    private final List<Part> parts = new ArrayList<>();
    private final List<Integer> lastRows = new ArrayList<>();
    private final List<Wrap> wraps = new ArrayList<>();
    private int nextRow;
    private long rows;

    SheetStream(SXSSFWorkbook workbook, Layout layout, List<Column<T>> columns, CellWriter cells, int maxRows) {
        this.workbook = workbook;
        this.layout = layout;
        this.columns = columns;
        this.cells = cells;
        this.maxRows = maxRows;
        parts.add(new Part(workbook.getSheet(layout.sheetName()), layout.headerRow(), layout.firstDataRow()));
        lastRows.add(layout.firstDataRow() - 1);
        nextRow = layout.firstDataRow();
        for (Column<T> c : columns) {
            if (c.style() != null && c.style().getWrapText()) {
                int width = c.index() < layout.columnWidths().length ? layout.columnWidths()[c.index()]
                        : layout.defaultColumnWidth() * 256;
                wraps.add(new Wrap(c.index(), width / 256.0 / RowHeights.boldFactor(workbook, c.style()),
                        RowHeights.fontPoints(workbook, c.style())));
            }
        }
    }

    /**
     * The row limit a workbook writer was given, checked: a header, a style row and one data row
     * need three; more than Excel's own limit cannot be opened.
     */
    static int checkedRowLimit(int maxRowsPerSheet) {
        int excel = SpreadsheetVersion.EXCEL2007.getMaxRows();
        if (maxRowsPerSheet < 3 || maxRowsPerSheet > excel) {
            throw new IllegalArgumentException("maxRowsPerSheet must be between 3 and " + excel + ", was " + maxRowsPerSheet);
        }
        return maxRowsPerSheet;
    }

    /** A stream over the captured layout's columns, each filled by the field of its placeholder's name. */
    static <T> SheetStream<T> of(SXSSFWorkbook workbook, Layout layout, Map<String, Function<T, Object>> fields,
                                 CellWriter cells, int maxRows) {
        List<Column<T>> columns = new ArrayList<>();
        for (ColumnSpec spec : layout.columns()) {
            columns.add(new Column<>(spec.index(), spec.field(), spec.style(), fields.get(spec.field())));
        }
        return new SheetStream<>(workbook, layout, columns, cells, maxRows);
    }

    /**
     * Writes the rows still held in memory to the temp files, before closing after a failure.
     * Without it, closing logs a warning for every sheet (POI flushes into writers it has already
     * closed); the temp files are deleted either way.
     */
    static void flushBeforeClose(SXSSFWorkbook workbook) {
        for (Sheet sheet : workbook) {
            try {
                ((SXSSFSheet) sheet).flushRows();
            } catch (IOException | RuntimeException e) {
                log.debug("cannot flush sheet {} before closing: {}", sheet.getSheetName(), e.toString());
            }
        }
    }

    void add(T item) {
        if (nextRow >= maxRows) {
            continueOnNewSheet();
        }
        SXSSFSheet sheet = current().sheet();
        Row row = sheet.createRow(nextRow);
        if (layout.dataRowHeight() > 0) {
            row.setHeight(layout.dataRowHeight());
        }
        float height = 0;
        for (Column<T> column : columns) {
            Object value = column.value().apply(item);
            cells.write(row.createCell(column.index()), value, column.style());
            if (value instanceof String text && !wraps.isEmpty()) {
                for (Wrap w : wraps) {
                    if (w.index() == column.index()) {
                        int lines = RowHeights.lines(text, w.widthChars());
                        if (lines > 1) {
                            height = Math.max(height, RowHeights.points(lines, w.fontPoints()));
                        }
                    }
                }
            }
        }
        if (height > 0 && height > row.getHeightInPoints()) {
            row.setHeightInPoints(height);
        }
        lastRows.set(lastRows.size() - 1, nextRow);
        nextRow++;
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Stretches each part's filter over its data rows. */
    void finish() {
        if (!layout.autoFilter() || columns.isEmpty()) {
            return;
        }
        int first = layout.header().stream().mapToInt(HeaderCell::column).min().orElse(0);
        int last = layout.header().stream().mapToInt(HeaderCell::column).max().orElse(0);
        for (Column<T> c : columns) {
            first = Math.min(first, c.index());
            last = Math.max(last, c.index());
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            int lastRow = Math.max(part.headerRow(), lastRows.get(i));
            part.sheet().setAutoFilter(new CellRangeAddress(part.headerRow(), lastRow, first, last));
        }
    }

    private Part current() {
        return parts.get(parts.size() - 1);
    }

    private void continueOnNewSheet() {
        String name = continuationName(layout.sheetName(), parts.size() + 1, n -> workbook.getSheet(n) != null);
        int after = workbook.getSheetIndex(current().sheet());
        SXSSFSheet sheet = workbook.createSheet(name);
        workbook.setSheetOrder(name, after + 1);
        Row header = sheet.createRow(0);
        if (layout.headerHeight() > 0) {
            header.setHeight(layout.headerHeight());
        }
        for (HeaderCell h : layout.header()) {
            Cell cell = header.createCell(h.column());
            if (h.text() != null) {
                cell.setCellValue(h.text());
            } else if (h.number() != null) {
                cell.setCellValue(h.number());
            }
            cell.setCellStyle(h.style());
        }
        sheet.setDefaultColumnWidth(layout.defaultColumnWidth());
        for (int c = 0; c < layout.columnWidths().length; c++) {
            sheet.setColumnWidth(c, layout.columnWidths()[c]);
        }
        if (layout.freezeHeader()) {
            sheet.createFreezePane(layout.freezeColumns(), 1);
        }
        applyPrint(workbook, sheet, layout.print(), 0);
        parts.add(new Part(sheet, 0, 1));
        lastRows.add(0);
        nextRow = 1;
        if (nextRow >= maxRows) {
            throw new IllegalStateException("row limit " + maxRows + " leaves no room for data below a header");
        }
    }

    /** The template's page setup on a continuation sheet, its header row repeated on every page. */
    private static void applyPrint(SXSSFWorkbook workbook, SXSSFSheet sheet, Print print, int headerRow) {
        if (print == null) {
            return;
        }
        sheet.getPrintSetup().setLandscape(print.landscape());
        sheet.getPrintSetup().setPaperSize(print.paperSize());
        sheet.setFitToPage(print.fitToPage());
        sheet.getPrintSetup().setFitWidth(print.fitWidth());
        sheet.getPrintSetup().setFitHeight(print.fitHeight());
        if (print.repeatHeader()) {
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        }
        if (print.printArea() != null) {
            workbook.setPrintArea(workbook.getSheetIndex(sheet), print.printArea());
        }
        if (print.footer() != null) {
            sheet.getFooter().setCenter(print.footer());
        }
    }

    /** "Name (n)", the name cut so that the whole stays within Excel's 31 characters; skips taken names. */
    static String continuationName(String base, int number, Predicate<String> taken) {
        for (int n = number; ; n++) {
            String suffix = " (" + n + ")";
            int room = 31 - suffix.length();
            String name = (base.length() > room ? base.substring(0, room).stripTrailing() : base) + suffix;
            if (!taken.test(name)) {
                return name;
            }
        }
    }

    /**
     * Captures a data sheet's header and style row, then removes the style row and any empty
     * rows below it, so that streamed rows never collide with rows of the template.
     */
    static Layout capture(XSSFSheet sheet) {
        int styleRowIndex = TemplateStructure.styleRowIndex(sheet);
        for (int r = sheet.getLastRowNum(); r > styleRowIndex; r--) {
            if (sheet.getRow(r) != null) {
                sheet.removeRow(sheet.getRow(r));
            }
        }
        XSSFRow styleRow = sheet.getRow(styleRowIndex);
        XSSFRow headerRow = sheet.getRow(styleRowIndex - 1);
        List<ColumnSpec> columns = new ArrayList<>();
        for (Cell cell : styleRow) {
            String field = TemplateStructure.wholePlaceholder(cell);
            if (field != null) {
                columns.add(new ColumnSpec(cell.getColumnIndex(), field, cell.getCellStyle()));
            }
        }
        List<HeaderCell> header = new ArrayList<>();
        int lastColumn = styleRow.getLastCellNum();
        for (Cell cell : headerRow) {
            XSSFCell c = (XSSFCell) cell;
            String text = c.getCellType() == CellType.STRING ? c.getStringCellValue() : null;
            Double number = c.getCellType() == CellType.NUMERIC ? c.getNumericCellValue() : null;
            header.add(new HeaderCell(c.getColumnIndex(), text, number, c.getCellStyle()));
            lastColumn = Math.max(lastColumn, c.getColumnIndex() + 1);
        }
        int[] widths = new int[Math.max(0, lastColumn)];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = sheet.getColumnWidth(c);
        }
        PaneInformation pane = sheet.getPaneInformation();
        boolean freeze = pane != null && pane.isFreezePane() && pane.getHorizontalSplitPosition() > 0;
        int freezeColumns = pane != null && pane.isFreezePane() ? pane.getVerticalSplitPosition() : 0;
        boolean autoFilter = sheet.getCTWorksheet().isSetAutoFilter();
        short dataHeight = styleRow.getCTRow().isSetCustomHeight() && styleRow.getCTRow().getCustomHeight() ? styleRow.getHeight() : -1;
        short headerHeight = headerRow.getCTRow().isSetCustomHeight() && headerRow.getCTRow().getCustomHeight() ? headerRow.getHeight() : -1;
        sheet.removeRow(styleRow);
        return new Layout(sheet.getSheetName(), styleRowIndex - 1, styleRowIndex, List.copyOf(columns), dataHeight,
                List.copyOf(header), headerHeight, widths, sheet.getDefaultColumnWidth(), freeze, freezeColumns, autoFilter,
                print(sheet));
    }

    private static Print print(XSSFSheet sheet) {
        String area = sheet.getWorkbook().getPrintArea(sheet.getWorkbook().getSheetIndex(sheet));
        if (area != null && area.contains("!")) {
            area = area.substring(area.lastIndexOf('!') + 1);
        }
        String footer = sheet.getFooter().getCenter();
        return new Print(sheet.getPrintSetup().getLandscape(), sheet.getFitToPage(), sheet.getPrintSetup().getFitWidth(),
                sheet.getPrintSetup().getFitHeight(), sheet.getPrintSetup().getPaperSize(), area,
                sheet.getRepeatingRows() != null, footer == null || footer.isEmpty() ? null : footer);
    }
}
