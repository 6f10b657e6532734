package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlDialectLintTests {

    private static final Path SQL_ROOT = Path.of("sql");

    private static final String HEADER = """
            -- example.sql: a query for the lint tests.
            --
            -- Parameters:
            --   :asOfEnd  end of the as-of day
            """;

    private static final String CLEAN = HEADER + """
            -- needs: v_R_System.ResourceID, v_R_System.Netbios_Name0, v_R_System.Name0,
            --   v_GS_OPERATING_SYSTEM.ResourceID, v_GS_OPERATING_SYSTEM.TimeStamp, v_UpdateInfo.ArticleID,
            --   v_UpdateInfo.DatePosted
            -- optional: v_R_System.Active0 as s.Active0
            WITH latest AS (
                SELECT ResourceID, ROW_NUMBER() OVER (PARTITION BY ResourceID ORDER BY [TimeStamp] DESC) AS RowNumber
                FROM v_GS_OPERATING_SYSTEM WITH (NOLOCK)
            )
            SELECT TOP 10 s.ResourceID AS resourceId, 'KB' + ui.ArticleID AS kb, CAST(s.Active0 AS INT) AS active
            FROM v_R_System s
            JOIN latest l ON l.ResourceID = s.ResourceID AND l.RowNumber = 1
            LEFT JOIN v_UpdateInfo AS ui WITH (NOLOCK) ON ui.DatePosted < :asOfEnd
            WHERE s.Netbios_Name0 LIKE 'SRV%' ESCAPE '\\' -- a comment naming GETDATE() and dbo.x is fine
              AND (:asOfEnd LIKE '%,' + ui.ArticleID + ',%' OR s.Name0 LIKE UPPER(:asOfEnd) ESCAPE '\\')
            """;

    @Test
    void everySqlFileUnderSqlIsInTheSharedDialect() throws IOException {
        List<Path> files = sqlFiles();
        assertThat(files).as("SQL files under %s", SQL_ROOT.toAbsolutePath())
                .extracting(p -> SQL_ROOT.relativize(p).toString().replace('\\', '/'))
                .contains("configmgr/select_hosts.sql", "configmgr/select_updates.sql",
                        "configmgr/select_update_categories.sql", "configmgr/select_compliance.sql",
                        "configmgr/select_collection_members.sql", "configmgr/select_collections.sql",
                        "configmgr/select_maintenance_windows.sql",
                        "configmgr/select_host_product_types.sql");
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            problems.addAll(SqlDialectLint.check(SQL_ROOT.relativize(file).toString(), sql));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aCleanStatementPasses() {
        assertThat(SqlDialectLint.check("clean.sql", CLEAN)).isEmpty();
    }

    static Stream<Arguments> forbiddenConstructs() {
        String select = "SELECT s.ResourceID FROM v_R_System s WHERE s.Active0 = 1";
        return Stream.of(
                Arguments.of("GETDATE", HEADER + select + " AND s.Creation_Date0 < GETDATE() AND 0 < :asOfEnd", "GETDATE()"),
                Arguments.of("GETUTCDATE", HEADER + select + " AND s.Creation_Date0 < getutcdate() AND 0 < :asOfEnd",
                        "GETUTCDATE()"),
                Arguments.of("SYSUTCDATETIME", HEADER + select + " AND SYSUTCDATETIME() > :asOfEnd", "SYSUTCDATETIME()"),
                Arguments.of("CURRENT_TIMESTAMP", HEADER + select + " AND CURRENT_TIMESTAMP > :asOfEnd", "CURRENT_TIMESTAMP"),
                Arguments.of("CONVERT style", HEADER + "SELECT CONVERT(varchar(10), s.Creation_Date0, 120) AS d "
                        + "FROM v_R_System s WHERE s.Creation_Date0 < :asOfEnd", "CONVERT(..., style)"),
                Arguments.of("CROSS APPLY", HEADER + select + " AND 1 < :asOfEnd CROSS APPLY (SELECT TOP 1 os.Caption0 "
                        + "FROM v_GS_OPERATING_SYSTEM os) x", "APPLY"),
                Arguments.of("SET", "-- Parameters: none\nSET NOCOUNT ON SELECT 1 AS one FROM v_R_System", "SET"),
                Arguments.of("DECLARE", "-- Parameters: none\nDECLARE x int SELECT 1 AS one FROM v_R_System", "DECLARE"),
                Arguments.of("OPTION", HEADER + select + " AND 1 < :asOfEnd OPTION (RECOMPILE)", "OPTION"),
                Arguments.of("dbo prefix", HEADER + "SELECT s.ResourceID FROM dbo.v_R_System s WHERE 1 < :asOfEnd", "dbo."),
                Arguments.of("bracketed dbo prefix", HEADER + "SELECT s.ResourceID FROM [dbo].[v_R_System] s WHERE 1 < :asOfEnd",
                        "dbo."),
                Arguments.of("||", HEADER + "SELECT 'KB' || ui.ArticleID AS kb FROM v_UpdateInfo ui WHERE 1 < :asOfEnd", "'||'"),
                Arguments.of("::", HEADER + "SELECT ui.Severity::int AS s FROM v_UpdateInfo ui WHERE 1 < :asOfEnd", "'::'"),
                Arguments.of("LIMIT", HEADER + select + " AND 1 < :asOfEnd LIMIT 10", "LIMIT"),
                Arguments.of("TRUE", HEADER + select + " AND TRUE AND 1 < :asOfEnd", "TRUE"),
                Arguments.of("FALSE", HEADER + select + " OR FALSE AND 1 < :asOfEnd", "FALSE"),
                Arguments.of("IIF", HEADER + "SELECT IIF(s.Active0 = 1, 'y', 'n') AS a FROM v_R_System s WHERE 1 < :asOfEnd",
                        "IIF"),
                Arguments.of("FORMAT", HEADER + "SELECT FORMAT(s.Creation_Date0, 'yyyy') AS y FROM v_R_System s "
                        + "WHERE 1 < :asOfEnd", "FORMAT"),
                Arguments.of("TRY_CONVERT", HEADER + "SELECT TRY_CONVERT(int, s.Build01) AS b FROM v_R_System s "
                        + "WHERE 1 < :asOfEnd", "TRY_CONVERT"),
                Arguments.of("EOMONTH", HEADER + "SELECT EOMONTH(:asOfEnd) AS e FROM v_R_System s", "EOMONTH"),
                Arguments.of("PIVOT", HEADER + select + " AND 1 < :asOfEnd PIVOT (COUNT(x) FOR y IN ([1])) p", "PIVOT"),
                Arguments.of("SELECT INTO", HEADER + "SELECT s.ResourceID INTO #hosts FROM v_R_System s WHERE 1 < :asOfEnd",
                        "SELECT INTO"),
                Arguments.of("FETCH FIRST", HEADER + select + " AND 1 < :asOfEnd FETCH FIRST 10 ROWS ONLY", "FETCH FIRST"),
                Arguments.of("base table", HEADER + "SELECT m.MachineID FROM Update_ComplianceStatus m WHERE 1 < :asOfEnd",
                        "only v_* views"),
                Arguments.of("base table in a join", HEADER + select + " AND 1 < :asOfEnd AND EXISTS (SELECT 1 FROM "
                        + "v_GS_OPERATING_SYSTEM os JOIN System_DISC d ON d.ItemKey = os.ResourceID)", "only v_* views"),
                Arguments.of("comma join", HEADER + "SELECT s.ResourceID FROM v_R_System s, System_DISC d "
                        + "WHERE 1 < :asOfEnd", "comma-separated"),
                Arguments.of("second statement", HEADER + select + " AND 1 < :asOfEnd; DROP TABLE x", "';'"),
                Arguments.of("write", "-- Parameters: none\nDELETE FROM v_R_System", "start with SELECT or WITH"),
                Arguments.of("variable", HEADER + select + " AND s.ResourceID = @id AND 1 < :asOfEnd", "'@'"),
                Arguments.of("double quotes", HEADER + "SELECT s.ResourceID AS \"id\" FROM v_R_System s WHERE 1 < :asOfEnd",
                        "double-quoted"),
                Arguments.of("bare TimeStamp", HEADER + "SELECT os.TimeStamp AS t FROM v_GS_OPERATING_SYSTEM os "
                        + "WHERE 1 < :asOfEnd", "[TimeStamp]"),
                Arguments.of("LIKE on a parameter without ESCAPE", HEADER + select
                        + " AND UPPER(s.Netbios_Name0) LIKE UPPER(:asOfEnd)", "ESCAPE"),
                Arguments.of("no header", "SELECT s.ResourceID FROM v_R_System s", "no header comment"),
                Arguments.of("parameter missing from header", HEADER + select + " AND 1 < :asOfEnd AND s.Name0 = :name",
                        "does not list :name"),
                Arguments.of("header lists unused parameter", HEADER + select, "does not use it"),
                Arguments.of("no parameters line", "-- a query\nSELECT 1 AS one FROM v_R_System", "'Parameters:'"),
                Arguments.of("malformed needs entry", HEADER + "-- needs: ResourceID\n" + select + " AND 1 < :asOfEnd",
                        "'ResourceID' in the header's needs list"),
                Arguments.of("optional column never referred to", HEADER + "-- optional: v_R_System.Obsolete0 as s.Obsolete0\n"
                        + select + " AND 1 < :asOfEnd", "never referred to as 's.Obsolete0'"),
                Arguments.of("optional column inside OVER", HEADER + "-- optional: v_GS_OPERATING_SYSTEM.TimeStamp as os.[TimeStamp]\n"
                        + "SELECT ROW_NUMBER() OVER (PARTITION BY os.ResourceID ORDER BY os.[TimeStamp] DESC) AS n "
                        + "FROM v_GS_OPERATING_SYSTEM os WHERE os.Caption0 < :asOfEnd", "inside OVER (...)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenConstructs")
    void theLintCatches(String construct, String sql, String expectedMessage) {
        assertThat(SqlDialectLint.check("bad.sql", sql))
                .as("lint of %s", sql)
                .anySatisfy(problem -> assertThat(problem).startsWith("bad.sql: ").contains(expectedMessage));
    }

    @Test
    void wordsInCommentsAndStringsAreNotFlagged() {
        String sql = HEADER + """
                /* LIMIT, GETDATE(), dbo.x and ; in a block comment */
                SELECT 'SET TRUE; || :: LIMIT' AS text
                FROM v_R_System s
                WHERE s.Netbios_Name0 <> N'DECLARE @x' AND s.Creation_Date0 < :asOfEnd
                """;
        assertThat(SqlDialectLint.check("ok.sql", sql)).isEmpty();
    }

    @Test
    void everyConfigMgrFileDeclaresTheColumnsItNeeds() throws IOException {
        List<Path> files = sqlFiles().stream().filter(p -> p.getParent().getFileName().toString().equals("configmgr"))
                .toList();
        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(SqlFile.declarations(file.toString(),
                Files.readString(file, StandardCharsets.UTF_8)).get(0)).as("needs of %s", file).isNotEmpty());
    }

    private static List<Path> sqlFiles() throws IOException {
        try (Stream<Path> paths = Files.walk(SQL_ROOT)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
    }
}
