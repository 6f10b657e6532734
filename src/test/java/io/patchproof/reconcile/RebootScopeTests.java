package io.patchproof.reconcile;

import static io.patchproof.testsupport.UpdateFactsBuilder.anUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebootScopeTests {

    private final RebootScope defaults = new RebootScope(RuleSettings.defaults(LocalDate.parse("2026-11-30")));

    @ParameterizedTest
    @CsvSource({
        "Windows Server*,   Windows Server 2019, true",
        "windows server*,   WINDOWS SERVER 2003, true",
        "Windows Server 20?9, Windows Server 2019, true",
        "Windows Server 20?9, Windows Server 2009 R2, false",
        "Windows 1?,        Windows 11,          true",
        "Windows 1?,        Windows 1,           false",
        "Office (2016),     Office (2016),       true",
        "Office.2016,       Office 2016,         false",
        "*,                 anything,            true",
    })
    void globsMatchTheWholeTextIgnoringCaseWithRegexCharactersTakenLiterally(String pattern, String text, boolean matches) {
        assertThat(RebootScope.glob(pattern).matcher(text).matches()).isEqualTo(matches);
    }

    @Test
    void defaultClassificationsAreRebootDependent() {
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Security Updates").build())).isTrue();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Critical Updates").build())).isTrue();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Update Rollups").build())).isTrue();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs(" security updates ").build())).isTrue();
    }

    @Test
    void otherClassificationsNeedAMatchingTitle() {
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Feature Packs").titled("Feature pack").build())).isFalse();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Updates")
                .titled("2026-11 Cumulative Update for Windows Server 2022 (KB5068787)").build())).isTrue();
    }

    @Test
    void titlePatternNeverAppliesToDefinitionUpdates() {
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Definition Updates")
                .titled("Cumulative Update for Windows Defender").build())).isFalse();
    }

    @Test
    void emptyProductListMeansEveryProduct() {
        assertThat(defaults.isRebootDependent(anUpdate().forProduct(null).build())).isTrue();
    }

    @Test
    void productListRestrictsOnlyTheClassificationRuleNotTheTitleRule() {
        RuleSettings d = RuleSettings.defaults(LocalDate.parse("2026-11-30"));
        RebootScope windowsOnly = new RebootScope(new RuleSettings(d.asOf(), d.enforcementMargin(), d.unknownOffsetWindow(),
                d.inventoryStaleAfter(), d.rebootClassifications(), List.of("Windows*"), d.rebootTitles(), false, d.slaDays()));

        assertThat(windowsOnly.isRebootDependent(anUpdate().forProduct("Office 2016").titled("Security Update for Office").build()))
                .isFalse();
        assertThat(windowsOnly.isRebootDependent(anUpdate().forProduct("Office 2016").classifiedAs("Updates")
                .titled("Cumulative Update for Windows 10").build())).isTrue();
    }
}
