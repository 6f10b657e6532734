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

    static final String SECURITY = "0fa1201d-4330-4fa8-8ae9-b877473b6441";
    static final String CRITICAL = "e6cf1350-c01b-414d-a61f-263d14d133b4";
    static final String ROLLUPS = "28bc880e-0592-4cbf-8f95-c79b17911d5f";
    static final String DEFINITIONS = "e0789628-ce08-4437-be74-2495b842f43b";
    static final String FEATURE_PACKS = "b54e7d24-7add-428f-8b75-90a396fa584f";

    private static RebootScope classifications(String... entries) {
        RuleSettings d = RuleSettings.defaults(LocalDate.parse("2026-11-30"));
        return new RebootScope(new RuleSettings(d.asOf(), d.enforcementMargin(), d.unknownOffsetWindow(),
                d.inventoryStaleAfter(), List.of(entries), d.rebootProducts(), d.rebootTitles(), false, d.slaDays()));
    }

    @ParameterizedTest
    @CsvSource({
        "Sicherheitsupdates, " + SECURITY + ", true",
        "Kritische Updates,  " + CRITICAL + ", true",
        "Updaterollups,      " + ROLLUPS + ", true",
        "Definitionsupdates, " + DEFINITIONS + ", false",
        "Feature Packs,      " + FEATURE_PACKS + ", false",
        "Security Updates,   " + FEATURE_PACKS + ", false",
    })
    void theDefaultEnglishNamesMatchAGermanSiteByItsClassificationGuidsAndTheGuidWinsOverTheName(String name, String guid,
            boolean inScope) {
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs(name, guid).titled("Some update").build()))
                .isEqualTo(inScope);
    }

    @Test
    void aConfiguredGuidMatchesThatGuidInAnyLanguageAndInAnyOfItsWrittenForms() {
        RebootScope byGuid = classifications("{B54E7D24-7ADD-428F-8B75-90A396FA584F}", "UpdateClassification:" + CRITICAL);

        assertThat(byGuid.isRebootDependent(anUpdate().classifiedAs("Funktionspakete", FEATURE_PACKS).titled("x").build()))
                .isTrue();
        assertThat(byGuid.isRebootDependent(anUpdate().classifiedAs("Kritische Updates", CRITICAL).titled("x").build()))
                .isTrue();
        assertThat(byGuid.isRebootDependent(anUpdate().classifiedAs("Sicherheitsupdates", SECURITY).titled("x").build()))
                .isFalse();
        assertThat(byGuid.isRebootDependent(anUpdate().classifiedAs("Feature Packs").titled("x").build()))
                .as("a row without a GUID has only its name, which no configured name matches").isFalse();
    }

    @Test
    void aRowWithoutAGuidStillMatchesByItsName() {
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Security Updates", null).titled("x").build())).isTrue();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Sicherheitsupdates", null).titled("x").build())).isFalse();
        assertThat(classifications("Servicing Stack Updates").isRebootDependent(
                anUpdate().classifiedAs("Servicing Stack Updates", "11111111-2222-3333-4444-555555555555").titled("x").build()))
                .as("a name without a published GUID matches by name").isTrue();
    }

    @Test
    void aGuidNoPublishedClassificationHasLeavesTheNameToDecide() {
        String unknown = "11111111-2222-3333-4444-555555555555";

        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Security Updates", unknown).titled("x").build()))
                .isTrue();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Sicherheitsupdates", unknown).titled("x").build()))
                .isFalse();
        assertThat(classifications(unknown).isRebootDependent(anUpdate().classifiedAs("Eigene Updates", unknown)
                .titled("x").build())).as("a configured GUID of the site's own classification").isTrue();
    }

    @Test
    void aDefinitionUpdateIsNeverInScopeByItsTitleWhateverItsSitesLanguage() {
        String title = "Cumulative Update for Windows Defender Antivirus (KB2267602)";

        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Definitionsupdates", DEFINITIONS).titled(title).build()))
                .isFalse();
        assertThat(defaults.isRebootDependent(anUpdate().classifiedAs("Updates", "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83")
                .titled(title).build())).as("the same title on a non-definition update").isTrue();
    }

    @Test
    void theMaliciousSoftwareRemovalToolNeedsNoRestartWhateverItsClassification() {
        RebootScope scope = new RebootScope(RuleSettings.defaults(LocalDate.parse("2026-11-30")));

        assertThat(scope.isRebootDependent(anUpdate().withArticle("890830")
                .classifiedAs("Update Rollups").titled("Windows Malicious Software Removal Tool x64 - v5.131 (KB890830)")
                .build())).isFalse();
        assertThat(scope.isRebootDependent(anUpdate().withArticle("5068861")
                .classifiedAs("Update Rollups").build())).isTrue();
    }
}
