package io.patchproof.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The fonts and styles both template generators make alike. */
final class TemplateStyles {

    private TemplateStyles() {
    }

    static XSSFFont font(XSSFWorkbook wb, int points, boolean bold, boolean italic, IndexedColors color) {
        XSSFFont f = wb.createFont();
        f.setFontName("Calibri");
        f.setFontHeightInPoints((short) points);
        f.setBold(bold);
        f.setItalic(italic);
        f.setColor(color.getIndex());
        return f;
    }

    /** A new style with the font (null: the default) and number format (null: General). */
    static XSSFCellStyle style(XSSFWorkbook wb, XSSFFont font, String format) {
        XSSFCellStyle style = wb.createCellStyle();
        if (font != null) {
            style.setFont(font);
        }
        if (format != null) {
            style.setDataFormat(wb.createDataFormat().getFormat(format));
        }
        return style;
    }

    /** A hairline under the cell, as the data rows have. */
    static XSSFCellStyle bordered(XSSFCellStyle style) {
        style.setBorderBottom(BorderStyle.HAIR);
        style.setBottomBorderColor(IndexedColors.GREY_25_PERCENT.getIndex());
        return style;
    }
}
