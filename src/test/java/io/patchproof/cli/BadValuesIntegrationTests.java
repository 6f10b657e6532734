package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a site should not hold, end to end (issue 11, items 4, 5 and 13): a column that a custom
 * view declares as text, holding words where a boot time or an offset belongs; inventory dated
 * 9999-12-31 and boot times of SQL Server's zero date; compliance rows, a discovery record and an
 * update whose key is NULL. The run completes, reads each such value as unknown, keeps NULL keys
 * away from every join, and lists them all under Data quality with host and column.
 */
class BadValuesIntegrationTests {

    static final int KB_CI = 100;
    static final String KB = "5066001";
    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    static Path dir;

    static Cli cli;
    static Cli.Result result;
    static int inserted;
    static Map<String, Map<String, String>> findings;
    static Map<String, Object> counts;
    static Map<String, Long> figures;
    static List<List<Object>> listed;

    @BeforeAll
    static void runAgainstASiteWithBadValues() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir);
        site.update(KB_CI, KB, "2026-10 Cumulative Update for Windows Server 2022 (KB" + KB + ")").add();
        site.host(1, "GOOD-01").add();
        site.compliance(1, KB_CI).add();
        // Item 13: LastBootUpTime0 and CurrentTimeZone0 are text at this site; two values are words.
        site.host(2, "WORDBOOT-01").add();
        site.compliance(2, KB_CI).add();
        site.host(3, "TEXTZONE-01").add();
        site.compliance(3, KB_CI).add();
        site.afterwards("ALTER TABLE site_operating_system ALTER COLUMN LastBootUpTime0 SET DATA TYPE VARCHAR(64)")
                .afterwards("UPDATE site_operating_system SET LastBootUpTime0 = 'last tuesday' WHERE ResourceID = 2")
                .afterwards("ALTER TABLE site_computer_system ALTER COLUMN CurrentTimeZone0 SET DATA TYPE VARCHAR(64)")
                .afterwards("UPDATE site_computer_system SET CurrentTimeZone0 = 'GMT+01:00' WHERE ResourceID = 3")
                .afterwards("UPDATE site_workstation_status SET TimeZoneOffset = NULL WHERE ResourceID = 3");
        // Item 4: an inventory dated 9999-12-31, a boot on SQL Server's zero date.
        site.host(4, "FARFUTURE-01").inventoryLocal(LocalDateTime.of(9999, 12, 31, 0, 0)).add();
        site.compliance(4, KB_CI).add();
        site.host(5, "ZERODATE-01").bootLocal(LocalDateTime.of(1900, 1, 1, 0, 0)).add();
        site.compliance(5, KB_CI).add();
        // Item 5: NULL keys on every side.
        site.afterwards("ALTER TABLE site_system DROP PRIMARY KEY")
                .afterwards("ALTER TABLE site_system ALTER COLUMN ResourceID SET NULL")
                .afterwards("INSERT INTO site_system (ResourceID, ResourceType, Netbios_Name0, Name0, Operating_System_Name_and0,"
                        + " Client0, Active0, Obsolete0, Decommissioned0) VALUES (NULL, 5, 'NULLID-01', 'NULLID-01',"
                        + " 'Microsoft Windows NT Server 10.0', 1, 1, 0, 0)")
                .afterwards("ALTER TABLE site_update DROP PRIMARY KEY")
                .afterwards("ALTER TABLE site_update ALTER COLUMN CI_ID SET NULL")
                .afterwards("INSERT INTO site_update (CI_ID, CI_UniqueID, CIType_ID, ArticleID, BulletinID, Title, Severity,"
                        + " DatePosted, IsExpired, IsSuperseded, IsDeployed, IsEnabled) VALUES (NULL, 'no-id', 1, '5066099', '',"
                        + " 'An update without CI_ID', 10, '2026-10-14 17:00:00', 0, 0, 1, 1)")
                .afterwards("ALTER TABLE site_update_compliance ALTER COLUMN ResourceID SET NULL")
                .afterwards("ALTER TABLE site_update_compliance ALTER COLUMN CI_ID SET NULL")
                .afterwards("INSERT INTO site_update_compliance (ComplianceKey, CI_ID, ResourceID, Status, LastStatusChangeTime)"
                        + " VALUES (900001, " + KB_CI + ", NULL, 3, '2026-10-16 01:00:00')")
                .afterwards("INSERT INTO site_update_compliance (ComplianceKey, CI_ID, ResourceID, Status, LastStatusChangeTime)"
                        + " VALUES (900002, NULL, 1, 3, '2026-10-16 01:00:00')");
        inserted = site.complianceRows() + 2;
        String url = site.build();

        cli = new Cli(dir.resolve("work"), dir.resolve("demo"));
        result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);

        findings = new LinkedHashMap<>();
        if (result.exitCode() == 0) {
            for (Map<String, String> row : FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv")).rows()) {
                findings.put(row.get("resource_id") + "/" + row.get("ci_id"), row);
            }
            Map<String, Object> manifest = ReportJson.object(ReportJson.parse(
                    Files.readString(cli.output().resolve(STEM + ".manifest.json"))));
            counts = ReportJson.object(manifest.get("counts"));
            figures = new LinkedHashMap<>();
            listed = new ArrayList<>();
            try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
                boolean records = false;
                for (List<Object> row : workbook.rows("Data quality")) {
                    if (!row.isEmpty() && "Category".equals(row.get(0))) {
                        records = true;
                    } else if (!records && row.size() >= 3 && row.get(1) instanceof Number n) {
                        figures.put(row.get(0) + ": " + row.get(2), n.longValue());
                    } else if (records && !row.isEmpty()) {
                        listed.add(row);
                    }
                }
            }
        }
    }

    /** The Data quality lines of one category, as "host | detail". */
    static List<String> listed(String category) {
        return listed.stream().filter(r -> category.equals(r.get(0)))
                .map(r -> (r.size() > 2 && r.get(2) != null ? r.get(2) : "") + " | " + (r.size() > 3 ? r.get(3) : ""))
                .toList();
    }

    @Test
    void theRunCompletesDespiteValuesThatDoNotConvert() {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(((Number) counts.get("rowsRead")).longValue()).as("no row lost").isEqualTo(inserted);
        assertThat(counts.get("reconciles")).isEqualTo(true);
    }

    @Test
    void aWordForABootTimeOrAnOffsetIsUnknownAndNamedWithHostAndColumn() {
        assertThat(findings.get("2/" + KB_CI).get("verdict")).isEqualTo("UNVERIFIED");
        assertThat(findings.get("2/" + KB_CI).get("evidence")).contains("last boot unknown");
        assertThat(findings.get("2/" + KB_CI).get("last_boot_utc")).isEmpty();
        assertThat(findings.get("3/" + KB_CI).get("evidence")).contains("offset unknown");
        assertThat(findings.get("3/" + KB_CI).get("last_boot_utc")).as("a boot with no known offset").isEmpty();
        assertThat(findings.get("1/" + KB_CI).get("verdict")).as("the control").isEqualTo("IN_EFFECT");

        assertThat(listed("Unreadable value")).containsExactlyInAnyOrder(
                "WORDBOOT-01 | LastBootUpTime0 = 'last tuesday' (not a date and time): read as unknown"
                        + " (select_hosts.sql row 3)",
                "TEXTZONE-01 | CurrentTimeZone0 = 'GMT+01:00' (not a whole number): read as unknown"
                        + " (select_hosts.sql row 4)");
        assertThat(figures).containsEntry("Records by category: Unreadable value", 2L);
    }

    @Test
    void impossibleDatesDecideNoFreshnessFigureAndNoVerdict() {
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            assertThat(workbook.cellNextTo("Summary", "Newest inventory (client local time)").dateTime())
                    .as("the newest possible inventory, not 9999-12-31").isEqualTo(SiteDatabaseBuilder.INVENTORY);
            assertThat(workbook.cellNextTo("Summary", "Days from newest inventory to as-of").number()).isEqualTo(1);
        }
        // Unknown inventory: nothing dates the boot; before the fix a 9999 inventory confirmed it.
        assertThat(findings.get("4/" + KB_CI).get("verdict")).isEqualTo("UNVERIFIED");
        assertThat(findings.get("4/" + KB_CI).get("inventory_utc")).isEmpty();
        // A boot on 1900-01-01 is unknown, not "booted long before the release" (which would be NOT_IN_EFFECT).
        assertThat(findings.get("5/" + KB_CI).get("verdict")).isEqualTo("UNVERIFIED");
        assertThat(findings.get("5/" + KB_CI).get("evidence")).contains("last boot unknown");

        assertThat(listed("Impossible date")).hasSize(3).anySatisfy(line -> assertThat(line)
                .startsWith("FARFUTURE-01 | TimeStamp = 9999-12-31 00:00, after the source was read (")
                .endsWith("+ 1 day: read as unknown, used in no figure or verdict (select_hosts.sql row 5)"))
                .anySatisfy(line -> assertThat(line).startsWith("FARFUTURE-01 | LastHWScan = 9999-12-31 00:00"))
                .anySatisfy(line -> assertThat(line).startsWith("ZERODATE-01 | LastBootUpTime0 = 1900-01-01 00:00, before 1990"));
        assertThat(figures).containsEntry("Records by category: Impossible date", 3L);
    }

    @Test
    void nullKeysJoinNothingAndAreCountedAndListed() {
        assertThat(findings.keySet()).as("no NULL-key row in scope").containsExactlyInAnyOrder("1/" + KB_CI, "2/" + KB_CI,
                "3/" + KB_CI, "4/" + KB_CI, "5/" + KB_CI);
        assertThat(ReportJson.object(counts.get("outOfScopeByReason"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "NULL ResourceID (joins no host)", 1L, "NULL CI_ID (joins no update)", 1L));

        assertThat(listed("NULL key")).containsExactlyInAnyOrder(
                "NULLID-01 | discovery record without ResourceID (name NULLID-01): joins no compliance row, collection or"
                        + " inventory (select_hosts.sql row 1)",
                " | update without CI_ID (KB5066099 An update without CI_ID): joins no compliance row (select_updates.sql row 1)",
                " | compliance row without ResourceID (ResourceID NULL, CI_ID 100): joins nothing, out of scope"
                        + " (select_compliance.sql row 6)",
                "GOOD-01 | compliance row without CI_ID (ResourceID 1, CI_ID NULL): joins nothing, out of scope"
                        + " (select_compliance.sql row 7)");
        assertThat(figures).containsEntry("Records by category: NULL key", 4L)
                .containsEntry("Rows out of scope by reason: NULL ResourceID (joins no host)", 1L);
    }
}
