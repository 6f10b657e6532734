package io.patchproof.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ScheduleToken.Recurrence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTokenTests {

    // ---------------------------------------------------------------------------------------
    // Tokens whose meaning a public source states

    /** Configuration Manager SDK, "SMS_ScheduleToken Server WMI Class": one interval string, three tokens. */
    @Test
    void theSdksThreeTokenIntervalStringDecodesToTheObjectsItLists() {
        List<ScheduleToken> tokens = ScheduleToken.parseAll("791378800008000055147880001B200055177880001E2000");

        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(0).recurrence()).isEqualTo(Recurrence.NONE);
        assertThat(tokens.get(0).start()).isEqualTo(LocalDateTime.of(2004, 7, 19, 8, 30));
        assertThat(tokens.get(0).duration()).isZero();
        assertThat(tokens.get(0).gmt()).isFalse();
        assertThat(tokens.get(1).recurrence()).isEqualTo(Recurrence.WEEKLY);
        assertThat(tokens.get(1).weekday()).contains(DayOfWeek.TUESDAY);
        assertThat(tokens.get(1).every()).isEqualTo(1);
        assertThat(tokens.get(1).start()).isEqualTo(LocalDateTime.of(2004, 7, 20, 8, 21));
        assertThat(tokens.get(2).weekday()).contains(DayOfWeek.FRIDAY);
        assertThat(tokens.get(2).start()).isEqualTo(LocalDateTime.of(2004, 7, 23, 8, 21));
        assertThat(ScheduleToken.encodeAll(tokens)).isEqualTo("791378800008000055147880001B200055177880001E2000");
    }

    /** Configuration Manager SDK, "SMS_ServiceWindow Server WMI Class", ServiceWindowSchedules: three valid windows. */
    @Test
    void theSdksMaintenanceWindowExamplesRecurDailyWeeklyAndMonthlyAtOneInTheMorning() {
        ScheduleToken daily = ScheduleToken.parse("0034394008100008");
        ScheduleToken weekly = ScheduleToken.parse("00343940081A2000");
        ScheduleToken monthly = ScheduleToken.parse("0034394008284400");

        assertThat(List.of(daily, weekly, monthly)).allSatisfy(t -> {
            assertThat(t.start().toLocalTime()).hasToString("01:00");
            assertThat(t.duration()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(daily.recurrence()).isEqualTo(Recurrence.INTERVAL);
        assertThat(daily.interval()).contains(Duration.ofDays(1));
        assertThat(weekly.recurrence()).isEqualTo(Recurrence.WEEKLY);
        assertThat(weekly.every()).isEqualTo(1);
        assertThat(monthly.recurrence()).isEqualTo(Recurrence.MONTHLY_BY_DATE);
        assertThat(monthly.every()).isEqualTo(1);
        assertThat(daily.recurrenceText()).isEqualTo("Every day 01:00");
    }

    /** PSCCMClient's ConvertFrom-CCMSchedule example: every 2 days from 2019-11-19 01:04, 2 h 59 min, local. */
    @Test
    void theCommunityExampleDecodesToItsPublishedIntervalAndDuration() {
        ScheduleToken token = ScheduleToken.parse("1033BC7B10100010");

        assertThat(token.recurrence()).isEqualTo(Recurrence.INTERVAL);
        assertThat(token.interval()).contains(Duration.ofDays(2));
        assertThat(token.start()).isEqualTo(LocalDateTime.of(2019, 11, 19, 1, 4));
        assertThat(token.duration()).isEqualTo(Duration.ofHours(2).plusMinutes(59));
        assertThat(token.gmt()).isFalse();
        assertThat(token.recurrenceText()).isEqualTo("Every 2 days 01:04, from 2019-11-19");
    }

    // ---------------------------------------------------------------------------------------
    // Encode and decode

    static Stream<ScheduleToken> everyKind() {
        LocalDateTime start = LocalDateTime.of(2026, 1, 17, 22, 45);
        Duration length = Duration.ofDays(1).plusHours(3).plusMinutes(59);
        return Stream.of(
                ScheduleToken.once(start, Duration.ofHours(2), true),
                ScheduleToken.interval(start, length, false, Duration.ofDays(31).plusHours(23).plusMinutes(59)),
                ScheduleToken.interval(start, Duration.ofMinutes(30), true, Duration.ofHours(6)),
                ScheduleToken.weekly(start, Duration.ofHours(4), false, DayOfWeek.SATURDAY, 1),
                ScheduleToken.weekly(start, Duration.ofHours(4), true, DayOfWeek.SUNDAY, 7),
                ScheduleToken.monthlyByWeekday(start, Duration.ofHours(3), true, 3, DayOfWeek.WEDNESDAY, 1),
                ScheduleToken.monthlyByWeekday(start, Duration.ofHours(3), false, 0, DayOfWeek.FRIDAY, 15),
                ScheduleToken.monthlyByDate(start, Duration.ofMinutes(90), false, 31, 12),
                ScheduleToken.monthlyByDate(LocalDateTime.of(1970, 1, 1, 0, 0), Duration.ZERO, true, 0, 1),
                ScheduleToken.once(LocalDateTime.of(2033, 12, 31, 23, 59), length, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void everyKindSurvivesEncodeAndDecode(ScheduleToken token) {
        ScheduleToken back = ScheduleToken.parse(token.encode());

        assertThat(token.encode()).hasSize(16).matches("[0-9A-F]{16}");
        assertThat(back.recurrence()).isEqualTo(token.recurrence());
        assertThat(back.start()).isEqualTo(token.start());
        assertThat(back.duration()).isEqualTo(token.duration());
        assertThat(back.gmt()).isEqualTo(token.gmt());
        assertThat(back.interval()).isEqualTo(token.interval());
        assertThat(back.weekday()).isEqualTo(token.weekday());
        assertThat(back.every()).isEqualTo(token.every());
        assertThat(back.ordinal()).isEqualTo(token.ordinal());
        assertThat(ScheduleToken.parse(token.encode().toLowerCase())).isEqualTo(token);
    }

    @Test
    void theUtcBitIsTheLowestBitOfTheSecondWord() {
        LocalDateTime start = LocalDateTime.of(2024, 1, 17, 22, 0);
        String local = ScheduleToken.monthlyByWeekday(start, Duration.ofHours(3), false, 3, DayOfWeek.WEDNESDAY, 1).encode();
        String utc = ScheduleToken.monthlyByWeekday(start, Duration.ofHours(3), true, 3, DayOfWeek.WEDNESDAY, 1).encode();

        assertThat(Long.parseLong(utc, 16) - Long.parseLong(local, 16)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "0034394008100", "0034394008100008003", "ZZ34394008100008",
        "0000000000080000", "0034394008000008", "00343940083A2000", "0034394008100000", "0034394008220000"})
    void aTokenThatDoesNotDecodeIsRefusedWithAMessageNamingIt(String text) {
        assertThatThrownBy(() -> ScheduleToken.parseAll(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schedule token");
    }

    @Test
    void aBadTokenAmongGoodOnesIsNamedInTheMessage() {
        assertThatThrownBy(() -> ScheduleToken.parseAll("0034394008100008" + "0034394008380008"))
                .hasMessageContaining("'0034394008380008'").hasMessageContaining("recurrence type 7");
    }

    @Test
    void theEncoderRefusesWhatATokenCannotHold() {
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        assertThatThrownBy(() -> ScheduleToken.once(start.withYear(2034), Duration.ZERO, false))
                .hasMessageContaining("start year 2034");
        assertThatThrownBy(() -> ScheduleToken.once(start.withSecond(5), Duration.ZERO, false))
                .hasMessageContaining("seconds");
        assertThatThrownBy(() -> ScheduleToken.weekly(start, Duration.ZERO, false, DayOfWeek.MONDAY, 0))
                .hasMessageContaining("weeks 0");
        assertThatThrownBy(() -> ScheduleToken.monthlyByWeekday(start, Duration.ZERO, false, 5, DayOfWeek.MONDAY, 1))
                .hasMessageContaining("week order 5");
        assertThatThrownBy(() -> ScheduleToken.interval(start, Duration.ZERO, false, Duration.ZERO))
                .hasMessageContaining("interval");
    }

    // ---------------------------------------------------------------------------------------
    // Next start

    @Test
    void aWeeklyWindowStartsOnItsNextWeekdayStrictlyAfterTheGivenTime() {
        ScheduleToken saturday = ScheduleToken.weekly(LocalDateTime.of(2024, 1, 6, 2, 0), Duration.ofHours(4), false,
                DayOfWeek.SATURDAY, 1);

        assertThat(saturday.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).contains(LocalDateTime.of(2026, 11, 21, 2, 0));
        assertThat(saturday.nextStart(LocalDateTime.of(2026, 11, 21, 2, 0))).contains(LocalDateTime.of(2026, 11, 28, 2, 0));
        assertThat(saturday.nextStart(LocalDateTime.of(2026, 11, 21, 1, 59, 59))).contains(LocalDateTime.of(2026, 11, 21, 2, 0));
        assertThat(saturday.nextStart(LocalDateTime.of(2020, 1, 1, 0, 0))).contains(LocalDateTime.of(2024, 1, 6, 2, 0));
    }

    @Test
    void everyTwoWeeksCountsFromTheFirstOccurrence() {
        ScheduleToken fortnightly = ScheduleToken.weekly(LocalDateTime.of(2024, 1, 3, 2, 0), Duration.ofHours(4), false,
                DayOfWeek.SATURDAY, 2);

        assertThat(fortnightly.nextStart(LocalDateTime.of(2024, 1, 1, 0, 0))).contains(LocalDateTime.of(2024, 1, 6, 2, 0));
        assertThat(fortnightly.nextStart(LocalDateTime.of(2024, 1, 6, 2, 0))).contains(LocalDateTime.of(2024, 1, 20, 2, 0));
        assertThat(fortnightly.nextStart(LocalDateTime.of(2024, 1, 13, 2, 0))).contains(LocalDateTime.of(2024, 1, 20, 2, 0));
        assertThat(fortnightly.nextStart(LocalDateTime.of(2024, 12, 28, 3, 0))).contains(LocalDateTime.of(2025, 1, 4, 2, 0));
        assertThat(fortnightly.recurrenceText()).isEqualTo("Every 2 weeks on Saturday 02:00, from 2024-01-03");
    }

    @Test
    void aDailyWindowCrossesMonthEndsAndTheLeapDay() {
        ScheduleToken daily = ScheduleToken.interval(LocalDateTime.of(2024, 1, 2, 12, 0), Duration.ofHours(1), false,
                Duration.ofDays(1));

        assertThat(daily.nextStart(LocalDateTime.of(2024, 2, 28, 13, 0))).contains(LocalDateTime.of(2024, 2, 29, 12, 0));
        assertThat(daily.nextStart(LocalDateTime.of(2024, 2, 29, 12, 0))).contains(LocalDateTime.of(2024, 3, 1, 12, 0));
        assertThat(daily.nextStart(LocalDateTime.of(2026, 12, 31, 12, 30))).contains(LocalDateTime.of(2027, 1, 1, 12, 0));
    }

    @Test
    void anHourlyIntervalStepsInHours() {
        ScheduleToken sixHourly = ScheduleToken.interval(LocalDateTime.of(2026, 1, 1, 1, 30), Duration.ofMinutes(30), true,
                Duration.ofHours(6));

        assertThat(sixHourly.nextStart(LocalDateTime.of(2026, 3, 1, 8, 0))).contains(LocalDateTime.of(2026, 3, 1, 13, 30));
        assertThat(sixHourly.recurrenceText()).isEqualTo("Every 6 hours from 2026-01-01 01:30");
    }

    @Test
    void theThirdWednesdayOfEveryMonth() {
        ScheduleToken third = ScheduleToken.monthlyByWeekday(LocalDateTime.of(2024, 1, 17, 22, 0), Duration.ofHours(3),
                true, 3, DayOfWeek.WEDNESDAY, 1);

        assertThat(third.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).contains(LocalDateTime.of(2026, 11, 18, 22, 0));
        assertThat(third.nextStart(LocalDateTime.of(2026, 11, 18, 22, 0))).contains(LocalDateTime.of(2026, 12, 16, 22, 0));
        assertThat(third.nextStart(LocalDateTime.of(2026, 12, 31, 0, 0))).contains(LocalDateTime.of(2027, 1, 20, 22, 0));
        assertThat(third.recurrenceText()).isEqualTo("Third Wednesday of every month 22:00");
    }

    @Test
    void theLastFridayOfTheMonthIsFoundFromTheMonthsEnd() {
        ScheduleToken last = ScheduleToken.monthlyByWeekday(LocalDateTime.of(2024, 1, 26, 22, 0), Duration.ofHours(2),
                false, 0, DayOfWeek.FRIDAY, 1);

        assertThat(last.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).contains(LocalDateTime.of(2026, 11, 27, 22, 0));
        assertThat(last.nextStart(LocalDateTime.of(2026, 11, 27, 22, 0))).contains(LocalDateTime.of(2026, 12, 25, 22, 0));
        assertThat(last.nextStart(LocalDateTime.of(2024, 2, 1, 0, 0))).contains(LocalDateTime.of(2024, 2, 23, 22, 0));
        assertThat(last.nextStart(LocalDateTime.of(2024, 3, 1, 0, 0))).as("a fifth Friday is the last")
                .contains(LocalDateTime.of(2024, 3, 29, 22, 0));
        assertThat(last.recurrenceText()).isEqualTo("Last Friday of every month 22:00");
    }

    @Test
    void everySecondMonthSkipsTheMonthsBetween() {
        ScheduleToken firstMonday = ScheduleToken.monthlyByWeekday(LocalDateTime.of(2024, 1, 1, 3, 0), Duration.ofHours(2),
                false, 1, DayOfWeek.MONDAY, 2);

        assertThat(firstMonday.nextStart(LocalDateTime.of(2024, 1, 10, 0, 0))).contains(LocalDateTime.of(2024, 3, 4, 3, 0));
        assertThat(firstMonday.nextStart(LocalDateTime.of(2025, 12, 31, 0, 0))).contains(LocalDateTime.of(2026, 1, 5, 3, 0));
    }

    @Test
    void aMonthlyDateTheMonthLacksFallsOnItsLastDayLeapYearsIncluded() {
        ScheduleToken the31st = ScheduleToken.monthlyByDate(LocalDateTime.of(2023, 1, 31, 23, 0), Duration.ofHours(1),
                false, 31, 1);
        ScheduleToken lastDay = ScheduleToken.monthlyByDate(LocalDateTime.of(2023, 1, 31, 23, 0), Duration.ofHours(1),
                false, 0, 1);

        assertThat(the31st.nextStart(LocalDateTime.of(2024, 2, 1, 0, 0))).contains(LocalDateTime.of(2024, 2, 29, 23, 0));
        assertThat(the31st.nextStart(LocalDateTime.of(2025, 2, 1, 0, 0))).contains(LocalDateTime.of(2025, 2, 28, 23, 0));
        assertThat(the31st.nextStart(LocalDateTime.of(2025, 3, 1, 0, 0))).contains(LocalDateTime.of(2025, 3, 31, 23, 0));
        assertThat(lastDay.nextStart(LocalDateTime.of(2024, 4, 30, 23, 0))).contains(LocalDateTime.of(2024, 5, 31, 23, 0));
        assertThat(lastDay.nextStart(LocalDateTime.of(2100, 2, 1, 0, 0))).as("2100 is no leap year")
                .contains(LocalDateTime.of(2100, 2, 28, 23, 0));
        assertThat(lastDay.recurrenceText()).isEqualTo("Last day of every month 23:00");
        assertThat(the31st.recurrenceText()).isEqualTo("Day 31 of every month 23:00");
    }

    @Test
    void aNonRecurringWindowHasANextStartOnlyBeforeItBegins() {
        ScheduleToken once = ScheduleToken.once(LocalDateTime.of(2026, 12, 5, 22, 0), Duration.ofHours(2), true);

        assertThat(once.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).contains(LocalDateTime.of(2026, 12, 5, 22, 0));
        assertThat(once.nextStart(LocalDateTime.of(2026, 12, 5, 22, 0))).isEqualTo(Optional.empty());
        assertThat(once.recurrenceText()).isEqualTo("Once, 2026-12-05 22:00");
    }

    static Stream<Arguments> durations() {
        return Stream.of(Arguments.of(Duration.ofHours(4), "4 h"), Arguments.of(Duration.ofMinutes(90), "1 h 30 min"),
                Arguments.of(Duration.ofMinutes(45), "45 min"), Arguments.of(Duration.ofHours(26), "1 d 2 h"),
                Arguments.of(Duration.ZERO, "0 min"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("durations")
    void durationsReadInPlainUnits(Duration duration, String text) {
        assertThat(ScheduleToken.durationText(duration)).isEqualTo(text);
    }
}
