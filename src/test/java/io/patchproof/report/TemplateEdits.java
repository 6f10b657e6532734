package io.patchproof.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Broken copies of a shipped template, for the tests of what a template check refuses. */
final class TemplateEdits {

    private TemplateEdits() {
    }

    /** The shipped template with {@code change} applied, written to {@code file}. */
    static Path modified(byte[] shipped, Path file, Consumer<XSSFWorkbook> change) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(shipped))) {
            change.accept(wb);
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            return file;
        }
    }

    /** Every cell whose whole text is {@code from} gets {@code to}. */
    static void replaceText(XSSFWorkbook wb, String from, String to) {
        for (var sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (from.equals(TemplateStructure.text(cell))) {
                        cell.setCellValue(to);
                    }
                }
            }
        }
    }
}
