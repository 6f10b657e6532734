package io.patchproof.report;

import static io.patchproof.testsupport.ReportRowBuilders.aHostSummary;
import static io.patchproof.testsupport.ReportRowBuilders.figures;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.MaintenanceWindow;
import io.patchproof.reconcile.ScheduleToken;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebootPlanTests {

    /** Monday 16 November 2026. */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);

    static MaintenanceWindow weekly(String collection, String name, DayOfWeek day, int hour, boolean enabled, int type) {
        ScheduleToken token = ScheduleToken.weekly(LocalDateTime.of(2024, 1, 1, hour, 0), Duration.ofHours(4), false, day, 1);
        return new MaintenanceWindow(collection, null, name, null, enabled, type, 3, null, false, 240, token.encode());
    }

    static final WindowData WINDOWS = new WindowData(List.of(
            weekly("C-SAT", "Saturday 02:00", DayOfWeek.SATURDAY, 2, true, 4),
            weekly("C-TUE", "Tuesday 22:00", DayOfWeek.TUESDAY, 22, true, 1),
            weekly("C-TUE", "Monday 01:00 (retired)", DayOfWeek.MONDAY, 1, false, 4),
            weekly("C-OSD", "Task sequences only", DayOfWeek.MONDAY, 3, true, 5),
            new MaintenanceWindow("C-ODD", null, "Odd token", null, true, 4, 3, null, null, 60, "not a token")),
            Map.of("C-SAT", "Servers - Saturday", "C-TUE", "Servers - Tuesday", "C-MAN", "Servers - Manual Patching"));

    static HostSummary waiting(int id, String name, double risk, String... collections) {
        return aHostSummary().resourceId(id).name(name).risk(risk, 10L).figures(figures(10, 2, 0, 1, 0, 0, 0))
                .inCollections(collections).build();
    }

    @Test
    void aHostRestartsInTheFirstEnabledWindowOfAnyOfItsCollections() {
        RebootPlan plan = RebootPlan.of(List.of(waiting(1, "SRV-BOTH", 10, "C-SAT", "C-TUE")), WINDOWS, AS_OF);
        RebootPlan.Entry e = plan.entries().get(0);
        assertThat(e.group().window).as("Tuesday comes before Saturday; the disabled Monday window does not count")
                .isEqualTo("Tuesday 22:00");
        assertThat(e.group().nextStart).isEqualTo(LocalDateTime.of(2026, 11, 17, 22, 0));
        assertThat(e.group().collection).isEqualTo("Servers - Tuesday (C-TUE)");
        assertThat(e.group().clock).isEqualTo("host local");
        assertThat(e.collections()).isEqualTo("Servers - Saturday (C-SAT), Servers - Tuesday (C-TUE)");
    }

    @Test
    void hostsWithoutAnEnabledUpdateWindowAreAGroupOfTheirOwnNamedAsSuchAndComeLast() {
        RebootPlan plan = RebootPlan.of(List.of(
                waiting(1, "SRV-MANUAL", 500, "C-MAN"),
                waiting(2, "SRV-OSD", 400, "C-OSD"),
                waiting(3, "SRV-SAT", 1, "C-SAT")), WINDOWS, AS_OF);
        assertThat(plan.groups()).extracting(g -> g.window).containsExactly("Saturday 02:00", RebootPlan.NO_WINDOW);
        RebootPlan.Group none = plan.groups().get(1);
        assertThat(none.hosts).isEqualTo(2);
        assertThat(none.nextStart).isNull();
        assertThat(none.values().get("next")).isEqualTo("restart by arrangement");
        assertThat(plan.entries()).extracting(e -> e.host().name()).containsExactly("SRV-SAT", "SRV-MANUAL", "SRV-OSD");
        assertThat(plan.entries()).extracting(RebootPlan.Entry::rank).containsExactly(1, 1, 2);
        assertThat(plan.serversWithoutWindow()).isEqualTo(2);
    }

    @Test
    void disabledWindowsAndWindowsForTaskSequencesAreLeftOutAndSaidSo() {
        RebootPlan plan = RebootPlan.of(List.of(), WINDOWS, AS_OF);
        assertThat(plan.disabledWindows()).extracting(MaintenanceWindow::name).containsExactly("Monday 01:00 (retired)");
        assertThat(plan.otherTypeWindows()).extracting(MaintenanceWindow::name).containsExactly("Task sequences only");
        assertThat(plan.leftOut()).contains("1 disabled window left out (Monday 01:00 (retired) on Servers - Tuesday (C-TUE))")
                .contains("1 window for task sequences only left out");
    }

    @Test
    void aWindowWhoseScheduleCannotBeReadIsStillTheHostsGroupAndSendsTheReaderToTheConsole() {
        RebootPlan plan = RebootPlan.of(List.of(waiting(1, "SRV-ODD", 1, "C-ODD"), waiting(2, "SRV-SAT", 1, "C-SAT")),
                WINDOWS, AS_OF);
        assertThat(plan.groups()).extracting(g -> g.window).containsExactly("Saturday 02:00", "Odd token");
        assertThat(plan.groups().get(1).values().get("next")).isEqualTo("see the console");
    }

    @Test
    void withinAWindowTheRiskiestHostIsFirstAndTheTotalsAddUp() {
        RebootPlan plan = RebootPlan.of(List.of(
                waiting(1, "SRV-A", 10, "C-SAT"),
                waiting(2, "SRV-B", 300, "C-SAT"),
                aHostSummary().resourceId(3).name("WS-C").workstation().risk(50, 5L).criticalNotInEffect(1)
                        .figures(figures(10, 2, 0, 3, 0, 0, 0)).inCollections("C-SAT").build(),
                aHostSummary().resourceId(4).name("SRV-NOTHING").risk(0, null).figures(figures(10, 0, 0, 0, 0, 0, 0))
                        .inCollections("C-SAT").build()), WINDOWS, AS_OF);
        assertThat(plan.entries()).extracting(e -> e.host().name()).containsExactly("SRV-B", "WS-C", "SRV-A");
        RebootPlan.Group g = plan.groups().get(0);
        assertThat(g.hosts).isEqualTo(3);
        assertThat(g.servers).isEqualTo(2);
        assertThat(g.workstations).isEqualTo(1);
        assertThat(g.risk).isEqualTo(360);
        assertThat(plan.hosts()).isEqualTo(plan.servers() + plan.workstations());
        assertThat(plan.waiting()).isEqualTo(plan.entries().stream()
                .mapToLong(e -> e.host().figures().notInEffect()).sum());
        assertThat(plan.critical()).isEqualTo(1);
    }

    @Test
    void aHostWithOnlyAPendingRestartFlagIsListedAndCountedApart() {
        HostSummary flagged = aHostSummary().resourceId(5).name("SRV-FLAG").risk(0, null).clientState(8)
                .figures(figures(10, 0, 0, 2, 0, 0, 0)).inCollections("C-SAT").build();
        HostSummary weak = aHostSummary().resourceId(6).name("SRV-WEAK").risk(0, null).clientState(2)
                .figures(figures(10, 0, 0, 2, 0, 0, 0)).inCollections("C-SAT").build();
        RebootPlan plan = RebootPlan.of(List.of(flagged, weak), WINDOWS, AS_OF);
        assertThat(plan.entries()).extracting(e -> e.host().name()).containsExactly("SRV-FLAG");
        assertThat(plan.pendingOnly()).isEqualTo(1);
        assertThat(plan.entries().get(0).why()).isEqualTo("the client flags a restart; updates still required");
    }
}
