package io.patchproof.demo;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The rows that do not depend on the host count or the seed: state names, collections and their
 * maintenance windows.
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
        writeStateNames(loader);
        writeCollections(loader);
        writeServiceWindows(loader);
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

    private static void writeCollections(DemoLoader loader) throws SQLException {
        LocalDateTime changed = LocalDateTime.of(2024, 1, 4, 10, 30);
        LocalDateTime refreshed = DemoSiteDatabase.AS_OF.minusDays(1).atTime(4, 0);
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

    private static void writeServiceWindows(DemoLoader loader) throws SQLException {
        // ServiceWindowType 1 = all deployments, 4 = software updates; RecurrenceType 2 daily,
        // 3 weekly, 4 monthly by weekday. IsGMT = 1: StartTime is UTC, else the client's local time.
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000011}", SERVERS_GROUP_A,
                "Patch Group A - Saturday 02:00", "Weekly, Saturday 02:00 local, 4 hours", "00811A9E08100010", 3, 4,
                LocalDateTime.of(2024, 1, 6, 2, 0), 240, false, true);
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000012}", SERVERS_GROUP_B,
                "Patch Group B - Sunday 02:00", "Weekly, Sunday 02:00 local, 4 hours", "00811A9E08100008", 3, 4,
                LocalDateTime.of(2024, 1, 7, 2, 0), 240, false, true);
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000013}", DOMAIN_CONTROLLERS,
                "Domain Controllers - Third Wednesday 22:00 UTC", "Monthly, third Wednesday, 22:00 UTC, 3 hours",
                "02C11A9E0C3C4000", 4, 1, LocalDateTime.of(2024, 1, 17, 22, 0), 180, true, true);
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000015}", WORKSTATIONS_PILOT,
                "Pilot - Daily 12:00", "Daily, 12:00 local, 1 hour", "00A11A9E00080000", 2, 4,
                LocalDateTime.of(2024, 1, 2, 12, 0), 60, false, true);
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000016}", WORKSTATIONS_PRODUCTION,
                "Production - Weeknights 19:00", "Weekly, Monday to Friday 19:00 local, 5 hours",
                "01311A9E012C0008", 3, 4, LocalDateTime.of(2024, 1, 8, 19, 0), 300, false, true);
        loader.add("site_service_window", "{6F1A2C00-0B5E-4C1D-9A10-000000000017}", WORKSTATIONS_PRODUCTION,
                "Production - Friday 22:00 (retired)", "Replaced by the weeknight window; kept disabled",
                "01611A9E0B400018", 3, 4, LocalDateTime.of(2023, 6, 2, 22, 0), 120, false, false);
    }
}
