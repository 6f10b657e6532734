package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.SourceTap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege, proved on a whole run: the site database is an H2 database whose reporting
 * login holds exactly the grants docs/site-database.md gives (SELECT on each listed view, nothing else), a
 * run as that login completes, every statement the run sent (recorded by the source tap) is one
 * SELECT over v_* views, the views read are exactly the ones granted, and the engine's own
 * statistics show no other statement from anyone but the test.
 */
class LeastPrivilegeIntegrationTests {

    static final String ADMIN_URL = "jdbc:h2:mem:least-privilege;DB_CLOSE_DELAY=-1;MODE=MSSQLServer;"
            + "DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
    /** Settings in a URL need administrator rights: the reader finds them set by the administrator. */
    static final String URL = "jdbc:h2:mem:least-privilege";
    static final String LOGIN = "PATCHPROOF_READER";
    /** How H2's JDBC driver answers Connection.isReadOnly() and getCatalog(): metadata, not our SQL. */
    static final Set<String> H2_DRIVER_METADATA = Set.of("CALL READONLY()", "CALL DATABASE()");
    static final String PASSWORD = "Reader-Only-1";

    @TempDir
    static Path dir;

    static Connection admin;
    static Set<String> granted;
    static Cli.Result result;
    static List<SourceTap.Sent> sent;
    static List<String> connectionCalls;
    static List<String> engineStatements;

    @BeforeAll
    static void runAsTheReportingLogin() throws Exception {
        granted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        granted.addAll(readmeGrants());
        admin = DriverManager.getConnection(ADMIN_URL, "sa", "admin");
        DemoSiteDatabase.generate(admin, DemoSiteDatabase.MIN_HOSTS, DemoSiteDatabase.DEFAULT_SEED);
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE USER " + LOGIN + " PASSWORD '" + PASSWORD + "'");
            for (String view : granted) {
                s.execute("GRANT SELECT ON " + view + " TO " + LOGIN);
            }
            s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
            s.execute("SET QUERY_STATISTICS TRUE");
        }
        try (SourceTap tap = SourceTap.create()) {
            result = new Cli(dir, dir.resolve("demo")).run("run", "--patchproof.source.url=" + URL,
                    "--patchproof.source.username=" + LOGIN, "--patchproof.source.password=" + PASSWORD,
                    "--patchproof.source.use-product-type=true", "--patchproof.as-of=" + DemoSiteDatabase.AS_OF, tap.option());
            sent = tap.sent();
            connectionCalls = tap.connectionCalls();
        }
        engineStatements = new ArrayList<>();
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            while (rs.next()) {
                engineStatements.add(rs.getString(1));
            }
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** The views docs/site-database.md grants to the reporting login for the configmgr profile. */
    static Set<String> readmeGrants() throws IOException {
        String readme = Files.readString(Path.of("docs", "site-database.md"));
        int start = readme.indexOf("these are the views the `configmgr` profile reads");
        assertThat(start).as("docs/site-database.md names the configmgr grants").isPositive();
        String block = readme.substring(start, readme.indexOf("```", readme.indexOf("```", start) + 3));
        Set<String> views = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Matcher m = Pattern.compile("GRANT SELECT ON (\\w+) TO \\[EXAMPLE\\\\svc-patchproof\\];").matcher(block);
        while (m.find()) {
            views.add(m.group(1));
        }
        assertThat(block.lines().filter(l -> l.startsWith("GRANT")).count()).as("every GRANT line is a SELECT on one view")
                .isEqualTo(views.size());
        return views;
    }

    @Test
    void aRunAsALoginWithOnlyTheReadmeGrantsCompletes() {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void everyStatementSentIsOneSelectOverViews() {
        assertThat(sent).as("the run sent statements").isNotEmpty();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (SourceTap.Sent s : sent) {
            List<String> p = SentStatements.problems(s.sql());
            if (!p.isEmpty()) {
                problems.put(s.kind() + " " + s.sql(), p);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(sent).extracting(SourceTap.Sent::kind).as("prepared, described and executed; no call, no native SQL")
                .isSubsetOf("PREPARE", "DESCRIBE", "EXECUTE");
        assertThat(new TreeSet<>(connectionCalls)).as("besides statements, only metadata and housekeeping")
                .isSubsetOf("prepareStatement", "getMetaData", "getCatalog", "close", "isClosed", "getAutoCommit",
                        "isReadOnly", "getWarnings", "clearWarnings");
    }

    @Test
    void theViewsReadAreExactlyTheViewsReadmeGrants() {
        Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        sent.forEach(s -> read.addAll(SentStatements.views(s.sql())));
        assertThat(read).as("granted but never read, or read but not granted").isEqualTo(granted);
    }

    @Test
    void theEngineSawNoOtherStatement() {
        List<String> others = new ArrayList<>();
        for (String sql : engineStatements) {
            boolean ours = sql.startsWith("SET QUERY_STATISTICS") || sql.contains("INFORMATION_SCHEMA.QUERY_STATISTICS");
            if (!ours && !H2_DRIVER_METADATA.contains(sql) && !SentStatements.problems(sql).isEmpty()) {
                others.add(sql);
            }
        }
        assertThat(engineStatements).as("the engine recorded the run's queries").isNotEmpty();
        assertThat(others).isEmpty();
    }
}
