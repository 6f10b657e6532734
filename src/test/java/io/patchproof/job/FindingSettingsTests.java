package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.RuleSettings;
import io.patchproof.testsupport.LocalStore;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** One run, one set of rules: the steps that work findings out must agree on the settings. */
class FindingSettingsTests {

    static final long INSTANCE = 5;

    RunStore store;

    @BeforeEach
    void storeWithARun() {
        store = new RunStore(LocalStore.fresh(), false);
        store.jdbc().update("INSERT INTO pp_run (job_instance_id, snapshot_id) VALUES (?, 1)", INSTANCE);
    }

    /** The rules of a ConfigMgr run as of 2026-11-30 over rows whose newest state is five days older. */
    static RuleSettings rules(PatchproofProperties properties) {
        return new RunContext(properties).rules(LocalDate.of(2026, 11, 30),
                new DataTime("configmgr", LocalDateTime.of(2026, 11, 25, 12, 0), null));
    }

    static PatchproofProperties properties(String... nameValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("patchproof", PatchproofProperties.class);
    }

    @Test
    void theFirstStepRecordsTheSettingsAndLaterStepsWithTheSameOnesGoOn() {
        FindingSettings.keepOrCheck(store, INSTANCE, properties(), rules(properties()));
        String recorded = store.findingSettings(INSTANCE);

        PatchproofProperties tuned = properties("patchproof.rules.chunk-size", "500", "patchproof.rules.partitions", "4");
        FindingSettings.keepOrCheck(store, INSTANCE, tuned, rules(tuned));
        FindingSettings.checkRecorded(store, INSTANCE, properties());

        assertThat(recorded).contains("patchproof.rules.enforcement-margin=PT2H")
                .contains("patchproof.rules.sla=pci-dss");
        assertThat(store.findingSettings(INSTANCE)).isEqualTo(recorded);
    }

    @Test
    void changedRulesAreRefusedNamingEachSettingItsOldAndNewValueAndTheWayOut() {
        FindingSettings.keepOrCheck(store, INSTANCE, properties(), rules(properties()));

        PatchproofProperties changed = properties("patchproof.rules.enforcement-margin", "4h",
                "patchproof.rules.reboot-titles", "*Security Monthly Quality Rollup*");
        assertThatThrownBy(() -> FindingSettings.keepOrCheck(store, INSTANCE, changed, rules(changed)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("patchproof.rules.enforcement-margin is PT4H now but was PT2H")
                .hasMessageContaining("patchproof.rules.reboot-titles is [*Security Monthly Quality Rollup*] now"
                        + " but was [*Cumulative Update for Windows*]")
                .hasMessageContaining("restart").hasMessageContaining("--rerun");
        assertThatThrownBy(() -> FindingSettings.checkRecorded(store, INSTANCE, changed)).isInstanceOf(UsageException.class);
    }

    @Test
    void aRestartWhoseLagNoLongerLetsClientStateSpeakForTheAsOfDateIsRefused() {
        FindingSettings.keepOrCheck(store, INSTANCE, properties(), rules(properties()));
        assertThat(store.findingSettings(INSTANCE)).contains("site kind (from the schema profile)=CONFIGMGR")
                .contains("ClientState speaks for the as-of date=true").contains("patchproof.max-as-of-lag=PT168H");

        PatchproofProperties shorter = properties("patchproof.max-as-of-lag", "1d");
        assertThatThrownBy(() -> FindingSettings.keepOrCheck(store, INSTANCE, shorter, rules(shorter)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("patchproof.max-as-of-lag is PT24H now but was PT168H")
                .hasMessageContaining("ClientState speaks for the as-of date is false now but was true");
    }

    @Test
    void aRunThatHasNotRecordedItsSettingsYetHasNothingToCheck() {
        FindingSettings.checkRecorded(store, INSTANCE, properties("patchproof.rules.enforcement-margin", "4h"));

        assertThat(store.findingSettings(INSTANCE)).isNull();
    }

    @Test
    void stateNamesInAnyOrderAreTheSameSettingAndValuesSurviveLineBreaks() {
        Map<String, String> a = FindingSettings.of(properties("patchproof.source.sms2003.state-names.[Install Verified]",
                "installed", "patchproof.source.sms2003.state-names.[Reboot Due]", "pending-restart"));
        Map<String, String> b = FindingSettings.of(properties("patchproof.source.sms2003.state-names.[Reboot Due]",
                "pending-restart", "patchproof.source.sms2003.state-names.[Install Verified]", "installed"));
        assertThat(a).isEqualTo(b);

        Map<String, String> odd = new LinkedHashMap<>(a);
        odd.put("patchproof.rules.reboot-titles", "line one\nline two \\ and a backslash=");
        assertThat(FindingSettings.parse(FindingSettings.text(odd))).isEqualTo(odd);
    }
}
