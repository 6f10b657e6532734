package io.patchproof.report;

import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import io.patchproof.testsupport.TestWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

class ReportTemplateTests {

    private static byte[] shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void readShippedTemplate() throws IOException {
        try (InputStream in = ReportTemplateTests.class.getClassLoader().getResourceAsStream(ReportTemplate.MONTHLY_LOCATION)) {
            shipped = in.readAllBytes();
        }
    }

    @Test
    void theShippedTemplateIsValidAndCarriesTheHashOfItsBytes() {
        ReportTemplate template = ReportTemplate.monthlyFromClasspath();
        assertThat(template.location()).isEqualTo("reports/templates/monthly.xlsx");
        assertThat(template.sha256()).isEqualTo(Sha256.hex(shipped)).hasSize(64);
        assertThat(template.size()).isEqualTo(shipped.length);
    }

    @Test
    void aTemplateLoadedFromAFileOrAResourceHasTheSameHash() throws IOException {
        Path file = Files.write(dir.resolve("monthly.xlsx"), shipped);
        assertThat(ReportTemplate.monthly(file).sha256())
                .isEqualTo(ReportTemplate.monthly(new FileSystemResource(file)).sha256())
                .isEqualTo(ReportTemplate.monthlyFromClasspath().sha256());
        assertThat(ReportTemplate.monthly(file).location()).isEqualTo(file.toString());
    }

