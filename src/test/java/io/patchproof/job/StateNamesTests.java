package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.testsupport.HostFactsBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** The mapping from SMS 2003 state names to status and enforcement state, and its configuration. */
class StateNamesTests {

    private static final Duration WINDOW = Duration.ofHours(14);
    private static final StateNames DEFAULTS = StateNames.of(sms2003(null, "local"), WINDOW);
    private static final HostFacts HOST_UTC_PLUS_ONE = HostFactsBuilder.aHost().withOffsetMinutes(60).build();

    /** A compliance row as the sms2003 extract leaves it: no status, AgentInstallDate as written. */
    private static ComplianceFacts snapshotRow(String agentInstallDate) {
        Instant raw = agentInstallDate == null ? null : LocalDateTime.parse(agentInstallDate).toInstant(ZoneOffset.UTC);
        return new ComplianceFacts(7, 42, 1001, 0, null, null, raw, null, null);
    }

    @Test
    void theTwoNamesSeenInSms2003ReportsAreKnownWithoutConfiguration() {
        assertThat(DEFAULTS.meaning("Install Verified")).isEqualTo(StateNames.Meaning.INSTALLED);
        assertThat(DEFAULTS.meaning("Reboot pending")).isEqualTo(StateNames.Meaning.PENDING_RESTART);
    }

    @ParameterizedTest
    @ValueSource(strings = {"install verified", "INSTALL VERIFIED", "InstallVerified", " Install  Verified ", "Install-Verified"})
    void namesMatchIgnoringCaseSpacesAndPunctuation(String name) {
        assertThat(DEFAULTS.meaning(name)).isEqualTo(StateNames.Meaning.INSTALLED);
    }

