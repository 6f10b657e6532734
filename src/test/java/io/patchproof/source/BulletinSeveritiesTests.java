package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bulletin-severity file: the shipped one, overrides, and files refused with file and line named. */
class BulletinSeveritiesTests {

    private static final Instant AS_OF_END = Instant.parse("2008-11-15T00:00:00Z");

    @TempDir
    Path dir;

    private String file(String text) throws IOException {
        Path f = dir.resolve("severity.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return "file:" + f;
    }

    @Test
    void theShippedFileRatesEveryBulletinOfTheDemoPeriodAsMicrosoftPublishedIt() {
        BulletinSeverities shipped = BulletinSeverities.load(null);

        assertThat(shipped.location()).isEqualTo("classpath:config/bulletin-severity.csv");
        assertThat(shipped.size()).isEqualTo(152);
        // spot checks against the bulletins' own pages: MS08-067 Critical, MS08-068 (SMB) Important,
        // MS08-056 (CDO) Moderate, MS06-066 (Client Service for NetWare) Important
        assertThat(shipped.code("MS08-067")).isEqualTo(10);
        assertThat(shipped.code("ms08-068 ")).isEqualTo(8);
        assertThat(shipped.code("MS08-056")).isEqualTo(6);
        assertThat(shipped.code("MS06-066")).isEqualTo(8);
        assertThat(shipped.code("MS06-040")).isEqualTo(10);
        assertThat(shipped.code("MS09-001")).isNull();
        assertThat(shipped.code(null)).isNull();
        for (int year = 6; year <= 8; year++) {
            int first = year == 6 ? 66 : 1;
            int last = year == 6 ? 78 : 69;
            for (int n = first; n <= last; n++) {
                String id = String.format("MS%02d-%03d", year, n);
                assertThat(shipped.code(id)).as(id).isIn(2, 6, 8, 10);
            }
        }
        assertThat(shipped.sha256()).hasSize(64);
    }

    @Test
    void aFileOverrideIsReadWithCommentsBlankLinesQuotesExtraColumnsAndAnyCase() throws IOException {
        BulletinSeverities s = BulletinSeverities.load(file("""
                \uFEFF# our own period
                Bulletin_ID , Severity, source

                MS09-001,critical,"Bulletin Summary, January 2009"
                "MS09-002" , IMPORTANT
                MS09-003,Moderate,
                MS09-004,low,"said ""low"" here"
                """));

        assertThat(s.size()).isEqualTo(4);
        assertThat(List.of(s.code("MS09-001"), s.code("MS09-002"), s.code("MS09-003"), s.code("MS09-004")))
                .containsExactly(10, 8, 6, 2);
        assertThat(s.location()).startsWith("file:");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            bulletin_id,severity\\nMS08-067,Urgent                        | line 2: 'Urgent' is not a severity
            bulletin_id,severity\\nMS08-067,Critical\\nms08-067,Critical  | line 3: MS08-067 is listed already on line 2
            MS08-067,Critical                                              | line 1: the header must start with bulletin_id,severity
            \\n# nothing but a comment                                      | no header bulletin_id,severity
            bulletin_id,severity\\nMS08 067,Critical                      | line 2: 'MS08 067' is not a bulletin ID
            bulletin_id,severity\\nMS08-067                               | line 2: 'MS08-067' is not bulletin_id,severity
            bulletin_id,severity\\n"MS08-067,Critical                     | line 2: a quoted field is not closed
            """)
    void aBadFileIsRefusedNamingTheFileAndTheLine(String text, String message) throws IOException {
        String location = file(text.replace("\\n", "\n"));

        assertThatIllegalArgumentException().isThrownBy(() -> BulletinSeverities.load(location))
                .withMessageStartingWith(BulletinSeverities.PROPERTY + ": " + location)
                .withMessageContaining(message);
    }

    @Test
    void aMissingFileOrOneThatIsNotUtf8IsRefusedNamingIt() throws IOException {
        String missing = "file:" + dir.resolve("nowhere.csv");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "bulletin_id,severity\nMS08-067,Critical,Kritisch f\u00fcr alle\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatIllegalArgumentException().isThrownBy(() -> BulletinSeverities.load(missing))
                .withMessageContaining(missing).withMessageContaining("cannot be read");
        assertThatIllegalArgumentException().isThrownBy(() -> BulletinSeverities.load("file:" + latin1))
                .withMessageContaining("is not UTF-8");
    }

    @Test
    void aSeverityScopeBecomesTheBulletinsRatedAtOrAboveItWithinTheScopesOwnBulletins() throws IOException {
        BulletinSeverities s = BulletinSeverities.load(file("""
                bulletin_id,severity
                MS08-067,Critical
                MS08-068,Important
                MS08-056,Moderate
                MS08-069,Critical
                """));

        Map<String, Object> critical = s.sms2003Parameters(new SourceScope(null, null, null, null, 10, false, AS_OF_END));
        Map<String, Object> important = s.sms2003Parameters(new SourceScope(null, null, null, null, 8, false, AS_OF_END));
        Map<String, Object> within = s.sms2003Parameters(new SourceScope(null, null, List.of("MS08-068", "MS08-069"),
                null, 10, false, AS_OF_END));
        Map<String, Object> none = s.sms2003Parameters(new SourceScope(null, null, List.of("MS08-068"), null, 10, false,
                AS_OF_END));
        SourceScope unscoped = new SourceScope(null, List.of("958644"), null, "SRV*", null, true, AS_OF_END);

        assertThat(critical).containsEntry("bulletinIds", ",MS08-067,MS08-069,").containsEntry("minSeverity", 0);
        assertThat(important).containsEntry("bulletinIds", ",MS08-067,MS08-068,MS08-069,");
        assertThat(within).containsEntry("bulletinIds", ",MS08-069,");
        assertThat(none).as("no bulletin left: a list that matches none, never '' (all)")
                .containsEntry("bulletinIds", BulletinSeverities.NO_BULLETIN);
        assertThat(s.sms2003Parameters(unscoped)).isEqualTo(unscoped.toParameters());
    }
}
