package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.UtcInterval;
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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/**
 * Reading an SMS 2003 patch-state row: the scan status decides, the agent's state name refines it
 * (design.md, "SMS 2003 (ITMU)"), AgentInstallDate and ScanDateTime become intervals; and the
 * mapping's configuration.
 */
class StateNamesTests {

    private static final Duration WINDOW = Duration.ofHours(14);
    private static final Duration DST = Duration.ofHours(1);
    private static final StateNames DEFAULTS = StateNames.of(sms2003(null, "local"), WINDOW, DST);
    private static final HostFacts HOST_UTC_PLUS_ONE = HostFactsBuilder.aHost().withOffsetMinutes(60).build();
    private static final String ITMU = "Microsoft Updates Tool";

    /** A row as the sms2003 extract leaves it: no status, AgentInstallDate as stored, the scan's columns. */
    private static SnapshotComplianceRow snapshotRow(String scanStatus, String stateName, String agentInstallDate,
            String scanTime) {
        Instant raw = agentInstallDate == null ? null : LocalDateTime.parse(agentInstallDate).toInstant(ZoneOffset.UTC);
        return new SnapshotComplianceRow(new ComplianceFacts(7, 42, 1001, 0, null, null, raw, null, null), stateName,
                scanStatus, ITMU, scanTime == null ? null : LocalDateTime.parse(scanTime), null);
    }

