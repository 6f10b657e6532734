package io.patchproof.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.InstalledOnParser.InstalledOn;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InstalledOnParserTests {

    @ParameterizedTest
    @CsvSource({
        "10/15/2026, 2026-10-15",
        "1/5/2026,   2026-01-05",
        "01/05/2026, 2026-01-05",
        "12/31/2025, 2025-12-31",
        "20261015,   2026-10-15",
        "' 20261015 ', 2026-10-15",
    })
    void readsTheDateFormatsClientsWrite(String stored, LocalDate expected) {
        InstalledOn parsed = InstalledOnParser.parse(stored);

        assertThat(parsed.date()).isEqualTo(expected);
        assertThat(parsed.present()).isTrue();
        assertThat(parsed.unparseable()).isFalse();
    }

    @Test
    void readsTheHexFiletimeOlderSystemsWrite() {
        // 0x01cc31160e1c4bac ticks of 100 ns after 1601-01-01 is 2011-06-22 19:53 UTC.
        assertThat(InstalledOnParser.parse("01cc31160e1c4bac").date()).isEqualTo(LocalDate.parse("2011-06-22"));
        assertThat(InstalledOnParser.parse("01CC31160E1C4BAC").date()).isEqualTo(LocalDate.parse("2011-06-22"));
    }

    @Test
    void filetimeOfLateEveningStaysOnItsDay() {
        long unixSeconds = Instant.parse("2026-10-15T23:59:59Z").getEpochSecond();
        long secondsFrom1601To1970 = 11_644_473_600L;
        String hex = String.format(Locale.ROOT, "%016x", (unixSeconds + secondsFrom1601To1970) * 10_000_000L);

        assertThat(InstalledOnParser.parse(hex).date()).isEqualTo(LocalDate.parse("2026-10-15"));
        assertThat(InstalledOnParser.parse(hex).filetime()).isTrue();
        assertThat(InstalledOnParser.parse("10/15/2026").filetime()).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void emptyColumnIsNoDateAndNoQualityProblem(String stored) {
        InstalledOn parsed = InstalledOnParser.parse(stored);

        assertThat(parsed.present()).isFalse();
        assertThat(parsed.unparseable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"15.10.2026", "2026-10-15", "13/45/2026", "2/30/2026", "20261345", "10/15/26",
        "ffffffffffffffff", "01cc31160e1c4ba", "yesterday"})
    void anythingElseIsUnparseable(String stored) {
        InstalledOn parsed = InstalledOnParser.parse(stored);

        assertThat(parsed.present()).isFalse();
        assertThat(parsed.unparseable()).isTrue();
        assertThat(parsed.raw()).isEqualTo(stored);
    }
}
