package io.patchproof.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;

/**
 * Two workbooks compared cell by cell, on every sheet: type, value and number format. The result
 * lists each differing cell by address ("Summary!B7: 2026-11-16T10:00 ≠ 2026-11-16T10:02"), so a
 * failing assertion names the cells. Cells that name the run itself (its read time, its job
 * instance and execution) differ between two runs of the same data by design and can be left out:
 * by the label to their left, as the template gives it (rows move as the tables above them grow).
 */
public final class WorkbookComparison {

    private WorkbookComparison() {
    }

    /**
     * Every cell whose value differs, by "Sheet!A1", except cells right of a label in
     * {@code ignoredLabels}; a difference in the sheet list is reported as such.
     */
    public static List<String> differences(Path expected, Path actual, Set<String> ignoredLabels) {
        List<String> out = new ArrayList<>();
        try (TestWorkbook a = TestWorkbook.open(expected); TestWorkbook b = TestWorkbook.open(actual)) {
            if (!a.sheetNames().equals(b.sheetNames())) {
                out.add("sheets: " + a.sheetNames() + " ≠ " + b.sheetNames());
                return out;
            }
            for (String name : a.sheetNames()) {
                Sheet sa = a.workbook().getSheet(name);
                Sheet sb = b.workbook().getSheet(name);
                int rows = Math.max(sa.getLastRowNum(), sb.getLastRowNum());
                for (int r = 0; r <= rows; r++) {
                    Row ra = sa.getRow(r);
                    Row rb = sb.getRow(r);
                    int cols = Math.max(ra == null ? 0 : ra.getLastCellNum(), rb == null ? 0 : rb.getLastCellNum());
                    for (int c = 0; c < cols; c++) {
                        String address = name + "!" + new CellReference(r, c).formatAsString(false);
                        if (c > 0 && (isLabel(ra, c - 1, ignoredLabels) || isLabel(rb, c - 1, ignoredLabels))) {
                            continue;
                        }
                        String va = describe(ra == null ? null : ra.getCell(c));
                        String vb = describe(rb == null ? null : rb.getCell(c));
                        if (!Objects.equals(va, vb)) {
                            out.add(address + ": " + va + " ≠ " + vb);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean isLabel(Row row, int column, Set<String> labels) {
        Cell cell = row == null ? null : row.getCell(column);
        return cell != null && cell.getCellType() == CellType.STRING && labels.contains(cell.getStringCellValue());
    }

    /** The labels (the text left of the cell) of the cells of a template on the classpath that hold any of these placeholders. */
    public static Set<String> placeholderLabels(String templateResource, String... placeholders) {
        Set<String> labels = new LinkedHashSet<>();
        try (InputStream in = WorkbookComparison.class.getClassLoader().getResourceAsStream(templateResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + templateResource + " on the class path");
            }
            try (TestWorkbook template = TestWorkbook.open(in.readAllBytes())) {
                for (String name : template.sheetNames()) {
                    for (Row row : template.workbook().getSheet(name)) {
                        for (Cell cell : row) {
                            if (cell.getCellType() != CellType.STRING) {
                                continue;
                            }
                            for (String p : placeholders) {
                                Cell label = cell.getColumnIndex() == 0 ? null : row.getCell(cell.getColumnIndex() - 1);
                                if (cell.getStringCellValue().contains("${" + p + "}") && label != null
                                        && label.getCellType() == CellType.STRING) {
                                    labels.add(label.getStringCellValue());
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }

    private static String describe(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        Object value = TestWorkbook.TestCell.value(cell);
        String format = cell.getCellStyle().getDataFormatString();
        return cell.getCellType() + " " + value + ("General".equals(format) ? "" : " [" + format + "]");
    }
}
