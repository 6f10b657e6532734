package io.patchproof.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.job.UsageException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunScheduleTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZonedDateTime NEW_YEAR_2027 = ZonedDateTime.of(2027, 1, 1, 0, 0, 0, 0, BERLIN);

    private static RunSchedule monthly(String spec) {
        return RunSchedule.of(new ScheduleProperties(spec, "off"), BERLIN).get(0);
    }

    @Test
    void theDefaultMonthlyRunFiresOnTheSundayAfterPatchTuesdayEveryMonthOfAYear() {
        RunSchedule schedule = monthly(RunSchedule.DEFAULT_MONTHLY);
        List<ZonedDateTime> times = schedule.nextFireTimes(NEW_YEAR_2027, 12);
        assertThat(times).hasSize(12);
        for (int month = 1; month <= 12; month++) {
            LocalDate patchTuesday = LocalDate.of(2027, month, 1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
            assertThat(times.get(month - 1)).as("month %d", month)
                    .isEqualTo(ZonedDateTime.of(patchTuesday.plusDays(5).atTime(6, 0), BERLIN));
            assertThat(times.get(month - 1).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        }
        // Spot checks against a calendar: Patch Tuesday 2027-01-12, 2027-03-09 (DST begins 2027-03-28).
        assertThat(times.get(0).toLocalDateTime()).isEqualTo(LocalDateTime.of(2027, 1, 17, 6, 0));
        assertThat(times.get(2).toLocalDateTime()).isEqualTo(LocalDateTime.of(2027, 3, 14, 6, 0));
        assertThat(times.get(3).getOffset()).isNotEqualTo(times.get(0).getOffset()).as("06:00 local in summer too");
    }

    @Test
    void anOffsetCarriesAFireTimeIntoTheNextMonthWhereTheBaseDayIsLate() {
        // The last Tuesday + 5 days: in 2027 it crosses a month end in eight months of twelve.
        RunSchedule schedule = monthly("0 30 5 ? * 3L +5d");
        List<ZonedDateTime> times = schedule.nextFireTimes(NEW_YEAR_2027, 13);
        // The first fire of 2027 is December 2026's: Tuesday 2026-12-29 + 5 days.
        assertThat(times.get(0)).isEqualTo(ZonedDateTime.of(2027, 1, 3, 5, 30, 0, 0, BERLIN));
        int crossed = 0;
        for (int i = 0; i < 12; i++) {
            LocalDate lastTuesday = LocalDate.of(2027, i + 1, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.TUESDAY));
            LocalDate expected = lastTuesday.plusDays(5);
            assertThat(times.get(i + 1)).as("base %s", lastTuesday)
                    .isEqualTo(ZonedDateTime.of(expected.atTime(5, 30), BERLIN));
            if (expected.getMonthValue() != lastTuesday.getMonthValue()) {
                crossed++;
            }
        }
        assertThat(crossed).as("months whose fire falls in the next month").isEqualTo(8);
        // Against a calendar: 2027-03-30 + 5 = 2027-04-04, 2027-08-31 + 5 = 2027-09-05, 2027-12-28 + 5 = 2028-01-02.
        assertThat(times.get(3).toLocalDate()).isEqualTo(LocalDate.of(2027, 4, 4));
        assertThat(times.get(8).toLocalDate()).isEqualTo(LocalDate.of(2027, 9, 5));
        assertThat(times.get(12).toLocalDate()).isEqualTo(LocalDate.of(2028, 1, 2));
    }

    @Test
    void aFireTimeJustPassedIsNotTheNextOne() {
        RunSchedule schedule = monthly(RunSchedule.DEFAULT_MONTHLY);
        ZonedDateTime fired = ZonedDateTime.of(2027, 1, 17, 6, 0, 0, 0, BERLIN);
        assertThat(schedule.nextAfter(fired)).isEqualTo(ZonedDateTime.of(2027, 2, 14, 6, 0, 0, 0, BERLIN));
        assertThat(schedule.nextAfter(fired.minusSeconds(1))).isEqualTo(fired);
        // Between the base day (Patch Tuesday) and its fire, the fire of this month is still to come.
        assertThat(schedule.nextAfter(ZonedDateTime.of(2027, 1, 13, 0, 0, 0, 0, BERLIN))).isEqualTo(fired);
        assertThat(schedule.asOf(fired)).isEqualTo(LocalDate.of(2027, 1, 17));
    }

    @Test
    void theDefaultQuarterlyRunIsTheFirstWeekdayOfEachQuarterWithTheCioProfile() {
        RunSchedule schedule = RunSchedule.of(new ScheduleProperties("off", RunSchedule.DEFAULT_QUARTERLY), BERLIN).get(0);
        assertThat(schedule.name()).isEqualTo("quarterly");
        assertThat(schedule.profile()).isEqualTo("cio");
        assertThat(schedule.nextFireTimes(NEW_YEAR_2027, 4)).extracting(ZonedDateTime::toLocalDate).containsExactly(
                LocalDate.of(2027, 1, 1), // a Friday
                LocalDate.of(2027, 4, 1), // a Thursday
                LocalDate.of(2027, 7, 1), // a Thursday
                LocalDate.of(2027, 10, 1)); // a Friday
        // 2028-04-01 is a Saturday, 2028-07-01 too: Monday the 3rd.
        assertThat(schedule.nextFireTimes(ZonedDateTime.of(2028, 3, 1, 0, 0, 0, 0, BERLIN), 2))
                .extracting(ZonedDateTime::toLocalDate).containsExactly(LocalDate.of(2028, 4, 3), LocalDate.of(2028, 7, 3));
    }

    @Test
    void offSwitchesAScheduleOff() {
        assertThat(RunSchedule.of(new ScheduleProperties("off", " OFF "), BERLIN)).isEmpty();
        assertThat(RunSchedule.of(new ScheduleProperties(RunSchedule.DEFAULT_MONTHLY, "off"), BERLIN))
                .extracting(RunSchedule::name).containsExactly("monthly");
    }

    @Test
    void aBadCronExpressionIsRefusedNamingThePropertyAndTheFix() {
        assertThatThrownBy(() -> monthly("0 0 6 ? * TUE#6"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("patchproof.schedule.monthly: '0 0 6 ? * TUE#6' is not a cron expression")
                .hasMessageContaining("give a Quartz cron expression").hasMessageContaining("or off");
        assertThatThrownBy(() -> RunSchedule.of(new ScheduleProperties("off", "every quarter"), BERLIN))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("patchproof.schedule.quarterly: ");
        assertThatThrownBy(() -> monthly("0 0 6 ? * TUE#2 +5"))
                .hasMessageContaining("the offset must end the value and read +Nd");
        assertThatThrownBy(() -> monthly("0 0 6 ? * TUE#2 +40d")).hasMessageContaining("more than 27");
        assertThatThrownBy(() -> monthly(" ")).hasMessageStartingWith("patchproof.schedule.monthly is empty");
        assertThatThrownBy(() -> monthly("0 0 6 1 1 ? 2001")).hasMessageContaining("never fires again");
    }
}