    @Test
    void configuredNamesAreAddedToTheDefaultsAndWinOverThem() {
        StateNames names = StateNames.of(sms2003(
                Map.of("Uninstall Pending", "required", "Install Pending", "pending-restart"), "local"), WINDOW);

        assertThat(names.meaning("Uninstall Pending")).isEqualTo(StateNames.Meaning.REQUIRED);
        assertThat(names.meaning("Install Pending")).isEqualTo(StateNames.Meaning.PENDING_RESTART);
        assertThat(names.meaning("Install Verified")).isEqualTo(StateNames.Meaning.INSTALLED);
        assertThat(DEFAULTS.meaning("Uninstall Pending")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Uninstall Pending", "", "   "})
    void anUnknownOrMissingNameCountsAsRequiredAndNeverAsInstalled(String name) {
        StateNames.Reading reading = DEFAULTS.read(snapshotRow("2008-10-24T05:00"), name, HOST_UTC_PLUS_ONE);

        assertThat(reading.unknown()).isTrue();
        assertThat(reading.facts().status()).isEqualTo(2);
        assertThat(reading.facts().enforcementState()).isNull();
        assertThat(reading.facts().enforcementTimeUtc()).isNull();
        assertThat(reading.facts().lastStatusChangeUtc()).isNull();
        assertThat(reading.evidence()).contains(StateNames.PROPERTY).contains("never as installed");
    }

    @Test
    void installedWithAnAgentInstallDateInLocalTimeIsDatedLikeState10InUtc() {
        StateNames.Reading reading = DEFAULTS.read(snapshotRow("2008-10-24T05:00"), "Install Verified", HOST_UTC_PLUS_ONE);

        ComplianceFacts facts = reading.facts();
        assertThat(facts.status()).isEqualTo(3);
        assertThat(facts.enforcementState()).isEqualTo(10);
        assertThat(facts.enforcementTimeUtc()).isEqualTo(Instant.parse("2008-10-24T04:00:00Z"));
        assertThat(facts).extracting(ComplianceFacts::seq, ComplianceFacts::resourceId, ComplianceFacts::ciId)
                .containsExactly(7L, 42, 1001);
        assertThat(reading.evidence()).isEqualTo("site state 'Install Verified' read as installed, AgentInstallDate "
                + "2008-10-24 05:00 local");
    }

    @Test
    void withTheOffsetUnknownALocalAgentInstallDateOnlyBoundsTheInstallFromAbove() {
        HostFacts unknownOffset = HostFactsBuilder.aHost().withUnknownOffset().build();

        for (HostFacts host : new HostFacts[] {unknownOffset, null}) {
            ComplianceFacts facts = DEFAULTS.read(snapshotRow("2008-10-24T05:00"), "Install Verified", host).facts();

            assertThat(facts.status()).isEqualTo(3);
            assertThat(facts.enforcementState()).isNull();
            assertThat(facts.enforcementTimeUtc()).isNull();
            assertThat(facts.lastStatusChangeUtc()).isEqualTo(Instant.parse("2008-10-24T19:00:00Z"));
        }
    }

    @Test
    void anAgentInstallDateConfiguredAsUtcIsTakenAsItIs() {
        StateNames utc = StateNames.of(sms2003(null, "UTC"), WINDOW);
        HostFacts unknownOffset = HostFactsBuilder.aHost().withUnknownOffset().build();

        ComplianceFacts facts = utc.read(snapshotRow("2008-10-24T05:00"), "Reboot pending", unknownOffset).facts();

        assertThat(facts.status()).isEqualTo(2);
        assertThat(facts.enforcementState()).isEqualTo(9);
        assertThat(facts.enforcementTimeUtc()).isEqualTo(Instant.parse("2008-10-24T05:00:00Z"));
    }

    @Test
    void eachMeaningGivesItsStatusAndEnforcementState() {
        List<Object> seen = new ArrayList<>();
        for (String name : List.of("Install Verified", "Reboot pending", "Applicable", "Failed", "Not Applicable")) {
            ComplianceFacts f = DEFAULTS.read(snapshotRow(null), name, HOST_UTC_PLUS_ONE).facts();
            seen.add(name + "=" + f.status() + "/" + f.enforcementState());
        }

        assertThat(seen).containsExactly("Install Verified=3/null", "Reboot pending=2/9", "Applicable=2/null",
                "Failed=2/11", "Not Applicable=1/null");
    }

    @Test
    void aStateWithoutAgentInstallDateSaysSo() {
        StateNames.Reading reading = DEFAULTS.read(snapshotRow(null), "Install Verified", HOST_UTC_PLUS_ONE);

        assertThat(reading.facts().enforcementTimeUtc()).isNull();
        assertThat(reading.facts().lastStatusChangeUtc()).isNull();
        assertThat(reading.evidence()).contains("no AgentInstallDate");
    }

    @Test
    void anUnknownMeaningOrZoneIsAConfigurationErrorNamingTheProperty() {
        assertThatThrownBy(() -> StateNames.of(sms2003(
                Map.of("Install Verified", "done"), "local"), WINDOW))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("patchproof.source.sms2003.state-names.[Install Verified]")
                .hasMessageContaining("'done'").hasMessageContaining("pending-restart");
        assertThatThrownBy(() -> StateNames.of(sms2003(null, "server"), WINDOW))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(StateNames.ZONE_PROPERTY).hasMessageContaining("'server'");
    }

    @Test
    void namesWithSpacesBindFromYamlWithOrWithoutBrackets() throws IOException {
        String yaml = """
                patchproof:
                  source:
                    sms2003:
                      state-names:
                        "[Uninstall Pending]": required
                        Superseded Update: not-applicable
                      agent-install-date-zone: utc
                """;
        List<PropertySource<?>> loaded = new YamlPropertySourceLoader()
                .load("test", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        PatchproofProperties properties = new Binder(ConfigurationPropertySources.from(loaded.get(0)))
                .bind("patchproof", PatchproofProperties.class).get();

        StateNames names = StateNames.of(properties.source().sms2003(), WINDOW);

        assertThat(names.meaning("Uninstall Pending")).isEqualTo(StateNames.Meaning.REQUIRED);
        assertThat(names.meaning("Superseded Update")).isEqualTo(StateNames.Meaning.NOT_APPLICABLE);
        assertThat(properties.source().sms2003().agentInstallDateZone()).isEqualTo("utc");
    }

    @Test
    void aNameOnTheCommandLineBindsInBrackets() {
        ConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "patchproof.source.sms2003.state-names.[Uninstall Pending]", "required"));
        PatchproofProperties properties = new Binder(source).bind("patchproof", PatchproofProperties.class).get();

        assertThat(StateNames.of(properties.source().sms2003(), WINDOW).meaning("Uninstall Pending"))
                .isEqualTo(StateNames.Meaning.REQUIRED);
    }

    @Test
    void theShippedConfigurationBindsAndKeepsTheDefaults() throws IOException {
        List<PropertySource<?>> loaded = new YamlPropertySourceLoader()
                .load("config", new FileSystemResource(Path.of("config", "application.yml")));
        PatchproofProperties properties = new Binder(ConfigurationPropertySources.from(loaded.get(0)))
                .bind("patchproof", PatchproofProperties.class).get();

        StateNames names = StateNames.of(properties.source().sms2003(), WINDOW);

        assertThat(properties.source().sms2003().agentInstallDateZone()).isEqualTo("local");
        StateNames.DEFAULTS.forEach((name, meaning) -> assertThat(names.meaning(name)).as(name).isEqualTo(meaning));
    }

    private static PatchproofProperties.Source.Sms2003 sms2003(Map<String, String> names, String zone) {
        return new PatchproofProperties.Source.Sms2003(names, zone, List.of("*Microsoft Updates*"),
                "classpath:config/bulletin-severity.csv");
    }
}
