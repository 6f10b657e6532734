package io.patchproof.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A written workbook, reopened with POI, for cell-by-cell assertions whose failures name the cell
 * ("Not in effect!E12"). Close it after use.
 */
public final class TestWorkbook implements AutoCloseable {

    private final XSSFWorkbook workbook;
    private final byte[] bytes;

    private TestWorkbook(byte[] bytes) {
        this.bytes = bytes;
        try {
            this.workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestWorkbook open(Path file) {
        try {
            return new TestWorkbook(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestWorkbook open(byte[] bytes) {
        return new TestWorkbook(bytes);
    }

    public XSSFWorkbook workbook() {
        return workbook;
    }

    public List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    public Sheet sheet(String name) {
        Sheet sheet = workbook.getSheet(name);
        assertThat(sheet).as("sheet '%s' in %s", name, sheetNames()).isNotNull();
        return sheet;
    }

    /** A cell by A1 reference; the cell need not exist (then it reads as blank). */
    public TestCell cell(String sheet, String ref) {
        CellReference r = new CellReference(ref);
        Row row = sheet(sheet).getRow(r.getRow());
        Cell cell = row == null ? null : row.getCell(r.getCol());
        return new TestCell(sheet + "!" + ref, cell);
    }

    public TestCell cell(String sheet, int row, int column) {
        return cell(sheet, new CellReference(row, column).formatAsString(false));
    }

    /** Every row from the first to the last, each as values by column (gaps are null). */
    public List<List<Object>> rows(String sheet) {
        Sheet s = sheet(sheet);
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r <= s.getLastRowNum(); r++) {
            Row row = s.getRow(r);
            List<Object> values = new ArrayList<>();
            if (row != null) {
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    values.add(TestCell.value(row.getCell(c)));
                }
            }
            rows.add(values);
        }
        return rows;
    }

    /** The A1 reference of the first cell whose text equals {@code text}, or null. */
    public String addressOf(String sheet, String text) {
        for (Row row : sheet(sheet)) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(text)) {
                    return new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString(false);
                }
            }
        }
        return null;
    }

    /** The column index of a header text in a row. */
    public int column(String sheet, int headerRow, String header) {
        Row row = sheet(sheet).getRow(headerRow);
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(header)) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no header '" + header + "' in row " + (headerRow + 1) + " of " + sheet);
    }

    /** The cell right of the first cell whose text is {@code label} (a Summary label and its value). */
    public TestCell cellNextTo(String sheet, String label) {
        String address = addressOf(sheet, label);
        assertThat(address).as("label '%s' on %s", label, sheet).isNotNull();
        CellReference r = new CellReference(address);
        return cell(sheet, r.getRow(), r.getCol() + 1);
    }

    /** The XML of every worksheet part, by part name, as written. */
    public Map<String, String> worksheetXml() {
        Map<String, String> parts = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : zipEntries(bytes).entrySet()) {
            if (e.getKey().startsWith("xl/worksheets/") && e.getKey().endsWith(".xml")) {
                parts.put(e.getKey(), e.getValue());
            }
        }
        return parts;
    }

    /**
     * Every entry of a zip package as text. Reads the central directory (java.util.zip.ZipFile):
     * ZipInputStream misreads the zip64 data descriptors that POI's streaming writer produces.
     */
    public static Map<String, String> zipEntries(byte[] zipBytes) {
        Map<String, String> parts = new LinkedHashMap<>();
        try {
            Path file = Files.createTempFile("testworkbook", ".zip");
            try {
                Files.write(file, zipBytes);
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                        try (InputStream in = zip.getInputStream(e)) {
                            parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell, with assertions that name it. */
    public static final class TestCell {
        private final String address;
        private final Cell cell;

        TestCell(String address, Cell cell) {
            this.address = address;
            this.cell = cell;
        }

        public String address() {
            return address;
        }

        public Cell poiCell() {
            return cell;
        }

        public CellType type() {
            return cell == null ? CellType.BLANK : cell.getCellType();
        }

        public String text() {
            assertThat(type()).as("%s is a text cell", address).isEqualTo(CellType.STRING);
            return cell.getStringCellValue();
        }

        public double number() {
            assertThat(type()).as("%s is a number cell", address).isEqualTo(CellType.NUMERIC);
            return cell.getNumericCellValue();
        }

        public LocalDateTime dateTime() {
            assertThat(type()).as("%s is a date cell", address).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(cell)).as("%s has a date format (%s)", address, format()).isTrue();
            return cell.getLocalDateTimeCellValue();
        }

        public CellStyle style() {
            assertThat(cell).as("%s exists", address).isNotNull();
            return cell.getCellStyle();
        }

        public String format() {
            return cell == null ? null : cell.getCellStyle().getDataFormatString();
        }

        public TestCell hasText(String expected) {
            assertThat(text()).as(address).isEqualTo(expected);
            return this;
        }

        public TestCell hasNumber(double expected) {
            assertThat(number()).as(address).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            return this;
        }

        public TestCell hasDateTime(LocalDateTime expected) {
            assertThat(dateTime()).as(address).isEqualTo(expected);
            return this;
        }

        public TestCell hasFormat(String expected) {
            assertThat(format()).as("number format of %s", address).isEqualTo(expected);
            return this;
        }

        public TestCell isBlank() {
            assertThat(type()).as("%s is blank", address).isEqualTo(CellType.BLANK);
            return this;
        }

        public TestCell isQuotePrefixed() {
            assertThat(style().getQuotePrefixed()).as("%s has the quote-prefix style", address).isTrue();
            return this;
        }

        public TestCell isNotQuotePrefixed() {
            assertThat(style().getQuotePrefixed()).as("%s has no quote-prefix style", address).isFalse();
            return this;
        }

        static Object value(Cell cell) {
            if (cell == null) {
                return null;
            }
            return switch (cell.getCellType()) {
                case STRING -> cell.getStringCellValue();
                case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue() : (Object) cell.getNumericCellValue();
                case BOOLEAN -> cell.getBooleanCellValue();
                case FORMULA -> "=" + cell.getCellFormula();
                default -> null;
            };
        }
    }
}
