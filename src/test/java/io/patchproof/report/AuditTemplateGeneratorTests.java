package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The committed audit template and its generator must not drift apart. Compares structure (sheets,
 * cells, styles, widths, heights, merges, panes, print setup), not bytes: zip timestamps differ.
 * When a user restyles the committed file on purpose, this test says so; then either carry the
 * change into the generator or accept the restyled file by updating the generator's output.
 */
class AuditTemplateGeneratorTests {

    @Test
    void regeneratingTheTemplateMatchesTheCommittedFile() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        AuditTemplateGenerator.write(generated);
        byte[] committed = Files.readAllBytes(Path.of(ReportTemplate.AUDIT_LOCATION));
        try (XSSFWorkbook expected = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()));
             XSSFWorkbook actual = new XSSFWorkbook(new ByteArrayInputStream(committed))) {
            assertThat(MonthlyTemplateGeneratorTests.differences(expected, actual))
                    .as("%s differs from what AuditTemplateGenerator makes; regenerate it (run its main) or update the generator",
                            ReportTemplate.AUDIT_LOCATION)
                    .isEmpty();
        }
    }

    @Test
    void theGeneratedTemplatePassesItsOwnCheck() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        AuditTemplateGenerator.write(generated);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()))) {
            assertThat(AuditLayout.problems(wb)).isEmpty();
        }
    }

    @Test
    void aTemplateWithoutTheEvidenceSheetOrARequiredPlaceholderIsRefusedNamingWhatIsMissing() throws IOException {
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        AuditTemplateGenerator.write(generated);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(generated.toByteArray()))) {
            wb.removeSheetAt(wb.getSheetIndex(AuditLayout.EVIDENCE));
            var exceptions = wb.getSheet(AuditLayout.EXCEPTIONS);
            exceptions.getRow(2).getCell(2).setCellValue("removed");
            assertThat(AuditLayout.problems(wb)).contains("sheet 'Evidence' not found",
                    "placeholder ${exceptionsSha256} not found on sheet 'Exceptions'");
        }
    }

    @Test
    void theMonthlyTemplateIsNotAnAuditTemplate() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ReportTemplate.audit(
                new org.springframework.core.io.ClassPathResource(ReportTemplate.MONTHLY_LOCATION))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'All findings' not found")
                .hasMessageContaining("restore it from the repository (" + ReportTemplate.AUDIT_LOCATION + ")");
    }
}
