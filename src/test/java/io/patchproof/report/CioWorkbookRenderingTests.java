package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CIO workbook as LibreOffice prints it: the Executive summary is one page, the whole workbook
 * converts. Skipped where LibreOffice ({@code soffice}) is not installed. The PDFs stay in
 * {@code target/cio-rendering/} for a person to look at.
 */
class CioWorkbookRenderingTests {

    private static final Path OUT = Path.of("target", "cio-rendering");

    @BeforeAll
    static void needsLibreOffice() {
        Assumptions.assumeTrue(onPath("soffice"), "LibreOffice (soffice) is not installed");
    }

    @Test
    void theExecutiveSummaryPrintsOnOnePage() throws Exception {
        byte[] written = write(CioFixtures.withInstallsWaiting(CioFixtures.aQuarter()).build());
        Path pdf = toPdf(onlyTheSummary(written), "executive-summary");
        assertThat(pages(pdf)).as("pages of the Executive summary in %s", pdf).isEqualTo(1);
    }

    @Test
    void theExecutiveSummaryWithoutAPreviousQuarterStillPrintsOnOnePage() throws Exception {
        byte[] written = write(CioFixtures.aQuarter().withHistory(CioFixtures.withoutPreviousQuarter()).build());
        Path pdf = toPdf(onlyTheSummary(written), "executive-summary-no-previous");
        assertThat(pages(pdf)).as("pages of the Executive summary in %s", pdf).isEqualTo(1);
    }

    @Test
    void theWholeWorkbookConvertsWithTheSummaryFirstAndOnePageForEachOtherSheet() throws Exception {
        byte[] written = write(CioFixtures.withInstallsWaiting(CioFixtures.aQuarter()).build());
        Path pdf = toPdf(written, "cio-workbook");
        assertThat(pages(pdf)).as("pages of %s: one per sheet", pdf).isEqualTo(3);
    }

    private static byte[] write(ReportData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CioWorkbookWriter().write(data, ReportTemplate.cioFromClasspath(), out);
        return out.toByteArray();
    }

    /**
     * The same workbook with only its first sheet: LibreOffice prints hidden sheets too. The page
     * count depends on the cells, widths, heights and print setup, not on what the charts plot.
     */
    private static byte[] onlyTheSummary(byte[] workbook) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            assertThat(wb.getSheetName(0)).isEqualTo(CioLayout.SUMMARY);
            while (wb.getNumberOfSheets() > 1) {
                wb.removeSheetAt(1);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static Path toPdf(byte[] workbook, String name) throws Exception {
        Files.createDirectories(OUT);
        Path xlsx = OUT.resolve(name + ".xlsx");
        Files.write(xlsx, workbook);
        Path profile = Files.createTempDirectory("cio-lo-profile");
        Process p = new ProcessBuilder("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", OUT.toString(), xlsx.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("LibreOffice finished converting %s", xlsx).isTrue();
        Path pdf = OUT.resolve(name + ".pdf");
        assertThat(pdf).as("LibreOffice wrote %s", pdf).exists();
        deleteTree(profile.toFile());
        return pdf;
    }

    /** Page objects in the PDF ({@code /Type /Page}, not the {@code /Pages} tree nodes). */
    static int pages(Path pdf) throws IOException {
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
