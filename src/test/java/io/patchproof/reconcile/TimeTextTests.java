package io.patchproof.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written time texts are the patterns' own, character for character. */
public class TimeTextTests {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    public static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2008-10-23T17:00:00Z"),
                Instant.parse("2026-11-30T23:59:59.999999999Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-15T12:30:45Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T09:05:07Z")));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L), random.nextInt(1_000_000_000)));
        }
        return instants;
    }

    @Test
    void minutesAreThePatternsOutputAtEveryYearIncludingSignedOnes() {
        for (Instant i : instants()) {
            LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            assertThat(TimeText.minute(t)).as(t.toString()).isEqualTo(MINUTE.format(t));
        }
        assertThat(TimeText.minute(LocalDateTime.parse("2006-03-01T08:00:59"))).isEqualTo("2006-03-01 08:00");
    }

    @Test
    void theEvidencesUtcAndLocalTimesKeepTheirMarks() {
        assertThat(Evidence.utc(Instant.parse("2008-10-24T02:00:59.9Z"))).isEqualTo("2008-10-24 02:00Z");
        assertThat(Evidence.local(LocalDateTime.parse("2008-11-10T10:00"))).isEqualTo("2008-11-10 10:00 local");
        for (Instant i : instants()) {
            assertThat(Evidence.utc(i)).isEqualTo(MINUTE.format(i.atOffset(ZoneOffset.UTC)) + "Z");
        }
    }

    @Test
    void offsetsAreWrittenAsTheFormatWroteThem() {
        for (int minutes = -100 * 60 - 5; minutes <= 100 * 60 + 5; minutes++) {
            int abs = Math.abs(minutes);
            assertThat(Evidence.offset(minutes)).as("%d", minutes).isEqualTo(
                    String.format(Locale.ROOT, "UTC%s%02d:%02d", minutes < 0 ? "-" : "+", abs / 60, abs % 60));
        }
        assertThat(Evidence.offset(Integer.MIN_VALUE)).startsWith("UTC-");
    }
}
