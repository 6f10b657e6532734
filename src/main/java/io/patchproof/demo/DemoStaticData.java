package io.patchproof.demo;

import io.patchproof.reconcile.ScheduleToken;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The rows that do not depend on the host count or the seed: state names, collections, their
 * maintenance windows and the software-update deployments that target them.
 */
final class DemoStaticData {

    static final String ALL_SYSTEMS = "SMS00001";
    static final String ALL_SERVERS = "PP100010";
    static final String SERVERS_GROUP_A = "PP100011";
    static final String SERVERS_GROUP_B = "PP100012";
    static final String DOMAIN_CONTROLLERS = "PP100013";
    static final String ALL_WORKSTATIONS = "PP100014";
    static final String WORKSTATIONS_PILOT = "PP100015";
    static final String WORKSTATIONS_PRODUCTION = "PP100016";
    static final String SERVERS_MANUAL = "PP100017";

    private DemoStaticData() {
    }

    static void write(DemoLoader loader) throws SQLException {
        write(loader, DemoSiteDatabase.AS_OF);
    }

    /** The same as the site held it on {@code asOf}: collections refreshed the day before, that month's deployments. */
    static void write(DemoLoader loader, java.time.LocalDate asOf) throws SQLException {
        writeStateNames(loader);
        writeCollections(loader, asOf);
        writeServiceWindows(loader);
        writeDeployments(loader, asOf);
    }

    private static void writeStateNames(DemoLoader loader) throws SQLException {
        String[] detection = {"Detection state unknown", "Update is not required", "Update is required",
            "Update is installed"};
        for (int i = 0; i < detection.length; i++) {
            loader.add("site_state_name", 500, i, detection[i], detection[i]);
        }
        String[] enforcement = {"Enforcement state unknown", "Enforcement started", "Enforcement waiting for content",
            "Waiting for another installation to complete", "Waiting for maintenance window before installing",
            "Restart required before installing", "General failure", "Pending installation", "Installing update",
            "Pending system restart", "Successfully installed update", "Failed to install update",
            "Downloading update", "Downloaded update", "Failed to download update"};
        for (int i = 0; i < enforcement.length; i++) {
            loader.add("site_state_name", 402, i, enforcement[i], enforcement[i]);
        }
        String[] scan = {null, "Scan is waiting for content", "Scan is running", "Scan completed",
            "Scan is pending retry", "Scan failed", "Scan completed with errors"};
        for (int i = 1; i < scan.length; i++) {
            loader.add("site_state_name", 501, i, scan[i], scan[i]);
        }
        String[] deployment = {"Enforcement state unknown", "Installing update(s)", "Waiting for restart",
            "Waiting for another installation to complete", "Successfully installed update(s)",
            "Pending system restart", "Failed to install update(s)", "Downloading update(s)",
            "Downloaded update(s)", "Failed to download update(s)", "Waiting for maintenance window",
            "Waiting for orchestration", "Waiting for superseding update"};
        for (int i = 0; i < deployment.length; i++) {
            loader.add("site_state_name", 301, i, deployment[i], deployment[i]);
        }
    }

    private static void writeCollections(DemoLoader loader, java.time.LocalDate asOf) throws SQLException {
        LocalDateTime changed = LocalDateTime.of(2024, 1, 4, 10, 30);
        LocalDateTime refreshed = asOf.minusDays(1).atTime(4, 0);
        List<String[]> collections = List.of(
                new String[] {ALL_SYSTEMS, "All Systems", "All Systems", null},
                new String[] {ALL_SERVERS, "All Servers", "Every server operating system", ALL_SYSTEMS},
                new String[] {SERVERS_GROUP_A, "Servers - Patch Group A (Saturday 02:00)",
                    "Restarts allowed in the Saturday window", ALL_SERVERS},
                new String[] {SERVERS_GROUP_B, "Servers - Patch Group B (Sunday 02:00)",
                    "Restarts allowed in the Sunday window", ALL_SERVERS},
                new String[] {DOMAIN_CONTROLLERS, "Servers - Domain Controllers", "Third Wednesday, 22:00 UTC",
                    ALL_SERVERS},
                new String[] {ALL_WORKSTATIONS, "All Workstations", "Every workstation operating system", ALL_SYSTEMS},
                new String[] {WORKSTATIONS_PILOT, "Workstations - Pilot", "Early ring", ALL_WORKSTATIONS},
                new String[] {WORKSTATIONS_PRODUCTION, "Workstations - Production", "Broad ring", ALL_WORKSTATIONS},
                new String[] {SERVERS_MANUAL, "Servers - Manual Patching", "Patched by hand, no window",
                    ALL_SERVERS});
        for (String[] c : collections) {
            loader.add("site_collection", c[0], c[1], c[2], 2, c[3], 0, changed, refreshed);
        }
    }

    /**
     * One maintenance window of the demo: the token string (made by {@link ScheduleToken}, as the
     * site's provider would write it) and the columns the provider derives from it agree.
     */
    record Window(String id, String collectionId, String name, String description, ScheduleToken token,
            int windowType, boolean enabled) {

        Object[] row() {
            return new Object[] {id, collectionId, name, description, token.encode(), token.recurrence().code(),
                windowType, token.start(), (int) token.duration().toMinutes(), token.gmt(), enabled};
        }
    }

