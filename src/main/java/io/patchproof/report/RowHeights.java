package io.patchproof.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Row heights that fit wrapped text. Neither Excel nor LibreOffice grows a row to its wrapped text
 * when a file is opened (a row without a height keeps the default: the text overprints the rows
 * around it), and a streaming writer cannot measure text, so the lines a text needs are estimated
 * the way it wraps: word by word into the column's width, counted in the width of the font's
 * "0" as Excel counts column widths. The estimate errs towards a line too many (some white
 * space) rather than one too few (cut text). Stateless.
 */
final class RowHeights {

    /** Excel's largest row height, in points. */
    static final float MAX_POINTS = 409f;
    /** More lines than this and the row shows the first ones; the cell keeps all of its text. */
    static final int MAX_LINES = 12;
    /**
     * Width of a character in "0" widths, by kind, for Calibri and its metric twin Carlito (rendered
     * and measured): lower-case letters about 0.7, capitals and digits 1, a space under half.
     * Rounded up, so that an estimate errs towards an extra line.
     */
    static double charWidth(char c) {
        if (c == ' ') {
            return 0.45;
        }
        if (Character.isLowerCase(c)) {
            return c == 'm' || c == 'w' ? 1.1 : 0.72;
        }
        if (Character.isUpperCase(c)) {
            return c == 'M' || c == 'W' ? 1.3 : 1.0;
        }
        if (Character.isDigit(c)) {
            return 1.0;
        }
        if (c < 0x2E80) {
            return 0.65;
        }
        return 1.9; // CJK and other wide characters
    }

    private RowHeights() {
    }

    /** Lines a text needs in a column of {@code widthChars} "0" widths, word-wrapped. */
    static int lines(String text, double widthChars) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        double room = Math.max(1.0, widthChars - 0.7); // a cell's padding
        int lines = 0;
        for (String paragraph : text.split("\r\n|\r|\n", -1)) {
            lines++;
            double used = 0;
            for (String word : paragraph.split(" ", -1)) {
                double len = 0;
                for (int i = 0; i < word.length(); i++) {
                    len += charWidth(word.charAt(i));
                }
                double space = charWidth(' ');
                if (used > 0 && used + space + len > room) {
                    lines++;
                    used = 0;
                } else if (used > 0) {
                    used += space;
                }
                while (len > room) { // a word longer than the column breaks where it must
                    len -= room;
                    lines++;
                }
                used += len;
            }
        }
        return lines;
    }

    /** The height in points of {@code lines} lines of a font of {@code fontPoints}. */
    static float points(int lines, float fontPoints) {
        int shown = Math.min(Math.max(lines, 1), MAX_LINES);
        return Math.min(MAX_POINTS, shown * fontPoints * 1.3f + 3f);
    }

    /** Bold text runs about 8 % wider: a bold cell has that much less room. */
    static double boldFactor(Workbook workbook, CellStyle style) {
        Font font = workbook.getFontAt(style.getFontIndex());
        return font != null && font.getBold() ? 1.08 : 1.0;
    }

    /** The font size of a style, in points. */
    static float fontPoints(Workbook workbook, CellStyle style) {
        Font font = workbook.getFontAt(style.getFontIndex());
        return font == null ? 11f : font.getFontHeightInPoints();
    }

    /** Width in "0" characters of a column, or of the merged region a cell opens. */
    static double widthChars(Sheet sheet, Cell cell) {
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            if (region.getFirstRow() == cell.getRowIndex() && region.getFirstColumn() == cell.getColumnIndex()) {
                double w = 0;
                for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
                    w += sheet.getColumnWidth(c) / 256.0;
                }
                return w;
            }
        }
        return sheet.getColumnWidth(cell.getColumnIndex()) / 256.0;
    }

    /**
     * Grows each row up to {@code lastRow} (inclusive) whose wrapped text needs more height than it
     * has; never shrinks a row.
     */
    static void fit(Sheet sheet, int lastRow) {
        Workbook workbook = sheet.getWorkbook();
        for (Row row : sheet) {
            if (row.getRowNum() > lastRow) {
                break;
            }
            float needed = 0;
            for (Cell cell : row) {
                CellStyle style = cell.getCellStyle();
                if (style == null || !style.getWrapText() || cell.getCellType() != CellType.STRING) {
                    continue;
                }
                int lines = lines(cell.getStringCellValue(), widthChars(sheet, cell) / boldFactor(workbook, style));
                if (lines > 1) {
                    needed = Math.max(needed, points(lines, fontPoints(workbook, style)));
                }
            }
            if (needed > row.getHeightInPoints()) {
                row.setHeightInPoints(needed);
            }
        }
    }
}