    private static StateNames.Reading read(String scanStatus, String stateName) {
        return DEFAULTS.read(snapshotRow(scanStatus, stateName, null, null), HOST_UTC_PLUS_ONE);
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

    @Test
    void theScanStatusDecidesInstalledOrRequiredWhateverTheName() {
        List<String> seen = new ArrayList<>();
        for (String scan : new String[] {"Installed", "Applicable", " installed ", "APPLICABLE"}) {
            for (String name : new String[] {"Install Verified", "Applicable", "Not Applicable", "Uninstall Pending", ""}) {
                seen.add(scan.strip() + "/" + name + "=" + read(scan, name).facts().status());
            }
        }

        assertThat(seen).allSatisfy(s -> assertThat(s).endsWith(s.toLowerCase(Locale.ROOT).startsWith("installed") ? "=3" : "=2"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Not Applicable", "Superseded", "Installed pending"})
    void anyOtherScanStatusIsOutOfScope(String scanStatus) {
        StateNames.Reading reading = read(scanStatus, "Install Verified");

        assertThat(reading.facts().status()).isEqualTo(1);
        assertThat(reading.evidence()).contains("neither Installed nor Applicable: out of scope");
    }

    @Test
    void aRestartPendingNameIsState9AndAFailureNameState11AndEveryOtherNameNoState() {
        List<Object> seen = new ArrayList<>();
        for (String name : List.of("Reboot pending", "Restart pending", "Reboot required", "Failed", "Install Failed",
                "Install Verified", "Installed", "Applicable", "Install Pending", "Not Applicable", "")) {
            seen.add(name + "=" + read("Installed", name).facts().enforcementState());
        }

        assertThat(seen).containsExactly("Reboot pending=9", "Restart pending=9", "Reboot required=9", "Failed=11",
                "Install Failed=11", "Install Verified=null", "Installed=null", "Applicable=null", "Install Pending=null",
                "Not Applicable=null", "=null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Installed", "Applicable"})
    void anUnknownNameIsFlaggedAndAddsNoStateButTheScanStillDecides(String scanStatus) {
        StateNames.Reading reading = read(scanStatus, "Uninstall Pending");

        assertThat(reading.unknown()).isTrue();
        assertThat(reading.facts().status()).isEqualTo(scanStatus.equals("Installed") ? 3 : 2);
        assertThat(reading.facts().enforcementState()).isNull();
        assertThat(reading.evidence()).contains("agent state 'Uninstall Pending' is not in " + StateNames.PROPERTY);
    }

    @Test
    void aHandInstallHasAScanStatusAndNoNameAndIsNeitherUnknownNorRequired() {
        StateNames.Reading reading = DEFAULTS.read(snapshotRow("Installed", "", null, "2008-11-10T09:58"),
                HOST_UTC_PLUS_ONE);

        assertThat(reading.unknown()).isFalse();
        assertThat(reading.meaning()).isNull();
        assertThat(reading.facts().status()).isEqualTo(3);
        assertThat(reading.facts().enforcementState()).isNull();
        assertThat(reading.facts().agentInstall()).isNull();
        assertThat(reading.evidence()).isEqualTo("scan status 'Installed' (Microsoft Updates Tool, scanned 2008-11-10 09:58)"
                + " read as installed (Status 3); no SMS agent state, no AgentInstallDate");
    }

    @Test
    void aLocalAgentInstallDateIsTheUtcIntervalOfTheHostsOffsetWithTheDaylightSavingMargin() {
        StateNames.Reading reading = DEFAULTS.read(snapshotRow("Applicable", "Reboot pending", "2008-10-24T05:00", null),
                HOST_UTC_PLUS_ONE);

        ComplianceFacts facts = reading.facts();
        assertThat(facts.status()).isEqualTo(2);
        assertThat(facts.enforcementState()).isEqualTo(9);
        assertThat(facts.agentInstall()).isEqualTo(new UtcInterval(Instant.parse("2008-10-24T03:00:00Z"),
                Instant.parse("2008-10-24T05:00:00Z")));
        assertThat(facts.enforcementTimeUtc()).as("the rules time state 9 by AgentInstallDate, else the scan").isNull();
        assertThat(facts.lastStatusChangeUtc()).isNull();
        assertThat(facts).extracting(ComplianceFacts::seq, ComplianceFacts::resourceId, ComplianceFacts::ciId)
                .containsExactly(7L, 42, 1001);
        assertThat(reading.evidence()).isEqualTo("scan status 'Applicable' (Microsoft Updates Tool, scan time unknown)"
                + " read as required (Status 2); agent state 'Reboot pending' read as pending-restart (state 9),"
                + " AgentInstallDate 2008-10-24 05:00 local");
    }

    @Test
    void withTheOffsetUnknownOrImpossibleALocalAgentInstallDateSpansTheUnknownOffsetWindow() {
        HostFacts unknownOffset = HostFactsBuilder.aHost().withUnknownOffset().build();
        HostFacts impossibleOffset = HostFactsBuilder.aHost().withOffsetMinutes(-3000).build();

        for (HostFacts host : new HostFacts[] {unknownOffset, impossibleOffset, null}) {
            StateNames.Reading reading = DEFAULTS.read(snapshotRow("Installed", "Install Verified", "2008-10-24T05:00",
                    null), host);

            assertThat(reading.facts().agentInstall()).isEqualTo(new UtcInterval(Instant.parse("2008-10-23T15:00:00Z"),
                    Instant.parse("2008-10-24T19:00:00Z")));
            assertThat(reading.evidence()).endsWith("AgentInstallDate 2008-10-24 05:00 local (offset unknown, ±14 h)");
        }
    }

    @Test
    void anAgentInstallDateConfiguredAsUtcIsAPoint() {
        StateNames utc = StateNames.of(sms2003(null, "UTC"), WINDOW, DST);
        HostFacts unknownOffset = HostFactsBuilder.aHost().withUnknownOffset().build();

        StateNames.Reading reading = utc.read(snapshotRow("Installed", "Reboot pending", "2008-10-24T05:00", null),
                unknownOffset);

        assertThat(reading.facts().enforcementState()).isEqualTo(9);
        assertThat(reading.facts().agentInstall()).isEqualTo(UtcInterval.at(Instant.parse("2008-10-24T05:00:00Z")));
        assertThat(reading.evidence()).endsWith("AgentInstallDate 2008-10-24 05:00Z");
    }

    @Test
    void theScanTimeIsTheIntervalBetweenItsUtcAndLocalReadings() {
        ComplianceFacts known = DEFAULTS.read(snapshotRow("Installed", "", null, "2008-11-10T09:58"), HOST_UTC_PLUS_ONE)
                .facts();
        ComplianceFacts unknown = DEFAULTS.read(snapshotRow("Installed", "", null, "2008-11-10T09:58"),
                HostFactsBuilder.aHost().withUnknownOffset().build()).facts();
        ComplianceFacts none = DEFAULTS.read(snapshotRow("Installed", "", null, null), HOST_UTC_PLUS_ONE).facts();

        assertThat(known.scanTime()).isEqualTo(new UtcInterval(Instant.parse("2008-11-10T08:58:00Z"),
                Instant.parse("2008-11-10T09:58:00Z")));
        assertThat(unknown.scanTime()).isEqualTo(new UtcInterval(Instant.parse("2008-11-09T19:58:00Z"),
                Instant.parse("2008-11-10T23:58:00Z")));
        assertThat(none.scanTime()).isNull();
    }

    @Test
    void theEvidenceSaysWhenTheScanToolIsUnknown() {
        SnapshotComplianceRow row = new SnapshotComplianceRow(new ComplianceFacts(1, 42, 1001, 0, null, null, null, null,
                null), "Install Verified", "Installed", null, null, null);

        assertThat(DEFAULTS.read(row, HOST_UTC_PLUS_ONE).evidence()).startsWith("scan status 'Installed' (scan tool unknown,"
                + " scan time unknown) read as installed (Status 3); agent state 'Install Verified' read as installed"
                + " (no state)");
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
