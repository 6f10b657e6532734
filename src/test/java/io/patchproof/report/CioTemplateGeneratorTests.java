package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The committed CIO template and its generator must not drift apart. Compares structure (sheets,
 * cells, styles, widths, heights, merges, panes, print setup), not bytes: zip timestamps differ.
 * When a user restyles the committed file on purpose, this test says so; then either carry the
 * change into the generator or accept the restyled file by updating the generator's output.
 */
class CioTemplateGeneratorTests {

    @Test
    void regeneratingTheTemplateMatchesTheCommittedFile() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        CioTemplateGenerator.write(generated);
        byte[] committed = Files.readAllBytes(Path.of(ReportTemplate.CIO_LOCATION));
        try (XSSFWorkbook expected = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()));
             XSSFWorkbook actual = new XSSFWorkbook(new ByteArrayInputStream(committed))) {
            assertThat(MonthlyTemplateGeneratorTests.differences(expected, actual))
                    .as("%s differs from what CioTemplateGenerator makes; regenerate it (run its main) or update the generator",
                            ReportTemplate.CIO_LOCATION)
                    .isEmpty();
        }
    }

    @Test
    void theComparisonSeesAMovedChartAreaAndAChangedFormat() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        CioTemplateGenerator.write(generated);
        try (XSSFWorkbook a = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()));
             XSSFWorkbook b = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()))) {
            var trend = b.getSheet(CioLayout.TREND);
            XSSFCellStyle style = b.createCellStyle();
            style.cloneStyleFrom(trend.getRow(1).getCell(3).getCellStyle());
            style.setDataFormat(b.createDataFormat().getFormat("0%"));
            trend.getRow(1).getCell(3).setCellStyle(style);
            var summary = b.getSheet(CioLayout.SUMMARY);
            int merged = 0;
            for (int i = 0; i < summary.getNumMergedRegions(); i++) {
                if (summary.getMergedRegion(i).formatAsString().startsWith("F5:")) {
                    merged = i;
                }
            }
            summary.removeMergedRegion(merged);
            assertThat(MonthlyTemplateGeneratorTests.differences(a, b))
                    .contains("Trend!D2 format: 0.0% / 0%")
                    .anyMatch(d -> d.startsWith("Executive summary merged regions:"));
        }
    }

    @Test
    void theGeneratedTemplatePassesItsOwnCheck() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        CioTemplateGenerator.write(generated);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()))) {
            assertThat(CioLayout.problems(wb)).isEmpty();
        }
    }
}
