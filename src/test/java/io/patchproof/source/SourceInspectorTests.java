package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.SiteDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Pre-flight: schema detection and the one-line errors for a source that cannot be used. */
@ExtendWith(OutputCaptureExtension.class)
class SourceInspectorTests {

    private static int counter;

    private static JdbcDataSource h2(String... ddl) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:inspector" + (counter++) + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : ddl) {
                s.execute(sql);
            }
        }
        return ds;
    }

    private static SourceSettings settings(JdbcDataSource ds, String schema) {
        return new SourceSettings(ds.getURL(), "sa", "", schema, 100, Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(1), false);
    }

    @Test
    void aDatabaseWithNeitherProbeViewIsNotRecognised() throws SQLException {
        JdbcDataSource ds = h2("CREATE TABLE something_else (id INT)");
        assertThatThrownBy(() -> SourceInspector.inspect(ds, settings(ds, "auto")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("is not a ConfigMgr or SMS 2003 site database")
                .hasMessageContaining("v_UpdateComplianceStatus").hasMessageContaining("v_GS_PatchStatusEx");
    }

    @Test
    void configMgrProbeViewIsDetectedAndAMissingViewIsNamedWithItsSqlFile() throws SQLException {
        JdbcDataSource ds = h2("CREATE TABLE ucs (CI_ID INT, ResourceID INT)",
                "CREATE VIEW v_UpdateComplianceStatus AS SELECT CI_ID, ResourceID FROM ucs");
        assertThatThrownBy(() -> SourceInspector.inspect(ds, settings(ds, "auto")))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("sql/configmgr/")
                .hasMessageContaining("missing");
    }

    @Test
    void sms2003ProbeViewIsDetectedWhenConfigMgrsIsAbsentAndItsSqlFilesAreChecked() throws SQLException {
        JdbcDataSource ds = h2("CREATE TABLE ps (ResourceID INT, UpdateID INT)",
                "CREATE VIEW v_GS_PatchStatusEx AS SELECT ResourceID, UpdateID FROM ps");
        assertThatThrownBy(() -> SourceInspector.inspect(ds, settings(ds, "auto")))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("sql/sms2003/")
                .hasMessageContaining("missing");
    }

    @Test
    void bothDemoSiteDatabasesAreRecognisedAndTheReasonNamesTheProbe() {
        SourceDescription configMgr = SourceInspector.inspect(SiteDatabases.smallDataSource(),
                settings(DemoSiteDatabase.jdbcUrl(SiteDatabases.small()), "auto"));
        SourceDescription sms2003 = SourceInspector.inspect(SiteDatabases.smallSms2003DataSource(),
                settings(DemoSiteDatabase.jdbcUrl(SiteDatabases.smallSms2003()), "auto"));

        assertThat(configMgr.profile()).isEqualTo(SchemaProfile.CONFIGMGR);
        assertThat(configMgr.reason()).isEqualTo("auto: v_UpdateComplianceStatus present");
        assertThat(sms2003.profile()).isEqualTo(SchemaProfile.SMS2003);
        assertThat(sms2003.reason()).isEqualTo("auto: v_UpdateComplianceStatus absent, v_GS_PatchStatusEx present");
        assertThat(sms2003.tables()).allSatisfy(q -> assertThat(q.file().path()).startsWith("sql/sms2003/"));
    }

    @Test
    void aConfiguredSchemaIsUsedAsConfiguredAndFailsOnTheOtherGenerationsDatabase() {
        SourceDescription configured = SourceInspector.inspect(SiteDatabases.smallSms2003DataSource(),
                settings(DemoSiteDatabase.jdbcUrl(SiteDatabases.smallSms2003()), "sms2003"));

        assertThat(configured.reason()).isEqualTo("configured (patchproof.source.schema=sms2003)");
        assertThatThrownBy(() -> SourceInspector.inspect(SiteDatabases.smallSms2003DataSource(),
                settings(DemoSiteDatabase.jdbcUrl(SiteDatabases.smallSms2003()), "configmgr")))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("sql/configmgr/")
                .hasMessageContaining("missing");
    }

    private static SourceSettings settings(String url, String schema) {
        return new SourceSettings(url, null, null, schema, 100, Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(1), false);
    }

    @Test
    void aWrongSchemaSettingIsAConfigurationError() throws SQLException {
        JdbcDataSource ds = h2();
        assertThatThrownBy(() -> SourceInspector.inspect(ds, settings(ds, "sccm2012")))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("patchproof.source.schema").hasMessageContaining("'sccm2012'");
    }

    @Test
    void loginFailureNamesTheUserAndTheSettingsToFix() throws SQLException {
        JdbcDataSource ds = h2("CREATE USER reporter PASSWORD 'right'");
        JdbcDataSource wrong = new JdbcDataSource();
        wrong.setURL(ds.getURL());
        wrong.setUser("reporter");
        wrong.setPassword("wrong");
        SourceSettings s = new SourceSettings(ds.getURL(), "reporter", "wrong", "auto", 100, Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofMinutes(1), false);
        assertThatThrownBy(() -> SourceInspector.inspect(wrong, s))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("login failed for user 'reporter'")
                .hasMessageContaining("PATCHPROOF_SOURCE_PASSWORD")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong"));
    }

    @Test
    void aColumnDeclaredWithAnotherTypeIsNamedInAWarningAndTheCheckGoesOn() throws SQLException {
        JdbcDataSource ds = h2("CREATE TABLE os (ResourceID INT, LastBootUpTime0 VARCHAR(64), CurrentTimeZone0 NVARCHAR(16),"
                + " LastHWScan DATETIME)");
        SqlFile file = SqlFile.load(new ByteArrayResource(("SELECT ResourceID AS resourceId,"
                + " LastBootUpTime0 AS lastBootLocal, CurrentTimeZone0 AS currentTimeZone, LastHWScan AS hwScanLocal FROM os")
                .getBytes(StandardCharsets.UTF_8), "select_hosts.sql"));
        Logger logger = (Logger) LoggerFactory.getLogger(SourceInspector.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        List<String> warnings;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(file.text())) {
            warnings = SourceInspector.warnOnTypes(ps.getMetaData(), SnapshotTable.HOSTS, file);
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("select_hosts.sql]: column lastBootLocal (LastBootUpTime0) is CHARACTER VARYING"
                + " at this site, not datetime;").contains("read as unknown and listed under Data quality");
        assertThat(warnings.get(1)).contains("column currentTimeZone (CurrentTimeZone0)").contains("not an integer type");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEqualTo(warnings);
        assertThat(logged.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    }

    private static SourceDescription.Query query(SourceDescription description, SnapshotTable table) {
        return description.tables().stream().filter(q -> q.table() == table).findFirst().orElseThrow();
    }

    @Test
    void anAbsentOptionalColumnIsReadAsNullAndNamedWithItsFile(@TempDir Path dir, CapturedOutput output)
            throws SQLException {
        SiteDatabaseBuilder site = SiteDatabaseBuilder.aSiteDatabase(dir)
                .withoutColumn("v_GS_WORKSTATION_STATUS", "TimeZoneOffset")
                .withoutColumn("v_ServiceWindow", "IsGMT");
        site.host(1, "SRV01").offsetMinutes(60).add();
        String url = site.build();
        DriverManagerDataSource source = new DriverManagerDataSource(url);

        SourceDescription description = SourceInspector.inspect(source, settings(url, "auto"));

        SqlFile hosts = query(description, SnapshotTable.HOSTS).file();
        assertThat(hosts.absent()).extracting(SqlFile.Column::name).containsExactly("v_GS_WORKSTATION_STATUS.TimeZoneOffset");
        assertThat(hosts.text()).contains("NULL AS TimeZoneOffset").doesNotContain("ws.TimeZoneOffset AS");
        assertThat(hosts.sha256()).isEqualTo(SqlFile.load("configmgr", "select_hosts").sha256());
        assertThat(query(description, SnapshotTable.WINDOWS).file().absent()).extracting(SqlFile.Column::name)
                .containsExactly("v_ServiceWindow.IsGMT");
        assertThat(description.tables()).filteredOn(q -> q.table() != SnapshotTable.HOSTS && q.table() != SnapshotTable.WINDOWS)
                .allSatisfy(q -> assertThat(q.file().absent()).isEmpty());
        Map<String, Object> host = new NamedParameterJdbcTemplate(source).queryForMap(hosts.text(),
                SourceScope.all(java.time.Instant.parse("2026-11-17T00:00:00Z")).toParameters());
        assertThat(host).containsEntry("resourceId", 1).containsEntry("currentTimeZone", 60).containsEntry("timeZoneOffset", null);
        assertThat(output.getAll().lines().filter(l -> l.contains("WARN") && l.contains("optional column")))
                .containsExactlyInAnyOrder(
                        lineWith("sql/configmgr/select_hosts.sql: optional column v_GS_WORKSTATION_STATUS.TimeZoneOffset"
                                + " is not in the site database; it is read as NULL", output),
                        lineWith("sql/configmgr/select_maintenance_windows.sql: optional column v_ServiceWindow.IsGMT"
                                + " is not in the site database; it is read as NULL", output));
    }

    private static String lineWith(String text, CapturedOutput output) {
        return output.getAll().lines().filter(l -> l.contains(text)).findFirst().orElse("no line with: " + text);
    }

    @Test
    void aMissingNeededColumnIsRefusedNamingViewColumnAndFile(@TempDir Path dir) throws SQLException {
        SiteDatabaseBuilder site = SiteDatabaseBuilder.aSiteDatabase(dir).withoutColumn("v_UpdateInfo", "IsSuperseded");
        site.host(1, "SRV01").add();
        String url = site.build();

        assertThatThrownBy(() -> SourceInspector.inspect(new DriverManagerDataSource(url), settings(url, "auto")))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("sql/configmgr/select_updates.sql needs v_UpdateInfo.IsSuperseded, missing from");
    }
}
