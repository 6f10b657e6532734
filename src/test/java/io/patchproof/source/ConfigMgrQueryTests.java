package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.reconcile.ScheduleToken;
import io.patchproof.testsupport.SiteDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * Every {@code sql/configmgr} file against the 60-host demo site database in H2's SQL Server
 * mode. Scoped results are checked against the unscoped result filtered in Java, so a filter
 * that drops, adds or mismatches rows fails.
 */
class ConfigMgrQueryTests {

    private static final Instant AS_OF_END = DemoSiteDatabase.AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final SourceScope ALL = SourceScope.all(AS_OF_END);

    private static NamedParameterJdbcTemplate named;
    private static JdbcTemplate plain;
    private static List<Map<String, Object>> allHosts;
    private static List<Map<String, Object>> allUpdates;
    private static List<Map<String, Object>> allCompliance;

    @BeforeAll
    static void openDemoDatabase() {
        plain = new JdbcTemplate(SiteDatabases.smallDataSource());
        named = new NamedParameterJdbcTemplate(plain);
        allHosts = run("select_hosts", ALL);
        allUpdates = run("select_updates", ALL);
        allCompliance = run("select_compliance", ALL);
    }

    // ---------------------------------------------------------------------------------------
    // Columns

    static Stream<Arguments> columnLabels() {
        return Stream.of(
                Arguments.of("select_hosts", List.of("resourceId", "name", "domain", "siteCode", "osName", "osCaption",
                        "obsolete", "decommissioned", "active", "client", "lastBootLocal", "osInventoryLocal",
                        "hwScanLocal", "currentTimeZone", "timeZoneOffset", "clientState", "lastScanTime",
                        "lastScanState", "clientActiveStatus")),
                Arguments.of("select_updates", List.of("ciId", "articleId", "bulletinId", "title", "severity",
                        "datePosted", "isExpired", "isSuperseded")),
                Arguments.of("select_update_categories", List.of("ciId", "categoryType", "categoryName", "categoryId")),
                Arguments.of("select_compliance", List.of("resourceId", "ciId", "status", "lastStatusChangeTime",
                        "enforcementState", "enforcementTime", "lastErrorCode", "qfeInstalledOn", "stateName", "scanStatus",
                        "scanAgent", "scanTime", "bulletinId", "articleId")),
                Arguments.of("select_qfe", List.of("resourceId", "hotFixId", "installedOn")),
                Arguments.of("select_collection_members", List.of("collectionId", "resourceId")),
                Arguments.of("select_collections", List.of("collectionId", "collectionName")),
                Arguments.of("select_maintenance_windows", List.of("collectionId", "collectionName", "windowName",
                        "windowDescription", "startTime", "durationMinutes", "isGmt", "isEnabled", "windowType",
                        "recurrenceType", "schedules")),
                Arguments.of("select_host_product_types", List.of("resourceId", "productType")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columnLabels")
    void eachFileReturnsTheAgreedColumnLabels(String file, List<String> labels) {
        List<String> actual = new ArrayList<>();
        long rows = named.query(SqlFile.load("configmgr", file).text(), ALL.toParameters(), rs -> {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                actual.add(md.getColumnLabel(i));
            }
            long n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        });

        assertThat(actual).containsExactlyElementsOf(labels);
        assertThat(rows).as("rows of %s", file).isPositive();
    }

    static Stream<String> files() {
        return columnLabels().map(a -> (String) a.get()[0]);
    }

    /**
     * The header is the truth the pre-flight checks a site against: every column it names is a
     * column of the view on the stand-in, and every column the statement reads through a view's
     * alias is named (needed or optional).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theHeaderNamesEveryViewColumnTheStatementReads(String file) {
        SqlFile sql = SqlFile.load("configmgr", file);
        Set<String> declared = new HashSet<>();
        Stream.concat(sql.needs().stream(), sql.optional().stream())
                .forEach(c -> declared.add((c.view() + "." + c.column()).toLowerCase(java.util.Locale.ROOT)));
        for (String column : declared) {
            String[] parts = column.split("\\.");
            assertThat(plain.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE LOWER(TABLE_NAME) = ?"
                    + " AND LOWER(COLUMN_NAME) = ?", Integer.class, parts[0], parts[1])).as("%s on the stand-in", column)
                    .isEqualTo(1);
        }
        String body = sql.text().replaceAll("--[^\\n]*", "").replaceAll("'[^']*'", "''");
        Map<String, String> aliases = new HashMap<>();
        java.util.regex.Matcher from = java.util.regex.Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+(v_\\w+)\\s+(?:AS\\s+)?(\\w+)")
                .matcher(body);
        while (from.find()) {
            aliases.put(from.group(2).toLowerCase(java.util.Locale.ROOT), from.group(1));
        }
        java.util.regex.Matcher ref = java.util.regex.Pattern.compile("\\b(\\w+)\\.\\[?(\\w+)\\]?").matcher(body);
        Set<String> read = new HashSet<>();
        while (ref.find()) {
            String view = aliases.get(ref.group(1).toLowerCase(java.util.Locale.ROOT));
            if (view != null) {
                read.add((view + "." + ref.group(2)).toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(read.isEmpty()).as("alias-qualified view columns of %s", file).isEqualTo(aliases.isEmpty());
        assertThat(declared).as("declared in the header of %s", file).containsAll(read);
    }

    @Test
    void theStandInHasEveryOptionalColumnSoTheDemoReadsThemAll() {
        SourceDescription description = SourceInspector.inspect(plain.getDataSource(), new SourceSettings(
                DemoSiteDatabase.jdbcUrl(SiteDatabases.small()), null, null, "configmgr", 100,
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1), true));

        assertThat(description.tables()).isNotEmpty()
                .allSatisfy(q -> assertThat(q.file().absent()).as(q.file().path()).isEmpty())
                .allSatisfy(q -> assertThat(q.file().text()).isEqualTo(SqlFile.load("configmgr", q.table().query()).text()));
    }

    @Test
    void flagsStatesAndCodesComeBackAsIntegers() {
        assertIntegers(allHosts, "resourceId", "obsolete", "decommissioned", "active", "client", "currentTimeZone",
                "timeZoneOffset", "clientState", "lastScanState", "clientActiveStatus");
        assertIntegers(allUpdates, "ciId", "severity", "isExpired", "isSuperseded");
        assertIntegers(allCompliance, "resourceId", "ciId", "status", "enforcementState", "lastErrorCode");
        assertIntegers(run("select_maintenance_windows", ALL), "durationMinutes", "isGmt", "isEnabled", "windowType",
                "recurrenceType");
        assertIntegers(run("select_host_product_types", ALL), "resourceId", "productType");
        assertThat(allUpdates).extracting(r -> r.get("isExpired")).contains(0, 1);
        assertThat(allHosts).extracting(r -> r.get("obsolete")).contains(0, 1);
    }

    // ---------------------------------------------------------------------------------------
    // Hosts

    @Test
    void hostsHaveOneRowPerDiscoveryRecordIncludingObsoleteAndDecommissioned() {
        List<Integer> ids = allHosts.stream().map(r -> (Integer) r.get("resourceId")).toList();

        assertThat(ids).hasSize(SiteDatabases.SMALL_HOSTS).doesNotHaveDuplicates().isSorted()
                .containsExactlyInAnyOrderElementsOf(plain.queryForList("SELECT ResourceID FROM v_R_System",
                        Integer.class));
        assertThat(allHosts).anyMatch(r -> Integer.valueOf(1).equals(r.get("obsolete")))
                .anyMatch(r -> Integer.valueOf(1).equals(r.get("decommissioned")))
                .allMatch(r -> "PP1".equals(r.get("siteCode")));
    }

    @Test
    void theLatestInventoryAndScanRowsWin() {
        Map<Integer, Object> latestInventory = byResource(
                "SELECT ResourceID, MAX([TimeStamp]) FROM v_GS_OPERATING_SYSTEM GROUP BY ResourceID");
        Map<Integer, Object> bootOfLatest = byResource("SELECT os.ResourceID, os.LastBootUpTime0 FROM "
                + "v_GS_OPERATING_SYSTEM os WHERE os.[TimeStamp] = (SELECT MAX(o2.[TimeStamp]) FROM "
                + "v_GS_OPERATING_SYSTEM o2 WHERE o2.ResourceID = os.ResourceID)");
        Map<Integer, Object> latestScan = byResource(
                "SELECT ResourceID, MAX(LastScanTime) FROM v_UpdateScanStatus GROUP BY ResourceID");
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM (SELECT ResourceID FROM v_GS_OPERATING_SYSTEM "
                + "GROUP BY ResourceID HAVING COUNT(*) > 1) d", Integer.class))
                .as("the demo has hosts with two OS inventory rows").isPositive();
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM (SELECT ResourceID FROM v_UpdateScanStatus "
                + "GROUP BY ResourceID HAVING COUNT(*) > 1) d", Integer.class))
                .as("the demo has hosts with two scan sources").isPositive();

        for (Map<String, Object> host : allHosts) {
            Integer id = (Integer) host.get("resourceId");
            assertThat(host.get("osInventoryLocal")).as("inventory of %s", id).isEqualTo(latestInventory.get(id));
            assertThat(host.get("lastBootLocal")).as("boot of %s", id).isEqualTo(bootOfLatest.get(id));
            assertThat(host.get("lastScanTime")).as("scan of %s", id).isEqualTo(latestScan.get(id));
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "LAB?PC01          | LAB_PC01,LABXPC01",
        "LAB_PC01          | LAB_PC01",
        "lab_pc01          | LAB_PC01",
        "QA%KIOSK          | QA%KIOSK",
        "QA*               | QA%KIOSK",
        "O'NEIL-LT         | O'NEIL-LT",
        "%                 | none",
        "_AB_PC01          | none",
        "[L]AB_PC01        | none",
        "'; DROP TABLE x; -- | none"})
    void hostPatternsMatchWildcardsAndEverythingElseLiterally(String pattern, String expected) {
        SourceScope scope = new SourceScope(null, null, null, pattern, null, false, AS_OF_END);
        Set<String> expectedNames = expected.equals("none") ? Set.of() : Set.of(expected.split(","));

        assertThat(run("select_hosts", scope)).extracting(r -> (String) r.get("name"))
                .containsExactlyInAnyOrderElementsOf(expectedNames);
    }

    @Test
    void aStarMatchesAnyRunOfCharacters() {
        SourceScope scope = new SourceScope(null, null, null, "srv*", null, false, AS_OF_END);

        assertThat(run("select_hosts", scope)).extracting(r -> r.get("resourceId"))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(allHosts.stream()
                        .filter(h -> h.get("name") != null && ((String) h.get("name")).startsWith("SRV"))
                        .map(h -> h.get("resourceId")).toList());
    }

    @Test
    void serversOnlyAndCollectionRestrictTheHosts() {
        List<Object> servers = run("select_hosts", new SourceScope(null, null, null, null, null, true, AS_OF_END))
                .stream().map(r -> r.get("resourceId")).toList();
        List<Object> collection = run("select_hosts", new SourceScope("PP100010", null, null, null, null, false,
                AS_OF_END)).stream().map(r -> r.get("resourceId")).toList();

        assertThat(servers).isNotEmpty().hasSizeLessThan(allHosts.size())
                .containsExactlyInAnyOrderElementsOf(ids(allHosts, h -> h.get("osName") != null
                        && ((String) h.get("osName")).contains("Server")));
        assertThat(collection).isNotEmpty().hasSizeLessThan(allHosts.size()).containsExactlyInAnyOrderElementsOf(
                plain.queryForList("SELECT ResourceID FROM v_FullCollectionMembership WHERE CollectionID = 'PP100010'",
                        Integer.class));
    }

    // ---------------------------------------------------------------------------------------
    // Updates and categories

    @Test
    void updatesAreFilteredByKbBulletinSeverityAndReleaseDate() {
        String msrt = "890830";
        String oneCu = allUpdates.stream().map(r -> (String) r.get("title"))
                .filter(t -> t.contains("Cumulative Update for Windows Server 2019")).findFirst().orElseThrow()
                .replaceAll(".*\\(KB(\\d+)\\)$", "$1");
        LocalDateTime june = LocalDateTime.of(2026, 6, 1, 0, 0);

        assertThat(ciIds(run("select_updates", new SourceScope(null, List.of("KB" + oneCu, msrt), null, null, null,
                false, AS_OF_END)))).hasSizeGreaterThan(2).isEqualTo(ciIds(allUpdates,
                        u -> u.get("articleId").equals(oneCu) || u.get("articleId").equals(msrt)));
        assertThat(ciIds(run("select_updates", new SourceScope(null, null, List.of("ms26-067"), null, null, false,
                AS_OF_END)))).hasSize(1).isEqualTo(ciIds(allUpdates,
                        u -> "MS26-067".equalsIgnoreCase((String) u.get("bulletinId"))));
        assertThat(ciIds(run("select_updates", new SourceScope(null, null, null, null, 8, false, AS_OF_END))))
                .isNotEmpty().isEqualTo(ciIds(allUpdates, u -> u.get("severity") != null
                        && (Integer) u.get("severity") >= 8));
        assertThat(ciIds(run("select_updates", new SourceScope(null, null, null, null, null, false,
                june.toInstant(ZoneOffset.UTC))))).isNotEmpty().hasSizeLessThan(allUpdates.size())
                .isEqualTo(ciIds(allUpdates, u -> ((Timestamp) u.get("datePosted")).toLocalDateTime().isBefore(june)));
        assertThat(allUpdates).as("unscoped updates keep a NULL severity").anyMatch(u -> u.get("severity") == null);
    }

    @Test
    void updateGroupsAreNotUpdates() {
        assertThat(ciIds(allUpdates)).doesNotContainAnyElementsOf(
                plain.queryForList("SELECT CI_ID FROM v_UpdateInfo WHERE CIType_ID NOT IN (1, 8)", Integer.class));
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM v_UpdateInfo WHERE CIType_ID NOT IN (1, 8)",
                Integer.class)).isPositive();
    }

    @Test
    void categoriesFollowTheUpdateScopeAndGiveOneClassificationPerUpdate() {
        SourceScope critical = new SourceScope(null, null, null, null, 10, false, AS_OF_END);
        List<Map<String, Object>> categories = run("select_update_categories", critical);
        Set<Integer> inScope = ciIds(run("select_updates", critical));

        assertThat(categories).extracting(r -> r.get("categoryType")).containsOnly("UpdateClassification", "Product");
        assertThat(categories.stream().map(r -> (Integer) r.get("ciId")).collect(Collectors.toSet()))
                .isEqualTo(inScope);
        Map<Object, Long> classifications = categories.stream()
                .filter(r -> r.get("categoryType").equals("UpdateClassification"))
                .collect(Collectors.groupingBy(r -> r.get("ciId"), Collectors.counting()));
        assertThat(classifications).hasSize(inScope.size()).allSatisfy((ci, n) -> assertThat(n).isEqualTo(1L));
    }

    // ---------------------------------------------------------------------------------------
    // Compliance

    static Stream<SourceScope> scopes() {
        return Stream.of(
                new SourceScope("PP100011", null, null, null, null, false, AS_OF_END),
                new SourceScope(null, null, null, "WKS*", null, false, AS_OF_END),
                new SourceScope(null, null, null, "LAB?PC01", null, false, AS_OF_END),
                new SourceScope(null, null, null, null, null, true, AS_OF_END),
                new SourceScope(null, List.of("890830"), null, null, null, false, AS_OF_END),
                new SourceScope(null, null, List.of("MS26-067"), null, null, false, AS_OF_END),
                new SourceScope(null, null, null, null, 10, false, AS_OF_END),
                new SourceScope(null, null, null, null, null, false, Instant.parse("2026-01-01T00:00:00Z")),
                new SourceScope("SMS00001", null, null, "*0*", 8, true, Instant.parse("2026-11-11T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void scopedComplianceIsTheUnscopedRowsOfTheScopedHostsAndUpdates(SourceScope scope) {
        Set<Object> hosts = new HashSet<>(ids(run("select_hosts", scope), h -> true));
        Set<Integer> updates = ciIds(run("select_updates", scope));
        Set<Integer> knownHosts = new HashSet<>(ids(allHosts, h -> true).stream().map(o -> (Integer) o).toList());
        Set<Integer> knownUpdates = ciIds(allUpdates);

        Set<String> expected = allCompliance.stream()
                .filter(r -> hosts.contains(r.get("resourceId")) || (!knownHosts.contains(r.get("resourceId"))
                        && scope.collectionId() == null && scope.hostPattern() == null && !scope.serversOnly()))
                .filter(r -> updates.contains(r.get("ciId")) || (!knownUpdates.contains(r.get("ciId"))
                        && scope.articleIds().isEmpty() && scope.bulletinIds().isEmpty() && scope.minSeverity() == null))
                .map(ConfigMgrQueryTests::key).collect(Collectors.toSet());
        List<String> actual = run("select_compliance", scope).stream().map(ConfigMgrQueryTests::key).toList();

        assertThat(actual).isNotEmpty().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual.size()).isLessThan(allCompliance.size());
    }

    @Test
    void orphanRowsSurviveTheJoinsUntilAFilterNeedsTheMissingSide() {
        Set<Object> knownHosts = new HashSet<>(ids(allHosts, h -> true));
        Set<Integer> knownUpdates = ciIds(allUpdates);

        assertThat(allCompliance).hasSize(plain.queryForObject("SELECT COUNT(*) FROM v_UpdateComplianceStatus",
                Integer.class));
        assertThat(allCompliance).as("rows of a deleted discovery record")
                .anyMatch(r -> !knownHosts.contains(r.get("resourceId")));
        assertThat(allCompliance).as("rows of an update without metadata")
                .anyMatch(r -> !knownUpdates.contains(r.get("ciId")));
        assertThat(run("select_compliance", new SourceScope(null, null, null, null, null, true, AS_OF_END)))
                .noneMatch(r -> !knownHosts.contains(r.get("resourceId")));
        assertThat(run("select_compliance", new SourceScope(null, null, null, null, 2, false, AS_OF_END)))
                .noneMatch(r -> !knownUpdates.contains(r.get("ciId")));
    }

    @Test
    void theQfeDateIsTheLatestRowOfEachKbOfAnUpdateInScopeOnEachHost() {
        Map<String, Object> latest = new HashMap<>();
        plain.query("""
                SELECT q.ResourceID, q.HotFixID0, q.InstalledOn0 FROM v_GS_QUICK_FIX_ENGINEERING q
                WHERE q.[TimeStamp] = (SELECT MAX(q2.[TimeStamp]) FROM v_GS_QUICK_FIX_ENGINEERING q2
                                       WHERE q2.ResourceID = q.ResourceID AND q2.HotFixID0 = q.HotFixID0)""",
                rs -> {
                    latest.put(rs.getInt(1) + "/" + rs.getString(2), rs.getString(3));
                });
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM (SELECT ResourceID FROM v_GS_QUICK_FIX_ENGINEERING "
                + "GROUP BY ResourceID, HotFixID0 HAVING COUNT(*) > 1) d", Integer.class))
                .as("the demo has a KB listed twice on one host").isPositive();
        Set<String> kbsInScope = allUpdates.stream().map(u -> "KB" + u.get("articleId")).collect(Collectors.toSet());
        Set<String> expected = latest.keySet().stream().filter(k -> kbsInScope.contains(k.substring(k.indexOf('/') + 1)))
                .collect(Collectors.toSet());

        List<Map<String, Object>> qfe = run("select_qfe", ALL);

        assertThat(qfe).extracting(r -> r.get("resourceId") + "/" + r.get("hotFixId"))
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(qfe).allSatisfy(r -> assertThat(r.get("installedOn"))
                .isEqualTo(latest.get(r.get("resourceId") + "/" + r.get("hotFixId"))));
        assertThat(qfe).extracting(r -> r.get("installedOn")).anySatisfy(v -> assertThat(v).isNotNull());
        assertThat(allCompliance).extracting(r -> r.get("qfeInstalledOn")).as("read once per host by select_qfe")
                .containsOnlyNulls();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void scopedQfeRowsAreTheUnscopedRowsOfTheScopedHostsAndUpdates(SourceScope scope) {
        Set<Object> hosts = new HashSet<>(ids(run("select_hosts", scope), h -> true));
        Set<String> kbs = run("select_updates", scope).stream().map(u -> "KB" + u.get("articleId"))
                .collect(Collectors.toSet());

        List<Map<String, Object>> scoped = run("select_qfe", scope);

        assertThat(scoped).extracting(r -> r.get("resourceId") + "/" + r.get("hotFixId"))
                .containsExactlyInAnyOrderElementsOf(run("select_qfe", ALL).stream()
                        .filter(r -> hosts.contains(r.get("resourceId")) && kbs.contains(r.get("hotFixId")))
                        .map(r -> r.get("resourceId") + "/" + r.get("hotFixId")).toList());
    }

    // ---------------------------------------------------------------------------------------
    // Hostile values

    static Stream<Arguments> hostileParameters() {
        String drop = "'; DROP TABLE site_system; --";
        return Stream.of(
                Arguments.of("select_hosts", "collectionId", drop),
                Arguments.of("select_hosts", "hostPattern", drop),
                Arguments.of("select_hosts", "collectionId", "%"),
                Arguments.of("select_compliance", "collectionId", "' OR '1' = '1"),
                Arguments.of("select_compliance", "hostPattern", "' OR ''='"),
                Arguments.of("select_updates", "articleIds", "%"),
                Arguments.of("select_updates", "articleIds", "_"),
                Arguments.of("select_updates", "articleIds", ",%,"),
                Arguments.of("select_updates", "articleIds", "[0-9]"),
                Arguments.of("select_updates", "bulletinIds", "%"),
                Arguments.of("select_updates", "bulletinIds", drop),
                Arguments.of("select_update_categories", "articleIds", "' OR 1=1 --"),
                Arguments.of("select_compliance", "articleIds", "%"),
                Arguments.of("select_compliance", "bulletinIds", ",_,"));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("hostileParameters")
    void hostileValuesAreMatchedLiterallyAndNeverChangeTheStatement(String file, String parameter, String value) {
        String sql = SqlFile.load("configmgr", file).text();
        Map<String, Object> parameters = new LinkedHashMap<>(ALL.toParameters());
        String benign = NamedParameterUtils.substituteNamedParameters(sql, new MapSqlParameterSource(parameters));
        parameters.put(parameter, value);

        List<Map<String, Object>> rows = named.queryForList(sql, parameters);

        assertThat(rows).isEmpty();
        assertThat(NamedParameterUtils.substituteNamedParameters(sql, new MapSqlParameterSource(parameters)))
                .isEqualTo(benign);
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM v_R_System", Integer.class))
                .isEqualTo(SiteDatabases.SMALL_HOSTS);
    }

    // ---------------------------------------------------------------------------------------
    // Collections and windows

    /** The collections the reboot plan names: those with a window and those a software-update deployment targets. */
    private static Set<String> collectionsRead() {
        Set<String> read = new HashSet<>(plain.queryForList("SELECT CollectionID FROM v_ServiceWindow", String.class));
        read.addAll(plain.queryForList("SELECT CollectionID FROM v_CIAssignment WHERE AssignmentType IN (1, 5)",
                String.class));
        return read;
    }

    @Test
    void collectionMembersAreThoseOfCollectionsWithAWindowOrASoftwareUpdateDeployment() {
        List<Map<String, Object>> members = run("select_collection_members", ALL);
        Set<String> read = collectionsRead();

        assertThat(read).as("the manual-patching servers have a deployment, no window").contains("PP100017")
                .doesNotContain("PP100014", "SMS00001");
        assertThat(plain.queryForList("SELECT CollectionID FROM v_CIAssignment WHERE AssignmentType NOT IN (1, 5)",
                String.class)).as("an application deployment's collection is not read").contains("PP100014");
        assertThat(members).extracting(r -> (String) r.get("collectionId")).isSubsetOf(read)
                .contains("PP100011", "PP100012").doesNotContain("SMS00001", "PP100014");
        assertThat(members).hasSize(plain.queryForObject("SELECT COUNT(*) FROM v_FullCollectionMembership m WHERE "
                + "m.CollectionID IN (SELECT CollectionID FROM v_ServiceWindow) OR m.CollectionID IN (SELECT "
                + "CollectionID FROM v_CIAssignment WHERE AssignmentType IN (1, 5))", Integer.class));
    }

    @Test
    void everyCollectionWhoseMembersAreReadHasItsNameOnce() {
        List<Map<String, Object>> collections = run("select_collections", ALL);

        assertThat(collections).extracting(r -> (String) r.get("collectionId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(collectionsRead());
        assertThat(collections).filteredOn(r -> r.get("collectionId").equals("PP100017"))
                .extracting(r -> r.get("collectionName")).containsExactly("Servers - Manual Patching");
    }

    @Test
    void maintenanceWindowsCarryTheirCollectionFlagsAndScheduleTokens() {
        List<Map<String, Object>> windows = run("select_maintenance_windows", ALL);

        assertThat(windows).hasSize(plain.queryForObject("SELECT COUNT(*) FROM v_ServiceWindow", Integer.class))
                .allSatisfy(w -> assertThat(w.get("collectionName")).isNotNull())
                .allSatisfy(w -> assertThat((Integer) w.get("durationMinutes")).isPositive())
                .anyMatch(w -> w.get("isGmt").equals(1)).anyMatch(w -> w.get("isEnabled").equals(0));
        assertThat(windows).allSatisfy(w -> {
            ScheduleToken token = ScheduleToken.parse((String) w.get("schedules"));
            assertThat(token.recurrence().code()).as("%s", w.get("windowName")).isEqualTo(w.get("recurrenceType"));
            assertThat(token.start()).as("%s", w.get("windowName"))
                    .isEqualTo(((Timestamp) w.get("startTime")).toLocalDateTime());
            assertThat(token.duration().toMinutes()).isEqualTo(((Integer) w.get("durationMinutes")).longValue());
            assertThat(token.gmt()).isEqualTo(w.get("isGmt").equals(1));
        });
    }

    @Test
    void productTypesHaveOneRowPerInventoriedHost() {
        List<Map<String, Object>> types = run("select_host_product_types", ALL);

        assertThat(types).extracting(r -> r.get("resourceId")).doesNotHaveDuplicates()
                .hasSize(plain.queryForObject("SELECT COUNT(DISTINCT ResourceID) FROM v_GS_OPERATING_SYSTEM",
                        Integer.class));
        assertThat(types).extracting(r -> r.get("productType")).containsOnly(1, 2, 3);
    }

    // ---------------------------------------------------------------------------------------

    private static List<Map<String, Object>> run(String file, SourceScope scope) {
        return named.queryForList(SqlFile.load("configmgr", file).text(), scope.toParameters());
    }

    private static String key(Map<String, Object> complianceRow) {
        return complianceRow.get("resourceId") + "/" + complianceRow.get("ciId");
    }

    private static List<Object> ids(List<Map<String, Object>> hosts, Predicate<Map<String, Object>> filter) {
        return hosts.stream().filter(filter).map(h -> h.get("resourceId")).toList();
    }

    private static Set<Integer> ciIds(List<Map<String, Object>> updates) {
        return ciIds(updates, u -> true);
    }

    private static Set<Integer> ciIds(List<Map<String, Object>> updates, Predicate<Map<String, Object>> filter) {
        return updates.stream().filter(filter).map(u -> (Integer) u.get("ciId")).collect(Collectors.toSet());
    }

    private Map<Integer, Object> byResource(String sql) {
        Map<Integer, Object> values = new HashMap<>();
        plain.query(sql, rs -> {
            values.put(rs.getInt(1), rs.getObject(2));
        });
        return values;
    }

    private static void assertIntegers(List<Map<String, Object>> rows, String... columns) {
        for (String column : columns) {
            assertThat(rows).extracting(r -> r.get(column)).as(column)
                    .allSatisfy(v -> assertThat(v).satisfiesAnyOf(x -> assertThat(x).isNull(),
                            x -> assertThat(x).isInstanceOf(Integer.class)))
                    .anySatisfy(v -> assertThat(v).isNotNull());
        }
    }
}
