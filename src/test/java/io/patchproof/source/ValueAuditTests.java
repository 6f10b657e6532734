package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.LocalStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A copy reads what it cannot use as unknown and keeps what the source returned: values that do
 * not convert (a site whose view declares the boot time and the offset as text), impossible dates
 * and NULL keys. None of them fails the copy; every row arrives.
 */
class ValueAuditTests {

    /** When the snapshot's source was read: dates more than a day later are impossible. */
    static final LocalDateTime READ_AT = LocalDateTime.of(2026, 12, 1, 9, 0);
    static final long SNAPSHOT = 3;

    private DataSource store;
    private JdbcTemplate storeJdbc;
    private DataSource site;
    private JdbcTemplate siteJdbc;

    @BeforeEach
    void storeAndSite() {
        store = LocalStore.fresh();
        storeJdbc = new JdbcTemplate(store);
        storeJdbc.update("INSERT INTO pp_snapshot (snapshot_id, snapshot_key, job_instance_id, schema_profile, status,"
                + " started_at) VALUES (?, 'k', 1, 'configmgr', 'EXTRACTING', ?)", SNAPSHOT, READ_AT);
        site = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;DB_CLOSE_DELAY=-1");
        siteJdbc = new JdbcTemplate(site);
        // A custom view of a site: the boot time and the offset are text.
        siteJdbc.execute("CREATE TABLE os (ResourceID INT, Netbios_Name0 VARCHAR(64), LastBootUpTime0 VARCHAR(64),"
                + " OsTimeStamp DATETIME, LastHWScan DATETIME, CurrentTimeZone0 VARCHAR(64))");
    }

    private void host(Integer id, String name, String boot, LocalDateTime inventory, String offset) {
        siteJdbc.update("INSERT INTO os VALUES (?, ?, ?, ?, ?, ?)", id, name, boot, inventory, inventory, offset);
    }

    private static final SqlFile HOSTS = SqlFile.load(new ByteArrayResource(("""
            -- a custom hosts view
            SELECT ResourceID AS resourceId, Netbios_Name0 AS name, NULL AS domain, NULL AS siteCode, NULL AS osName,
                   NULL AS osCaption, 0 AS obsolete, 0 AS decommissioned, 1 AS active, 1 AS client,
                   LastBootUpTime0 AS lastBootLocal, OsTimeStamp AS osInventoryLocal, LastHWScan AS hwScanLocal,
                   CurrentTimeZone0 AS currentTimeZone, NULL AS timeZoneOffset, NULL AS clientState,
                   NULL AS lastScanTime, NULL AS lastScanState, NULL AS clientActiveStatus
            FROM os ORDER BY Netbios_Name0""").getBytes(StandardCharsets.UTF_8), "select_hosts.sql"));

    private long copyHosts() {
        return SnapshotExtractor.copy(site, store, SNAPSHOT, SnapshotTable.HOSTS, HOSTS, Map.of(), 100);
    }

    private List<String> issues() {
        return storeJdbc.query("SELECT column_name, source_column, kind, seq, resource_id, raw_value, note"
                + " FROM pp_snap_value_issue WHERE snapshot_id = ? ORDER BY seq, column_name, kind",
                (rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4) + "|"
                        + rs.getObject(5) + "|" + rs.getString(6) + "|" + rs.getString(7), SNAPSHOT);
    }

    @Test
    void valuesThatDoNotConvertAreUnknownAndKeptWithTheirHostAndColumn() {
        LocalDateTime inventory = LocalDateTime.of(2026, 11, 15, 2, 0);
        host(1, "A-BAD-BOOT", "last tuesday", inventory, "60");
        host(2, "B-BAD-ZONE", "2026-11-10 03:00:00", inventory, "GMT+01:00");

        assertThat(copyHosts()).isEqualTo(2);

        List<Object> stored = new ArrayList<>();
        storeJdbc.query("SELECT lastBootLocal, currentTimeZone FROM pp_snap_host WHERE snapshot_id = ? ORDER BY seq",
                rs -> {
                    stored.add(rs.getObject(1, LocalDateTime.class));
                    stored.add(rs.getObject(2));
                }, SNAPSHOT);
        assertThat(stored).containsExactly(null, 60, LocalDateTime.of(2026, 11, 10, 3, 0), null);
        assertThat(issues()).containsExactly(
                "lastBootLocal|LastBootUpTime0|UNREADABLE|1|1|last tuesday|not a date and time",
                "currentTimeZone|CurrentTimeZone0|UNREADABLE|2|2|GMT+01:00|not a whole number");
        assertThat(storeJdbc.queryForList("SELECT source_column || '=' || total FROM pp_snap_value_issue_count"
                + " WHERE snapshot_id = ? ORDER BY source_column", String.class, SNAPSHOT))
                .containsExactly("CurrentTimeZone0=1", "LastBootUpTime0=1");
    }

