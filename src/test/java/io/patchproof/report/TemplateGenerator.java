package io.patchproof.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What the template generators share: the workbook being built and its named styles, cells placed
 * by style name, the page setup every sheet prints with, the data sheets' header-and-markers layout,
 * the Data quality sheet the monthly and audit workbooks both carry, and the fixed document
 * properties that let a regenerated template compare equal to the committed one. Each generator
 * makes its own styles (the same name may look different in two templates) in a fixed order, so the
 * style indexes in the files stay put. Not thread-safe: one generator builds one workbook.
 */
abstract class TemplateGenerator {

    /** Fixed so that regenerating yields the same document properties. */
    static final LocalDateTime CREATED = LocalDateTime.of(2026, 1, 1, 0, 0);

    /** A footer on every printed page: the sheet's name and the page number. */
    static final String FOOTER = "&A \u2014 page &P of &N";

    /** Style names; each generator makes the ones it uses ({@link #style}) before placing cells. */
    enum S {
        LOGO, TITLE, SUBTITLE, DEMO, NOTE, LABEL, LABEL_WRAP, SECTION, HEADER, HEADER_LEFT, TEXT, WRAP, MONO, DATE,
        DATE_TIME, NEXT, ID, COUNT, DECIMAL, PCT, POINTS, HEADLINE_PCT, HEADLINE_POINTS, HEADLINE_COUNT, CHANGE_COUNT,
        TOTAL_LABEL, TOTAL_COUNT, TOTAL_DECIMAL, CHART
    }

    /** A data sheet's column: its header, the placeholder in the styled row under it, the style and width. */
    record Col(String header, String marker, S style, int width) {
    }

    final XSSFWorkbook wb = new XSSFWorkbook();
    private final Map<S, XSSFCellStyle> styles = new EnumMap<>(S.class);

    /** The template, built once; the caller closes it. */
    abstract XSSFWorkbook build();

    /** Writes the template to {@code out}. */
    final void writeTo(OutputStream out) throws IOException {
        try (XSSFWorkbook built = build()) {
            built.write(out);
        }
    }

