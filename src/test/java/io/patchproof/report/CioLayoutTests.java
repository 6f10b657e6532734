package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.testsupport.TestWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

/** The CIO template's check: what a restyled template may change, and what it is told when it breaks. */
class CioLayoutTests {

    private static byte[] shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void readShippedTemplate() throws IOException {
        try (InputStream in = CioLayoutTests.class.getClassLoader().getResourceAsStream(ReportTemplate.CIO_LOCATION)) {
            shipped = in.readAllBytes();
        }
    }

    @Test
    void theShippedTemplateIsValidAndCarriesTheHashOfItsBytes() throws IOException {
        ReportTemplate template = ReportTemplate.cioFromClasspath();
        assertThat(template.location()).isEqualTo("reports/templates/cio.xlsx");
        assertThat(template.sha256()).isEqualTo(Sha256.hex(shipped));
        Path file = Files.write(dir.resolve("cio.xlsx"), shipped);
        assertThat(ReportTemplate.cio(file).sha256()).isEqualTo(ReportTemplate.cio(new FileSystemResource(file)).sha256())
                .isEqualTo(template.sha256());
    }

    @Test
    void aMissingSheetIsRejectedNamingTheTemplateTheSheetAndTheFix() throws IOException {
        Path file = modified("no-trend.xlsx", wb -> wb.removeSheetAt(wb.getSheetIndex(CioLayout.TREND)));
        assertThatThrownBy(() -> ReportTemplate.cio(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": sheet 'Trend' not found")
                .hasMessageContaining("no trend row (a row of ${trend.field} placeholders) in any sheet")
                .hasMessageContaining("restore it from the repository (reports/templates/cio.xlsx)");
    }

    @Test
    void theMonthlyTemplateIsNotACioTemplate() {
        assertThatThrownBy(() -> ReportTemplate.cio(new org.springframework.core.io.ClassPathResource(ReportTemplate.MONTHLY_LOCATION)))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("reports/templates/monthly.xlsx: sheet 'Executive summary' not found");
    }

    @Test
    void aMissingHeadlinePlaceholderIsRejected() throws IOException {
        Path file = modified("no-comparison.xlsx", wb -> TemplateEdits.replaceText(wb, "${comparison}", "compared"));
        assertThatThrownBy(() -> ReportTemplate.cio(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("placeholder ${comparison} not found on sheet 'Executive summary'");
    }

    @Test
    void aMisspelledTableFieldIsRejectedWithItsCellAndWhatTheChartNeeds() throws IOException {
        Path file = modified("typo.xlsx", wb -> TemplateEdits.replaceText(wb, "${trend.effectivePct}", "${trend.efectivePct}"));
        assertThatThrownBy(() -> ReportTemplate.cio(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'Trend' cell D2: unknown placeholder ${trend.efectivePct}; a trend row knows [asOf,")
                .hasMessageContaining("placeholder ${trend.effectivePct} not found in the trend row (sheet 'Trend' cell A2)");
    }

    @Test
    void aChartAnchorThatIsGoneOrNotOverAMergedAreaIsRejected() throws IOException {
        Path gone = modified("no-chart.xlsx", wb -> TemplateEdits.replaceText(wb, "${chart.severity}", ""));
        assertThatThrownBy(() -> ReportTemplate.cio(gone))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("chart anchor ${chart.severity} not found (the top-left cell of a merged area where the chart goes)");
        Path unmerged = modified("unmerged.xlsx", wb -> {
            XSSFSheet s = wb.getSheet(CioLayout.SUMMARY);
            for (int i = s.getNumMergedRegions() - 1; i >= 0; i--) {
                if (s.getMergedRegion(i).formatAsString().startsWith("F5:")) {
                    s.removeMergedRegion(i);
                }
            }
        });
        assertThatThrownBy(() -> ReportTemplate.cio(unmerged))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'Executive summary' cell F5: ${chart.severity} must be the top-left cell of a merged area");
        Path unknown = modified("unknown-chart.xlsx", wb -> TemplateEdits.replaceText(wb, "${chart.severity}", "${chart.pie}"));
        assertThatThrownBy(() -> ReportTemplate.cio(unknown))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("cell F5: unknown chart ${chart.pie}; charts are [compliance, fullyPatched, severity]");
    }

    @Test
    void aTableRowTwiceIsRejected() throws IOException {
        Path file = modified("twice.xlsx", wb -> {
            XSSFSheet trend = wb.getSheet(CioLayout.TREND);
            trend.createRow(20).createCell(0).setCellValue("${trend.asOf}");
        });
        assertThatThrownBy(() -> ReportTemplate.cio(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("the trend row appears 2 times (sheet 'Trend' cell A2, sheet 'Trend' cell A21); keep one");
    }

    @Test
    void aRestyledTemplateThatMovesTheTrendTableDownMovesTheChartsWithIt() throws IOException {
        Path file = modified("moved.xlsx", wb -> {
            XSSFSheet trend = wb.getSheet(CioLayout.TREND);
            trend.shiftRows(0, trend.getLastRowNum(), 2);
            trend.createRow(0).createCell(0).setCellValue("Kept runs");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CioWorkbookWriter().write(CioFixtures.aQuarter().build(), ReportTemplate.cio(file), out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            wb.cell(CioLayout.TREND, "A4").hasDateTime(java.time.LocalDate.parse("2025-10-31").atStartOfDay());
            XSSFSheet summary = (XSSFSheet) wb.sheet(CioLayout.SUMMARY);
            XSSFChart compliance = summary.getDrawingPatriarch().getCharts().stream()
                    .filter(c -> c.getCTChart().getPlotArea().getLineChartArray().length > 0).findFirst().orElseThrow();
            var ser = compliance.getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0);
            assertThat(ser.getCat().getNumRef().getF()).isEqualTo("Trend!$A$4:$A$15");
            assertThat(ser.getVal().getNumRef().getF()).isEqualTo("Trend!$B$4:$B$15");
        }
    }

    private Path modified(String name, Consumer<XSSFWorkbook> change) throws IOException {
        return TemplateEdits.modified(shipped, dir.resolve(name), change);
    }
}
