package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
    void settingsTheUrlAlreadyMakesAreKept() {
        String url = SourceDataSources.effectiveUrl(settings(
                "jdbc:sqlserver://cm01:1433;databaseName=CM_PP1;encrypt=strict;loginTimeout=5"));
        assertThat(url).contains(";encrypt=strict", ";loginTimeout=5").doesNotContain("encrypt=true")
                .doesNotContain("loginTimeout=15");
    }

    @Test
    void otherUrlsAreLeftAlone() {
        assertThat(SourceDataSources.effectiveUrl(settings("jdbc:h2:mem:x"))).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void passwordNeverAppearsInTextForms() {
        SourceSettings s = settings("jdbc:sqlserver://cm01;databaseName=CM_PP1;password=s3cret!");
        assertThat(s.toString()).doesNotContain("s3cret!");
        assertThat(s.safeUrl()).doesNotContain("s3cret!").contains("password=****");
    }

    @Test
    void serverNameIsTakenFromTheUrl() {
        assertThat(SourceInspector.serverOf("jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1"))
                .isEqualTo("cm01.example.org");
        assertThat(SourceInspector.serverOf("jdbc:sqlserver://cm01\\INST;databaseName=CM_PP1")).isEqualTo("cm01");
    }
}
