package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The committed template and its generator must not drift apart. Compares structure (sheets,
 * cells, styles, widths, heights, merges, panes, filters), not bytes: zip timestamps differ.
 * When a user restyles the committed file on purpose, this test says so; then either carry the
 * change into the generator or accept the restyled file by updating the generator's output.
 */
class MonthlyTemplateGeneratorTests {

    @Test
    void regeneratingTheTemplateMatchesTheCommittedFile() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        MonthlyTemplateGenerator.write(generated);
        byte[] committed = Files.readAllBytes(Path.of(ReportTemplate.MONTHLY_LOCATION));
        try (XSSFWorkbook expected = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()));
             XSSFWorkbook actual = new XSSFWorkbook(new ByteArrayInputStream(committed))) {
            assertThat(differences(expected, actual))
                    .as("%s differs from what MonthlyTemplateGenerator makes; regenerate it (run its main) or update the generator",
                            ReportTemplate.MONTHLY_LOCATION)
                    .isEmpty();
        }
    }

    @Test
    void theComparisonSeesAChangedStyle() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        MonthlyTemplateGenerator.write(generated);
        try (XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()));
             XSSFWorkbook b = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()))) {
            XSSFCellStyle style = b.createCellStyle();
            style.cloneStyleFrom(b.getSheet("Hosts").getRow(1).getCell(6).getCellStyle());
            style.setDataFormat(b.createDataFormat().getFormat("dd/mm/yyyy"));
            b.getSheet("Hosts").getRow(1).getCell(6).setCellStyle(style);
            b.getSheet("Missing").setColumnWidth(4, 1000);
            assertThat(differences(a, b)).containsExactlyInAnyOrder(
                    "Hosts!G2 format: 0.0% / dd/mm/yyyy",
                    "Missing column E width: 2560 / 1000");
        }
    }

    static List<String> differences(XSSFWorkbook expected, XSSFWorkbook actual) {
        List<String> diffs = new ArrayList<>();
        List<String> expectedNames = new ArrayList<>();
        List<String> actualNames = new ArrayList<>();
        expected.forEach(s -> expectedNames.add(s.getSheetName()));
        actual.forEach(s -> actualNames.add(s.getSheetName()));
        if (!expectedNames.equals(actualNames)) {
            diffs.add("sheets: " + expectedNames + " / " + actualNames);
            return diffs;
        }
        for (String name : expectedNames) {
            XSSFSheet e = expected.getSheet(name);
            XSSFSheet a = actual.getSheet(name);
            compare(diffs, name + " last row", e.getLastRowNum(), a.getLastRowNum());
            for (int c = 0; c < 40; c++) {
                compare(diffs, name + " column " + org.apache.poi.ss.util.CellReference.convertNumToColString(c) + " width",
                        e.getColumnWidth(c), a.getColumnWidth(c));
            }
            compare(diffs, name + " merged regions", regions(e), regions(a));
            compare(diffs, name + " pane", pane(e.getPaneInformation()), pane(a.getPaneInformation()));
            compare(diffs, name + " filter", e.getCTWorksheet().isSetAutoFilter() ? e.getCTWorksheet().getAutoFilter().getRef() : null,
                    a.getCTWorksheet().isSetAutoFilter() ? a.getCTWorksheet().getAutoFilter().getRef() : null);
            compare(diffs, name + " gridlines", e.isDisplayGridlines(), a.isDisplayGridlines());
            compare(diffs, name + " landscape", e.getPrintSetup().getLandscape(), a.getPrintSetup().getLandscape());
            compare(diffs, name + " fit to page", e.getFitToPage() + " " + e.getPrintSetup().getFitWidth() + "x" + e.getPrintSetup().getFitHeight(),
                    a.getFitToPage() + " " + a.getPrintSetup().getFitWidth() + "x" + a.getPrintSetup().getFitHeight());
            compare(diffs, name + " print area", expected.getPrintArea(expected.getSheetIndex(e)), actual.getPrintArea(actual.getSheetIndex(a)));
            compare(diffs, name + " print titles", String.valueOf(e.getRepeatingRows()), String.valueOf(a.getRepeatingRows()));
            compare(diffs, name + " footer", e.getFooter().getCenter(), a.getFooter().getCenter());
            compare(diffs, name + " row breaks", java.util.Arrays.toString(e.getRowBreaks()), java.util.Arrays.toString(a.getRowBreaks()));
            for (int r = 0; r <= Math.max(e.getLastRowNum(), a.getLastRowNum()); r++) {
                Row er = e.getRow(r);
                Row ar = a.getRow(r);
                if (er == null || ar == null) {
                    compare(diffs, name + " row " + (r + 1) + " present", er != null, ar != null);
                    continue;
                }
                compare(diffs, name + " row " + (r + 1) + " height", er.getHeight(), ar.getHeight());
                int last = Math.max(er.getLastCellNum(), ar.getLastCellNum());
                for (int c = 0; c < last; c++) {
                    Cell ec = er.getCell(c);
                    Cell ac = ar.getCell(c);
                    String at = name + "!" + new org.apache.poi.ss.util.CellReference(r, c).formatAsString(false);
                    if (ec == null || ac == null) {
                        compare(diffs, at + " present", ec != null, ac != null);
                        continue;
                    }
                    compare(diffs, at + " type", ec.getCellType(), ac.getCellType());
                    compare(diffs, at + " value", ec.toString(), ac.toString());
                    compareStyles(diffs, at, (XSSFCellStyle) ec.getCellStyle(), (XSSFCellStyle) ac.getCellStyle());
                }
            }
        }
        return diffs;
    }

    private static void compareStyles(List<String> diffs, String at, XSSFCellStyle e, XSSFCellStyle a) {
        compare(diffs, at + " format", e.getDataFormatString(), a.getDataFormatString());
        compare(diffs, at + " wrap", e.getWrapText(), a.getWrapText());
        compare(diffs, at + " alignment", e.getAlignment(), a.getAlignment());
        compare(diffs, at + " vertical alignment", e.getVerticalAlignment(), a.getVerticalAlignment());
        compare(diffs, at + " quote prefix", e.getQuotePrefixed(), a.getQuotePrefixed());
        compare(diffs, at + " fill", e.getFillPattern(), a.getFillPattern());
        compare(diffs, at + " fill colour", rgb(e.getFillForegroundColorColor()), rgb(a.getFillForegroundColorColor()));
        compare(diffs, at + " bottom border", e.getBorderBottom(), a.getBorderBottom());
        XSSFFont ef = e.getFont();
        XSSFFont af = a.getFont();
        compare(diffs, at + " font", ef.getFontName() + " " + ef.getFontHeightInPoints() + (ef.getBold() ? " bold" : "") + (ef.getItalic() ? " italic" : ""),
                af.getFontName() + " " + af.getFontHeightInPoints() + (af.getBold() ? " bold" : "") + (af.getItalic() ? " italic" : ""));
        compare(diffs, at + " font colour", ef.getColor(), af.getColor());
    }

    private static String rgb(XSSFColor color) {
        return color == null ? null : color.getARGBHex();
    }

    private static List<String> regions(XSSFSheet sheet) {
        return sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList();
    }

    private static String pane(PaneInformation p) {
        return p == null ? null : p.isFreezePane() + " " + p.getVerticalSplitPosition() + " " + p.getHorizontalSplitPosition();
    }

    private static void compare(List<String> diffs, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            diffs.add(what + ": " + expected + " / " + actual);
        }
    }
}
