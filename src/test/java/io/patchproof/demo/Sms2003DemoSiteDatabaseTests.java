package io.patchproof.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The SMS 2003 variant of the demo site database: files, determinism, schema and the story's shape. */
class Sms2003DemoSiteDatabaseTests {

    private static final String SMS2003 = DemoSiteDatabase.SMS2003;

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedDoesNot(@TempDir Path first, @TempDir Path second,
            @TempDir Path third) throws Exception {
        Map<String, String> a = checksums(DemoSiteDatabase.ensure(first, SMS2003, 80, 7L));
        Map<String, String> b = checksums(DemoSiteDatabase.ensure(second, SMS2003, 80, 7L));
        Map<String, String> c = checksums(DemoSiteDatabase.ensure(third, SMS2003, 80, 8L));

        assertThat(a).isEqualTo(b).containsKeys("site_patch_status", "site_applicable_update", "site_system");
        assertThat(c.get("site_patch_status")).isNotEqualTo(a.get("site_patch_status"));
    }

    @Test
    void eachSchemaHasItsOwnFileAndABuiltDatabaseIsReused(@TempDir Path dir) throws Exception {
        Path sms = DemoSiteDatabase.ensure(dir, SMS2003, 40, 3L);
        Path configMgr = DemoSiteDatabase.ensure(dir, 40, 3L);
        BasicFileAttributes before = Files.readAttributes(Path.of(sms + ".mv.db"), BasicFileAttributes.class);

        assertThat(DemoSiteDatabase.ensure(dir, SMS2003, 40, 3L)).isEqualTo(sms);
        assertThat(sms).isNotEqualTo(configMgr).isEqualTo(DemoSiteDatabase.fileFor(dir, SMS2003, 40, 3L));
        assertThat(sms.getFileName().toString()).startsWith("sms2003-");
        assertThat(Files.readAttributes(Path.of(sms + ".mv.db"), BasicFileAttributes.class).lastModifiedTime())
                .isEqualTo(before.lastModifiedTime());
        assertThat(views(sms)).contains("v_GS_PatchStatusEx").doesNotContain("v_UpdateComplianceStatus");
        assertThat(views(configMgr)).contains("v_UpdateComplianceStatus").doesNotContain("v_GS_PatchStatusEx");
    }