    /** What a generator's {@code main} does: writes the template to the path given, or to its default location. */
    final void save(String[] args, String defaultLocation) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : defaultLocation);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            writeTo(o);
        }
        System.out.println("wrote " + out);
    }

    /** The first sheet active and the fixed document properties; returns the finished workbook. */
    final XSSFWorkbook finish(String title) {
        wb.setActiveSheet(0);
        wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(CREATED.toInstant(ZoneOffset.UTC))));
        wb.getProperties().getCoreProperties().setCreator("patchproof");
        wb.getProperties().getCoreProperties().setTitle(title);
        return wb;
    }

    final XSSFFont font(int points, boolean bold, boolean italic, IndexedColors color) {
        XSSFFont f = wb.createFont();
        f.setFontName("Calibri");
        f.setFontHeightInPoints((short) points);
        f.setBold(bold);
        f.setItalic(italic);
        f.setColor(color.getIndex());
        return f;
    }

    /** A new style under {@code key}, with the font (null: the default) and number format (null: General). */
    final XSSFCellStyle style(S key, XSSFFont font, String format) {
        XSSFCellStyle style = wb.createCellStyle();
        if (font != null) {
            style.setFont(font);
        }
        if (format != null) {
            style.setDataFormat(wb.createDataFormat().getFormat(format));
        }
        styles.put(key, style);
        return style;
    }

    /** A hairline under the cell, as the data rows have. */
    static XSSFCellStyle bordered(XSSFCellStyle style) {
        style.setBorderBottom(BorderStyle.HAIR);
        style.setBottomBorderColor(IndexedColors.GREY_25_PERCENT.getIndex());
        return style;
    }

    /** The cell at r, c with the text (null or empty: none) and a style this generator made. */
    final void put(XSSFSheet s, int r, int c, String text, S style) {
        XSSFCellStyle made = styles.get(style);
        if (made == null) {
            throw new IllegalStateException("style " + style + " is used on sheet '" + s.getSheetName()
                    + "' but this generator does not make it; add it to its createStyles");
        }
        XSSFRow row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        XSSFCell cell = row.createCell(c);
        if (text != null && !text.isEmpty()) {
            cell.setCellValue(text);
        }
        cell.setCellStyle(made);
    }

    /** Styles the cells right of {@code first} up to {@code last} alike and merges the run. */
    final void span(XSSFSheet s, int r, int first, int last, S style) {
        for (int c = first + 1; c <= last; c++) {
            put(s, r, c, null, style);
        }
        s.addMergedRegion(new CellRangeAddress(r, r, first, last));
    }

    /** A wrapping note merged across columns first to last; the writer fits the row's height to the text. */
    final void note(XSSFSheet s, int r, int first, int last, String text) {
        put(s, r, first, text, S.NOTE);
        span(s, r, first, last, S.NOTE);
    }

    /** A header row of 30 points, one title per column from A. */
    final void header(XSSFSheet s, int r, String... titles) {
        XSSFRow row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        row.setHeightInPoints(30);
        for (int c = 0; c < titles.length; c++) {
            put(s, r, c, titles[c], S.HEADER);
        }
    }

    final void labelCount(XSSFSheet s, int r, String label, String value) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, value, S.COUNT);
    }

    /**
     * A sheet of rows: an optional note across the printed columns, the header (of the height given),
     * one styled row of placeholders the writer repeats, the panes frozen above the data and left of
     * {@code frozenColumns}, an auto-filter over every column, printed to column {@code printColumns}.
     */
    final void dataSheet(String name, int frozenColumns, String note, int printColumns, int headerPoints,
                         List<Col> columns) {
        XSSFSheet s = wb.createSheet(name);
        int headerRow = 0;
        if (note != null) {
            XSSFRow noteRow = s.createRow(0);
            put(s, 0, 0, note, S.NOTE);
            span(s, 0, 0, printColumns - 1, S.NOTE);
            noteRow.setHeightInPoints(30);
            headerRow = 1;
        }
        XSSFRow header = s.createRow(headerRow);
        header.setHeightInPoints(headerPoints);
        for (int c = 0; c < columns.size(); c++) {
            put(s, headerRow, c, columns.get(c).header(), S.HEADER);
        }
        styleRow(s, headerRow + 1, columns);
        s.createFreezePane(frozenColumns, headerRow + 1);
        s.setAutoFilter(new CellRangeAddress(headerRow, headerRow, 0, columns.size() - 1));
        printSetup(s, headerRow, printColumns - 1);
    }

    /** The row of placeholders in each column's style; sets the columns' widths. */
    final void styleRow(XSSFSheet s, int r, List<Col> columns) {
        for (int c = 0; c < columns.size(); c++) {
            Col col = columns.get(c);
            put(s, r, c, col.marker(), col.style());
            s.setColumnWidth(c, col.width() * 256);
        }
    }

    /**
     * The Data quality sheet of the monthly and audit workbooks, one layout read by one writer: the
     * counts that add up, the counts by kind, every line.
     */
    final void dataQuality(String name) {
        XSSFSheet s = wb.createSheet(name);
        widths(s, 34, 14, 26, 90);
        int r = 0;
        put(s, r, 0, "Counts that add up (nothing dropped)", S.SECTION);
        labelCount(s, ++r, "Compliance rows read", "${rowsRead}");
        labelCount(s, ++r, "Out of scope (by reason below)", "${outOfScope}");
        labelCount(s, ++r, "In scope: all verdicts", "${inScope}");
        put(s, ++r, 0, "Rows read = out of scope + in scope", S.LABEL);
        put(s, r, 1, "${reconciles}", S.TEXT);
        labelCount(s, ++r, "Superseded, left out of the figures", "${supersededExcluded}");
        labelCount(s, ++r, "Applicable host updates in the figures", "${applicable}");
        put(s, ++r, 0, "Run", S.LABEL);
        put(s, r, 1, "${run}", S.TEXT);
        put(s, ++r, 0, "Versions", S.LABEL);
        put(s, r, 1, "${versions}", S.TEXT);
        r += 2;
        header(s, r, "Counted", "Count", "Of what");
        put(s, ++r, 0, "${count.kind}", S.TEXT);
        put(s, r, 1, "${count.value}", S.COUNT);
        put(s, r, 2, "${count.item}", S.WRAP);
        r += 2;
        header(s, r, "Category", "ResourceID", "Host", "Detail");
        int headerRow = r;
        put(s, ++r, 0, "${category}", S.TEXT);
        put(s, r, 1, "${resourceId}", S.ID);
        put(s, r, 2, "${host}", S.TEXT);
        put(s, r, 3, "${detail}", S.WRAP);
        s.setAutoFilter(new CellRangeAddress(headerRow, headerRow, 0, 3));
        s.createFreezePane(0, headerRow + 1);
        printSetup(s, headerRow, 3);
    }

    /**
     * Landscape, fitted to one page wide and {@code pagesTall} high (0: as many as it takes), the
     * footer, and narrow margins: a landscape page holds a summary's first section at a readable scale.
     */
    static void pageSetup(XSSFSheet s, int pagesTall) {
        s.getPrintSetup().setLandscape(true);
        s.setFitToPage(true);
        s.getPrintSetup().setFitWidth((short) 1);
        s.getPrintSetup().setFitHeight((short) pagesTall);
        s.getFooter().setCenter(FOOTER);
        s.setMargin(PageMargin.LEFT, 0.4);
        s.setMargin(PageMargin.RIGHT, 0.4);
        s.setMargin(PageMargin.TOP, 0.4);
        s.setMargin(PageMargin.BOTTOM, 0.5);
        s.setMargin(PageMargin.HEADER, 0.2);
        s.setMargin(PageMargin.FOOTER, 0.25);
    }

    /**
     * {@link #pageSetup}, the header row repeated on every page, printed from column A to
     * {@code lastColumn} (the columns a reader needs on paper); the others stay on screen and in the filter.
     */
    final void printSetup(XSSFSheet s, int headerRow, int lastColumn) {
        pageSetup(s, 0);
        s.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        printColumns(s, lastColumn);
    }

    /** The print area: whole columns A to {@code lastColumn}, however many rows the writer adds. */
    final void printColumns(XSSFSheet s, int lastColumn) {
        wb.setPrintArea(wb.getSheetIndex(s), "$A:$" + CellReference.convertNumToColString(lastColumn));
    }

    static void widths(XSSFSheet s, int... widths) {
        for (int c = 0; c < widths.length; c++) {
            s.setColumnWidth(c, widths[c] * 256);
        }
    }

    /** Thin spacer rows where nothing is, so that sections breathe without wasting a page. */
    static void spacers(XSSFSheet s, int last, int points) {
        for (int spacer = 1; spacer < last; spacer++) {
            if (s.getRow(spacer) == null) {
                s.createRow(spacer).setHeightInPoints(points);
            }
        }
    }
}