    @Test
    void impossibleDatesAreUnknownAndNullKeysAreKeptButNoted() {
        // A boot in the future is no impossible date but a clock anomaly, which the rules name themselves.
        host(1, "A-FUTURE", "9999-12-31 00:00:00", LocalDateTime.of(9999, 12, 31, 0, 0), "0");
        host(2, "B-ZERO-DATE", "1900-01-01 00:00:00", LocalDateTime.of(1900, 1, 1, 0, 0), "0");
        // Within a day of the read: a client east of UTC, possible.
        host(3, "C-EAST", "2026-11-10 03:00:00", READ_AT.plusHours(20), "780");
        host(null, "D-NO-ID", "2026-11-10 03:00:00", LocalDateTime.of(2026, 11, 15, 2, 0), "0");

        assertThat(copyHosts()).as("every row arrives").isEqualTo(4);

        List<String> inventories = storeJdbc.queryForList("SELECT CAST(osInventoryLocal AS VARCHAR) || '/' || CAST(lastBootLocal"
                + " AS VARCHAR) FROM pp_snap_host WHERE snapshot_id = ? AND osInventoryLocal IS NOT NULL ORDER BY seq",
                String.class, SNAPSHOT);
        assertThat(inventories).containsExactly("2026-12-02 05:00:00/2026-11-10 03:00:00", "2026-11-15 02:00:00/2026-11-10 03:00:00");
        assertThat(storeJdbc.queryForObject("SELECT lastBootLocal FROM pp_snap_host WHERE snapshot_id = ? AND seq = 1",
                LocalDateTime.class, SNAPSHOT)).isEqualTo(LocalDateTime.of(9999, 12, 31, 0, 0));
        assertThat(issues()).containsExactly(
                "hwScanLocal|LastHWScan|IMPOSSIBLE_DATE|1|1|9999-12-31 00:00|after the source was read (2026-12-01 09:00 UTC) + 1 day",
                "osInventoryLocal|OsTimeStamp|IMPOSSIBLE_DATE|1|1|9999-12-31 00:00|after the source was read (2026-12-01 09:00 UTC) + 1 day",
                "hwScanLocal|LastHWScan|IMPOSSIBLE_DATE|2|2|1900-01-01 00:00|before 1990",
                "lastBootLocal|LastBootUpTime0|IMPOSSIBLE_DATE|2|2|1900-01-01 00:00|before 1990",
                "osInventoryLocal|OsTimeStamp|IMPOSSIBLE_DATE|2|2|1900-01-01 00:00|before 1990",
                "resourceId|ResourceID|NULL_KEY|4|null|name D-NO-ID|joins nothing");
    }

    @Test
    void aColumnFullOfBadValuesListsTheFirstThousandAndCountsThemAll() {
        siteJdbc.update("INSERT INTO os SELECT X, 'H' || X, 'soon', NULL, NULL, '0' FROM SYSTEM_RANGE(1, 1005)");

        assertThat(copyHosts()).isEqualTo(1005);

        assertThat(storeJdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_value_issue WHERE snapshot_id = ?", Long.class,
                SNAPSHOT)).isEqualTo(ValueAudit.LISTED);
        assertThat(storeJdbc.queryForObject("SELECT total FROM pp_snap_value_issue_count WHERE snapshot_id = ?"
                + " AND column_name = 'lastBootLocal'", Long.class, SNAPSHOT)).isEqualTo(1005);
    }

    @Test
    void aRetriedCopyKeepsOnlyWhatItsLastAttemptFound() {
        host(1, "A-BAD-BOOT", "last tuesday", LocalDateTime.of(2026, 11, 15, 2, 0), "0");
        copyHosts();
        siteJdbc.update("UPDATE os SET LastBootUpTime0 = '2026-11-10'");

        long rows = ExtractRetry.copy(new ExtractRetry.Policy(1, Duration.ZERO), pause -> { }, site, store, SNAPSHOT,
                SnapshotTable.HOSTS, HOSTS, Map.of(), 100);

        assertThat(rows).isEqualTo(1);
        assertThat(issues()).isEmpty();
        assertThat(storeJdbc.queryForObject("SELECT COUNT(*) FROM pp_snap_value_issue_count", Long.class)).isZero();
    }

    @Test
    void theSitesColumnIsFollowedThroughTheQuerysAliases() {
        String hosts = SqlFile.load("configmgr", "select_hosts").text();
        assertThat(ValueAudit.sourceColumn(hosts, "lastBootLocal")).isEqualTo("LastBootUpTime0");
        assertThat(ValueAudit.sourceColumn(hosts, "osInventoryLocal")).isEqualTo("TimeStamp");
        assertThat(ValueAudit.sourceColumn(hosts, "currentTimeZone")).isEqualTo("CurrentTimeZone0");
        assertThat(ValueAudit.sourceColumn(hosts, "resourceId")).isEqualTo("ResourceID");
        String compliance = SqlFile.load("configmgr", "select_compliance").text();
        assertThat(ValueAudit.sourceColumn(compliance, "lastStatusChangeTime")).isEqualTo("LastStatusChangeTime");
        assertThat(ValueAudit.sourceColumn(compliance, "stateName")).as("no column behind it").isEqualTo("stateName");
    }
}
