package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.Confidence;
import io.patchproof.reconcile.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsCsvWriterTests {

    private static final String HEADER = "resource_id,host,site_code,ci_id,article_id,bulletin_id,title,severity,classification,"
            + "status,enforcement_state,verdict,confidence,installed_earliest_utc,installed_latest_utc,last_boot_utc,"
            + "inventory_utc,exposure_days,exempt_reason,evidence,superseded";

    private record Written(byte[] bytes, long rows) {
        String text() {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }

        List<List<String>> records() {
            return parse(text());
        }
    }

    private static Written write(ReportData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = new FindingsCsvWriter().write(data, out);
        return new Written(out.toByteArray(), rows);
    }

    @Test
    void theFileStartsWithAByteOrderMarkAndExactlyTheAgreedHeader() throws IOException {
        Written csv = write(aReport().build());
        byte[] expected = ("\uFEFF" + HEADER + "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(csv.bytes()).isEqualTo(expected);
        assertThat(Arrays.copyOf(csv.bytes(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(FindingsCsvWriter.HEADER).isEqualTo(HEADER);
        assertThat(csv.rows()).isZero();
    }

    @Test
    void aFindingBecomesOneLineWithEveryFieldInHeaderOrder() throws IOException {
        Written csv = write(aReport().with(aNotInEffectFinding().build()).build());
        assertThat(csv.text()).isEqualTo(HEADER + "\r\n"
                + "16777220,SRV-FILE01,PS1,16812345,958644,MS08-067,Security Update for Windows Server 2003 (KB958644),"
                + "Critical,Security Updates,3,9,NOT_IN_EFFECT,high,2008-10-23T18:00:00Z,2008-10-24T02:00:00Z,"
                + "2006-09-14T06:12:00Z,2008-11-20T03:00:00Z,38,,state 9 (pending restart) at 2008-10-24 01:10 UTC;"
                + " last boot 2006-09-14 06:12 UTC; inventory 2008-11-20 still reports that boot,false\r\n");
    }

    @Test
    void unknownValuesAreEmptyFields() throws IOException {
        Written csv = write(aReport().with(aMissingFinding().lastBoot(null).inventory(null).confidence(Confidence.LOW)
                .severity(Severity.MODERATE).build()).build());
        List<String> line = csv.records().get(1);
        assertThat(line).hasSize(21);
        assertThat(line.get(20)).as("superseded").isEqualTo("false");
        assertThat(line.get(7)).isEqualTo("Moderate");
        assertThat(line.get(9)).isEqualTo("2");
        assertThat(line.get(10)).as("enforcement_state").isEmpty();
        assertThat(line.get(11)).isEqualTo("MISSING");
        assertThat(line.get(12)).isEqualTo("low");
        assertThat(line.subList(13, 17)).as("times").containsOnly("");
        assertThat(line.get(18)).as("exempt_reason").isEmpty();
    }

    @Test
    void everyInScopeFindingIsWrittenAndCounted() throws IOException {
        Written csv = write(aReport().with(aNotInEffectFinding().host("B").build(), aMissingFinding().host("A").build(),
                anInEffectFinding().host("C").build(), aNotInEffectFinding().host("D").exempt("CAB-1234 until 2009-01-31").build()).build());
        assertThat(csv.rows()).isEqualTo(4);
        List<List<String>> records = csv.records();
        assertThat(records).hasSize(5);
        assertThat(records.subList(1, 5)).extracting(r -> r.get(1) + ":" + r.get(11))
                .containsExactly("A:MISSING", "B:NOT_IN_EFFECT", "C:IN_EFFECT", "D:EXEMPT");
        assertThat(records.get(4).get(18)).isEqualTo("CAB-1234 until 2009-01-31");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndRoundTrip() throws IOException {
        String title = "Update, \"quoted\"\r\nsecond line\nthird";
        Written csv = write(aReport().with(aNotInEffectFinding().title(title).evidence("a,b").build()).build());
        assertThat(csv.text()).contains(",\"Update, \"\"quoted\"\"\r\nsecond line\nthird\",");
        assertThat(csv.text()).contains(",\"a,b\",false\r\n");
        assertThat(csv.records().get(1).get(6)).isEqualTo(title);
        assertThat(csv.records().get(1).get(19)).isEqualTo("a,b");
    }

    @Test
    void linesEndWithCrLfAndNoBareLineFeedOutsideQuotes() throws IOException {
        Written csv = write(aReport().with(aNotInEffectFinding().build(), aMissingFinding().build()).build());
        String text = csv.text();
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void textThatCouldRunAsAFormulaGetsALeadingQuote() throws IOException {
        List<String> hostile = List.of("=HYPERLINK(\"http://x.invalid\")", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd");
        var report = aReport();
        for (int i = 0; i < hostile.size(); i++) {
            report.with(aNotInEffectFinding().host("H" + i).title(hostile.get(i)).build());
        }
        report.with(aNotInEffectFinding().host("H9").title("plain").build());
        List<List<String>> records = write(report.build()).records();
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(records.get(i + 1).get(6)).as("title %s", i).isEqualTo("'" + hostile.get(i));
        }
        assertThat(records.get(hostile.size() + 1).get(6)).isEqualTo("plain");
    }

    @Test
    void numbersAreNeverPrefixed() throws IOException {
        List<String> line = write(aReport().with(aNotInEffectFinding().exposureDays(-3L).build()).build()).records().get(1);
        assertThat(line.get(17)).isEqualTo("-3");
    }

    @Test
    void timesAreUtcWithSecondsAndNoFraction() throws IOException {
        List<String> line = write(aReport().with(aNotInEffectFinding()
                .installedBetween(Instant.parse("2026-11-30T10:00:00.987Z"), Instant.parse("2026-12-01T00:00:00Z"))
                .build()).build()).records().get(1);
        assertThat(line.get(13)).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(line.get(14)).isEqualTo("2026-12-01T00:00:00Z");
    }

    @Test
    void theArticleIsWrittenAsTheSiteStoresIt() throws IOException {
        List<String> line = write(aReport().with(aNotInEffectFinding().article("0958644").build()).build()).records().get(1);
        assertThat(line.get(4)).isEqualTo("0958644");
    }

    @Test
    void textKeepsItsOriginalCharactersInUtf8() throws IOException {
        String title = "\uD83D\uDE00 \u05E2\u05D3\u05DB\u05D5\u05DF e\u0301 nul\u0000inside _x0041_";
        Written csv = write(aReport().with(aNotInEffectFinding().title(title).host("h\uD800").build()).build());
        List<String> line = csv.records().get(1);
        assertThat(line.get(6)).isEqualTo(title);
        assertThat(line.get(1)).as("an unpaired surrogate cannot be UTF-8").isEqualTo("h\uFFFD");
    }

    /** RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new IllegalArgumentException("last record not terminated by CRLF");
        }
        return records;
    }

    @Test
    void timesAreWrittenAsTheIsoPatternWritesThemWithTheFractionCutOff() {
        java.time.format.DateTimeFormatter pattern = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        for (Instant t : io.patchproof.reconcile.TimeTextTests.instants()) {
            assertThat(FindingsCsvWriter.time(t)).as(t.toString())
                    .isEqualTo(pattern.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        }
        assertThat(FindingsCsvWriter.time(Instant.parse("2008-10-23T17:00:00.75Z"))).isEqualTo("2008-10-23T17:00:00Z");
        assertThat(FindingsCsvWriter.time(null)).isEmpty();
    }
}