    @Test
    void aMissingSheetIsRejectedNamingTheTemplateTheSheetAndTheFix() throws IOException {
        Path file = modified("no-missing.xlsx", wb -> wb.removeSheetAt(wb.getSheetIndex("Missing")));
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": sheet 'Missing' not found")
                .hasMessageContaining("restore it from the repository");
    }

    @Test
    void aMissingSummaryPlaceholderIsRejected() throws IOException {
        Path file = modified("no-gap.xlsx", wb -> TemplateEdits.replaceText(wb, "${gap}", "gap"));
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(file + ": ")
                .hasMessageContaining("placeholder ${gap} not found on sheet 'Summary'");
    }

    @Test
    void aMisspelledPlaceholderIsRejectedWithItsCell() throws IOException {
        Path file = modified("typo.xlsx", wb -> TemplateEdits.replaceText(wb, "${scope}", "${scoep}"));
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'Summary' cell B5: unknown placeholder ${scoep}");
    }

    @Test
    void aDataSheetWithoutItsStyleRowIsRejected() throws IOException {
        Path file = modified("no-style-row.xlsx", wb -> wb.getSheet("Hosts").removeRow(wb.getSheet("Hosts").getRow(1)));
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'Hosts': no style row");
    }

    @Test
    void aStyleRowMarkerThatNamesNoColumnIsRejected() throws IOException {
        Path file = modified("bad-marker.xlsx", wb -> wb.getSheet("Updates").getRow(1).getCell(2).setCellValue("${titel}"));
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("sheet 'Updates' cell C2: unknown field ${titel}");
    }

    @Test
    void aZipBombIsRejectedBeforePoiParsesIt() throws IOException {
        byte[] zeros = new byte[30 * 1024 * 1024];
        Path file = Files.write(dir.resolve("bomb.xlsx"), repackaged(entries -> entries.put("xl/media/image1.emf", zeros)));
        assertThat(Files.size(file)).as("small on disk").isLessThan(1024 * 1024);
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": rejected, zip entry 'xl/media/image1.emf' is a zip bomb");
    }

    @Test
    void anEntityExpansionPayloadIsRejected() throws IOException {
        String laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        byte[] bytes = repackaged(entries -> entries.put("xl/workbook.xml", withDoctype(entries.get("xl/workbook.xml"), laughs)));
        Path file = Files.write(dir.resolve("laughs.xlsx"), bytes);
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": rejected, XML part 'xl/workbook.xml' contains a DOCTYPE or ENTITY declaration");
    }

    @Test
    void anExternalEntityIsRejectedAndPoiWouldRefuseItToo() throws IOException {
        String xxe = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///nonexistent/secret.txt\">]>";
        byte[] bytes = repackaged(entries -> entries.put("xl/worksheets/sheet1.xml", withDoctype(entries.get("xl/worksheets/sheet1.xml"), xxe)));
        assertThatThrownBy(() -> ReportTemplate.monthly(new ByteArrayResource(bytes, "xxe template")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("xl/worksheets/sheet1.xml' contains a DOCTYPE");
        assertThatThrownBy(() -> new XSSFWorkbook(new ByteArrayInputStream(bytes)).getSheetAt(0).getRow(0))
                .as("second line of defence: POI's own parser")
                .hasStackTraceContaining("DOCTYPE");
    }

    @Test
    void duplicateZipEntryNamesAreRejected() throws IOException {
        byte[] bytes = repackaged(entries -> entries.put("xl/styles.xm_", entries.get("xl/styles.xml")));
        byte[] duplicated = new String(bytes, StandardCharsets.ISO_8859_1).replace("xl/styles.xm_", "xl/styles.xml")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("dup.xlsx"), duplicated);
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("zip entry 'xl/styles.xml' appears twice");
    }

    @Test
    void aFileThatIsNotAWorkbookIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("monthly.xlsx"), "this is not a workbook");
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": rejected, not a zip package");
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("reports/templates/monthly.xlsx");
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith(file + ": file not found; restore it");
    }

    @Test
    void aTemplateLargerThanTwentyMegabytesIsRefusedUnread() throws IOException {
        Path file = dir.resolve("huge.xlsx");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(ReportTemplate.MAX_TEMPLATE_BYTES + 1);
        }
        assertThatThrownBy(() -> ReportTemplate.monthly(file))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("larger than the 20971520 allowed");
    }

    @Test
    void aPinnedHashMustMatch() {
        ReportTemplate template = ReportTemplate.monthlyFromClasspath();
        assertThat(template.requireSha256(template.sha256().toUpperCase())).isSameAs(template);
        assertThatThrownBy(() -> template.requireSha256("0".repeat(64)))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(template.sha256())
                .hasMessageContaining("0".repeat(64) + " is required");
    }

    @Test
    void theWorkbookIsRenderedFromTheBytesThatWereHashedEvenIfTheFileChangesLater() throws IOException {
        Path file = Files.write(dir.resolve("monthly.xlsx"), shipped);
        ReportTemplate template = ReportTemplate.monthly(file);
        Files.writeString(file, "changed after validation");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MonthlyWorkbookWriter().write(aReport().build(), template, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            assertThat(wb.sheetNames()).hasSize(7);
        }
    }

    @Test
    void formattedEmptyRowsThatExcelKeepsBelowTheStyleRowDoNoHarm() throws IOException {
        Path file = modified("restyled.xlsx", wb -> {
            var hosts = wb.getSheet("Hosts");
            var style = wb.createCellStyle();
            style.setFillForegroundColor(org.apache.poi.ss.usermodel.IndexedColors.LEMON_CHIFFON.getIndex());
            style.setFillPattern(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
            for (int r = 2; r < 6; r++) {
                hosts.createRow(r).setRowStyle(style);
                hosts.getRow(r).createCell(1).setCellStyle(style);
            }
        });
        ReportTemplate template = ReportTemplate.monthly(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MonthlyWorkbookWriter().write(aReport().withHosts(
                io.patchproof.testsupport.ReportRowBuilders.aHostSummary().build(),
                io.patchproof.testsupport.ReportRowBuilders.aHostSummary().resourceId(2).name("SRV-2").build()).build(), template, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            assertThat(wb.rows("Hosts")).hasSize(3);
            wb.cell("Hosts", "A3").hasText("SRV-2");
        }
    }

    private Path modified(String name, Consumer<XSSFWorkbook> change) throws IOException {
        return TemplateEdits.modified(shipped, dir.resolve(name), change);
    }

    /** The shipped template's entries, changed, written again as a plain zip. */
    private static byte[] repackaged(Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        TestWorkbook.zipEntries(shipped).forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        change.accept(entries);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] withDoctype(byte[] xml, String doctype) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int end = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
        return (text.substring(0, end) + doctype + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }
}
