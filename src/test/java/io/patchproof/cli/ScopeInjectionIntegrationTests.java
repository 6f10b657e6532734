package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SourceTap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scope filters cannot inject SQL. Runs against a writable site database, as a login that could
 * drop every view, with hostile host patterns: the statements sent are the very texts of a
 * benign run (the values travel only as bound parameters), the pattern matches literally, and the
 * data is intact afterwards. The strictly validated filters (collection, KB, bulletin) refuse
 * hostile values before anything runs, exit 2.
 */
class ScopeInjectionIntegrationTests {

    static final String URL = "jdbc:h2:mem:scope-injection;DB_CLOSE_DELAY=-1;MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
            + "CASE_INSENSITIVE_IDENTIFIERS=TRUE";
    static final String BENIGN = "SRV*";

    @TempDir
    static Path dir;

    static Connection admin;
    static Cli cli;
    static Map<String, Long> before;
    static List<String> names;
    static List<String> benignStatements;

    @BeforeAll
    static void writableSiteDatabase() throws Exception {
        admin = DriverManager.getConnection(URL, "sa", "");
        DemoSiteDatabase.generate(admin, DemoSiteDatabase.MIN_HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        before = rowCounts();
        names = new ArrayList<>();
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT Netbios_Name0 FROM v_R_System")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        cli = new Cli(dir, dir.resolve("demo"));
        try (SourceTap tap = SourceTap.create()) {
            Cli.Result benign = run(BENIGN, tap);
            assertThat(benign.exitCode()).as(benign.toString()).isZero();
            benignStatements = executed(tap);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    static Cli.Result run(String hosts, SourceTap tap) {
        return cli.run("run", "--patchproof.source.url=" + URL, "--patchproof.source.username=sa",
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF, "--patchproof.scope.hosts=" + hosts, tap.option());
    }

    static List<String> executed(SourceTap tap) {
        return tap.sent().stream().filter(s -> s.kind().equals("EXECUTE")).map(SourceTap.Sent::sql).toList();
    }

    @ParameterizedTest(name = "hosts={0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "x' OR '1'='1|0",
            "%|0",
            "_|0",
            "[|0",
            "'; DROP VIEW v_R_System; --|0",
            "LAB_PC01|1"})
    void aHostileHostPatternIsOnlyEverABoundValueMatchedLiterally(String hosts, long expectedHosts) throws Exception {
        try (SourceTap tap = SourceTap.create()) {
            Cli.Result result = run(hosts, tap);

            // A pattern that matches no host completes with exit code 5: the scope matched nothing.
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(expectedHosts == 0 ? 5 : 0);
            assertThat(executed(tap)).as("the same statement texts as a benign scope").isEqualTo(benignStatements);
            SourceTap.Sent hostsQuery = tap.sent().stream()
                    .filter(s -> s.kind().equals("EXECUTE") && s.sql().contains("select_hosts.sql")).findFirst().orElseThrow();
            assertThat(hostsQuery.parameters()).as("the pattern travels as a value, its LIKE wildcards escaped")
                    .contains(escapedLike(hosts));
        }
        long matching = names.stream().filter(n -> n != null && n.equalsIgnoreCase(hosts)).count();
        assertThat(hostsRead(hosts)).as("hosts read: only names equal to the text, wildcards and quotes literal")
                .isEqualTo(matching).isEqualTo(expectedHosts);
        assertThat(rowCounts()).as("the site database is intact").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "collection|SMS00001' OR '1'='1",
            "collection|'; DROP VIEW v_R_System; --",
            "article|958644) OR (1=1",
            "article|KB958644'; DROP VIEW v_UpdateInfo; --",
            "bulletin|MS08-067' OR 'x'='x",
            "bulletin|%"})
    void aHostileValueOfAStrictFilterIsRefusedBeforeAnythingRuns(String filter, String value) throws Exception {
        try (SourceTap tap = SourceTap.create()) {
            Cli.Result result = cli.run("run", "--patchproof.source.url=" + URL, "--patchproof.source.username=sa",
                    "--patchproof.as-of=" + DemoSiteDatabase.AS_OF, "--patchproof.scope." + filter + "=" + value, tap.option());

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err()).contains("patchproof.scope." + filter).contains(value);
            assertThat(result.err().lines().count()).isEqualTo(1);
            assertThat(tap.connectionCalls()).as("the site database is not contacted").isEmpty();
        }
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void theBenignScopeReallyFilters() throws Exception {
        long servers = names.stream().filter(n -> n.toUpperCase(Locale.ROOT).startsWith("SRV")).count();
        assertThat(servers).isPositive().isLessThan(names.size());
        assertThat(hostsRead(BENIGN)).isEqualTo(servers);
        assertThat(names).as("so that LAB_PC01 shows '_' is literal: one of the two, not both").contains("LAB_PC01", "LABXPC01");
    }

    /** The LIKE pattern SourceScope binds for a pattern without * or ?: every %, _, [ and \ escaped. */
    static String escapedLike(String text) {
        return text.replaceAll("([%_\\[\\\\])", "\\\\$1");
    }

    /** Rows select_hosts.sql returned in the run of this host pattern, from its manifest. */
    static long hostsRead(String hosts) throws Exception {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(cli.output())) {
            manifests = files.filter(p -> p.getFileName().toString().endsWith(".manifest.json")).toList();
        }
        for (Path manifest : manifests) {
            Map<String, Object> json = ReportJson.object(ReportJson.parse(Files.readString(manifest)));
            if (("hosts " + hosts).equals(ReportJson.object(json.get("run")).get("scope"))) {
                return ReportJson.array(json.get("sqlFiles")).stream().map(ReportJson::object)
                        .filter(f -> f.get("path").toString().endsWith("select_hosts.sql"))
                        .mapToLong(f -> ((Number) f.get("rowsRead")).longValue()).sum();
            }
        }
        throw new AssertionError("no manifest for hosts " + hosts + " among " + manifests);
    }

    static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = admin.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next()) {
                if (!"INFORMATION_SCHEMA".equalsIgnoreCase(rs.getString("TABLE_SCHEM"))) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        for (String table : tables) {
            try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            }
        }
        assertThat(counts).containsKeys("v_R_System", "site_system", "v_UpdateInfo");
        return counts;
    }
}
