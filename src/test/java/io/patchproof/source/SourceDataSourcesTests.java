package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SourceDataSourcesTests {

    private static SourceSettings settings(String url) {
        return new SourceSettings(url, "reporter", "s3cret!", "auto", 1000, Duration.ofSeconds(15),
                Duration.ofMinutes(30), Duration.ofMinutes(10), false);
    }

    @Test
    void sqlServerUrlGetsTlsReadOnlyIntentAndTimeouts() {
        String url = SourceDataSources.effectiveUrl(settings("jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1"));
        assertThat(url).contains(";encrypt=true", ";trustServerCertificate=false", ";applicationIntent=ReadOnly",
                ";loginTimeout=15", ";queryTimeout=1800", ";socketTimeout=600000");
    }

    @Test
    void thePoolTheRunUsesCarriesTheEffectiveTimeoutsAsTheDriverReadsThem() throws SQLException {
        SourceSettings settings = new SourceSettings("jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1", "reporter",
                "s3cret!", "auto", 1000, Duration.ofSeconds(20), Duration.ofMinutes(5), Duration.ofSeconds(90), false);
        try (HikariDataSource pool = SourceDataSources.create(settings)) {
            assertThat(pool.getJdbcUrl()).isEqualTo(SourceDataSources.effectiveUrl(settings));
            Map<String, String> driver = driverProperties(pool.getJdbcUrl());
            assertThat(driver).containsEntry("loginTimeout", "20")
                    .as("query timeout in seconds").containsEntry("queryTimeout", "300")
                    .as("socket timeout in milliseconds").containsEntry("socketTimeout", "90000")
                    .containsEntry("cancelQueryTimeout", "30")
                    .containsEntry("encrypt", "true")
                    .containsEntry("trustServerCertificate", "false")
                    .containsEntry("applicationIntent", "readonly");
            assertThat(pool.getConnectionTimeout()).as("the pool waits no longer than a login may take, plus 5 s")
                    .isEqualTo(25_000);
            assertThat(pool.getMaxLifetime()).as("a connection outlives the longest query").isEqualTo(900_000);
            assertThat(pool.isReadOnly()).isTrue();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
            assertThat(pool.getPassword()).isEqualTo("s3cret!");
            assertThat(pool.toString()).doesNotContain("s3cret!");
        }
    }

    @Test
    void aPasswordWrittenIntoTheUrlIsHandedToTheDriverAsAPropertyNotInTheUrl() {
        SourceSettings inUrl = new SourceSettings("jdbc:h2:mem:site;MODE=MSSQLServer;PASSWORD=s3cret!;IFEXISTS=TRUE", "reporter",
                null, "auto", 1000, Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(10), false);
        try (HikariDataSource pool = SourceDataSources.create(inUrl)) {
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:mem:site;MODE=MSSQLServer;IFEXISTS=TRUE");
            assertThat(pool.getPassword()).isEqualTo("s3cret!");
        }
        assertThat(SourceDataSources.withoutPassword("jdbc:sqlserver://cm01;databaseName=CM_PP1;password={a;b};encrypt=true"))
                .isEqualTo(new SourceDataSources.UrlWithoutPassword("jdbc:sqlserver://cm01;databaseName=CM_PP1;encrypt=true", "a;b"));
        assertThat(SourceDataSources.withoutPassword("jdbc:sqlserver://cm01;trustStorePassword=t;user=u;password=p"))
                .isEqualTo(new SourceDataSources.UrlWithoutPassword("jdbc:sqlserver://cm01;trustStorePassword=t;user=u", "p"));
        assertThat(SourceDataSources.withoutPassword("jdbc:postgresql://db/cm?password=p&ssl=true"))
                .isEqualTo(new SourceDataSources.UrlWithoutPassword("jdbc:postgresql://db/cm?ssl=true", "p"));
        assertThat(SourceDataSources.withoutPassword("jdbc:postgresql://db/cm?ssl=true&pwd=p"))
                .isEqualTo(new SourceDataSources.UrlWithoutPassword("jdbc:postgresql://db/cm?ssl=true", "p"));
    }

    @Test
    void theDefaultTimeoutsAsTheDriverReadsThem() throws SQLException {
        Map<String, String> driver = driverProperties(SourceDataSources.effectiveUrl(
                settings("jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1")));
        assertThat(driver).containsEntry("loginTimeout", "15").containsEntry("queryTimeout", "1800")
                .containsEntry("socketTimeout", "600000");
    }

    private static Map<String, String> driverProperties(String url) throws SQLException {
        DriverPropertyInfo[] info = new SQLServerDriver().getPropertyInfo(url, new Properties());
        return Arrays.stream(info).filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.name, p -> p.value.toLowerCase(java.util.Locale.ROOT), (a, b) -> a));
    }

    @Test
    void settingsTheUrlAlreadyMakesAreKept() {
        String url = SourceDataSources.effectiveUrl(settings(
                "jdbc:sqlserver://cm01:1433;databaseName=CM_PP1;encrypt=strict;loginTimeout=5"));
        assertThat(url).contains(";encrypt=strict", ";loginTimeout=5").doesNotContain("encrypt=true")
                .doesNotContain("loginTimeout=15");
    }

    @Test
    void otherUrlsAreLeftAlone() {
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:tcp://localhost/x"))).isEqualTo("jdbc:h2:tcp://localhost/x");
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:mem:x"))).as("open already, with its creator's settings")
                .isEqualTo("jdbc:h2:mem:x");
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:postgresql://db/cm"))).isEqualTo("jdbc:postgresql://db/cm");
    }

    @Test
    void anH2SourceFileIsNotClosedByH2sOwnShutdownHook() {
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:./stand-in"))).isEqualTo("jdbc:h2:./stand-in;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:file:./demo;MODE=MSSQLServer;")))
                .isEqualTo("jdbc:h2:file:./demo;MODE=MSSQLServer;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:file:./demo;db_close_on_exit=true")))
                .as("the URL's own choice is kept").isEqualTo("jdbc:h2:file:./demo;db_close_on_exit=true");
    }

    @Test
    void passwordNeverAppearsInTextForms() {
        SourceSettings s = settings("jdbc:sqlserver://cm01;databaseName=CM_PP1;password=s3cret!");
        assertThat(s.toString()).doesNotContain("s3cret!");
        assertThat(s.safeUrl()).doesNotContain("s3cret!").contains("password=****");
        assertThat(SourceSettings.maskSecrets("jdbc:h2:file:/x;USER=a;PASSWORD=s3cret!;MODE=MSSQLServer"))
                .isEqualTo("jdbc:h2:file:/x;USER=a;PASSWORD=****;MODE=MSSQLServer");
        assertThat(SourceSettings.maskSecrets("jdbc:postgresql://reader:s3cret!@db.example.org/cm?pwd=s3cret!&passwd=x"))
                .isEqualTo("jdbc:postgresql://reader:****@db.example.org/cm?pwd=****&passwd=****");
    }

    @Test
    void serverNameIsTakenFromTheUrl() {
        assertThat(SourceInspector.serverOf("jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1"))
                .isEqualTo("cm01.example.org");
        assertThat(SourceInspector.serverOf("jdbc:sqlserver://cm01\\INST;databaseName=CM_PP1")).isEqualTo("cm01");
    }
}
