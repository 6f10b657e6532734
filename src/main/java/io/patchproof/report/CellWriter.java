package io.patchproof.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes one typed value into a cell, the only place where data meets POI.
 *
 * <p>Text is prepared by {@link CellText} and written as a string cell; formula-like text gets
 * the quote-prefix variant of the cell's style so that Excel never evaluates it, not even after
 * a user edits the cell. Times become real date cells (UTC instants as UTC wall-clock time).
 * Derived styles (quote-prefixed, date format added) are created once per base style and shared
 * by every cell, so the number of styles does not grow with rows. Never writes a formula.
 *
 * <p>Not thread-safe: one instance per workbook being written.
 */
final class CellWriter {

    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String DATE_FORMAT = "yyyy-mm-dd";

    private final XSSFWorkbook workbook;
    private final Map<Short, CellStyle> quoted = new HashMap<>();
    private final Map<Short, CellStyle> dateTimes = new HashMap<>();
    private final Map<Short, CellStyle> dates = new HashMap<>();
    private long truncatedCells;
    private long quotePrefixedCells;
    private long replacedChars;

    CellWriter(XSSFWorkbook workbook) {
        this.workbook = workbook;
    }

    void write(Cell cell, Object value, CellStyle base) {
        CellStyle style = base != null ? base : workbook.getCellStyleAt(0);
        if (value == null) {
            cell.setBlank();
            cell.setCellStyle(style);
        } else if (value instanceof String text) {
            writeText(cell, text, style);
        } else if (value instanceof Values.Percent percent) {
            cell.setCellValue(percent.fraction());
            cell.setCellStyle(style);
        } else if (value instanceof Values.Points points) {
            cell.setCellValue(points.points());
            cell.setCellStyle(style);
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
            cell.setCellStyle(style);
        } else if (value instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            cell.setCellStyle(dated(style, dateTimes, DATE_TIME_FORMAT));
        } else if (value instanceof LocalDateTime local) {
            cell.setCellValue(local);
            cell.setCellStyle(dated(style, dateTimes, DATE_TIME_FORMAT));
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(dated(style, dates, DATE_FORMAT));
        } else if (value instanceof Boolean flag) {
            writeText(cell, flag ? "yes" : "no", style);
        } else {
            writeText(cell, value.toString(), style);
        }
    }

    private void writeText(Cell cell, String text, CellStyle style) {
        CellText.Prepared prepared = CellText.prepare(text);
        cell.setCellValue(prepared.text());
        replacedChars += prepared.replacedChars();
        if (prepared.truncated()) {
            truncatedCells++;
        }
        if (CellText.isFormulaLike(text)) {
            quotePrefixedCells++;
            cell.setCellStyle(quotePrefixed(style));
        } else {
            cell.setCellStyle(style);
        }
    }

    /** The shared quote-prefixed variant of a style. */
    CellStyle quotePrefixed(CellStyle base) {
        if (base.getQuotePrefixed()) {
            return base;
        }
        return quoted.computeIfAbsent(base.getIndex(), i -> {
            CellStyle style = workbook.createCellStyle();
            style.cloneStyleFrom(base);
            style.setQuotePrefixed(true);
            return style;
        });
    }

    /** The base style if it already shows a date, else its shared variant with {@code format}. */
    private CellStyle dated(CellStyle base, Map<Short, CellStyle> cache, String format) {
        if (isDateFormat(base)) {
            return base;
        }
        return cache.computeIfAbsent(base.getIndex(), i -> {
            CellStyle style = workbook.createCellStyle();
            style.cloneStyleFrom(base);
            style.setQuotePrefixed(false);
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        });
    }

    static boolean isDateFormat(CellStyle style) {
        String format = style.getDataFormatString();
        if (format == null) {
            format = BuiltinFormats.getBuiltinFormat(style.getDataFormat());
        }
        return format != null && DateUtil.isADateFormat(style.getDataFormat(), format);
    }

    long truncatedCells() {
        return truncatedCells;
    }

    long quotePrefixedCells() {
        return quotePrefixedCells;
    }

    long replacedChars() {
        return replacedChars;
    }
}
