package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class RowHeightsTests {

    @Test
    void shortTextTakesOneLine() {
        assertThat(RowHeights.lines("installed updates wait for a restart", 32)).isEqualTo(1);
        assertThat(RowHeights.lines("", 10)).isEqualTo(1);
        assertThat(RowHeights.lines(null, 10)).isEqualTo(1);
    }

    @Test
    void textWrapsWordByWordIntoTheColumnWidth() {
        String title = "Cumulative Security Update for Internet Explorer 11 for Windows Server 2012 R2 (KB4052978)";
        int narrow = RowHeights.lines(title, 20);
        int wide = RowHeights.lines(title, 40);
        assertThat(narrow).isGreaterThan(wide);
        assertThat(wide).isBetween(2, 3);
        assertThat(narrow).isBetween(4, 6);
    }

    @Test
    void capitalsNeedMoreRoomThanLowerCase() {
        assertThat(RowHeights.lines("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", 20)).isGreaterThan(RowHeights.lines("iiiiiiiiiiiiiiiiiiiiiiiiiiiiii", 20));
    }

    @Test
    void aWordLongerThanTheColumnBreaksWhereItMust() {
        assertThat(RowHeights.lines("x".repeat(100), 10)).isGreaterThanOrEqualTo(7);
    }

    @Test
    void lineBreaksInTheTextStartNewLines() {
        assertThat(RowHeights.lines("a\nb\r\nc", 30)).isEqualTo(3);
    }

    @Test
    void heightGrowsWithLinesAndStopsAtExcelsLimit() {
        assertThat(RowHeights.points(1, 11)).isLessThan(RowHeights.points(2, 11));
        assertThat(RowHeights.points(1000, 11)).isEqualTo(RowHeights.points(RowHeights.MAX_LINES, 11));
        assertThat(RowHeights.points(RowHeights.MAX_LINES, 72)).isEqualTo(RowHeights.MAX_POINTS);
    }

    @Test
    void fitGrowsRowsWithWrappedTextAcrossMergedCellsAndNeverShrinksOne() throws java.io.IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            XSSFSheet sheet = wb.createSheet("s");
            CellStyle wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            sheet.setColumnWidth(0, 10 * 256);
            sheet.setColumnWidth(1, 10 * 256);
            String text = "a note long enough to need several lines in one narrow column of ten";
            XSSFCell single = sheet.createRow(0).createCell(0);
            single.setCellValue(text);
            single.setCellStyle(wrap);
            XSSFCell merged = sheet.createRow(1).createCell(0);
            merged.setCellValue(text);
            merged.setCellStyle(wrap);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 1));
            XSSFCell plain = sheet.createRow(2).createCell(0);
            plain.setCellValue(text);
            sheet.createRow(3).setHeightInPoints(200);
            XSSFCell tall = sheet.getRow(3).createCell(0);
            tall.setCellValue("short");
            tall.setCellStyle(wrap);

            RowHeights.fit(sheet, 3);

            float oneLine = sheet.getDefaultRowHeightInPoints();
            assertThat(sheet.getRow(0).getHeightInPoints()).isGreaterThan(sheet.getRow(1).getHeightInPoints());
            assertThat(sheet.getRow(1).getHeightInPoints()).as("twice the room, fewer lines").isGreaterThan(oneLine);
            assertThat(sheet.getRow(2).getHeightInPoints()).as("text that does not wrap").isEqualTo(oneLine);
            assertThat(sheet.getRow(3).getHeightInPoints()).isEqualTo(200f);
        }
    }
}
