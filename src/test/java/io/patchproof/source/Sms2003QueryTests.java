package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.SiteDatabases;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * Every {@code sql/sms2003} file against H2 stand-ins of an SMS 2003 site database in SQL Server
 * mode: the 60-host SMS 2003 demo for the shape of the results, and small hand-made databases for
 * the cases the demo does not pin down. Scoped results are checked against the unscoped result
 * filtered in Java, and the columns against what the configmgr files return, so that both profiles
 * fill the same snapshot.
 */
class Sms2003QueryTests {

    private static final Instant AS_OF_END = DemoSiteDatabase.SMS2003_AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    private static final SourceScope ALL = SourceScope.all(AS_OF_END);
    private static final AtomicInteger MEMORY_DATABASES = new AtomicInteger();

    private static NamedParameterJdbcTemplate named;
    private static JdbcTemplate plain;
    private static List<Map<String, Object>> allHosts;
    private static List<Map<String, Object>> allUpdates;
    private static List<Map<String, Object>> allCompliance;

    @BeforeAll
    static void openDemoDatabase() {
        plain = new JdbcTemplate(SiteDatabases.smallSms2003DataSource());
        named = new NamedParameterJdbcTemplate(plain);
        allHosts = run(named, "select_hosts", ALL);
        allUpdates = run(named, "select_updates", ALL);
        allCompliance = run(named, "select_compliance", ALL);
    }

    // ---------------------------------------------------------------------------------------
    // Columns: the same snapshot as the configmgr profile