    @Test
    void anUnknownSchemaIsRejectedNamingTheProperty(@TempDir Path dir) {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoSiteDatabase.ensure(dir, "sccm2012", 40, 3L))
                .withMessageContaining("patchproof.demo.schema").withMessageContaining("sms2003");
    }

    @Test
    void theAsOfDateIsTheFridayAfterNovember2008sPatchTuesday() {
        LocalDate asOf = DemoSiteDatabase.asOf(SMS2003);
        LocalDate patchTuesday = YearMonth.of(2008, 11).atDay(1)
                .with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));

        assertThat(asOf).isEqualTo(DemoSiteDatabase.SMS2003_AS_OF).isEqualTo(patchTuesday.plusDays(3));
        assertThat(asOf.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(DemoSiteDatabase.asOf(DemoSiteDatabase.SCHEMA)).isEqualTo(DemoSiteDatabase.AS_OF);
    }

    @Test
    void theEmptySchemaCarriesTheSms2003ViewsAndColumnsTheQueriesName() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:sms2003-empty;" + DemoSiteDatabase.H2_MODE)) {
            DemoSiteDatabase.createSchema(c, SMS2003);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("v_GS_PatchStatusEx", "ResourceID, UpdateID, ID, QNumbers, Title, UniqueUpdateID, "
                    + "LastStatusMessageIDName, LastStateName, AgentInstallDate, Status, ScanAgent, ScanDateTime");
            expected.put("v_ApplicableUpdatesSummaryEx", "UpdateID, UniqueUpdateID, ID, QNumbers, Title, Product, "
                    + "LocaleID, DatePosted, DateRevised, Counts, InstalledCounts");
            expected.put("v_R_System", "ResourceID, Netbios_Name0, Operating_System_Name_and0, Obsolete0, Active0, Client0");
            expected.put("v_GS_OPERATING_SYSTEM", "ResourceID, GroupID, [TimeStamp], Caption0, LastBootUpTime0");
            expected.put("v_GS_WORKSTATION_STATUS", "ResourceID, GroupID, [TimeStamp], LastHWScan");
            expected.put("v_GS_COMPUTER_SYSTEM", "ResourceID, GroupID, [TimeStamp], CurrentTimeZone0");
            expected.put("v_FullCollectionMembership", "CollectionID, ResourceID, SiteCode");
            expected.put("v_Collection", "CollectionID, Name");
            try (Statement s = c.createStatement()) {
                for (Map.Entry<String, String> e : expected.entrySet()) {
                    s.executeQuery("SELECT " + e.getValue() + " FROM " + e.getKey() + " WHERE 1 = 0").close();
                }
                // What SMS 2003 does not have (sccm-schema.md section 9, corrections) is absent here too.
                for (String absent : List.of("SELECT Decommissioned0 FROM v_R_System",
                        "SELECT TimeZoneOffset FROM v_GS_WORKSTATION_STATUS")) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeQuery(absent))
                            .as(absent).isInstanceOf(SQLException.class).hasMessageContaining("not found");
                }
            }
        }
    }

    @Test
    void theShippedBulletinSeverityFileRatesEveryBulletinTheDemoUses() {
        io.patchproof.source.BulletinSeverities shipped = io.patchproof.source.BulletinSeverities.load(null);
        Set<String> bulletins = new TreeSet<>();
        Sms2003DemoCatalog.build().updates().stream().filter(Sms2003DemoCatalog.Update::security)
                .forEach(u -> bulletins.add(u.bulletinId()));
        bulletins.add("MS06-040"); // the row of an update the catalog no longer lists

        assertThat(bulletins).hasSizeGreaterThan(60).allSatisfy(b -> assertThat(shipped.code(b)).as(b).isNotNull());
        assertThat(shipped.code(Sms2003DemoCatalog.OUT_OF_BAND_BULLETIN)).isEqualTo(10);
    }

    /** One 400-host database, shared by the shape tests. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Shape {

        private static final int HOSTS = 400;
        private Connection c;

        @BeforeAll
        void build(@TempDir Path dir) throws SQLException {
            c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(dir, SMS2003, HOSTS,
                    DemoSiteDatabase.DEFAULT_SEED)));
        }

        @AfterAll
        void close() throws SQLException {
            c.close();
        }

        @Test
        void serversKeepTheShareOf450In8450AndRunWindows2000And2003() throws SQLException {
            long servers = number("SELECT COUNT(*) FROM v_R_System WHERE Operating_System_Name_and0 LIKE '%Server%'");

            assertThat(number("SELECT COUNT(*) FROM v_R_System")).isEqualTo(HOSTS);
            assertThat(servers).isEqualTo(Math.round(HOSTS * 450 / 8450.0));
            assertThat(strings("SELECT DISTINCT Caption0 FROM v_GS_OPERATING_SYSTEM"))
                    .anyMatch(s -> s.contains("Server 2003")).anyMatch(s -> s.contains("2000"))
                    .anyMatch(s -> s.contains("XP"));
        }

        @Test
        void twoYearsOfMonthlyBulletinsAndTheOutOfBandMs08067() throws SQLException {
            Set<String> months = new TreeSet<>(strings("SELECT DISTINCT DatePosted FROM v_ApplicableUpdatesSummaryEx "
                    + "WHERE ID LIKE 'MS%'").stream().map(d -> d.substring(0, 7)).toList());
            List<String> oob = strings("SELECT DISTINCT DatePosted FROM v_ApplicableUpdatesSummaryEx WHERE ID = 'MS08-067'");
            List<String> titles = strings("SELECT Title FROM v_ApplicableUpdatesSummaryEx WHERE ID = 'MS08-067' "
                    + "AND LocaleID = 1033 ORDER BY Title");

            assertThat(months).hasSizeGreaterThanOrEqualTo(24).first().isEqualTo("2006-11");
            assertThat(months).last().isEqualTo("2008-11");
            assertThat(strings("SELECT DISTINCT ID FROM v_ApplicableUpdatesSummaryEx WHERE ID LIKE 'MS%'"))
                    .allMatch(id -> id.matches("MS0[678]-0[0-9][0-9]")).contains("MS06-066", "MS08-069");
            assertThat(oob).singleElement().satisfies(d -> assertThat(d).startsWith("2008-10-23"));
            assertThat(LocalDate.of(2008, 10, 23).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
            assertThat(titles).containsExactly("Security Update for Windows 2000 (KB958644)",
                    "Security Update for Windows Server 2003 (KB958644)", "Security Update for Windows XP (KB958644)");
        }

        @Test
        void serversBootedMoreThanTwoYearsAgoReportMs08067Installed() throws SQLException {
            String story = """
                    FROM v_GS_PatchStatusEx ps
                    JOIN v_R_System s ON s.ResourceID = ps.ResourceID
                    JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = ps.ResourceID
                    WHERE ps.ID = 'MS08-067' AND ps.Status = 'Installed' AND ps.ScanAgent = 'Microsoft Updates Tool'
                      AND s.Operating_System_Name_and0 LIKE '%Server%'
                      AND os.LastBootUpTime0 < '2006-11-14'""";
            long storyServers = number("SELECT COUNT(*) " + story);
            long servers = number("SELECT COUNT(*) FROM v_R_System WHERE Operating_System_Name_and0 LIKE '%Server%'");

            assertThat(storyServers).isGreaterThanOrEqualTo(Math.max(3, servers / 5));
            assertThat(strings("SELECT DISTINCT ps.LastStateName " + story + " AND ps.LastStateName IS NOT NULL"))
                    .as("installed by the agent, some waiting for the restart").contains("Install Verified", "Reboot pending");
        }

        @Test
        void handInstallsOnServersThatHaveNotBootedSinceHaveAScanStatusAndNoAgentState() throws SQLException {
            long handInstalls = number("""
                    SELECT COUNT(*) FROM v_GS_PatchStatusEx ps
                    JOIN v_R_System s ON s.ResourceID = ps.ResourceID
                    JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = ps.ResourceID
                    JOIN v_ApplicableUpdatesSummaryEx au ON au.UpdateID = ps.UpdateID AND au.LocaleID = 1033
                    WHERE ps.Status = 'Installed' AND ps.LastStateName IS NULL AND ps.AgentInstallDate IS NULL
                      AND s.Operating_System_Name_and0 LIKE '%Server%'
                      AND os.LastBootUpTime0 < au.DatePosted""");

            assertThat(handInstalls).isPositive();
        }

        @Test
        void anOlderScanToolReportsAFewBulletinsBesideItmuUnderItsOwnUpdateIds() throws SQLException {
            long beside = number("""
                    SELECT COUNT(*) FROM v_GS_PatchStatusEx old
                    JOIN v_GS_PatchStatusEx itmu ON itmu.ResourceID = old.ResourceID AND itmu.ID = old.ID
                        AND itmu.ScanAgent = 'Microsoft Updates Tool'
                    WHERE old.ScanAgent = 'Security Updates Tool' AND old.UpdateID <> itmu.UpdateID""");
            long older = number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE ScanAgent = 'Security Updates Tool'");

            assertThat(older).isPositive().isLessThan(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx") / 50);
            assertThat(beside).as("every older-tool row has ITMU's row beside it").isEqualTo(older);
            assertThat(strings("SELECT DISTINCT Status FROM v_GS_PatchStatusEx")).containsExactlyInAnyOrder("Installed",
                    "Applicable", "Not Applicable");
        }

        @Test
        void itmuReportsTheOtherStatesAndAFewNamesTheDefaultsDoNotKnow() throws SQLException {
            assertThat(strings("SELECT DISTINCT LastStateName FROM v_GS_PatchStatusEx WHERE LastStateName IS NOT NULL"))
                    .contains("Install Verified", "Reboot pending", "Install Pending", "Applicable", "Failed",
                            "Not Applicable", "Uninstall Pending");
            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE LastStateName IS NULL")).isPositive();
            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE Status = 'Installed' "
                    + "AND LastStateName IS NULL AND AgentInstallDate IS NULL")).as("installed by hand").isPositive();
            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE LastStateName = 'Reboot pending' "
                    + "AND AgentInstallDate IS NULL")).as("installed by Windows Update, waiting for a restart").isPositive();
        }

        @Test
        void everyTimeLiesBeforeTheAsOfDateButAFewFutureBoots() throws SQLException {
            String asOf = "'" + DemoSiteDatabase.SMS2003_AS_OF + "'";

            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE AgentInstallDate >= " + asOf)).isZero();
            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE ScanDateTime >= " + asOf)).isZero();
            assertThat(number("SELECT COUNT(*) FROM v_GS_PatchStatusEx WHERE AgentInstallDate > ScanDateTime"))
                    .as("no scan misses an install it reports").isZero();
            assertThat(number("SELECT COUNT(*) FROM v_ApplicableUpdatesSummaryEx WHERE DatePosted >= " + asOf)).isZero();
            assertThat(number("SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE [TimeStamp] >= " + asOf)).isZero();
            assertThat(number("SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 >= " + asOf))
                    .isPositive().isLessThan(5);
        }

        @Test
        void theCatalogCountsTheHostsThatNeedAndHaveEachUpdate() throws SQLException {
            long mismatches = number("""
                    SELECT COUNT(*) FROM v_ApplicableUpdatesSummaryEx au
                    WHERE au.LocaleID = 1033 AND au.InstalledCounts <> (SELECT COUNT(*) FROM v_GS_PatchStatusEx ps
                        WHERE ps.UpdateID = au.UpdateID AND ps.Status = 'Installed'
                          AND ps.ResourceID IN (SELECT ResourceID FROM v_R_System))""");

            assertThat(mismatches).isZero();
        }

        private long number(String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private List<String> strings(String sql) throws SQLException {
            List<String> values = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    // ---------------------------------------------------------------------------------------

    private static Set<String> views(Path db) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(db));
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"VIEW"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static Map<String, String> checksums(Path db) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(DemoSiteDatabase.jdbcUrl(db))) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "site_%", new String[] {"BASE TABLE", "TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table
                        + " ORDER BY 1, 2")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            digest.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                            digest.update((byte) 0);
                        }
                    }
                }
                sums.put(table, HexFormat.of().formatHex(digest.digest()));
            }
        }
        return sums;
    }
}
