package io.patchproof.demo;

import static io.patchproof.demo.DemoSiteDatabaseTests.count;
import static io.patchproof.demo.DemoSiteDatabaseTests.memoryDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ConfigMgr demo estate as it stood on the dates of its history, against the demo's own date. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPastDatabaseTests {

    private static final int HOSTS = 845;
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 16);
    private static final LocalDate APRIL = LocalDate.of(2026, 4, 20);
    private static final LocalDate OCTOBER = LocalDate.of(2026, 10, 19);

    private final Map<LocalDate, Connection> databases = new TreeMap<>();

    @BeforeAll
    void build() throws SQLException {
        for (LocalDate date : List.of(LocalDate.of(2025, 11, 17), MARCH, APRIL, OCTOBER, DemoSiteDatabase.AS_OF)) {
            Connection c = memoryDatabase();
            DemoSiteDatabase.generate(c, HOSTS, DemoSiteDatabase.DEFAULT_SEED, date);
            databases.put(date, c);
        }
    }

    @AfterAll
    void close() throws SQLException {
        for (Connection c : databases.values()) {
            c.close();
        }
    }

    @Test
    void theHistoryIsTheMondayAfterPatchTuesdayOfEachOfTheTwelveMonthsBefore() {
        assertThat(DemoSiteDatabase.historyDates()).containsExactly(LocalDate.of(2025, 11, 17), LocalDate.of(2025, 12, 15),
                LocalDate.of(2026, 1, 19), LocalDate.of(2026, 2, 16), MARCH, APRIL, LocalDate.of(2026, 5, 18),
                LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 20), LocalDate.of(2026, 8, 17), LocalDate.of(2026, 9, 14),
                OCTOBER);
    }

    @Test
    void onItsOwnDateTheGeneratorWritesTheDemosOwnDatabase() throws SQLException {
        try (Connection own = memoryDatabase()) {
            DemoSiteDatabase.generate(own, 200, DemoSiteDatabase.DEFAULT_SEED);
            try (Connection dated = memoryDatabase()) {
                DemoSiteDatabase.generate(dated, 200, DemoSiteDatabase.DEFAULT_SEED, DemoSiteDatabase.AS_OF);
                assertThat(DemoSiteDatabaseTests.checksums(dated)).isEqualTo(DemoSiteDatabaseTests.checksums(own));
            }
        }
    }

    @Test
    void theSameSeedAndDateGiveTheSameRows() throws SQLException {
        try (Connection again = memoryDatabase()) {
            DemoSiteDatabase.generate(again, HOSTS, DemoSiteDatabase.DEFAULT_SEED, MARCH);
            assertThat(DemoSiteDatabaseTests.checksums(again)).isEqualTo(DemoSiteDatabaseTests.checksums(databases.get(MARCH)));
        }
    }

    @Test
    void aDateAfterTheDemosOwnHasNoStory() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoSiteDatabase.generate(memoryDatabase(), HOSTS,
                DemoSiteDatabase.DEFAULT_SEED, DemoSiteDatabase.AS_OF.plusDays(1))).withMessageContaining("2026-11-16");
    }

    @Test
    void noTimeLiesAfterAPastDateAndNoUpdateReleasedAfterItExists() throws SQLException {
        for (LocalDate date : List.of(LocalDate.of(2025, 11, 17), MARCH, APRIL, OCTOBER)) {
            Connection c = databases.get(date);
            LocalDateTime asOf = date.atStartOfDay();
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateInfo WHERE DatePosted >= ? OR DateRevised >= ?", asOf, asOf))
                    .as("updates of %s", date).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateComplianceStatus WHERE LastStatusChangeTime >= ? "
                    + "OR LastEnforcementMessageTime >= ? OR LastStatusCheckTime >= ?", asOf, asOf, asOf))
                    .as("state and status times of %s", date).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE [TimeStamp] >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_WORKSTATION_STATUS WHERE LastHWScan >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_QUICK_FIX_ENGINEERING WHERE [TimeStamp] >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_UpdateScanStatus WHERE LastScanTime >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_CombinedDeviceResources WHERE LastActiveTime >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_R_System WHERE Creation_Date0 >= ?", asOf)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM v_CIAssignment WHERE StartTime >= ?", asOf)).isZero();
            // As on the demo's own date, a few clients with a wrong clock report a boot in the future.
            long boots = count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 IS NOT NULL");
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 >= ?", asOf))
                    .isBetween(1L, boots / 100);
            assertThat(count(c, "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE LastBootUpTime0 > [TimeStamp] "
                    + "AND LastBootUpTime0 < ?", asOf)).as("a boot after the inventory that reports it").isZero();
        }
        assertThat(count(databases.get(OCTOBER), "SELECT COUNT(*) FROM v_UpdateInfo WHERE BulletinID = ?",
                DemoCatalog.OUT_OF_BAND_BULLETIN)).as("the out-of-band update is released on 23 October").isZero();
        assertThat(count(databases.get(DemoSiteDatabase.AS_OF), "SELECT COUNT(*) FROM v_UpdateInfo WHERE BulletinID = ?",
                DemoCatalog.OUT_OF_BAND_BULLETIN)).isOne();
    }

    @Test
    void theSameHostsCarryTheSameNamesResourceIdsRolesAndCollectionsMonthToMonth() throws SQLException {
        Map<Integer, String> own = hosts(databases.get(DemoSiteDatabase.AS_OF));
        Map<Integer, String> earliest = hosts(databases.get(LocalDate.of(2025, 11, 17)));
        for (Connection c : databases.values()) {
            Map<Integer, String> hosts = hosts(c);
            assertThat(own).containsAllEntriesOf(hosts);
            assertThat(hosts.size()).isGreaterThan(HOSTS * 85 / 100);
        }
        // A host is there from its discovery on: never gone in a later month.
        assertThat(hosts(databases.get(OCTOBER))).containsAllEntriesOf(earliest);
        assertThat(earliest.size()).isLessThan(own.size());
    }

    @Test
    void anUpdateKeepsItsCiIdAndOnlyTheNewestOfASeriesIsCurrent() throws SQLException {
        Map<String, Integer> own = updates(databases.get(DemoSiteDatabase.AS_OF));
        Map<String, Integer> march = updates(databases.get(MARCH));
        Map<String, Integer> kept = new HashMap<>(march);
        kept.keySet().retainAll(own.keySet());
        assertThat(kept).isNotEmpty().allSatisfy((title, id) -> assertThat(own.get(title)).isEqualTo(id));
        assertThat(march.keySet()).anyMatch(t -> t.startsWith("2026-03 Cumulative Update for Windows Server 2019"))
                .noneMatch(t -> t.startsWith("2026-04"));
        assertThat(count(databases.get(MARCH), "SELECT COUNT(*) FROM v_UpdateInfo WHERE Title LIKE '2026-03 Cumulative"
                + " Update for Windows Server 2019%' AND IsSuperseded = 0")).isOne();
        assertThat(count(databases.get(MARCH), "SELECT COUNT(*) FROM v_UpdateInfo WHERE Title LIKE '2026-02 Cumulative"
                + " Update for Windows Server 2019%' AND IsSuperseded = 1")).isOne();
        assertThat(count(databases.get(MARCH), "SELECT COUNT(DISTINCT CI_ID) FROM v_UpdateInfo WHERE Title LIKE"
                + " 'Security Intelligence Update%'")).isEqualTo(12);
    }

    @Test
    void serversThatRestartOnlyInTheQuarterEndCampaignAreCaughtUpAtTheAuditAndBehindAgainAMonthLater() throws SQLException {
        // The March audit's campaign: the Sunday after March's Patch Tuesday (10 March), 06:00 to 10:00 local.
        Set<Integer> campaign = serversBootedBetween(databases.get(MARCH), LocalDateTime.of(2026, 3, 15, 6, 0),
                LocalDateTime.of(2026, 3, 15, 10, 0));
        long servers = count(databases.get(MARCH), "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 <> 1");
        assertThat(campaign).as("servers restarted by the campaign before the March audit").hasSizeGreaterThan(
                (int) servers / 10);
        assertThat(serversPendingRestart(databases.get(MARCH))).as("at the audit").doesNotContainAnyElementsOf(campaign);
        Set<Integer> notRestartedSince = serversBootedBetween(databases.get(APRIL), LocalDateTime.of(2026, 3, 15, 6, 0),
                LocalDateTime.of(2026, 3, 15, 10, 0));
        assertThat(campaign.stream().filter(notRestartedSince::contains).count())
                .as("a month later, not restarted since the campaign").isGreaterThan(campaign.size() * 8L / 10);
        Set<Integer> pendingInApril = serversPendingRestart(databases.get(APRIL));
        assertThat(campaign.stream().filter(pendingInApril::contains).count())
                .as("a month later, with April's cumulative update waiting for the restart").isGreaterThanOrEqualTo(
                        campaign.size() / 2L);
        Set<Integer> longUp = serversBootedBefore(databases.get(OCTOBER), LocalDateTime.of(2025, 1, 1, 0, 0));
        assertThat(longUp).as("servers that never restarted in the whole history")
                .isNotEmpty().isSubsetOf(serversBootedBefore(databases.get(MARCH), LocalDateTime.of(2025, 1, 1, 0, 0)));
    }

    @Test
    void workstationsRestartOften() throws SQLException {
        for (LocalDate date : List.of(MARCH, OCTOBER)) {
            long workstations = count(databases.get(date), "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 = 1");
            long recent = count(databases.get(date), "SELECT COUNT(*) FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 = 1"
                    + " AND LastBootUpTime0 >= ?", date.minusDays(15).atStartOfDay());
            assertThat(recent).as("workstations booted in the two weeks before %s", date).isGreaterThan(workstations * 6 / 10);
        }
    }

    /** Host by ResourceID: name, domain, server or not, and its direct collections. */
    private static Map<Integer, String> hosts(Connection c) throws SQLException {
        Map<Integer, String> hosts = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT s.ResourceID, s.Netbios_Name0, s.Resource_Domain_OR_Workgr0, s.Operating_System_Name_and0,
                       (SELECT STRING_AGG(m.CollectionID, ',') WITHIN GROUP (ORDER BY m.CollectionID)
                        FROM v_FullCollectionMembership m WHERE m.ResourceID = s.ResourceID)
                FROM v_R_System s""")) {
            while (rs.next()) {
                hosts.put(rs.getInt(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5));
            }
        }
        return hosts;
    }

    private static Map<String, Integer> updates(Connection c) throws SQLException {
        Map<String, Integer> updates = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT Title, CI_ID FROM v_UpdateInfo")) {
            while (rs.next()) {
                updates.put(rs.getString(1), rs.getInt(2));
            }
        }
        return updates;
    }

    /** Servers with a current cumulative update waiting for its restart (state 9, Status 2). */
    private static Set<Integer> serversPendingRestart(Connection c) throws SQLException {
        return ids(c, """
                SELECT DISTINCT u.ResourceID FROM v_UpdateComplianceStatus u
                JOIN v_UpdateInfo i ON i.CI_ID = u.CI_ID
                JOIN v_GS_OPERATING_SYSTEM o ON o.ResourceID = u.ResourceID
                WHERE o.ProductType0 <> 1 AND u.Status = 2 AND u.LastEnforcementMessageID = 9
                  AND i.Title LIKE '%Cumulative Update for%' AND i.IsSuperseded = 0""");
    }

    /** Servers whose last boot (client local time) lies in [from, to). */
    private static Set<Integer> serversBootedBetween(Connection c, LocalDateTime from, LocalDateTime to) throws SQLException {
        return ids(c, "SELECT ResourceID FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 <> 1 AND LastBootUpTime0 >= ?"
                + " AND LastBootUpTime0 < ?", from, to);
    }

    private static Set<Integer> ids(Connection c, String sql, Object... parameters) throws SQLException {
        Set<Integer> ids = new TreeSet<>();
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    private static Set<Integer> serversBootedBefore(Connection c, LocalDateTime before) throws SQLException {
        return ids(c, "SELECT ResourceID FROM v_GS_OPERATING_SYSTEM WHERE ProductType0 <> 1 AND LastBootUpTime0 < ?", before);
    }
}
