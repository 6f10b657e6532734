package io.patchproof.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTests {

    static final LocalDateTime AS_OF = LocalDateTime.of(2026, 11, 16, 0, 0);

    static MaintenanceWindow window(Boolean enabled, Integer type, Integer recurrence, LocalDateTime start, Boolean gmt,
            Integer minutes, String schedules) {
        return new MaintenanceWindow("PP100011", "Servers - Patch Group A", "Patch Group A", "", enabled, type, recurrence,
                start, gmt, minutes, schedules);
    }

    static String saturday(boolean gmt) {
        return ScheduleToken.weekly(LocalDateTime.of(2024, 1, 6, 2, 0), Duration.ofHours(4), gmt, DayOfWeek.SATURDAY, 1)
                .encode();
    }

    @Test
    void onlyIsEnabledZeroIsDisabledAndNullReadsAsEnabled() {
        assertThat(window(false, 4, 3, null, false, 240, saturday(false)).isEnabled()).isFalse();
        assertThat(window(true, 4, 3, null, false, 240, saturday(false)).isEnabled()).isTrue();
        assertThat(window(null, 4, 3, null, false, 240, saturday(false)).isEnabled()).isTrue();
    }

    @Test
    void allDeploymentAndSoftwareUpdateWindowsApplyTaskSequenceWindowsDoNot() {
        assertThat(window(true, 1, 3, null, false, 240, null).appliesToUpdates()).isTrue();
        assertThat(window(true, 4, 3, null, false, 240, null).appliesToUpdates()).isTrue();
        assertThat(window(true, null, 3, null, false, 240, null).appliesToUpdates()).isTrue();
        assertThat(window(true, 5, 3, null, false, 240, null).appliesToUpdates()).isFalse();
    }

    @Test
    void theTokenWinsOverColumnsThatDisagree() {
        MaintenanceWindow w = window(true, 4, 2, LocalDateTime.of(2020, 5, 5, 9, 0), false, 60, saturday(true));

        assertThat(w.utc()).isTrue();
        assertThat(w.lengthMinutes()).isEqualTo(240);
        assertThat(w.nextStart(AS_OF)).contains(LocalDateTime.of(2026, 11, 21, 2, 0));
        assertThat(w.scheduleText()).isEqualTo("Every Saturday 02:00 UTC, 4 h");
    }

    @Test
    void severalTokensGiveTheEarliestNextStartAndOnePhrasePerSchedule() {
        LocalDateTime monday = LocalDateTime.of(2024, 1, 8, 19, 0);
        String weeknights = ScheduleToken.encodeAll(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY).stream().map(d -> ScheduleToken.weekly(monday.plusDays(d.ordinal()),
                Duration.ofHours(5), false, d, 1)).toList());
        MaintenanceWindow w = window(true, 4, 3, monday, false, 300, weeknights
                + ScheduleToken.once(LocalDateTime.of(2026, 12, 5, 22, 0), Duration.ofHours(2), true).encode());

        assertThat(w.tokens()).hasSize(6);
        assertThat(w.nextStart(LocalDateTime.of(2026, 11, 20, 20, 0))).as("Friday evening: next is Monday")
                .contains(LocalDateTime.of(2026, 11, 23, 19, 0));
        assertThat(w.scheduleText()).isEqualTo("Every Monday, Tuesday, Wednesday, Thursday and Friday 19:00, 5 h"
                + " (client local time); Once, 2026-12-05 22:00 UTC, 2 h");
    }

    @Test
    void aNonRecurringWindowAlreadyPastHasNoNextStart() {
        MaintenanceWindow w = window(true, 4, 1, null, true, 120,
                ScheduleToken.once(LocalDateTime.of(2026, 11, 1, 22, 0), Duration.ofHours(2), true).encode());

        assertThat(w.nextStart(AS_OF)).isEmpty();
        assertThat(w.scheduleText()).isEqualTo("Once, 2026-11-01 22:00 UTC, 2 h");
    }

    @Test
    void aBadTokenHasNoNextStartAndSendsTheReaderToTheConsole() {
        MaintenanceWindow bad = window(true, 4, 3, LocalDateTime.of(2024, 1, 6, 2, 0), false, 240, "00811A9E0838001");
        MaintenanceWindow bare = window(true, 4, null, null, null, null, "not a token at all");

        assertThat(bad.nextStart(AS_OF)).isEmpty();
        assertThat(bad.tokens()).isEmpty();
        assertThat(bad.scheduleText()).isEqualTo("Weekly from 2024-01-06 02:00 (client local time), 4 h; exact schedule: "
                + "see the console");
        assertThat(bad.scheduleProblem()).hasValueSatisfying(p -> assertThat(p).contains("Patch Group A")
                .contains("PP100011").contains("not a multiple of 16"));
        assertThat(bad.utc()).isFalse();
        assertThat(bad.lengthMinutes()).isEqualTo(240);
        assertThat(bare.scheduleText()).isEqualTo(MaintenanceWindow.SEE_THE_CONSOLE);
        assertThat(bare.utc()).isNull();
    }

    @Test
    void anAbsentTokenFallsBackToTheColumnsForTheTextButGivesNoNextStart() {
        MaintenanceWindow w = window(true, 1, 4, LocalDateTime.of(2024, 1, 17, 22, 0), null, 180, null);

        assertThat(w.nextStart(AS_OF)).isEmpty();
        assertThat(w.scheduleText()).isEqualTo("Monthly (by weekday) from 2024-01-17 22:00 (UTC or client local time:"
                + " IsGMT unknown), 3 h; exact schedule: see the console");
        assertThat(w.scheduleProblem()).hasValueSatisfying(p -> assertThat(p).contains("no schedule token"));
    }
}
