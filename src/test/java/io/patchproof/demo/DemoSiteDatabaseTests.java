package io.patchproof.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.patchproof.reconcile.MaintenanceWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class DemoSiteDatabaseTests {

    /** The views and columns of sccm-schema.md that the demo must carry. */
    static final Map<String, String> VIEW_COLUMNS = new LinkedHashMap<>();

    static {
        VIEW_COLUMNS.put("v_R_System", "ResourceID, ResourceType, Netbios_Name0, Name0, SMS_Unique_Identifier0, "
                + "Resource_Domain_OR_Workgr0, Operating_System_Name_and0, Client0, Active0, Obsolete0, Decommissioned0, "
                + "Creation_Date0");
        VIEW_COLUMNS.put("v_GS_OPERATING_SYSTEM", "ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Caption0, "
                + "CSDVersion0, InstallDate0, LastBootUpTime0, ProductType0");
        VIEW_COLUMNS.put("v_GS_WORKSTATION_STATUS", "ResourceID, GroupID, [TimeStamp], LastHWScan, TimeZoneOffset");
        VIEW_COLUMNS.put("v_GS_COMPUTER_SYSTEM", "ResourceID, GroupID, [TimeStamp], CurrentTimeZone0");
        VIEW_COLUMNS.put("v_UpdateComplianceStatus", "CI_ID, ResourceID, Status, LastStatusCheckTime, "
                + "LastStatusChangeTime, EnforcementSource, LastEnforcementMessageID, LastEnforcementMessageTime, "
                + "LastEnforcementStatusMsgID, LastErrorCode, LastLocalChangeTime");
        VIEW_COLUMNS.put("v_UpdateInfo", "CI_ID, CI_UniqueID, CIType_ID, ArticleID, BulletinID, Title, Description, "
                + "InfoURL, Severity, DatePosted, DateRevised, IsExpired, IsSuperseded, IsDeployed");
        VIEW_COLUMNS.put("v_CICategoryInfo", "CI_ID, CategoryInstanceID, CategoryTypeName, CategoryInstanceName");
        VIEW_COLUMNS.put("v_CombinedDeviceResources", "MachineID, Name, ClientState, ClientActiveStatus, IsClient, "
                + "IsActive, IsObsolete, LastActiveTime, LastPolicyRequest, LastMPServerName");
        VIEW_COLUMNS.put("v_CH_ClientSummary", "ResourceID, ClientStateDescription, ClientActiveStatus, LastActiveTime, "
                + "LastHealthEvaluation, LastEvaluationHealthy");
        VIEW_COLUMNS.put("v_FullCollectionMembership", "CollectionID, ResourceID, ResourceType, Name, SMSID, SiteCode, "
                + "Domain, IsClient, IsDirect, IsAssigned");
        VIEW_COLUMNS.put("v_Collection", "CollectionID, Name");
        VIEW_COLUMNS.put("v_ServiceWindow", "ServiceWindowID, CollectionID, Name, Description, ServiceWindowSchedules, "
                + "RecurrenceType, ServiceWindowType, StartTime, Duration, IsGMT, IsEnabled");
        VIEW_COLUMNS.put("v_CIAssignment", "AssignmentID, AssignmentName, CollectionID, CollectionName, AssignmentType, "
                + "StartTime, EnforcementDeadline, UseGMTTimes, SuppressReboot, AssignmentEnabled");
        VIEW_COLUMNS.put("v_StateNames", "TopicType, StateID, StateName, StateDescription");
        VIEW_COLUMNS.put("v_GS_QUICK_FIX_ENGINEERING", "ResourceID, GroupID, [TimeStamp], HotFixID0, InstalledOn0, "
                + "InstalledBy0, Description0");
        VIEW_COLUMNS.put("v_UpdateScanStatus", "ResourceID, UpdateSource_ID, LastScanTime, LastScanState, "
                + "LastErrorCode, LastWUAVersion");
    }

    private static final AtomicInteger MEMORY_DATABASES = new AtomicInteger();

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedDoesNot(@TempDir Path first, @TempDir Path second) throws Exception {
        Map<String, String> a = checksums(DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(first, 120, 7L)));
        Map<String, String> b = checksums(DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(second, 120, 7L)));
        Map<String, String> other;
        try (Connection c = memoryDatabase()) {
            DemoSiteDatabase.generate(c, 120, 8L);
            other = checksums(c);
        }

        assertThat(a).isEqualTo(b).containsOnlyKeys(VIEW_COLUMNS.keySet());
        assertThat(other.get("v_UpdateComplianceStatus")).isNotEqualTo(a.get("v_UpdateComplianceStatus"));
        assertThat(other.get("v_GS_OPERATING_SYSTEM")).isNotEqualTo(a.get("v_GS_OPERATING_SYSTEM"));
    }

    @Test
    void theHostCountKnobSetsTheNumberOfSystemsAndKeepsTheServerShare() throws Exception {
        try (Connection c = memoryDatabase()) {
            DemoSiteDatabase.generate(c, 2_000, DemoSiteDatabase.DEFAULT_SEED);

            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System")).isEqualTo(2_000);
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 IN (2, 3) "
                    + "AND Caption0 LIKE '%Server%'"))
                    .isCloseTo(2_000L * 450 / 8_450, withinPercentage(10));
            assertThat(count(c, "SELECT COUNT(*) FROM v_FullCollectionMembership WHERE CollectionID = 'SMS00001'"))
                    .isEqualTo(2_000);
        }
        try (Connection c = memoryDatabase()) {
            DemoSiteDatabase.generate(c, 60, DemoSiteDatabase.DEFAULT_SEED);

            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System")).isEqualTo(60);
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System WHERE Netbios_Name0 LIKE 'SRV%'"))
                    .as("a small database keeps enough servers for the story").isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void hostCountsOutsideTheRangeAreRejected(@TempDir Path dir) {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoSiteDatabase.ensure(dir, 5, 1L))
                .withMessageContaining("patchproof.demo.hosts");
        assertThatIllegalArgumentException().isThrownBy(() -> DemoSiteDatabase.ensure(dir, 3_000_000, 1L))
                .withMessageContaining("patchproof.demo.hosts");
    }

    @Test
    void aBuiltDatabaseIsReusedWithoutRebuilding(@TempDir Path dir) throws Exception {
        Path base = DemoSiteDatabase.ensure(dir, 60, 3L);
        Path file = Path.of(base + ".mv.db");
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);

        Path again = DemoSiteDatabase.ensure(dir, 60, 3L);

        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
        assertThat(again).isEqualTo(base);
        assertThat(base.getFileName().toString()).isEqualTo("configmgr-60-3");
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());
        assertThat(after.fileKey()).isEqualTo(before.fileKey());
        assertThat(fileNames(dir)).contains("configmgr-60-3.mv.db").doesNotContain("configmgr-60-3.building.mv.db");
    }

    @Test
    void aDatabaseOfAnotherGeneratorVersionIsRebuilt(@TempDir Path dir) throws Exception {
        Path base = DemoSiteDatabase.ensure(dir, 60, 3L);
        Map<String, String> original = checksums(DemoSiteDatabase.jdbcUrl(base));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + ";" + DemoSiteDatabase.H2_MODE);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE site_demo_info SET [Value] = '0' WHERE Name = 'generator_version'");
            s.executeUpdate("DELETE FROM site_update_compliance");
        }

        DemoSiteDatabase.ensure(dir, 60, 3L);

        try (Connection c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(base))) {
            assertThat(text(c, "SELECT [Value] FROM site_demo_info WHERE Name = 'generator_version'"))
                    .isEqualTo(String.valueOf(DemoSiteDatabase.GENERATOR_VERSION));
        }
        assertThat(checksums(DemoSiteDatabase.jdbcUrl(base))).isEqualTo(original);
    }

    @Test
    void leftoversOfACrashedBuildAreNeverTakenForADatabase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("configmgr-60-3.building.mv.db"), "half a database");
        Files.writeString(dir.resolve("configmgr-60-3.mv.db"), "not a database at all");

        Path base = DemoSiteDatabase.ensure(dir, 60, 3L);

        try (Connection c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(base))) {
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System")).isEqualTo(60);
        }
        assertThat(dir.resolve("configmgr-60-3.building.mv.db")).doesNotExist();
    }

    @Test
    void theJdbcUrlIsReadOnlyAndDoesNotCreateDatabases(@TempDir Path dir) throws Exception {
        Path base = DemoSiteDatabase.ensure(dir, 60, 3L);
        try (Connection c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(base));
                Statement s = c.createStatement()) {
            assertThat(count(c, "SELECT COUNT(*) FROM v_r_system")).as("identifiers ignore case").isEqualTo(60);
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM site_system")).isInstanceOf(SQLException.class);
        }
        assertThat(DemoSiteDatabase.jdbcUrl(Path.of(base + ".mv.db"))).isEqualTo(DemoSiteDatabase.jdbcUrl(base));
        assertThatThrownBy(() -> DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(dir.resolve("missing"))).close())
                .isInstanceOf(SQLException.class);
        assertThat(dir.resolve("missing.mv.db")).doesNotExist();
    }

    @Test
    void theEmptySchemaCarriesTheRealViewAndColumnNames() throws Exception {
        try (Connection c = memoryDatabase()) {
            DemoSiteDatabase.createSchema(c);
            for (Map.Entry<String, String> view : VIEW_COLUMNS.entrySet()) {
                assertThat(count(c, "SELECT COUNT(*) FROM (SELECT " + view.getValue() + " FROM " + view.getKey()
                        + ") x")).as(view.getKey()).isZero();
            }
        }
    }

    @Test
    void theAsOfDateIsTheMondayAfterNovember2026sPatchTuesday() {
        LocalDate patchTuesday = LocalDate.of(2026, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));

        assertThat(DemoSiteDatabase.AS_OF).isEqualTo(patchTuesday.with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
    }

    /** The story's shape, read through the views on a database of 845 hosts. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Shape {

        private Connection c;
        private final LocalDateTime asOf = DemoSiteDatabase.AS_OF.atStartOfDay();

        @BeforeAll
        void build() throws SQLException {
            c = memoryDatabase();
            DemoSiteDatabase.generate(c, 845, DemoSiteDatabase.DEFAULT_SEED);
        }

        @AfterAll
        void close() throws SQLException {
            c.close();
        }

        @Test
        void manyServersHaveYearsOfUptimeYetReportRecentUpdatesInstalledPendingRestart() throws SQLException {
            long servers = count(c, "SELECT COUNT(*) FROM v_R_System WHERE Operating_System_Name_and0 LIKE '%Server%'");
            long longUptime = count(c, """
                    SELECT COUNT(*) FROM v_R_System s
                    JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = s.ResourceID
                    WHERE s.Operating_System_Name_and0 LIKE '%Server%' AND os.LastBootUpTime0 < ?""",
                    asOf.minusYears(2));
            long installedOnPaper = count(c, """
                    SELECT COUNT(DISTINCT s.ResourceID) FROM v_R_System s
                    JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = s.ResourceID
                    JOIN v_UpdateComplianceStatus ucs ON ucs.ResourceID = s.ResourceID
                    JOIN v_UpdateInfo ui ON ui.CI_ID = ucs.CI_ID
                    WHERE s.Operating_System_Name_and0 LIKE '%Server%' AND os.LastBootUpTime0 < ?
                      AND ucs.Status = 2 AND ucs.LastEnforcementMessageID = 9
                      AND ucs.LastEnforcementMessageTime > ui.DatePosted
                      AND ui.DatePosted >= ? AND ui.Title LIKE '%Cumulative Update%'""",
                    asOf.minusYears(2), asOf.minusDays(10));

            assertThat(servers).isBetween(40L, 50L);
            assertThat(longUptime).as("servers last booted more than two years ago").isGreaterThanOrEqualTo(servers / 5);
            assertThat(installedOnPaper).as("of those, reporting November's cumulative update installed, pending restart")
                    .isGreaterThanOrEqualTo(longUptime / 3);
        }

        @Test
        void pendingRestartsFailuresAndMissingUpdatesAreThere() throws SQLException {
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus WHERE Status = 2 "
                    + "AND LastEnforcementMessageID = 9")).as("suppressed restarts").isGreaterThan(100);
            assertThat(count(c, """
                    SELECT COUNT(*) FROM v_UpdateComplianceStatus ucs
                    JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = ucs.ResourceID
                    WHERE ucs.Status = 2 AND ucs.LastEnforcementMessageID = 9
                      AND os.LastBootUpTime0 > DATEADD(DAY, 1, ucs.LastEnforcementMessageTime)""")).as("stale 9s")
                    .isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus WHERE LastEnforcementMessageID = 11 "
                    + "AND LastErrorCode < 0")).as("failed installs with an HRESULT").isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus WHERE Status = 2 "
                    + "AND (LastEnforcementMessageID IS NULL OR LastEnforcementMessageID NOT IN (9, 11))"))
                    .as("missing updates").isGreaterThan(100);
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus ucs WHERE NOT EXISTS (SELECT 1 "
                    + "FROM v_StateNames sn WHERE sn.TopicType = 402 AND sn.StateID = ucs.LastEnforcementMessageID) "
                    + "AND ucs.LastEnforcementMessageID IS NOT NULL")).as("unknown enforcement states").isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_StateNames WHERE TopicType = 500")).isEqualTo(4);
            assertThat(count(c, "SELECT COUNT(*) FROM v_StateNames WHERE TopicType = 402")).isEqualTo(15);
        }

        @Test
        void clientStateTakesEveryDocumentedValue() throws SQLException {
            assertThat(values(c, "SELECT DISTINCT ClientState FROM v_CombinedDeviceResources WHERE ClientState IS NOT NULL"))
                    .containsExactlyInAnyOrder("0", "1", "2", "4", "5", "8");
        }

        @Test
        void inventoryIsStaleOrIncompleteOnSomeHosts() throws SQLException {
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM os JOIN v_R_System s ON s.ResourceID = "
                    + "os.ResourceID WHERE s.Active0 = 1 AND os.[TimeStamp] < ?", asOf.minusDays(90)))
                    .as("active hosts with inventory months old").isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 IS NULL"))
                    .as("missing boot times").isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System s WHERE s.Client0 = 1 AND NOT EXISTS "
                    + "(SELECT 1 FROM v_UpdateScanStatus u WHERE u.ResourceID = s.ResourceID)"))
                    .as("clients that never scanned").isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System WHERE Obsolete0 = 1")).isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System WHERE Decommissioned0 = 1")).isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM (SELECT Netbios_Name0 FROM v_R_System GROUP BY Netbios_Name0 "
                    + "HAVING COUNT(*) = 2 AND SUM(Obsolete0) = 1) d")).as("duplicate names, one obsolete")
                    .isGreaterThan(0);
        }

        @Test
        void clientsAreSpreadOverTimeZonesAndSomeZonesAreUnknown() throws SQLException {
            assertThat(values(c, "SELECT DISTINCT CurrentTimeZone0 FROM v_GS_COMPUTER_SYSTEM "
                    + "WHERE CurrentTimeZone0 IS NOT NULL"))
                    .contains("-300", "-480", "60", "330", "600");
            assertThat(count(c, """
                    SELECT COUNT(*) FROM v_GS_COMPUTER_SYSTEM cs
                    JOIN v_GS_WORKSTATION_STATUS ws ON ws.ResourceID = cs.ResourceID
                    WHERE cs.CurrentTimeZone0 IS NULL AND ws.TimeZoneOffset IS NULL""")).isGreaterThan(0);
        }

        @Test
        void qfeDatesComeInTheirThreeFormats() throws SQLException {
            List<String> dates = values(c, "SELECT DISTINCT InstalledOn0 FROM v_GS_QUICK_FIX_ENGINEERING "
                    + "WHERE InstalledOn0 IS NOT NULL");

            assertThat(dates).anyMatch(d -> d.matches("\\d{1,2}/\\d{1,2}/\\d{4}"))
                    .anyMatch(d -> d.matches("\\d{8}"))
                    .anyMatch(d -> d.matches("[0-9a-f]{16}"));
        }

        @Test
        void twoYearsOfPatchTuesdaysAndOneOutOfBandUpdate() throws SQLException {
            List<String> cumulativeDays = values(c, "SELECT DISTINCT CAST(DatePosted AS DATE) FROM v_UpdateInfo "
                    + "WHERE Title LIKE '%Cumulative Update for Windows%'");
            List<String> expected = new ArrayList<>();
            for (LocalDate month = LocalDate.of(2024, 12, 1); month.isBefore(LocalDate.of(2026, 12, 1));
                    month = month.plusMonths(1)) {
                expected.add(month.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY)).toString());
            }
            assertThat(cumulativeDays).containsExactlyInAnyOrderElementsOf(expected);

            assertThat(values(c, "SELECT CAST(DatePosted AS DATE) FROM v_UpdateInfo WHERE Severity = 10 "
                    + "AND BulletinID <> '' AND CAST(DatePosted AS DATE) NOT IN ("
                    + String.join(", ", expected.stream().map(d -> "'" + d + "'").toList()) + ")"))
                    .containsExactly("2026-10-23");
            assertThat(values(c, "SELECT DISTINCT CategoryInstanceName FROM v_CICategoryInfo "
                    + "WHERE CategoryTypeName = 'UpdateClassification'"))
                    .contains("Security Updates", "Definition Updates", "Critical Updates", "Update Rollups");
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateInfo WHERE IsExpired = 1")).isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateInfo WHERE IsSuperseded = 1")).isGreaterThan(0);
        }

        @Test
        void titlesTestTheWorkbooksTextHandling() throws SQLException {
            List<String> titles = values(c, "SELECT Title FROM v_UpdateInfo");

            assertThat(titles).anyMatch(t -> t.startsWith("=")).anyMatch(t -> t.startsWith("+"))
                    .anyMatch(t -> t.startsWith("@")).anyMatch(t -> t.startsWith("-"))
                    .anyMatch(t -> t.codePoints().anyMatch(cp -> cp > 0xFFFF))
                    .anyMatch(t -> t.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                            == Character.UnicodeScript.HAN))
                    .anyMatch(t -> t.contains("é"));
        }

        @Test
        void everyTimeLiesBeforeTheAsOfDateButAFewFutureBoots() throws SQLException {
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus WHERE LastStatusChangeTime >= ? "
                    + "OR LastEnforcementMessageTime >= ? OR LastStatusCheckTime >= ?", asOf, asOf, asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE [TimeStamp] >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_WORKSTATION_STATUS WHERE LastHWScan >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateInfo WHERE DatePosted >= ?", asOf)).isZero();
            long boots = count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 IS NOT NULL");
            long futureBoots = count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 >= ?", asOf);
            assertThat(futureBoots).isBetween(1L, boots / 100);
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 > [TimeStamp] "
                    + "AND LastBootUpTime0 < ?", asOf)).as("a boot after the inventory that reports it").isZero();
        }

        // -------------------------------------------------------------------------------------
        // The deployment flow (Microsoft KB 3090265): install → state 9, Status 2 → restart → scan
        // → state 10, Status 3. Times compared in UTC; a boot of unknown offset stands for ±14 h.

        /** Every compliance row with its update and its host's last boot, for the flow's invariants. */
        private List<FlowRow> flowRows() throws SQLException {
            List<FlowRow> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT ucs.ResourceID, ucs.Status, ucs.LastEnforcementMessageID, ucs.LastEnforcementMessageTime,
                           ucs.LastStatusChangeTime, ui.DatePosted, ui.Title, ui.IsSuperseded, os.LastBootUpTime0,
                           os.[TimeStamp], COALESCE(cs.CurrentTimeZone0, ws.TimeZoneOffset), cdr.ClientState,
                           s.Operating_System_Name_and0
                    FROM v_UpdateComplianceStatus ucs
                    JOIN v_UpdateInfo ui ON ui.CI_ID = ucs.CI_ID
                    JOIN v_R_System s ON s.ResourceID = ucs.ResourceID
                    LEFT JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = ucs.ResourceID
                         AND os.[TimeStamp] = (SELECT MAX(o2.[TimeStamp]) FROM v_GS_OPERATING_SYSTEM o2
                                               WHERE o2.ResourceID = os.ResourceID)
                    LEFT JOIN v_GS_COMPUTER_SYSTEM cs ON cs.ResourceID = ucs.ResourceID
                    LEFT JOIN v_GS_WORKSTATION_STATUS ws ON ws.ResourceID = ucs.ResourceID
                    LEFT JOIN v_CombinedDeviceResources cdr ON cdr.MachineID = ucs.ResourceID""")) {
                while (rs.next()) {
                    LocalDateTime boot = rs.getObject(9, LocalDateTime.class);
                    LocalDateTime inventory = rs.getObject(10, LocalDateTime.class);
                    Integer offset = (Integer) rs.getObject(11);
                    long margin = offset == null ? 14 * 60 : 0;
                    long shift = offset == null ? 0 : offset;
                    rows.add(new FlowRow(rs.getInt(1), rs.getInt(2), (Integer) rs.getObject(3),
                            rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class),
                            rs.getObject(6, LocalDateTime.class), rs.getString(7), rs.getBoolean(8),
                            boot == null || !boot.isBefore(asOf) ? null : boot.minusMinutes(shift + margin),
                            boot == null || !boot.isBefore(asOf) ? null : boot.minusMinutes(shift - margin),
                            inventory == null ? null : inventory.minusMinutes(shift + margin),
                            (Integer) rs.getObject(12), String.valueOf(rs.getString(13)).contains("Server")));
                }
            }
            return rows;
        }

        /** A compliance row; boot and inventory are the earliest and latest UTC instants they may stand for. */
        record FlowRow(int resourceId, int status, Integer state, LocalDateTime stateTime, LocalDateTime statusChange,
                LocalDateTime posted, String title, boolean superseded, LocalDateTime bootEarliest,
                LocalDateTime bootLatest, LocalDateTime inventoryEarliest, Integer clientState, boolean server) {

            boolean restartDependentCumulative() {
                return title.contains("Cumulative Update for");
            }

            /** Status 3 and state 10 although an inventory after the message reports a boot before the release. */
            boolean disagrees() {
                return status == 3 && state != null && state == 10 && bootLatest != null && bootLatest.isBefore(posted)
                        && inventoryEarliest != null && inventoryEarliest.isAfter(stateTime);
            }
        }

        @Test
        void aPendingRestartMessageWithStatus3OnlyStaysWhereTheHostBootedSince() throws SQLException {
            List<FlowRow> lostState10 = flowRows().stream()
                    .filter(r -> r.status() == 3 && r.state() != null && r.state() == 9 && r.bootLatest() != null).toList();

            assertThat(lostState10).as("a scan after the restart set Status 3, the state-10 message was lost")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.bootLatest()).as("host %d booted after the message", r.resourceId())
                            .isAfter(r.stateTime()));
        }

        @Test
        void aState10ComesFromTheScanShortlyAfterTheRestartOrTheRecordsDisagree() throws SQLException {
            List<FlowRow> state10 = flowRows().stream().filter(r -> r.state() != null && r.state() == 10
                    && r.restartDependentCumulative() && r.bootEarliest() != null).toList();
            List<FlowRow> afterTheLastBoot = state10.stream().filter(r -> r.stateTime().isAfter(r.bootLatest())).toList();
            List<FlowRow> disagreeing = state10.stream().filter(FlowRow::disagrees).toList();

            assertThat(state10).allSatisfy(r -> assertThat(r.status()).isEqualTo(3));
            assertThat(afterTheLastBoot).as("state 10 raised by the scan after the last boot").hasSizeGreaterThan(50)
                    .allSatisfy(r -> assertThat(r.disagrees() || !r.stateTime().isAfter(r.bootLatest().plusHours(1)))
                            .as("host %d: state 10 at %s, boot by %s", r.resourceId(), r.stateTime(), r.bootLatest())
                            .isTrue());
            assertThat(disagreeing).as("a few records that disagree").isNotEmpty()
                    .hasSizeLessThan(state10.size() / 100);
        }

        @Test
        void anInstallWaitingForItsRestartIsRequiredWhoeverInstalledIt() throws SQLException {
            List<FlowRow> rows = flowRows();
            List<FlowRow> pending = rows.stream().filter(r -> r.status() == 2 && r.state() != null && r.state() == 9
                    && r.bootLatest() != null && r.bootLatest().isBefore(r.stateTime())).toList();
            List<FlowRow> stale = rows.stream().filter(r -> r.status() == 2 && r.state() != null && r.state() == 9
                    && r.bootEarliest() != null && r.bootEarliest().isAfter(r.stateTime())).toList();
            List<FlowRow> suppressedForMonths = pending.stream()
                    .filter(r -> r.server() && r.stateTime().isBefore(asOf.minusDays(90))).toList();
            List<FlowRow> outOfBand = rows.stream().filter(r -> r.status() == 2 && r.state() == null
                    && r.restartDependentCumulative() && r.bootLatest() != null && r.bootLatest().isBefore(r.posted())
                    && r.clientState() != null && (r.clientState() & 5) != 0).toList();

            assertThat(pending).as("installed, waiting for a restart: state 9, Status 2").hasSizeGreaterThan(500);
            assertThat(stale).as("stale state 9 after a restart").isNotEmpty().hasSizeLessThan(pending.size() / 20);
            assertThat(suppressedForMonths).as("suppressed restarts keep servers on state 9 for months").isNotEmpty();
            assertThat(outOfBand).as("installs outside a deployment: Status 2, no message, a restart flag on the host")
                    .isNotEmpty();
            assertThat(rows).as("Status 3 never comes with an install after the last boot, bar the disagreeing records")
                    .filteredOn(r -> r.status() == 3 && r.restartDependentCumulative() && r.bootLatest() != null
                            && r.bootLatest().isBefore(r.posted()) && r.inventoryEarliest() != null
                            && r.inventoryEarliest().isAfter(r.statusChange()))
                    .allSatisfy(r -> assertThat(r.disagrees()).as("host %d", r.resourceId()).isTrue());
        }

        @Test
        void reportedInstalledStandsWellAboveWhatARestartMadeEffective() throws SQLException {
            List<FlowRow> headline = flowRows().stream()
                    .filter(r -> !r.superseded() && r.restartDependentCumulative()).toList();
            long reportedInstalled = headline.stream()
                    .filter(r -> r.status() == 3 || (r.state() != null && (r.state() == 9 || r.state() == 10))).count();
            long waitingForARestart = headline.stream().filter(r -> r.status() == 2 && r.state() != null
                    && r.state() == 9 && r.bootLatest() != null && r.bootLatest().isBefore(r.stateTime())).count();

            assertThat(waitingForARestart).as("of %d reported installed", reportedInstalled)
                    .isGreaterThan(reportedInstalled / 5);
        }

        @Test
        void someScansFailedAndSomeAreWeeksOld() throws SQLException {
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateScanStatus WHERE LastScanState = 5")).isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateScanStatus us JOIN v_R_System s ON s.ResourceID = "
                    + "us.ResourceID WHERE s.Active0 = 1 AND us.UpdateSource_ID = 1 AND us.LastScanTime < ?",
                    asOf.minusDays(30))).as("active clients whose last scan is weeks old").isGreaterThan(0);
        }

        @Test
        void classificationsCarryTheirWsusGuids() throws SQLException {
            assertThat(values(c, "SELECT DISTINCT CategoryInstanceName + ' ' + CategoryInstance_UniqueID FROM "
                    + "v_CICategoryInfo WHERE CategoryTypeName = 'UpdateClassification'")).contains(
                    "Security Updates UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441",
                    "Critical Updates UpdateClassification:e6cf1350-c01b-414d-a61f-263d14d133b4",
                    "Update Rollups UpdateClassification:28bc880e-0592-4cbf-8f95-c79b17911d5f",
                    "Definition Updates UpdateClassification:e0789628-ce08-4437-be74-2495b842f43b");
            assertThat(count(c, "SELECT COUNT(*) FROM v_CICategoryInfo WHERE CategoryInstance_UniqueID NOT LIKE "
                    + "CategoryTypeName + ':%'")).isZero();
        }

        @Test
        void allSystemsCarriesTheSiteCodeAndServerCollectionsHaveMaintenanceWindows() throws SQLException {
            assertThat(values(c, "SELECT DISTINCT SiteCode FROM v_FullCollectionMembership WHERE CollectionID = 'SMS00001'"))
                    .containsExactly("PP1");
            assertThat(values(c, "SELECT c.Name FROM v_Collection c WHERE c.CollectionID = 'SMS00001'"))
                    .containsExactly("All Systems");
            assertThat(count(c, "SELECT COUNT(*) FROM v_ServiceWindow sw JOIN v_Collection c ON c.CollectionID = "
                    + "sw.CollectionID WHERE c.Name LIKE 'Servers%'")).isGreaterThanOrEqualTo(2);
            assertThat(count(c, "SELECT COUNT(*) FROM v_ServiceWindow WHERE IsEnabled = 0")).isGreaterThan(0);
            assertThat(count(c, "SELECT COUNT(*) FROM v_ServiceWindow sw WHERE NOT EXISTS (SELECT 1 FROM "
                    + "v_Collection c WHERE c.CollectionID = sw.CollectionID)")).isZero();
        }

        @Test
        void eachWindowsScheduleTokenSaysWhatItsNameSays() throws SQLException {
            Map<String, MaintenanceWindow> windows = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CollectionID, Name, "
                    + "ServiceWindowSchedules, IsEnabled, ServiceWindowType FROM v_ServiceWindow")) {
                while (rs.next()) {
                    windows.put(rs.getString(2), new MaintenanceWindow(rs.getString(1), null, rs.getString(2), null,
                            rs.getBoolean(4), rs.getInt(5), null, null, null, null, rs.getString(3)));
                }
            }
            LocalDateTime asOf = DemoSiteDatabase.AS_OF.atStartOfDay();

            assertThat(windows).hasSize(6).allSatisfy((name, w) -> assertThat(w.scheduleProblem()).as(name).isEmpty());
            assertThat(windows.get("Patch Group A - Saturday 02:00").scheduleText())
                    .isEqualTo("Every Saturday 02:00, 4 h (client local time)");
            assertThat(windows.get("Patch Group B - Sunday 02:00").scheduleText())
                    .isEqualTo("Every Sunday 02:00, 4 h (client local time)");
            assertThat(windows.get("Domain Controllers - Third Wednesday 22:00 UTC").scheduleText())
                    .isEqualTo("Third Wednesday of every month 22:00 UTC, 3 h");
            assertThat(windows.get("Pilot - Daily 12:00").scheduleText()).isEqualTo("Every day 12:00, 1 h (client local time)");
            assertThat(windows.get("Production - Daily 19:00").scheduleText())
                    .isEqualTo("Every day 19:00, 5 h (client local time)");
            MaintenanceWindow retired = windows.get("Production - Friday 22:00 (retired)");
            assertThat(retired.scheduleText()).isEqualTo("Every Friday 22:00, 2 h (client local time)");
            assertThat(retired.isEnabled()).isFalse();
            assertThat(windows.values()).filteredOn(MaintenanceWindow::isEnabled).hasSize(5)
                    .allSatisfy(w -> assertThat(w.appliesToUpdates()).isTrue());
            assertThat(windows.get("Patch Group A - Saturday 02:00").nextStart(asOf))
                    .contains(LocalDateTime.of(2026, 11, 21, 2, 0));
            assertThat(windows.get("Patch Group B - Sunday 02:00").nextStart(asOf))
                    .contains(LocalDateTime.of(2026, 11, 22, 2, 0));
            assertThat(windows.get("Domain Controllers - Third Wednesday 22:00 UTC").nextStart(asOf))
                    .contains(LocalDateTime.of(2026, 11, 18, 22, 0));
            assertThat(windows.get("Pilot - Daily 12:00").nextStart(asOf)).contains(LocalDateTime.of(2026, 11, 16, 12, 0));
            assertThat(windows.get("Production - Daily 19:00").nextStart(asOf))
                    .contains(LocalDateTime.of(2026, 11, 16, 19, 0));
        }

        @Test
        void theManuallyPatchedServersHaveADeploymentAndNoWindow() throws SQLException {
            assertThat(values(c, "SELECT CollectionID FROM v_CIAssignment WHERE AssignmentType IN (1, 5) "
                    + "AND EnforcementDeadline IS NULL")).containsExactly("PP100017");
            assertThat(count(c, "SELECT COUNT(*) FROM v_ServiceWindow WHERE CollectionID = 'PP100017'")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_FullCollectionMembership WHERE CollectionID = 'PP100017'"))
                    .isPositive();
            assertThat(values(c, "SELECT DISTINCT a.CollectionName FROM v_CIAssignment a WHERE a.CollectionID = 'PP100017'"))
                    .containsExactly("Servers - Manual Patching");
        }
    }

    // ---------------------------------------------------------------------------------------

    static Connection memoryDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:demo-" + MEMORY_DATABASES.incrementAndGet() + ";"
                + DemoSiteDatabase.H2_MODE);
    }

    /** SHA-256 per view over its rows, sorted, so that row order does not matter. */
    static Map<String, String> checksums(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return checksums(c);
        }
    }

    static Map<String, String> checksums(Connection c) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String view : VIEW_COLUMNS.keySet()) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + view)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('\u001F');
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (String row : rows) {
                    digest.update(row.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
                sums.put(view, rows.size() + ":" + HexFormat.of().formatHex(digest.digest()));
            }
            catch (java.security.NoSuchAlgorithmException ex) {
                throw new AssertionError(ex);
            }
        }
        return sums;
    }

    static long count(Connection c, String sql, Object... parameters) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<String> values(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static Set<String> fileNames(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        try (var files = Files.list(dir)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        return names;
    }
}
