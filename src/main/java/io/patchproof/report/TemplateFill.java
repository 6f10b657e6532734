package io.patchproof.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Filling a template's cells, shared by the workbook writers: a placeholder alone in its cell gets
 * a typed value, placeholders inside text become text; a region row is repeated once per entry
 * (the rows below, and their page breaks, moved down with it), or says "none". Stateless.
 */
final class TemplateFill {

    private TemplateFill() {
    }

    /** Fills the placeholders of one cell; a cell without one is left alone. */
    static void fill(Cell cell, Map<String, Object> values, CellWriter cells) {
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

    /**
     * Repeats region row {@code r} once per entry and fills each copy with the fixed values and
     * the entry's {@code ${prefix.field}} values; with no entry, its first placeholder cell says
     * "none" and the others are blank.
     */
    static void expand(XSSFSheet sheet, int r, String prefix, Map<String, Object> fixed,
                               List<Map<String, Object>> entries, CellWriter cells) {
        XSSFRow template = sheet.getRow(r);
        int n = entries.size();
        if (n > 1) {
            int last = sheet.getLastRowNum();
            if (r < last) {
                sheet.shiftRows(r + 1, last, n - 1, true, false);
                for (int brk : sheet.getRowBreaks()) {
                    if (brk > r) {
                        sheet.removeRowBreak(brk);
                        sheet.setRowBreak(brk + n - 1);
                    }
                }
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
                String text = TemplateStructure.text(cell);
                if (text != null && text.contains("${" + prefix + ".")) {
                    cells.write(cell, first ? "none" : null, cell.getCellStyle());
                    first = false;
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new HashMap<>(fixed);
            entries.get(i).forEach((field, value) -> values.put(prefix + "." + field, value));
            for (Cell cell : sheet.getRow(r + i)) {
                fill(cell, values, cells);
            }
        }
    }
}