    /**
     * The windows: ServiceWindowType 1 = all deployments, 4 = software updates. A ConfigMgr
     * window holds one schedule (one RecurrenceType), so the workstations' evening window is a
     * daily one rather than five weekday tokens in one string.
     */
    static final List<Window> WINDOWS = List.of(
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000011}", SERVERS_GROUP_A, "Patch Group A - Saturday 02:00",
                    "Weekly, Saturday 02:00 local, 4 hours", ScheduleToken.weekly(LocalDateTime.of(2024, 1, 6, 2, 0),
                            Duration.ofHours(4), false, DayOfWeek.SATURDAY, 1), 4, true),
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000012}", SERVERS_GROUP_B, "Patch Group B - Sunday 02:00",
                    "Weekly, Sunday 02:00 local, 4 hours", ScheduleToken.weekly(LocalDateTime.of(2024, 1, 7, 2, 0),
                            Duration.ofHours(4), false, DayOfWeek.SUNDAY, 1), 4, true),
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000013}", DOMAIN_CONTROLLERS,
                    "Domain Controllers - Third Wednesday 22:00 UTC", "Monthly, third Wednesday, 22:00 UTC, 3 hours",
                    ScheduleToken.monthlyByWeekday(LocalDateTime.of(2024, 1, 17, 22, 0), Duration.ofHours(3), true, 3,
                            DayOfWeek.WEDNESDAY, 1), 1, true),
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000015}", WORKSTATIONS_PILOT, "Pilot - Daily 12:00",
                    "Daily, 12:00 local, 1 hour", ScheduleToken.interval(LocalDateTime.of(2024, 1, 2, 12, 0),
                            Duration.ofHours(1), false, Duration.ofDays(1)), 4, true),
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000016}", WORKSTATIONS_PRODUCTION, "Production - Daily 19:00",
                    "Daily, 19:00 local, 5 hours", ScheduleToken.interval(LocalDateTime.of(2024, 1, 8, 19, 0),
                            Duration.ofHours(5), false, Duration.ofDays(1)), 4, true),
            new Window("{6F1A2C00-0B5E-4C1D-9A10-000000000017}", WORKSTATIONS_PRODUCTION,
                    "Production - Friday 22:00 (retired)", "Replaced by the daily evening window; kept disabled",
                    ScheduleToken.weekly(LocalDateTime.of(2023, 6, 2, 22, 0), Duration.ofHours(2), false,
                            DayOfWeek.FRIDAY, 1), 4, false));

    private static void writeServiceWindows(DemoLoader loader) throws SQLException {
        for (Window w : WINDOWS) {
            loader.add("site_service_window", w.row());
        }
    }

    /**
     * The software-update deployments of the month's update group (v_CIAssignment, AssignmentType
     * 5), one per patch collection: required with a deadline where a window governs the restart,
     * available (no deadline) to the servers patched by hand. One application deployment
     * (AssignmentType 2) to all workstations, which the reboot plan does not read.
     */
    private static void writeDeployments(DemoLoader loader, java.time.LocalDate asOf) throws SQLException {
        // The month's deployments: those of the last Patch Tuesday before the as-of date, on the
        // same weekdays as November 2026's.
        java.time.YearMonth month = java.time.YearMonth.from(asOf);
        if (!DemoCatalog.patchTuesday(month).isBefore(asOf)) {
            month = month.minusMonths(1);
        }
        long shift = java.time.temporal.ChronoUnit.DAYS.between(LocalDateTime.of(2026, 11, 10, 0, 0).toLocalDate(),
                DemoCatalog.patchTuesday(month));
        String group = "Patch Tuesday " + month;
        LocalDateTime released = LocalDateTime.of(2026, 11, 10, 18, 0).plusDays(shift);
        LocalDateTime created = LocalDateTime.of(2026, 11, 10, 19, 12).plusDays(shift);
        Object[][] deployments = {
            {SERVERS_GROUP_A, "Servers - Patch Group A", 5, LocalDateTime.of(2026, 11, 14, 2, 0).plusDays(shift), 0},
            {SERVERS_GROUP_B, "Servers - Patch Group B", 5, LocalDateTime.of(2026, 11, 15, 2, 0).plusDays(shift), 0},
            {DOMAIN_CONTROLLERS, "Servers - Domain Controllers", 5, LocalDateTime.of(2026, 11, 18, 22, 0).plusDays(shift),
                0},
            {WORKSTATIONS_PILOT, "Workstations - Pilot", 5, LocalDateTime.of(2026, 11, 11, 12, 0).plusDays(shift), 0},
            {WORKSTATIONS_PRODUCTION, "Workstations - Production", 5,
                LocalDateTime.of(2026, 11, 17, 19, 0).plusDays(shift), 0},
            {SERVERS_MANUAL, "Servers - Manual Patching (available)", 5, null, 2},
            {ALL_WORKSTATIONS, "Contoso VPN Client 5.2 (application)", 2,
                LocalDateTime.of(2026, 11, 20, 9, 0).plusDays(shift), 0}};
        for (int i = 0; i < deployments.length; i++) {
            Object[] d = deployments[i];
            boolean updates = (int) d[2] == 5;
            loader.add("site_ci_assignment", 16_777_401 + i,
                    String.format(java.util.Locale.ROOT, "{7C2B3D00-1A6F-4E2B-8B20-%012d}", 401 + i),
                    updates ? group + " - " + d[1] : (String) d[1],
                    updates ? "Software update group " + group : "Required application", d[0], d[2], 2,
                    released, d[3], false, d[4], false, false, true, created, created);
        }
    }
}
