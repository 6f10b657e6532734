package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.report.ReportTemplate;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.SiteDatabases;
import io.patchproof.testsupport.SourceTap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;

/**
 * A hostile or broken report template given with {@code --patchproof.report.template=file:...}
 * is refused before the run starts: exit 2, one line naming the file and the problem, no job
 * execution recorded, no file written, and the site database not even contacted.
 */
class HostileTemplateIntegrationTests {

    @TempDir
    static Path templates;

    static byte[] shipped;

    @TempDir
    Path work;

    @BeforeAll
    static void readShippedTemplate() throws IOException {
        try (InputStream in = new ClassPathResource(ReportTemplate.MONTHLY_LOCATION).getInputStream()) {
            shipped = in.readAllBytes();
        }
    }

    static Stream<Arguments> brokenTemplates() throws IOException {
        readShippedTemplate();
        String laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
        return Stream.of(
                Arguments.of("zip bomb", repackaged(e -> e.put("xl/media/image1.emf", new byte[40 * 1024 * 1024])),
                        "rejected, zip entry 'xl/media/image1.emf' is a zip bomb"),
                Arguments.of("entity expansion", repackaged(e -> e.put("xl/workbook.xml", withDoctype(e.get("xl/workbook.xml"), laughs))),
                        "rejected, XML part 'xl/workbook.xml' contains a DOCTYPE or ENTITY declaration"),
                Arguments.of("external entity", repackaged(e -> e.put("xl/styles.xml", withDoctype(e.get("xl/styles.xml"),
                        "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"))),
                        "rejected, XML part 'xl/styles.xml' contains a DOCTYPE or ENTITY declaration"),
                Arguments.of("missing sheet", modified(wb -> wb.removeSheetAt(wb.getSheetIndex("Missing"))),
                        "sheet 'Missing' not found"),
                Arguments.of("missing placeholder", modified(wb -> replaceText(wb, "${gap}", "gap")),
                        "placeholder ${gap} not found on sheet 'Summary'"),
                Arguments.of("not a workbook", "<html>a web page saved as .xlsx</html>".getBytes(StandardCharsets.UTF_8),
                        "rejected, not a zip package"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTemplates")
    void isRefusedBeforeTheRunStarts(String name, byte[] bytes, String problem) throws Exception {
        Path template = Files.write(templates.resolve(name.replace(' ', '-') + ".xlsx"), bytes);
        Cli cli = new Cli(work, work.resolve("demo"));
        try (SourceTap tap = SourceTap.create()) {
            Cli.Result result = cli.run("run", "--patchproof.source.url=" + DemoSiteDatabase.jdbcUrl(SiteDatabases.small()),
                    "--patchproof.as-of=" + DemoSiteDatabase.AS_OF, "--patchproof.report.template=file:" + template,
                    tap.option());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err().lines().count()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).startsWith("patchproof: ").contains(template.toString()).contains(problem)
                    .doesNotContain("\tat ");
            assertThat(tap.connectionCalls()).as("the site database is not contacted").isEmpty();
        }
        assertThat(jobExecutions(cli)).as("no run was started").isZero();
        try (Stream<Path> out = Files.exists(cli.output()) ? Files.list(cli.output()) : Stream.empty()) {
            assertThat(out).as("nothing written").isEmpty();
        }
    }

    static long jobExecutions(Cli cli) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", ""); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The shipped template's zip entries, changed, written again as a plain zip. */
    static byte[] repackaged(Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path copy = Files.write(Files.createTempFile("shipped-template", ".zip"), shipped);
        try (ZipFile zip = new ZipFile(copy.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } finally {
            Files.delete(copy);
        }
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

    static byte[] withDoctype(byte[] xml, String doctype) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int end = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
        return (text.substring(0, end) + doctype + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] modified(Consumer<XSSFWorkbook> change) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(shipped))) {
            change.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    static void replaceText(XSSFWorkbook wb, String from, String to) {
        for (Sheet sheet : wb) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && from.equals(cell.getStringCellValue())) {
                        cell.setCellValue(to);
                    }
                }
            }
        }
    }
}
