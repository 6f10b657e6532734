package io.patchproof.reconcile;

import static io.patchproof.testsupport.ComplianceRowBuilder.aComplianceRow;
import static io.patchproof.testsupport.HostFactsBuilder.aHost;
import static io.patchproof.testsupport.UpdateFactsBuilder.anUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.ComplianceRowBuilder;
import io.patchproof.testsupport.HostFactsBuilder;
import io.patchproof.testsupport.UpdateFactsBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verdict table of design.md, rule by rule. Unless a test says otherwise the host is a UTC
 * workstation that booted 2026-10-20 08:00 and was inventoried 2026-11-20 22:00, the update was
 * released 2026-10-14, the row is installed with a status change on 2026-10-15 04:12 UTC, and the
 * report is as of 2026-11-30.
 */
class ReconcilerTests {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");

    private final RuleSettings settings = RuleSettings.defaults(AS_OF);

    private Finding judge(HostFactsBuilder host, UpdateFactsBuilder update, ComplianceRowBuilder row) {
        return judge(settings, ExemptionRegister.NONE, host, update, row);
    }

    private static Finding judge(RuleSettings settings, ExemptionRegister exemptions, HostFactsBuilder host,
            UpdateFactsBuilder update, ComplianceRowBuilder row) {
        HostFacts h = host == null ? null : host.build();
        UpdateFacts u = update == null ? null : update.build();
        ComplianceFacts r = row.build();
        Finding finding = new Reconciler(settings, exemptions).reconcile(r, h, u, false);
        // Every scenario here also checks that a reconciler spared the evidence line (the reconcile
        // step's) decides exactly the same finding.
        Finding bare = new Reconciler(settings, exemptions, false).reconcile(r, h, u, false);
        assertThat(bare).usingRecursiveComparison().ignoringFields("evidence").isEqualTo(finding);
        assertThat(bare.evidence()).isEqualTo(finding.verdict() == Verdict.OUT_OF_SCOPE ? finding.evidence() : null);
        return finding;
    }

    @Test
    void defaultPairIsInEffect() {
        Finding finding = judge(aHost(), anUpdate(), aComplianceRow());

        assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(finding.qualityFlags()).isEmpty();
    }

    @Nested
    class OutOfScopeRows {

        @Test
        void rowWithoutDiscoveryRecordIsOutOfScopeAndFlaggedAsOrphanHost() {
            Finding finding = judge(null, anUpdate(), aComplianceRow().forResourceId(4711));

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.NO_DISCOVERY_RECORD);
            assertThat(finding.qualityFlags()).containsExactly(QualityFlag.ORPHAN_HOST);
            assertThat(finding.resourceId()).isEqualTo(4711);
            assertThat(finding.host()).isEmpty();
            assertThat(finding.siteCode()).isEmpty();
            assertThat(finding.lastBootUtc()).isNull();
        }

