package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.SqlParameter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

class SqlFileTests {

    static Stream<String> configMgrFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sql", "configmgr"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configMgrFiles")
    void loadsTheClasspathCopyOfTheFileWithItsHash(String name) throws Exception {
        byte[] onDisk = Files.readAllBytes(Path.of("sql", "configmgr", name + ".sql"));

        SqlFile sql = SqlFile.load("configmgr", name);

        assertThat(sql.path()).isEqualTo("sql/configmgr/" + name + ".sql");
        assertThat(sql.text()).isEqualTo(new String(onDisk, StandardCharsets.UTF_8));
        assertThat(sql.sha256()).isEqualTo(sha256(onDisk)).hasSize(64).matches("[0-9a-f]+");
    }

    @ParameterizedTest
    @MethodSource("configMgrFiles")
    void parameterNamesAgreeWithSpringsParser(String name) {
        SqlFile sql = SqlFile.load("configmgr", name);

        List<String> spring = NamedParameterUtils.buildSqlParameterList(
                NamedParameterUtils.parseSqlStatement(sql.text()), new MapSqlParameterSource())
                .stream().map(SqlParameter::getName).distinct().toList();

        assertThat(sql.parameterNames()).isEqualTo(spring);
    }

    @Test
    void theComplianceQueryTakesEveryScopeParameter() {
        assertThat(SqlFile.load("configmgr", "select_compliance.sql").parameterNames())
                .containsExactlyInAnyOrder("collectionId", "hostPattern", "serversOnly", "articleIds", "bulletinIds",
                        "minSeverity", "asOfEnd");
        assertThat(SqlFile.load("configmgr", "select_hosts").parameterNames())
                .containsExactlyInAnyOrder("collectionId", "hostPattern", "serversOnly");
        assertThat(SqlFile.load("configmgr", "select_maintenance_windows").parameterNames()).isEmpty();
    }

    @Test
    void parameterNamesSkipCommentsStringsAndCasts() {
        SqlFile sql = SqlFile.load(new ByteArrayResource("""
                -- :inHeader
                SELECT ':inString' AS a, x::int AS b, :first AS c /* :inBlock */
                FROM v_R_System WHERE y = :second AND z = :first AND "q:uoted" = 1
                """.getBytes(StandardCharsets.UTF_8), "inline"));

        assertThat(sql.parameterNames()).containsExactly("first", "second");
    }

    @Test
    void aByteOrderMarkIsDroppedFromTheTextButHashed() {
        byte[] body = "SELECT 1 AS one".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        SqlFile sql = SqlFile.load(new ByteArrayResource(withBom, "with BOM"));

        assertThat(sql.text()).isEqualTo("SELECT 1 AS one");
        assertThat(sql.sha256()).isEqualTo(sha256(withBom)).isNotEqualTo(sha256(body));
    }

    @Test
    void aFileOverrideKeepsItsOwnPath(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("select_hosts.sql");
        Files.writeString(file, "SELECT 2 AS two");

        SqlFile sql = SqlFile.load(new FileSystemResource(file));

        assertThat(sql.text()).isEqualTo("SELECT 2 AS two");
        assertThat(sql.path()).contains("select_hosts.sql");
    }

    @Test
    void invalidUtf8IsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SqlFile.load(new ByteArrayResource(new byte[] {'S', (byte) 0xC3, '(', 0}, "bad")))
                .withMessageContaining("not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../configmgr/select_hosts", "select hosts", "Select_Hosts", "sub/select_hosts", ""})
    void namesThatCouldLeaveTheFolderAreRejected(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlFile.load("configmgr", name));
    }

    @Test
    void aMissingFileNamesTheLocation() {
        assertThatIllegalArgumentException().isThrownBy(() -> SqlFile.load("configmgr", "select_nothing"))
                .withMessageContaining("classpath:sql/configmgr/select_nothing.sql");
        assertThatIllegalArgumentException().isThrownBy(() -> SqlFile.load("nosuchschema", "select_hosts"))
                .withMessageContaining("sql/nosuchschema/select_hosts.sql");
    }

    private static SqlFile inline(String text) {
        return SqlFile.load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "inline"));
    }

    private static final String DECLARED = """
            -- example: needed and optional columns.
            --
            -- needs: v_R_System.ResourceID, v_GS_WORKSTATION_STATUS.ResourceID,
            --   v_GS_WORKSTATION_STATUS.LastHWScan
            -- optional: v_GS_WORKSTATION_STATUS.TimeZoneOffset as ws.TimeZoneOffset
            -- needs: v_R_System.Netbios_Name0
            -- optional: v_R_System.Decommissioned0
            -- (a note after the lists is not a list)
            --
            -- Parameters: none
            SELECT s.ResourceID, ws.TimeZoneOffset AS offset, 'ws.TimeZoneOffset' AS text,
                   wss.TimeZoneOffset AS other, ws.TimeZoneOffset0 AS longer, WS.timezoneoffset AS upper,
                   v_R_System.Decommissioned0 AS decommissioned -- ws.TimeZoneOffset in a comment
            FROM v_R_System s JOIN v_GS_WORKSTATION_STATUS ws ON ws.ResourceID = s.ResourceID
            WHERE ws.TimeZoneOffset IS NULL OR ws.TimeZoneOffset<>0 /* ws.TimeZoneOffset */""";

    @Test
    void theHeaderNamesTheNeededAndTheOptionalColumnsWithTheirReferences() {
        SqlFile sql = inline(DECLARED);

        assertThat(sql.needs()).extracting(SqlFile.Column::name).containsExactly("v_R_System.ResourceID",
                "v_GS_WORKSTATION_STATUS.ResourceID", "v_GS_WORKSTATION_STATUS.LastHWScan", "v_R_System.Netbios_Name0");
        assertThat(sql.optional()).containsExactly(
                new SqlFile.Column("v_GS_WORKSTATION_STATUS", "TimeZoneOffset", "ws.TimeZoneOffset"),
                new SqlFile.Column("v_R_System", "Decommissioned0", "v_R_System.Decommissioned0"));
        assertThat(sql.absent()).isEmpty();
    }

    @Test
    void anAbsentOptionalColumnReadsAsNullWhereverTheStatementRefersToItAndOnlyThere() {
        SqlFile sql = inline(DECLARED);

        SqlFile absent = sql.withAbsent(List.of(sql.optional().get(0)));

        assertThat(absent.text()).isEqualTo(DECLARED
                .replace("SELECT s.ResourceID, ws.TimeZoneOffset AS offset", "SELECT s.ResourceID, NULL AS offset")
                .replace("WS.timezoneoffset AS upper", "NULL AS upper")
                .replace("WHERE ws.TimeZoneOffset IS NULL OR ws.TimeZoneOffset<>0", "WHERE NULL IS NULL OR NULL<>0"));
        assertThat(absent.absent()).extracting(SqlFile.Column::name).containsExactly("v_GS_WORKSTATION_STATUS.TimeZoneOffset");
        assertThat(absent.sha256()).as("the file's hash, not the statement's").isEqualTo(sql.sha256());
        assertThat(absent.path()).isEqualTo(sql.path());
        assertThat(sql.withAbsent(sql.optional()).text()).contains("NULL AS decommissioned")
                .doesNotContain("v_R_System.Decommissioned0 AS");
    }

    @Test
    void onlyTheFilesOwnOptionalColumnsCanBeAbsent() {
        SqlFile sql = inline(DECLARED);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> sql.withAbsent(List.of(new SqlFile.Column("v_R_System", "ResourceID", "s.ResourceID"))))
                .withMessageContaining("v_R_System.ResourceID is not an optional column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-- needs: TimeZoneOffset", "-- optional: v_X.Col as", "-- needs: v_X.Col AS x.Col extra",
            "-- optional: v_X.[Col]"})
    void aMalformedDeclarationIsRejectedWithTheFileAndTheEntry(String line) {
        assertThatIllegalArgumentException().isThrownBy(() -> inline(line + "\nSELECT 1 AS one"))
                .withMessageContaining("inline").withMessageContaining(": '").withMessageContaining("View.Column");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new AssertionError(ex);
        }
    }
}