    static Stream<String> queries() {
        return Stream.of(SnapshotTable.values()).map(SnapshotTable::query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void eachFileReturnsTheColumnLabelsOfItsConfigMgrTwinInTheSameOrder(String file) {
        List<String> sms2003 = labels(named, "sms2003", file);
        List<String> configMgr = labels(new NamedParameterJdbcTemplate(SiteDatabases.smallDataSource()), "configmgr",
                file);

        assertThat(sms2003).isNotEmpty().containsExactlyElementsOf(configMgr);
    }

    @Test
    void theSchemaIsDetectedAndEveryFilePassesThePreflight() {
        SourceSettings settings = new SourceSettings(DemoSiteDatabase.jdbcUrl(SiteDatabases.smallSms2003()), null,
                null, "auto", 100, java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(1), true);

        SourceDescription description = SourceInspector.inspect(plain.getDataSource(), settings);

        assertThat(description.profile()).isEqualTo(SchemaProfile.SMS2003);
        assertThat(description.reason()).contains("v_UpdateComplianceStatus absent").contains("v_GS_PatchStatusEx present");
        assertThat(description.tables()).extracting(q -> q.file().path())
                .containsExactlyInAnyOrderElementsOf(queries().map(q -> "sql/sms2003/" + q + ".sql").toList());
    }

    @Test
    void whatSms2003LacksComesBackAsTypedNullsAndEmptyResults() {
        assertThat(allHosts).extracting(h -> h.get("decommissioned")).as("no Decommissioned0").containsOnly(0);
        assertThat(allHosts).extracting(h -> h.get("timeZoneOffset")).as("no TimeZoneOffset").containsOnlyNulls();
        assertThat(allHosts).extracting(h -> h.get("clientState")).containsOnlyNulls();
        assertThat(allHosts).extracting(h -> h.get("lastScanState")).containsOnlyNulls();
        assertThat(allHosts).extracting(h -> h.get("clientActiveStatus")).containsOnlyNulls();
        assertThat(allUpdates).extracting(u -> u.get("severity")).containsOnlyNulls();
        assertThat(allCompliance).extracting(c -> c.get("status")).containsOnlyNulls();
        assertThat(allCompliance).extracting(c -> c.get("enforcementState")).containsOnlyNulls();
        assertThat(allCompliance).extracting(c -> c.get("lastStatusChangeTime")).containsOnlyNulls();
        assertThat(allCompliance).extracting(c -> c.get("qfeInstalledOn")).containsOnlyNulls();
        assertThat(run(named, "select_collection_members", ALL)).isEmpty();
        assertThat(run(named, "select_collections", ALL)).isEmpty();
        assertThat(run(named, "select_maintenance_windows", ALL)).isEmpty();
        assertThat(allUpdates).extracting(u -> u.get("isExpired"), u -> u.get("isSuperseded"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple(0, 0));
    }

    // ---------------------------------------------------------------------------------------
    // Hosts

    @Test
    void hostsHaveOneRowPerDiscoveryRecordWithTheirInventoryAndSiteCode() {
        List<Integer> ids = allHosts.stream().map(r -> (Integer) r.get("resourceId")).toList();
        Map<Integer, Object> boots = byResource("SELECT ResourceID, LastBootUpTime0 FROM v_GS_OPERATING_SYSTEM");
        Map<Integer, Object> offsets = byResource("SELECT ResourceID, CurrentTimeZone0 FROM v_GS_COMPUTER_SYSTEM");

        assertThat(ids).hasSize(SiteDatabases.SMALL_HOSTS).doesNotHaveDuplicates().isSorted()
                .containsExactlyInAnyOrderElementsOf(plain.queryForList("SELECT ResourceID FROM v_R_System",
                        Integer.class));
        assertThat(allHosts).allSatisfy(h -> {
            assertThat(h.get("lastBootLocal")).as("boot of %s", h.get("resourceId")).isEqualTo(boots.get(h.get("resourceId")));
            assertThat(h.get("currentTimeZone")).isEqualTo(offsets.get(h.get("resourceId")));
            assertThat(h.get("siteCode")).isNotNull();
        });
        assertThat(allHosts).anyMatch(r -> Integer.valueOf(1).equals(r.get("obsolete")));
    }

    @Test
    void aHostCountsAsScannedWhenItReportsPatchStatusAndThenCarriesItsLastHardwareScan() {
        Set<Object> reporting = new HashSet<>(plain.queryForList("SELECT DISTINCT ResourceID FROM v_GS_PatchStatusEx",
                Integer.class));
        Map<Integer, Object> hwScans = byResource("SELECT ResourceID, LastHWScan FROM v_GS_WORKSTATION_STATUS");

        assertThat(allHosts).anyMatch(h -> !reporting.contains(h.get("resourceId")));
        assertThat(allHosts).allSatisfy(h -> assertThat(h.get("lastScanTime")).as("scan of %s", h.get("resourceId"))
                .isEqualTo(reporting.contains(h.get("resourceId")) ? hwScans.get(h.get("resourceId")) : null));
    }

    @Test
    void hostScopesRestrictTheHosts() {
        List<Object> servers = ids(run(named, "select_hosts", new SourceScope(null, null, null, null, null, true, AS_OF_END)));
        List<Object> srv = ids(run(named, "select_hosts", new SourceScope(null, null, null, "srv*", null, false, AS_OF_END)));
        String collection = plain.queryForObject("SELECT MIN(CollectionID) FROM v_Collection WHERE CollectionID <> 'SMS00001'",
                String.class);
        List<Object> members = ids(run(named, "select_hosts", new SourceScope(collection, null, null, null, null, false,
                AS_OF_END)));

        assertThat(servers).isNotEmpty().hasSizeLessThan(allHosts.size()).containsExactlyInAnyOrderElementsOf(
                ids(allHosts.stream().filter(h -> h.get("osName") != null && ((String) h.get("osName")).contains("Server"))
                        .toList()));
        assertThat(srv).isNotEmpty().containsExactlyInAnyOrderElementsOf(ids(allHosts.stream()
                .filter(h -> h.get("name") != null && ((String) h.get("name")).startsWith("SRV")).toList()));
        assertThat(members).isNotEmpty().hasSizeLessThan(allHosts.size()).containsExactlyInAnyOrderElementsOf(
                plain.queryForList("SELECT ResourceID FROM v_FullCollectionMembership WHERE CollectionID = ?",
                        Object.class, collection));
    }

    // ---------------------------------------------------------------------------------------
    // Updates and categories

    @Test
    void updatesAreTheCatalogOnceEachWithTheKbNumberAsDigits() {
        List<Integer> catalog = plain.queryForList("SELECT DISTINCT UpdateID FROM v_ApplicableUpdatesSummaryEx", Integer.class);
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM v_ApplicableUpdatesSummaryEx", Integer.class))
                .as("the demo catalog holds some updates in two languages").isGreaterThan(catalog.size());

        assertThat(ciIds(allUpdates)).containsExactlyInAnyOrderElementsOf(catalog);
        assertThat(allUpdates).hasSameSizeAs(catalog)
                .allSatisfy(u -> assertThat((String) u.get("articleId")).matches("[0-9]+"))
                .anySatisfy(u -> assertThat(u.get("bulletinId")).isEqualTo("MS08-067"));
        assertThat(plain.queryForList("SELECT QNumbers FROM v_ApplicableUpdatesSummaryEx", String.class))
                .as("the demo stores both forms").anyMatch(q -> q.startsWith("KB")).anyMatch(q -> q.matches("[0-9]+"));
    }

    @Test
    void updatesAreFilteredByKbBulletinAndReleaseDate() {
        LocalDateTime june = LocalDateTime.of(2008, 6, 1, 0, 0);
        String kbStoredWithPrefix = plain.queryForObject("SELECT MIN(QNumbers) FROM v_ApplicableUpdatesSummaryEx "
                + "WHERE QNumbers LIKE 'KB%'", String.class).substring(2);

        assertThat(ciIds(run(named, "select_updates", new SourceScope(null, List.of("KB958644", kbStoredWithPrefix),
                null, null, null, false, AS_OF_END)))).hasSizeGreaterThan(3).isEqualTo(ciIds(allUpdates.stream()
                        .filter(u -> u.get("articleId").equals("958644") || u.get("articleId").equals(kbStoredWithPrefix))
                        .toList()));
        assertThat(ciIds(run(named, "select_updates", new SourceScope(null, null, List.of("ms08-067"), null, null, false,
                AS_OF_END)))).hasSize(3).isEqualTo(ciIds(allUpdates.stream()
                        .filter(u -> "MS08-067".equals(u.get("bulletinId"))).toList()));
        assertThat(ciIds(run(named, "select_updates", new SourceScope(null, null, null, null, null, false,
                june.toInstant(ZoneOffset.UTC))))).isNotEmpty().hasSizeLessThan(allUpdates.size())
                .isEqualTo(ciIds(allUpdates.stream()
                        .filter(u -> ((Timestamp) u.get("datePosted")).toLocalDateTime().isBefore(june)).toList()));
    }

    @Test
    void aSeverityScopeReachesTheQueriesAsTheBulletinsTheSeverityFileRatesAtOrAboveIt() {
        BulletinSeverities severities = BulletinSeverities.load(null);
        SourceScope critical = new SourceScope(null, null, null, null, 10, false, AS_OF_END);
        Map<String, Object> parameters = severities.sms2003Parameters(critical);

        List<Map<String, Object>> compliance = named.queryForList(SqlFile.load("sms2003", "select_compliance").text(),
                parameters);
        List<Map<String, Object>> updates = named.queryForList(SqlFile.load("sms2003", "select_updates").text(), parameters);

        assertThat(parameters).containsEntry("minSeverity", 0);
        assertThat(compliance).isNotEmpty().hasSizeLessThan(allCompliance.size())
                .allSatisfy(r -> assertThat(severities.code((String) r.get("bulletinId"))).isEqualTo(10));
        assertThat(compliance.stream().map(Sms2003QueryTests::key).toList()).containsExactlyInAnyOrderElementsOf(
                allCompliance.stream().filter(r -> Integer.valueOf(10).equals(severities.code((String) r.get("bulletinId"))))
                        .map(Sms2003QueryTests::key).toList());
        assertThat(updates).isNotEmpty().extracting(u -> severities.code((String) u.get("bulletinId"))).containsOnly(10);
        assertThat(run(named, "select_compliance", critical)).as("the queries themselves know no severity").isEmpty();
    }

    @Test
    void updatesWithABulletinAreSecurityUpdatesAndNoOthersAreClassified() {
        List<Map<String, Object>> categories = run(named, "select_update_categories", ALL);
        Set<Integer> withBulletin = new HashSet<>(plain.queryForList(
                "SELECT DISTINCT UpdateID FROM v_GS_PatchStatusEx WHERE ID LIKE 'MS%'", Integer.class));

        assertThat(categories).extracting(r -> r.get("categoryType")).containsOnly("UpdateClassification");
        assertThat(categories).extracting(r -> r.get("categoryName")).containsOnly("Security Updates");
        assertThat(categories).extracting(r -> (Integer) r.get("ciId")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(withBulletin);
        assertThat(ciIds(allUpdates)).as("tools and non-security updates stay unclassified")
                .anyMatch(ci -> !withBulletin.contains(ci));
    }

    // ---------------------------------------------------------------------------------------
    // Compliance

    @Test
    void complianceIsEveryPatchStatusRowWithItsScanAndStateName() {
        List<Map<String, Object>> expected = plain.queryForList("SELECT ResourceID, UpdateID, LastStateName,"
                + " AgentInstallDate, Status, ScanAgent, ScanDateTime, ID FROM v_GS_PatchStatusEx");
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        expected.forEach(r -> byKey.put(r.get("ResourceID") + "/" + r.get("UpdateID"), r));

        assertThat(allCompliance).hasSize(expected.size());
        assertThat(allCompliance).allSatisfy(row -> {
            Map<String, Object> source = byKey.get(key(row));
            assertThat(source).as("source row of %s", key(row)).isNotNull();
            assertThat(row.get("stateName")).isEqualTo(source.get("LastStateName") == null ? "" : source.get("LastStateName"));
            assertThat(row.get("enforcementTime")).isEqualTo(source.get("AgentInstallDate"));
            assertThat(row.get("scanStatus")).isEqualTo(source.get("Status"));
            assertThat(row.get("scanAgent")).isEqualTo(source.get("ScanAgent"));
            assertThat(row.get("scanTime")).isEqualTo(source.get("ScanDateTime"));
            assertThat(row.get("bulletinId")).isEqualTo(source.get("ID"));
            assertThat((String) row.get("articleId")).matches("[0-9]+");
        });
        assertThat(allCompliance).as("the demo has rows without a state name").anyMatch(r -> "".equals(r.get("stateName")));
        assertThat(allCompliance).extracting(r -> r.get("scanStatus")).contains("Installed", "Applicable");
    }

    static Stream<SourceScope> scopes() {
        return Stream.of(
                new SourceScope("S0300010", null, null, null, null, false, AS_OF_END),
                new SourceScope(null, null, null, "WKS*", null, false, AS_OF_END),
                new SourceScope(null, null, null, null, null, true, AS_OF_END),
                new SourceScope(null, List.of("958644"), null, null, null, false, AS_OF_END),
                new SourceScope(null, null, List.of("MS08-067", "MS07-042"), null, null, false, AS_OF_END),
                new SourceScope("SMS00001", null, List.of("MS08-067"), "*0*", null, true, AS_OF_END));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void scopedComplianceIsTheUnscopedRowsOfTheScopedHostsAndUpdates(SourceScope scope) {
        Set<Object> hosts = new HashSet<>(ids(run(named, "select_hosts", scope)));
        Set<Integer> updates = ciIds(run(named, "select_updates", scope));
        Set<Object> knownHosts = new HashSet<>(ids(allHosts));
        Set<Integer> knownUpdates = ciIds(allUpdates);

        Set<String> expected = allCompliance.stream()
                .filter(r -> hosts.contains(r.get("resourceId")) || (!knownHosts.contains(r.get("resourceId"))
                        && scope.collectionId() == null && scope.hostPattern() == null && !scope.serversOnly()))
                .filter(r -> updates.contains(r.get("ciId")) || (!knownUpdates.contains(r.get("ciId"))
                        && scope.articleIds().isEmpty() && scope.bulletinIds().isEmpty()))
                .map(Sms2003QueryTests::key).collect(Collectors.toSet());
        List<String> actual = run(named, "select_compliance", scope).stream().map(Sms2003QueryTests::key).toList();

        assertThat(actual).isNotEmpty().doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual.size()).isLessThan(allCompliance.size());
    }

    @Test
    void orphanRowsSurviveUntilAFilterNeedsTheMissingSide() {
        Set<Object> knownHosts = new HashSet<>(ids(allHosts));
        Set<Integer> knownUpdates = ciIds(allUpdates);

        assertThat(allCompliance).as("rows of a deleted discovery record")
                .anyMatch(r -> !knownHosts.contains(r.get("resourceId")));
        assertThat(allCompliance).as("rows of an update the catalog does not list")
                .anyMatch(r -> !knownUpdates.contains(r.get("ciId")));
        assertThat(run(named, "select_compliance", new SourceScope(null, null, null, null, null, true, AS_OF_END)))
                .noneMatch(r -> !knownHosts.contains(r.get("resourceId")));
    }

    static Stream<Arguments> hostileParameters() {
        String drop = "'; DROP TABLE site_system; --";
        return Stream.of(
                Arguments.of("select_hosts", "collectionId", drop),
                Arguments.of("select_hosts", "hostPattern", drop),
                Arguments.of("select_compliance", "collectionId", "' OR '1' = '1"),
                Arguments.of("select_compliance", "articleIds", "%"),
                Arguments.of("select_compliance", "bulletinIds", ",_,"),
                Arguments.of("select_updates", "articleIds", "_"),
                Arguments.of("select_updates", "bulletinIds", drop),
                Arguments.of("select_update_categories", "articleIds", "' OR 1=1 --"));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("hostileParameters")
    void hostileValuesAreMatchedLiterallyAndNeverChangeTheStatement(String file, String parameter, String value) {
        String sql = SqlFile.load("sms2003", file).text();
        Map<String, Object> parameters = new LinkedHashMap<>(ALL.toParameters());
        String benign = NamedParameterUtils.substituteNamedParameters(sql, new MapSqlParameterSource(parameters));
        parameters.put(parameter, value);

        assertThat(named.queryForList(sql, parameters)).isEmpty();
        assertThat(NamedParameterUtils.substituteNamedParameters(sql, new MapSqlParameterSource(parameters)))
                .isEqualTo(benign);
        assertThat(plain.queryForObject("SELECT COUNT(*) FROM v_R_System", Integer.class))
                .isEqualTo(SiteDatabases.SMALL_HOSTS);
    }

    @Test
    void productTypesHaveOneRowPerInventoriedHost() {
        List<Map<String, Object>> types = run(named, "select_host_product_types", ALL);

        assertThat(types).extracting(r -> r.get("resourceId")).doesNotHaveDuplicates()
                .hasSize(plain.queryForObject("SELECT COUNT(DISTINCT ResourceID) FROM v_GS_OPERATING_SYSTEM",
                        Integer.class));
    }

    // ---------------------------------------------------------------------------------------
    // Cases the demo does not pin down, on hand-made databases

    @Nested
    class HandMade {

        private final NamedParameterJdbcTemplate db;

        HandMade() throws SQLException {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:sms2003-" + MEMORY_DATABASES.incrementAndGet()
                    + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                DemoSiteDatabase.createSchema(c, DemoSiteDatabase.SMS2003);
                s.execute("INSERT INTO site_system (ResourceID, ResourceType, Netbios_Name0, Operating_System_Name_and0, "
                        + "Client0, Active0, Obsolete0) VALUES "
                        + "(1, 5, 'SRV1', 'Microsoft Windows NT Server 5.2', 1, 1, 0), "
                        + "(2, 5, 'WKS2', 'Microsoft Windows NT Workstation 5.1', 1, 1, 0)");
                s.execute("INSERT INTO site_collection_member VALUES ('SMS00001', 1, 'S03', 0), ('SMS00001', 2, 'S03', 0)");
                s.execute("INSERT INTO site_operating_system (ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], "
                        + "Caption0, LastBootUpTime0) VALUES "
                        + "(1, 1, 1, 1, '2008-05-01 10:00:00', 'old caption', '2008-04-01 08:00:00'), "
                        + "(1, 2, 2, 1, '2008-11-10 10:00:00', 'new caption', '2006-03-01 08:00:00')");
                s.execute("INSERT INTO site_workstation_status VALUES (1, 1, 1, 1, '2008-11-10 10:00:00', "
                        + "'2008-11-10 09:58:00'), (2, 1, 1, 1, '2008-11-12 10:00:00', '2008-11-12 09:59:00')");
                s.execute("INSERT INTO site_computer_system (ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], "
                        + "CurrentTimeZone0) VALUES (1, 1, 1, 1, '2008-11-10 10:00:00', 60)");
                s.execute("INSERT INTO site_applicable_update (UpdateID, LocaleID, UniqueUpdateID, ID, QNumbers, Title, "
                        + "DatePosted, DateRevised) VALUES "
                        + "(10, 1033, 'u10', 'MS08-067', 'KB958644', 'Security Update for Windows Server 2003 (KB958644)', "
                        + "'2008-10-23 17:00:00', '2008-10-24 00:00:00'), "
                        + "(10, 1031, 'u10', 'MS08-067', 'KB958644', 'Sicherheitsupdate (KB958644)', "
                        + "'2008-10-23 17:00:00', '2008-10-23 17:00:00'), "
                        + "(11, 1033, 'u11', 'MS02-039', 'Q323875', 'Security Update (Q323875)', '2002-07-24 00:00:00', NULL), "
                        + "(12, 1033, 'u12', '', ' 890830 ', 'Malicious Software Removal Tool (KB890830)', "
                        + "'2008-11-11 18:00:00', NULL)");
                s.execute("INSERT INTO site_patch_status VALUES "
                        + "(1, 1, 10, 'MS08-067', 'KB958644', 't', 'u10', NULL, NULL, 'Install Verified', '2008-10-24 03:00:00', "
                        + "'Installed', 'Microsoft Updates Tool', '2008-11-10 09:30:00'), "
                        + "(2, 1, 11, 'MS02-039', 'Q323875', 't', 'u11', NULL, NULL, NULL, NULL, 'Installed', "
                        + "'Microsoft Updates Tool', '2008-11-10 09:30:00'), "
                        + "(3, 1, 12, '', '890830', 't', 'u12', NULL, NULL, 'Not Applicable', NULL, NULL, NULL, NULL), "
                        + "(4, 1, 5010, 'MS08-067', 'Q958644', 't', 'm10', NULL, NULL, NULL, NULL, 'Applicable', "
                        + "'Security Updates Tool', '2008-06-01 08:00:00')");
            }
            db = new NamedParameterJdbcTemplate(ds);
        }

        @Test
        void theLatestInventoryRowWinsAndAHostWithoutPatchStatusIsUnscanned() {
            List<Map<String, Object>> hosts = run(db, "select_hosts", ALL);

            assertThat(hosts).hasSize(2);
            assertThat(hosts.get(0)).containsEntry("osCaption", "new caption")
                    .containsEntry("lastBootLocal", Timestamp.valueOf("2006-03-01 08:00:00"))
                    .containsEntry("currentTimeZone", 60).containsEntry("timeZoneOffset", null)
                    .containsEntry("decommissioned", 0).containsEntry("active", 1).containsEntry("siteCode", "S03")
                    .containsEntry("lastScanTime", Timestamp.valueOf("2008-11-10 09:58:00"));
            assertThat(hosts.get(1)).containsEntry("lastScanTime", null).containsEntry("osCaption", null);
        }

        @Test
        void kbNumbersLoseTheirKbOrQPrefixAndTheMostRecentlyRevisedLanguageWins() {
            List<Map<String, Object>> updates = run(db, "select_updates", ALL);

            assertThat(updates).extracting(u -> u.get("ciId"), u -> u.get("articleId"), u -> u.get("title"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(10, "958644", "Security Update for Windows Server 2003 (KB958644)"),
                            org.assertj.core.groups.Tuple.tuple(11, "323875", "Security Update (Q323875)"),
                            org.assertj.core.groups.Tuple.tuple(12, "890830", "Malicious Software Removal Tool (KB890830)"));
            assertThat(ciIds(run(db, "select_updates", new SourceScope(null, List.of("323875"), null, null, null, false,
                    AS_OF_END)))).containsExactly(11);
            assertThat(ciIds(run(db, "select_compliance", new SourceScope(null, List.of("KB958644", "323875"), null,
                    null, null, false, AS_OF_END)))).as("ITMU's rows and the older tool's").containsExactlyInAnyOrder(10, 11, 5010);
        }

        @Test
        void aMissingStateNameBecomesAnEmptyOneSoThatItIsStillReadAsAName() {
            Map<Object, Object> states = new HashMap<>();
            run(db, "select_compliance", ALL).forEach(r -> states.put(r.get("ciId"), r.get("stateName")));

            assertThat(states).containsEntry(10, "Install Verified").containsEntry(11, "").containsEntry(12, "Not Applicable");
        }

        @Test
        void eachToolsRowComesWithItsScanStatusToolTimeBulletinAndKb() {
            Map<Object, Map<String, Object>> byUpdate = new HashMap<>();
            run(db, "select_compliance", ALL).forEach(r -> byUpdate.put(r.get("ciId"), r));

            assertThat(byUpdate.get(10)).containsEntry("scanStatus", "Installed").containsEntry("scanAgent",
                    "Microsoft Updates Tool").containsEntry("scanTime", Timestamp.valueOf("2008-11-10 09:30:00"))
                    .containsEntry("bulletinId", "MS08-067").containsEntry("articleId", "958644");
            assertThat(byUpdate.get(5010)).containsEntry("scanStatus", "Applicable").containsEntry("scanAgent",
                    "Security Updates Tool").containsEntry("bulletinId", "MS08-067").containsEntry("articleId", "958644");
            assertThat(byUpdate.get(12)).containsEntry("scanStatus", null).containsEntry("articleId", "890830");
        }

        @Test
        void onlyTheBulletinUpdatesAreClassified() {
            assertThat(run(db, "select_update_categories", ALL)).extracting(r -> r.get("ciId")).containsExactly(10, 11, 5010);
        }
    }

    // ---------------------------------------------------------------------------------------

    private static List<Map<String, Object>> run(NamedParameterJdbcTemplate template, String file, SourceScope scope) {
        return template.queryForList(SqlFile.load("sms2003", file).text(), scope.toParameters());
    }

    private static List<String> labels(NamedParameterJdbcTemplate template, String schema, String file) {
        List<String> labels = new ArrayList<>();
        template.query(SqlFile.load(schema, file).text(), ALL.toParameters(), rs -> {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i));
            }
            return null;
        });
        return labels;
    }

    private static String key(Map<String, Object> complianceRow) {
        return complianceRow.get("resourceId") + "/" + complianceRow.get("ciId");
    }

    private static List<Object> ids(List<Map<String, Object>> hosts) {
        return hosts.stream().map(h -> h.get("resourceId")).toList();
    }

    private static Set<Integer> ciIds(List<Map<String, Object>> rows) {
        return rows.stream().map(u -> (Integer) u.get("ciId")).collect(Collectors.toSet());
    }

    private static Map<Integer, Object> byResource(String sql) {
        Map<Integer, Object> values = new HashMap<>();
        plain.query(sql, rs -> {
            values.put(rs.getInt(1), rs.getObject(2));
        });
        return values;
    }
}