        @Test
        void rowWithoutUpdateMetadataIsOutOfScopeAndFlaggedAsOrphanUpdate() {
            Finding finding = judge(aHost(), null, aComplianceRow().forCiId(99));

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.NO_UPDATE_METADATA);
            assertThat(finding.qualityFlags()).containsExactly(QualityFlag.ORPHAN_UPDATE);
            assertThat(finding.ciId()).isEqualTo(99);
            assertThat(finding.articleId()).isEmpty();
            assertThat(finding.title()).isEmpty();
            assertThat(finding.severity()).isEqualTo(Severity.UNSPECIFIED);
            assertThat(finding.host()).isEqualTo("WKS-0001");
        }

        @Test
        void rowWithNeitherHostNorUpdateCarriesBothOrphanFlags() {
            Finding finding = judge(null, null, aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.qualityFlags()).containsExactlyInAnyOrder(QualityFlag.ORPHAN_HOST, QualityFlag.ORPHAN_UPDATE);
        }

        @Test
        void obsoleteHostIsOutOfScope() {
            Finding finding = judge(aHost().obsolete(), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.HOST_OBSOLETE);
        }

        @Test
        void decommissionedHostIsOutOfScope() {
            Finding finding = judge(aHost().decommissioned(), anUpdate(), aComplianceRow());

            assertThat(finding.evidence()).isEqualTo(OutOfScope.HOST_DECOMMISSIONED);
        }

        @Test
        void expiredUpdateIsOutOfScope() {
            Finding finding = judge(aHost(), anUpdate().expired(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.UPDATE_EXPIRED);
        }

        @Test
        void definitionUpdateIsNotRebootDependent() {
            Finding finding = judge(aHost(), anUpdate().classifiedAs("Definition Updates")
                    .titled("Security Intelligence Update for Microsoft Defender Antivirus - KB2267602"), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.NOT_REBOOT_DEPENDENT);
        }

        @Test
        void definitionUpdateStaysOutOfScopeEvenWhenItsTitleMatchesATitlePattern() {
            Finding finding = judge(aHost(), anUpdate().classifiedAs("definition updates")
                    .titled("Cumulative Update for Windows Defender definitions"), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        }

        @Test
        void cumulativeUpdateIsInScopeByTitleWhateverItsClassification() {
            Finding finding = judge(aHost(), anUpdate().classifiedAs("Updates")
                    .titled("2026-10 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB5066835)"),
                    aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void updateWithoutClassificationOrMatchingTitleIsNotRebootDependent() {
            Finding finding = judge(aHost(), anUpdate().classifiedAs(null).titled("Some driver"), aComplianceRow());

            assertThat(finding.evidence()).isEqualTo(OutOfScope.NOT_REBOOT_DEPENDENT);
        }

        @Test
        void classificationMatchesIgnoringCase() {
            Finding finding = judge(aHost(), anUpdate().classifiedAs("SECURITY UPDATES"), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void productPatternsNarrowTheClassificationsToTheProductsListed() {
            RuleSettings serversOnly = withRebootProducts(List.of("Windows Server 20??", "Windows Server*R2"));

            Finding office = judge(serversOnly, ExemptionRegister.NONE, aHost(), anUpdate().forProduct("Office 2016"),
                    aComplianceRow());
            Finding server = judge(serversOnly, ExemptionRegister.NONE, aHost(), anUpdate().forProduct("windows server 2019"),
                    aComplianceRow());
            Finding noProduct = judge(serversOnly, ExemptionRegister.NONE, aHost(), anUpdate().forProduct(null),
                    aComplianceRow());

            assertThat(office.evidence()).isEqualTo(OutOfScope.NOT_REBOOT_DEPENDENT);
            assertThat(server.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(noProduct.evidence()).isEqualTo(OutOfScope.NOT_REBOOT_DEPENDENT);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 4})
        void statusOtherThanRequiredOrInstalledIsNotApplicableAndFlagged(int status) {
            Finding finding = judge(aHost(), anUpdate(), aComplianceRow().withStatus(status));

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(OutOfScope.STATUS_NOT_APPLICABLE);
            assertThat(finding.qualityFlags()).containsExactly(QualityFlag.UNKNOWN_STATUS);
            assertThat(finding.status()).isEqualTo(status);
        }

        @Test
        void supersededUpdateStillGetsAVerdict() {
            Finding finding = judge(aHost(), anUpdate().superseded(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.superseded()).isTrue();
        }

        @Test
        void outOfScopeRowCarriesNoHostQualityFlags() {
            Finding finding = judge(aHost().obsolete().withUnknownOffset().withUnknownBootTime(), anUpdate(),
                    aComplianceRow());

            assertThat(finding.qualityFlags()).isEmpty();
        }

        private RuleSettings withRebootProducts(List<String> products) {
            return new RuleSettings(AS_OF, settings.enforcementMargin(), settings.unknownOffsetWindow(),
                    settings.inventoryStaleAfter(), settings.rebootClassifications(), products, settings.rebootTitles(),
                    false, settings.slaDays());
        }
    }

    @Nested
    class Exemptions {

        private final ExemptionRegister freeze = (host, update) -> host.name().equals("SRV-LAB")
                ? Optional.of("change freeze (J. Approver, expires 2026-12-31)")
                : Optional.empty();

        @Test
        void approvedExceptionMakesThePairExempt() {
            Finding finding = judge(settings, freeze, aHost().named("SRV-LAB").bootedAt("2026-10-01T08:00"), anUpdate(),
                    aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.EXEMPT);
            assertThat(finding.exemptReason()).isEqualTo("change freeze (J. Approver, expires 2026-12-31)");
            assertThat(finding.evidence()).contains("covered by exception: change freeze");
            assertThat(finding.exposureDays()).isNull();
        }

        @Test
        void exceptionForAnotherHostChangesNothing() {
            Finding finding = judge(settings, freeze, aHost().named("SRV-PROD"), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.exemptReason()).isNull();
        }

        @Test
        void exceptionOutranksAFailedInstall() {
            Finding finding = judge(settings, freeze, aHost().named("SRV-LAB"), anUpdate(),
                    aComplianceRow().required().enforcement(11, "2026-11-10T02:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.EXEMPT);
        }

        @Test
        void exceptionDoesNotBringAnOutOfScopeRowIntoScope() {
            Finding finding = judge(settings, freeze, aHost().named("SRV-LAB").obsolete(), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.exemptReason()).isNull();
        }
    }

    @Nested
    class FailedInstalls {

        @Test
        void failedInstallOfARequiredUpdateIsFailedWithTheErrorAsHresult() {
            Finding finding = judge(aHost(), anUpdate(),
                    aComplianceRow().required().enforcement(11, "2026-11-10T02:00:00Z").lastError(0x80070005));

            assertThat(finding.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(finding.evidence()).contains("last error 0x80070005").contains("failed to install");
            assertThat(finding.exposureDays()).isNull();
        }

        @Test
        void oldFailureOnAnInstalledRowFallsThroughToTheInstallRules() {
            Finding finding = judge(aHost(), anUpdate(),
                    aComplianceRow().installed().enforcement(11, "2026-10-14T20:00:00Z").lastError(0x80240022));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.evidence()).contains("enforcement state 11 (failed to install")
                    .contains("old failure").contains("0x80240022");
        }

        @Test
        void zeroErrorCodeIsNotReported() {
            Finding finding = judge(aHost(), anUpdate(), aComplianceRow().lastError(0));

            assertThat(finding.evidence()).doesNotContain("last error");
        }
    }

    /** Rules 4 and 5: state 9 "pending system restart", dated 2026-11-12 03:00 UTC. */
    @Nested
    class PendingRestart {

        private static final String MESSAGE = "2026-11-12T03:00:00Z";

        private ComplianceRowBuilder pendingRestart() {
            return aComplianceRow().required().enforcement(9, MESSAGE);
        }

        @Test
        void noBootSinceTheMessageIsNotInEffectAndAnInventoryAfterItMakesThatCertain() {
            Finding finding = judge(aHost().bootedAt("2026-11-01T08:00").inventoriedAt("2026-11-20T22:00"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.evidence()).contains("enforcement state 9 (pending system restart at 2026-11-12 03:00Z)");
        }

        @Test
        void noBootSinceTheMessageWithoutALaterInventoryIsNotInEffectWithMediumConfidence() {
            Finding finding = judge(aHost().bootedAt("2026-11-01T08:00").inventoriedAt("2026-11-11T22:00"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
        }

        @Test
        void unknownBootTimeDecidesNothingAboutTheMessage() {
            // Rule 4 needs the whole boot interval before the message: an unknown boot is no such interval.
            Finding finding = judge(aHost().withUnknownBootTime(), anUpdate(), pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
            assertThat(finding.evidence()).endsWith("restart pending, no boot time to set against it");
            assertThat(finding.qualityFlags()).contains(QualityFlag.BOOT_TIME_MISSING);
        }

        @Test
        void unknownMessageTimeIsUnverified() {
            Finding finding = judge(aHost().bootedAt("2026-11-25T08:00").inventoriedAt("2026-11-26T08:00"), anUpdate(),
                    aComplianceRow().required().enforcement(9, null));

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
            assertThat(finding.evidence()).contains("time of that state is unknown");
        }

        @Test
        void bootAfterTheMessageMakesTheStateStale() {
            Finding finding = judge(aHost().bootedAt("2026-11-13T08:00"), anUpdate(), pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("stale");
        }

        @Test
        void restartPendingThenBootThenInstalledIsInEffectWithMediumConfidence() {
            // Rule 5: the scan after the restart reports the update installed (Status 3), the state message is older.
            Finding finding = judge(aHost().bootedAt("2026-11-13T08:00"), anUpdate(),
                    aComplianceRow().installed().enforcement(9, MESSAGE));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
        }

        @Test
        void usEasternBootThatLooksEarlierLocallyIsAfterTheMessageInUtc() {
            // 23:30 local at UTC-05:00 is 04:30 UTC the next day: after the 03:00 UTC message.
            Finding finding = judge(aHost().withOffsetMinutes(-300).bootedAt("2026-11-11T23:30"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-11-12T04:30:00Z"));
        }

        @Test
        void tokyoBootThatLooksLaterLocallyIsBeforeTheMessageInUtc() {
            // 10:00 local at UTC+09:00 is 01:00 UTC: before the 03:00 UTC message.
            Finding finding = judge(aHost().withOffsetMinutes(540).bootedAt("2026-11-12T10:00"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-11-12T01:00:00Z"));
        }

        @Test
        void unknownOffsetDecidesWhenTheBootIsMoreThanFourteenHoursBeforeTheMessage() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-11-11T12:59"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.qualityFlags()).contains(QualityFlag.OFFSET_UNKNOWN);
        }

        @Test
        void unknownOffsetCannotDecideWhenTheBootIsWithinFourteenHoursOfTheMessage() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-11-11T13:00"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("ambiguity");
        }

        @Test
        void bootExactlyAtTheMessageTimeIsAmbiguous() {
            Finding finding = judge(aHost().bootedAt("2026-11-12T03:00"), anUpdate(), pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
        }

        @Test
        void inventoryWithinTheOffsetWindowOfTheMessageDoesNotConfirmTheBoot() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-11-01T08:00").inventoriedAt("2026-11-12T10:00"),
                    anUpdate(), pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
        }

        @Test
        void bootTimeThatContradictsItsInventoryIsUnknownSoTheMessageDecidesNothing() {
            Finding finding = judge(aHost().bootedAt("2026-11-21T08:00").inventoriedAt("2026-11-20T22:00"), anUpdate(),
                    pendingRestart());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("boot later than the inventory that reports it, so the boot time is not used");
            assertThat(finding.qualityFlags()).contains(QualityFlag.CLOCK_ANOMALY);
        }

        @Test
        void exposureCountsFromTheEarliestInstallTime() {
            // The message dates the install within 2 h: earliest 2026-11-12 01:00, 18 days before the as-of date.
            Finding finding = judge(aHost().bootedAt("2026-11-01T08:00"), anUpdate(), pendingRestart());

            assertThat(finding.installedEarliestUtc()).isEqualTo(Instant.parse("2026-11-12T01:00:00Z"));
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-11-12T05:00:00Z"));
            assertThat(finding.exposureDays()).isEqualTo(18L);
        }

        @Test
        void restartPendingStateWithoutTimeOfItsOwnIsTimedByAgentInstallDateElseByTheScan() {
            // SMS 2003 "Reboot pending": no message time; AgentInstallDate, else the patch-state scan, stands for it.
            Finding byAgent = judge(aHost().bootedAt("2026-11-01T08:00"), anUpdate(),
                    aComplianceRow().required().enforcement(9, null).agentInstalledAt("2026-11-12T03:00:00Z"));
            Finding byScan = judge(aHost().bootedAt("2026-11-01T08:00"), anUpdate(),
                    aComplianceRow().required().enforcement(9, null).scannedAt("2026-11-12T03:00:00Z"));
            Finding bootedSince = judge(aHost().bootedAt("2026-11-13T08:00"), anUpdate(),
                    aComplianceRow().installed().enforcement(9, null).scannedAt("2026-11-12T03:00:00Z"));

            assertThat(byAgent.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(byAgent.installedEarliestUtc()).isEqualTo(Instant.parse("2026-11-12T01:00:00Z"));
            assertThat(byAgent.exposureDays()).isEqualTo(18L);
            assertThat(byScan.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(bootedSince.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void withNeitherReleaseNorMessageTimeNothingIsDecidedAndNoExposureIsCounted() {
            Finding finding = judge(aHost(), anUpdate().withUnknownReleaseDate(),
                    aComplianceRow().required().enforcement(9, null));

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.exposureDays()).isNull();
        }
    }

    @Nested
    class MissingUpdates {

        @Test
        void requiredUpdateWithoutRestartStateIsMissingWithExposureSinceRelease() {
            Finding finding = judge(aHost(), anUpdate().releasedOn("2026-10-14"), aComplianceRow().required());

            assertThat(finding.verdict()).isEqualTo(Verdict.MISSING);
            assertThat(finding.exposureDays()).isEqualTo(47L);
            assertThat(finding.installedEarliestUtc()).isNull();
            assertThat(finding.installedLatestUtc()).isNull();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 4, 7, 8, 12, 13, 14})
        void requiredUpdateIsMissingWhateverItsOtherEnforcementState(int state) {
            Finding finding = judge(aHost(), anUpdate(), aComplianceRow().required().enforcement(state, "2026-11-10T02:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.MISSING);
        }

        @Test
        void updateReleasedAfterTheAsOfDateHasNoNegativeExposure() {
            Finding finding = judge(aHost(), anUpdate().releasedOn("2026-12-09"), aComplianceRow().required());

            assertThat(finding.exposureDays()).isZero();
        }
    }

    /** Rules 7 to 9 for installed rows. */
    @Nested
    class InstalledUpdates {

        @Test
        void installBeforeLastBootIsInEffect() {
            Finding finding = judge(aHost().bootedAt("2026-10-20T08:00"), anUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-10-15T04:12:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.exposureDays()).isNull();
            assertThat(finding.installedEarliestUtc()).isEqualTo(Instant.parse("2026-10-14T00:00:00Z"));
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-15T04:12:00Z"));
        }

        @Test
        void installAfterLastBootIsNotInEffect() {
            // Rule 12: booted after the release, installed by the SMS agent after that boot, inventoried after the install.
            Finding finding = judge(aHost().bootedAt("2026-10-14T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate().releasedOn("2026-10-13"),
                    aComplianceRow().installed().statusChangedAt("2026-10-15T04:12:00Z").agentInstalledAt("2026-10-15T03:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.installedEarliestUtc()).isEqualTo(Instant.parse("2026-10-15T01:00:00Z"));
            assertThat(finding.exposureDays()).isEqualTo(46L);
        }

        @Test
        void updateReleasedAfterTheLastBootIsNotInEffectWithoutAnyInstallTimestamp() {
            // MS08-067: out-of-band on 2008-10-23, servers up since 2006, SMS reporting them installed.
            RuleSettings story = RuleSettings.defaults(LocalDate.parse("2008-11-28")).withSiteKind(SiteKind.SMS2003, true);
            Finding finding = judge(story, ExemptionRegister.NONE,
                    aHost().server().bootedAt("2006-09-02T03:15").inventoriedAt("2008-11-14T22:00").withOffsetMinutes(-300),
                    anUpdate().critical().withArticle("958644").withBulletin("MS08-067").releasedOn("2008-10-23")
                            .titled("Security Update for Windows Server 2003 (KB958644)"),
                    aComplianceRow().installed().statusChangedAt("2008-10-25T06:40:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.exposureDays()).isEqualTo(36L);
            assertThat(finding.bulletinId()).isEqualTo("MS08-067");
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        }

        @Test
        void usEasternOffsetTurnsAnApparentlyEarlierBootIntoALaterOne() {
            // Installed by the SMS agent at 02:00 UTC: between 00:00 and 04:00 UTC (status change at 04:00).
            // Boot 00:30 local at UTC-05:00 is 05:30 UTC (04:30 at the earliest, daylight saving), after the
            // install; read as UTC it would be before it.
            Finding finding = judge(aHost().withOffsetMinutes(-300).bootedAt("2026-10-15T00:30"), anUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-10-15T04:00:00Z").agentInstalledAt("2026-10-15T02:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-10-15T05:30:00Z"));
            assertThat(finding.installedEarliestUtc()).isEqualTo(Instant.parse("2026-10-15T00:00:00Z"));
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-15T04:00:00Z"));
        }

        @Test
        void indianOffsetTurnsAnApparentlyLaterBootIntoAnEarlierOne() {
            // Boot 05:00 local at UTC+05:30 is 23:30 UTC the day before (00:30 at the latest, daylight saving),
            // before the earliest install (01:00 UTC: the agent installed it at 03:00).
            Finding finding = judge(aHost().withOffsetMinutes(330).bootedAt("2026-10-15T05:00"), anUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-10-15T04:00:00Z").agentInstalledAt("2026-10-15T03:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-10-14T23:30:00Z"));
        }

        @Test
        void unknownOffsetStillDecidesWhenTheBootIsFarFromTheInstall() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-10-20T08:00"), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(finding.qualityFlags()).contains(QualityFlag.OFFSET_UNKNOWN);
            assertThat(finding.lastBootUtc()).isNull();
            assertThat(finding.inventoryUtc()).isNull();
            assertThat(finding.evidence()).contains("last boot 2026-10-20 08:00 local (offset unknown, ±14 h)");
        }

        @Test
        void unknownOffsetCannotDecideWhenTheBootIsWithinFourteenHoursOfTheInstall() {
            // Installed by 04:12 UTC; a boot at 12:00 local may be as early as 22:00 UTC the day before.
            HostFactsBuilder host = aHost().bootedAt("2026-10-15T12:00");

            Finding known = judge(host, anUpdate(), aComplianceRow());
            Finding unknown = judge(host.withUnknownOffset(), anUpdate(), aComplianceRow());

            assertThat(known.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(unknown.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(unknown.confidence()).isEqualTo(Confidence.LOW);
            assertThat(unknown.evidence()).contains("ambiguity window");
        }

        @Test
        void unknownOffsetStillProvesAnInstallLongAfterTheBoot() {
            Finding finding = judge(settings.withSiteKind(SiteKind.SMS2003, true), ExemptionRegister.NONE,
                    aHost().withUnknownOffset().bootedAt("2026-10-01T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void unknownOffsetInventoryWithinTheWindowOfTheReleaseDoesNotProveTheBootIsStillCurrent() {
            // Released 2026-10-14 00:00 UTC; an inventory at 10:00 local may have been taken at 20:00 UTC the day before.
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-10-01T08:00").inventoriedAt("2026-10-14T10:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.qualityFlags()).doesNotContain(QualityFlag.RECORDS_DISAGREE);
            assertThat(finding.evidence()).contains("inventory is not wholly after the install");
        }

        @Test
        void bootLaterThanTheInventoryReportingItIsAClockAnomaly() {
            Finding finding = judge(aHost().bootedAt("2026-11-21T08:00").inventoriedAt("2026-11-20T22:00"), anUpdate(),
                    aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.qualityFlags()).contains(QualityFlag.CLOCK_ANOMALY);
            assertThat(finding.evidence()).contains("boot later than the inventory");
        }

        @Test
        void bootAfterInventoryIsAnAnomalyEvenWhenTheOffsetIsUnknown() {
            // The inventory stamp may be UTC or local, the boot local with an unknown offset: two days apart decides.
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-11-22T10:00").inventoriedAt("2026-11-20T09:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.qualityFlags()).contains(QualityFlag.CLOCK_ANOMALY, QualityFlag.OFFSET_UNKNOWN);
        }

        @Test
        void bootAnHourAfterAnInventoryStampIsNoAnomalyWhileTheStampMayBeUtc() {
            // At UTC+02:00 a boot at 10:00 local is 08:00 UTC, before a stamp of 09:00 read as UTC.
            Finding finding = judge(aHost().withOffsetMinutes(120).bootedAt("2026-11-20T10:00").inventoriedAt("2026-11-20T09:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.qualityFlags()).doesNotContain(QualityFlag.CLOCK_ANOMALY);
            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void bootAfterTheAsOfDateIsAClockAnomaly() {
            Finding finding = judge(aHost().bootedAt("2026-12-05T08:00").inventoriedAt("2026-12-06T08:00"), anUpdate(),
                    aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.qualityFlags()).contains(QualityFlag.CLOCK_ANOMALY);
            assertThat(finding.evidence()).contains("boot after the as-of date");
        }

        @Test
        void bootJustAfterTheAsOfDateIsNoAnomalyWhenTheOffsetCouldExplainIt() {
            // 2026-12-01 05:00 local may be 2026-11-30 15:00 UTC.
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-12-01T05:00").inventoriedAt("2026-12-01T06:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.qualityFlags()).doesNotContain(QualityFlag.CLOCK_ANOMALY);
            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void unknownBootTimeIsUnverifiedAndFlagged() {
            Finding finding = judge(aHost().withUnknownBootTime(), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
            assertThat(finding.qualityFlags()).contains(QualityFlag.BOOT_TIME_MISSING);
            assertThat(finding.lastBootUtc()).isNull();
            assertThat(finding.evidence()).contains("last boot unknown");
        }

        @Test
        void unknownInventoryTimeIsUnverified() {
            Finding finding = judge(aHost().withUnknownInventoryTime(), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("inventory time unknown");
        }

        @Test
        void inventoryOlderThanTheInstallCannotProveTheHostHasNotRebootedSince() {
            Finding finding = judge(aHost().bootedAt("2026-10-01T08:00").inventoriedAt("2026-10-10T22:00"), anUpdate(),
                    aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.confidence()).isEqualTo(Confidence.LOW);
            assertThat(finding.evidence()).contains("the inventory is not wholly after the install");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 4, 8, 5, 15})
        void strongClientStateProvesTheRestartIsPendingWithoutAFreshInventory(int clientState) {
            Finding finding = judge(aHost().bootedAt("2026-10-01T08:00").inventoriedAt("2026-10-10T22:00")
                    .withClientState(clientState), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(finding.evidence()).contains("ClientState " + clientState + " (restart pending");
        }

        @Test
        void pendingFileRenameAloneDecidesNothing() {
            Finding finding = judge(aHost().bootedAt("2026-10-01T08:00").inventoriedAt("2026-10-10T22:00")
                    .withClientState(2), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("ClientState 2 (pending file rename, a weak signal)");
        }

        @Test
        void strongClientStateSaysNothingAboutAnInstallBeforeTheLastBoot() {
            Finding finding = judge(aHost().bootedAt("2026-10-20T08:00").withClientState(1), anUpdate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void installWithoutAnyTimeBoundIsUnverified() {
            Finding finding = judge(aHost(), anUpdate().withUnknownReleaseDate(), aComplianceRow().withUnknownStatusChange());

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("no install time bound").contains("release date unknown");
            assertThat(finding.installedEarliestUtc()).isNull();
            assertThat(finding.installedLatestUtc()).isNull();
        }

        @Test
        void installAfterTheBootWithoutALatestInstallTimeNeedsAStrongClientState() {
            // SMS 2003 agent install after the boot, no status change time, inventory older than the install.
            HostFactsBuilder host = aHost().bootedAt("2026-10-16T08:00").inventoriedAt("2026-10-17T08:00");
            RuleSettings sms = settings.withSiteKind(SiteKind.SMS2003, true);
            UtcInterval noLaterThan = new UtcInterval(Instant.parse("2026-10-16T12:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"));

            Finding plain = judge(sms, ExemptionRegister.NONE, host, anUpdate(),
                    aComplianceRow().withUnknownStatusChange().agentInstalled(noLaterThan));
            Finding flagged = judge(sms, ExemptionRegister.NONE, host.withClientState(4), anUpdate(),
                    aComplianceRow().withUnknownStatusChange().agentInstalled(noLaterThan));

            assertThat(plain.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(plain.evidence()).contains("the inventory is not wholly after the install");
            assertThat(flagged.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(flagged.confidence()).isEqualTo(Confidence.MEDIUM);
        }

        @Test
        void installKnownOnlyByItsLatestTimeCanStillBeInEffect() {
            Finding finding = judge(aHost(), anUpdate().withUnknownReleaseDate(), aComplianceRow());

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.installedEarliestUtc()).isNull();
        }

        @Test
        void statusChangeBeforeTheReleaseContradictsItselfAndIsUnverified() {
            Finding finding = judge(aHost().bootedAt("2026-10-01T08:00"), anUpdate().releasedOn("2026-10-14"),
                    aComplianceRow().statusChangedAt("2026-09-30T10:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(finding.evidence()).contains("contradict");
        }

        @Test
        void qfeDateBoundsTheInstallByTheEndOfThatLocalDay() {
            // 10/15/2026 at UTC-05:00 ends at 2026-10-16 05:00 UTC (06:00 with the daylight-saving margin); the
            // boot at 08:00 local is 13:00 UTC.
            Finding finding = judge(aHost().withOffsetMinutes(-300).bootedAt("2026-10-16T08:00"), anUpdate(),
                    aComplianceRow().withUnknownStatusChange().qfeInstalledOn("10/15/2026"));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-16T06:00:00Z"));
            assertThat(finding.evidence()).contains("QFE installed on 10/15/2026 (local date 2026-10-15)");
        }

        @Test
        void qfeDateOfAHostWithUnknownOffsetEndsFourteenHoursLater() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-10-16T08:00"), anUpdate(),
                    aComplianceRow().withUnknownStatusChange().qfeInstalledOn("20261015"));

            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-16T14:00:00Z"));
            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
        }

        @Test
        void filetimeQfeDateEastOfUtcEndsAtTheUtcDayEndNotBeforeIt() {
            // 01cc31160e1c4bac is 2011-06-22 19:53 UTC. Read as a Tokyo date the day would end at 15:00 UTC,
            // and the boot at 17:00 UTC would wrongly look later than the install.
            RuleSettings asOf2011 = RuleSettings.defaults(LocalDate.parse("2011-07-31"));
            Finding finding = judge(asOf2011, ExemptionRegister.NONE,
                    aHost().withOffsetMinutes(540).bootedAt("2011-06-23T02:00").inventoriedAt("2011-07-20T09:00"),
                    anUpdate().releasedOn("2011-06-14"),
                    aComplianceRow().withUnknownStatusChange().qfeInstalledOn("01cc31160e1c4bac"));

            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2011-06-23T00:00:00Z"));
            assertThat(finding.verdict()).isEqualTo(Verdict.UNVERIFIED);
        }

        @Test
        void filetimeQfeDateWestOfUtcEndsAtTheLocalDayEnd() {
            RuleSettings asOf2011 = RuleSettings.defaults(LocalDate.parse("2011-07-31"));
            Finding finding = judge(asOf2011, ExemptionRegister.NONE,
                    aHost().withOffsetMinutes(-300).bootedAt("2011-06-23T08:30").inventoriedAt("2011-07-20T09:00"),
                    anUpdate().releasedOn("2011-06-14"),
                    aComplianceRow().withUnknownStatusChange().qfeInstalledOn("01cc31160e1c4bac"));

            // The local day end 2011-06-23 05:00 UTC, plus the daylight-saving margin.
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2011-06-23T06:00:00Z"));
            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void earlierOfStatusChangeAndQfeDayIsTheLatestInstallTime() {
            Finding finding = judge(aHost(), anUpdate(),
                    aComplianceRow().statusChangedAt("2026-10-20T04:00:00Z").qfeInstalledOn("10/15/2026"));

            // The QFE day's end in UTC, plus the daylight-saving margin.
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-16T01:00:00Z"));
        }

        @Test
        void unreadableQfeDateIsFlaggedAndIgnored() {
            Finding finding = judge(aHost(), anUpdate(), aComplianceRow().qfeInstalledOn("15.10.2026"));

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.qualityFlags()).contains(QualityFlag.UNPARSEABLE_QFE_DATE);
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-15T04:12:00Z"));
            assertThat(finding.evidence()).contains("QFE date '15.10.2026' unreadable");
        }

        @Test
        void successfulInstallMessageIsNotAnInstallTime() {
            // ConfigMgr raises state 10 after the restart's detection scan: the install lies before it, by any amount.
            Finding finding = judge(aHost(), anUpdate(),
                    aComplianceRow().statusChangedAt("2026-10-18T00:00:00Z").enforcement(10, "2026-10-16T12:00:00Z"));

            assertThat(finding.installedEarliestUtc()).isEqualTo(Instant.parse("2026-10-14T00:00:00Z"));
            assertThat(finding.installedLatestUtc()).isEqualTo(Instant.parse("2026-10-18T00:00:00Z"));
        }
    }

    @Nested
    class QualityFlags {

        @ParameterizedTest
        @ValueSource(ints = {15, 42, -1})
        void undocumentedEnforcementStateIsFlaggedAndTreatedAsNoState(int state) {
            Finding finding = judge(aHost(), anUpdate(), aComplianceRow().required().enforcement(state, "2026-11-10T02:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.MISSING);
            assertThat(finding.qualityFlags()).containsExactly(QualityFlag.UNKNOWN_ENFORCEMENT_STATE);
            assertThat(finding.enforcementState()).isEqualTo(state);
            assertThat(finding.evidence()).contains("enforcement state " + state + " undocumented");
        }

        @Test
        void duplicatePairIsFlaggedAndStillJudged() {
            Finding finding = new Reconciler(settings, ExemptionRegister.NONE)
                    .reconcile(aComplianceRow().build(), aHost().build(), anUpdate().build(), true);

            assertThat(finding.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(finding.qualityFlags()).containsExactly(QualityFlag.DUPLICATE_PAIR);
        }

        @Test
        void inventoryOlderThanThirtyDaysBeforeTheAsOfDateIsFlaggedStale() {
            Finding stale = judge(aHost().inventoriedAt("2026-10-31T23:59"), anUpdate(), aComplianceRow());
            Finding fresh = judge(aHost().inventoriedAt("2026-11-01T00:00"), anUpdate(), aComplianceRow());

            assertThat(stale.qualityFlags()).contains(QualityFlag.INVENTORY_STALE);
            assertThat(stale.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(fresh.qualityFlags()).doesNotContain(QualityFlag.INVENTORY_STALE);
        }
    }

    @Nested
    class FindingContents {

        @Test
        void identityOfHostUpdateAndRowIsCopied() {
            Finding finding = judge(aHost().withResourceId(42).named("SRV-DB01").inSite("NYC").server(),
                    anUpdate().withCiId(7).withArticle("958644").withBulletin("MS08-067").titled("Security Update (KB958644)")
                            .critical().classifiedAs("Security Updates").superseded(),
                    aComplianceRow().withSeq(12345).forResourceId(42).forCiId(7).enforcement(10, "2026-10-14T20:00:00Z"));

            assertThat(finding.seq()).isEqualTo(12345);
            assertThat(finding.resourceId()).isEqualTo(42);
            assertThat(finding.host()).isEqualTo("SRV-DB01");
            assertThat(finding.siteCode()).isEqualTo("NYC");
            assertThat(finding.server()).isTrue();
            assertThat(finding.ciId()).isEqualTo(7);
            assertThat(finding.articleId()).isEqualTo("958644");
            assertThat(finding.bulletinId()).isEqualTo("MS08-067");
            assertThat(finding.title()).isEqualTo("Security Update (KB958644)");
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.classification()).isEqualTo("Security Updates");
            assertThat(finding.superseded()).isTrue();
            assertThat(finding.status()).isEqualTo(3);
            assertThat(finding.enforcementState()).isEqualTo(10);
        }

        @Test
        void bootAndInventoryAreConvertedToUtcWithTheHostOffset() {
            Finding finding = judge(aHost().withOffsetMinutes(-300).bootedAt("2026-10-20T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate(), aComplianceRow());

            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-10-20T13:00:00Z"));
            assertThat(finding.inventoryUtc()).isEqualTo(Instant.parse("2026-11-21T03:00:00Z"));
        }

        @Test
        void evidenceIsOneLineNamingEverySignalUsed() {
            Finding finding = judge(aHost().withOffsetMinutes(-300).bootedAt("2026-10-01T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate().releasedOn("2026-10-14"), aComplianceRow().statusChangedAt("2026-10-15T04:12:00Z"));

            assertThat(finding.evidence())
                    .doesNotContain("\n")
                    .startsWith("installed (Status 3, changed 2026-10-15 04:12Z); released 2026-10-14; ")
                    .contains("; host offset UTC-05:00; ")
                    .endsWith("rule 10: released after the last boot, which an inventory taken after the release still reports, "
                            + "yet the site reports it installed (Status 3) with no restart pending: the records disagree");
            // The boot and the inventory that reports it are the finding's own columns, converted with that offset.
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-10-01T13:00:00Z"));
            assertThat(finding.inventoryUtc()).isEqualTo(Instant.parse("2026-11-20T22:00:00Z").plusSeconds(5 * 3600));
        }

        @Test
        void positiveOffsetIsWrittenWithItsSign() {
            Finding finding = judge(aHost().withOffsetMinutes(330).bootedAt("2026-10-20T08:00"), anUpdate(), aComplianceRow());

            assertThat(finding.evidence()).contains("host offset UTC+05:30");
            assertThat(finding.lastBootUtc()).isEqualTo(Instant.parse("2026-10-20T02:30:00Z"));
        }

        @Test
        void withTheOffsetUnknownTheEvidenceKeepsTheLocalTimesTheColumnsCannotHold() {
            Finding finding = judge(aHost().withUnknownOffset().bootedAt("2026-10-01T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate().releasedOn("2026-10-14"), aComplianceRow().statusChangedAt("2026-10-15T04:12:00Z"));

            assertThat(finding.lastBootUtc()).isNull();
            assertThat(finding.inventoryUtc()).isNull();
            assertThat(finding.evidence()).contains("last boot 2026-10-01 08:00 local (offset unknown, ±14 h) per inventory of 2026-11-20 22:00");
        }

        @Test
        void anImpossibleOffsetKeepsTheLocalTimesInTheEvidence() {
            Finding finding = judge(aHost().withOffsetMinutes(5000).bootedAt("2026-10-01T08:00").inventoriedAt("2026-11-20T22:00"),
                    anUpdate().releasedOn("2026-10-14"), aComplianceRow().statusChangedAt("2026-10-15T04:12:00Z"));

            assertThat(finding.lastBootUtc()).isNull();
            assertThat(finding.evidence()).contains("last boot 2026-10-01 08:00 local (offset 5000 min impossible, read as unknown: ±14 h) "
                    + "per inventory of 2026-11-20 22:00");
        }

        @Test
        void aRestartFlagIsLeftOutOfTheEvidenceOfAPairInEffect() {
            // The flag is current state: it may speak against a pair being in effect, never for it.
            Finding inEffect = judge(aHost().withOffsetMinutes(0).withClientState(1).bootedAt("2026-11-12T02:00")
                            .inventoriedAt("2026-11-20T22:00"), anUpdate().releasedOn("2026-11-11"),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:20:00Z").enforcement(10, "2026-11-12T02:20:00Z"));
            Finding missing = judge(aHost().withOffsetMinutes(0).withClientState(1).bootedAt("2026-11-12T02:00"), anUpdate(),
                    aComplianceRow().required());

            assertThat(inEffect.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(inEffect.evidence()).doesNotContain("ClientState");
            assertThat(missing.evidence()).contains("ClientState 1 (restart pending: ConfigMgr)");
        }

        @Test
        void everyEvidenceEndsWithTheRuleThatDecided() {
            Finding missing = judge(aHost().withOffsetMinutes(0).bootedAt("2026-10-01T08:00"), anUpdate(), aComplianceRow().required());
            Finding failed = judge(aHost().withOffsetMinutes(0).bootedAt("2026-10-01T08:00"), anUpdate(),
                    aComplianceRow().required().enforcement(11, "2026-10-20T08:00:00Z"));

            assertThat(missing.verdict()).isEqualTo(Verdict.MISSING);
            assertThat(missing.evidence()).contains("; rule 9: required");
            assertThat(failed.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(failed.evidence()).endsWith("; rule 3: the last install attempt failed");
        }

        @Test
        void exposureIsNeverNegative() {
            // Reported installed, released after the as-of date (a snapshot read later than the report date).
            Finding finding = judge(settings.withSiteKind(SiteKind.SMS2003, true), ExemptionRegister.NONE,
                    aHost().bootedAt("2026-10-01T08:00").inventoriedAt("2026-12-10T08:00"),
                    anUpdate().releasedOn("2026-12-09"), aComplianceRow().statusChangedAt("2026-12-09T10:00:00Z"));

            assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(finding.exposureDays()).isZero();
        }
    }
}
