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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rules version 2 (design.md) written as the sequences a real site goes through: install, state 9,
 * (no) restart, the detection scan after the restart raising state 10 and Status 3; restarts
 * suppressed for months; installs made outside a deployment (by hand, by Windows Update, by the SMS
 * 2003 agent). Unless a test says otherwise the host is a UTC server, the update was released
 * 2026-11-10 and the report is as of 2026-11-30.
 */
class RulesVersion2Tests {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");
    static final RuleSettings CONFIGMGR = RuleSettings.defaults(AS_OF);
    static final RuleSettings CONFIGMGR_CLIENT_STATE_OLD = CONFIGMGR.withSiteKind(SiteKind.CONFIGMGR, false);
    static final RuleSettings SMS2003 = CONFIGMGR.withSiteKind(SiteKind.SMS2003, true);

    private static UpdateFactsBuilder patchTuesdayUpdate() {
        return anUpdate().critical().releasedOn("2026-11-10");
    }

    private static HostFactsBuilder server() {
        return aHost().server().named("SRV-0042");
    }

    private static Finding judge(RuleSettings settings, HostFactsBuilder host, UpdateFactsBuilder update, ComplianceRowBuilder row) {
        return new Reconciler(settings, ExemptionRegister.NONE).reconcile(row.build(), host.build(), update.build(), false);
    }

    private static Finding judge(HostFactsBuilder host, UpdateFactsBuilder update, ComplianceRowBuilder row) {
        return judge(CONFIGMGR, host, update, row);
    }

    @Nested
    class InstallRestartVerify {

        @Test
        void stateTenTwentyMinutesAfterTheRestartIsInEffect() {
            // Installed 2026-11-12 01:30 (state 9), restarted 02:00, the detection scan after it raised state 10 at 02:20.
            Finding f = judge(server().bootedAt("2026-11-12T02:00").inventoriedAt("2026-11-20T22:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:20:00Z").enforcement(10, "2026-11-12T02:20:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.evidence()).contains("enforcement state 10 (successfully installed at 2026-11-12 02:20Z)")
                    .endsWith("rule 7: verified after any restart it needed");
        }

        @Test
        void stateTenThreeHoursAfterTheRestartIsInEffectToo() {
            // Version 1 read the state-10 time as the install time and called this NOT_IN_EFFECT with high confidence.
            Finding f = judge(server().bootedAt("2026-11-12T02:00").inventoriedAt("2026-11-20T22:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T05:00:00Z").enforcement(10, "2026-11-12T05:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.qualityFlags()).isEmpty();
        }

        @Test
        void stateTenWhoseLaterInventoryStillReportsABootBeforeTheReleaseMeansTheRecordsDisagree() {
            Finding f = judge(server().bootedAt("2026-10-01T02:00").inventoriedAt("2026-11-20T22:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T05:00:00Z").enforcement(10, "2026-11-12T05:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(f.qualityFlags()).contains(QualityFlag.RECORDS_DISAGREE);
            assertThat(f.evidence()).endsWith("the records disagree");
        }

        @Test
        void stateTenWithAnInventoryOlderThanTheMessageTrustsTheMessage() {
            // The inventory (2026-11-11) predates the state-10 message: it cannot contradict a restart after it.
            Finding f = judge(server().bootedAt("2026-10-01T02:00").inventoriedAt("2026-11-11T22:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T05:00:00Z").enforcement(10, "2026-11-12T05:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.qualityFlags()).doesNotContain(QualityFlag.RECORDS_DISAGREE);
        }

        @Test
        void stateTenWithAnUnknownBootNeverDisagrees() {
            Finding f = judge(server().withUnknownBootTime(), patchTuesdayUpdate(),
                    aComplianceRow().installed().enforcement(10, "2026-11-12T05:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.qualityFlags()).doesNotContain(QualityFlag.RECORDS_DISAGREE);
        }

        @Test
        void stateTenWhileStillRequiredIsUnverified() {
            Finding f = judge(server(), patchTuesdayUpdate(), aComplianceRow().required().enforcement(10, "2026-11-12T05:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(f.evidence()).contains("compliance not refreshed since, or the update was removed");
        }
    }

    @Nested
    class SuppressedRestarts {

        @Test
        void installedMonthsAgoWithTheRestartSuppressedIsNotInEffectSinceTheInstall() {
            // State 9 since 2026-06-11 (Status 2: current ConfigMgr counts it required), no boot since 2026-05-02.
            Finding f = judge(CONFIGMGR, server().bootedAt("2026-05-02T03:00").inventoriedAt("2026-11-28T22:00"),
                    anUpdate().critical().releasedOn("2026-06-09"),
                    aComplianceRow().required().enforcement(9, "2026-06-11T01:30:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.installedEarliestUtc()).isEqualTo(Instant.parse("2026-06-10T23:30:00Z"));
            assertThat(f.exposureDays()).isEqualTo(173L);
        }

        @Test
        void aBootEqualToTheMessageDecidesNothing() {
            // Equal instants decide nothing; with the daylight-saving margin a boot within an hour neither.
            Finding equal = judge(server().bootedAt("2026-11-12T01:30"), patchTuesdayUpdate(),
                    aComplianceRow().required().enforcement(9, "2026-11-12T01:30:00Z"));
            Finding withinTheMargin = judge(server().bootedAt("2026-11-12T02:15"), patchTuesdayUpdate(),
                    aComplianceRow().required().enforcement(9, "2026-11-12T01:30:00Z"));
            Finding beyondIt = judge(server().bootedAt("2026-11-12T02:31"), patchTuesdayUpdate(),
                    aComplianceRow().required().enforcement(9, "2026-11-12T01:30:00Z"));

            assertThat(equal.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(withinTheMargin.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(withinTheMargin.evidence()).endsWith("last boot within the time ambiguity around the restart-pending state");
            assertThat(beyondIt.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(beyondIt.evidence()).endsWith("the state is stale");
        }

        @Test
        void anInventoryStampThatMayBeUtcOrLocalConfirmsOnlyWhenBothReadingsFollowTheMessage() {
            // UTC+10:00: the stamp 2026-11-12 08:00 is 08:00 UTC read as UTC, 22:00 UTC the day before read as local.
            HostFactsBuilder sydney = server().withOffsetMinutes(600).bootedAt("2026-10-01T12:00");
            Finding ambiguous = judge(sydney.inventoriedAt("2026-11-12T08:00"), patchTuesdayUpdate(),
                    aComplianceRow().required().enforcement(9, "2026-11-12T01:30:00Z"));
            Finding confirmed = judge(sydney.inventoriedAt("2026-11-12T12:00"), patchTuesdayUpdate(),
                    aComplianceRow().required().enforcement(9, "2026-11-12T01:30:00Z"));

            assertThat(ambiguous.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(ambiguous.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(confirmed.confidence()).isEqualTo(Confidence.HIGH);
        }
    }

    @Nested
    class InstallsOutsideADeployment {

        @Test
        void requiredOnAHostWithARestartFlagIsMissingAndSaysARestartIsPending() {
            // An out-of-band install waiting for its restart looks exactly like a missing update on current ConfigMgr.
            Finding f = judge(server().withClientState(4), patchTuesdayUpdate(), aComplianceRow().required());

            assertThat(f.verdict()).isEqualTo(Verdict.MISSING);
            assertThat(f.evidence()).contains("ClientState 4 (restart pending: Windows Update)")
                    .endsWith("an install made outside a deployment may be waiting for it");
        }

        @Test
        void requiredWithOnlyAWeakFlagIsPlainlyMissing() {
            Finding f = judge(server().withClientState(2), patchTuesdayUpdate(), aComplianceRow().required());

            assertThat(f.verdict()).isEqualTo(Verdict.MISSING);
            assertThat(f.evidence()).endsWith("required and not installed");
        }

        @Test
        void installedOnAnSms2003HostThatHasNotBootedSinceTheReleaseIsNotInEffect() {
            // The story: installed by hand, no AgentInstallDate, the host up since 2006, inventoried after the release.
            Finding f = judge(SMS2003.withSiteKind(SiteKind.SMS2003, true),
                    server().bootedAt("2006-09-02T03:15").inventoriedAt("2008-11-14T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"), aComplianceRow().installed().withUnknownStatusChange());

            assertThat(f.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(f.evidence()).endsWith("released after the last boot, which an inventory taken after the release still "
                    + "reports: the running system predates the update");
        }

        @Test
        void installedOnAConfigMgrHostThatHasNotBootedSinceTheReleaseNeedsARestartFlag() {
            HostFactsBuilder host = server().bootedAt("2026-10-01T03:15").inventoriedAt("2026-11-20T22:00");

            Finding flagged = judge(host.withClientState(1), patchTuesdayUpdate(), aComplianceRow().installed());
            Finding flagOutdated = judge(CONFIGMGR_CLIENT_STATE_OLD, host.withClientState(1), patchTuesdayUpdate(),
                    aComplianceRow().installed());
            Finding plain = judge(host.withClientState(0), patchTuesdayUpdate(), aComplianceRow().installed());

            assertThat(flagged.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(flagged.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(flagOutdated.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(plain.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(plain.qualityFlags()).contains(QualityFlag.RECORDS_DISAGREE);
        }

        @Test
        void ruleTenNeedsAnInventoryTakenAfterTheRelease() {
            Finding f = judge(SMS2003, server().bootedAt("2006-09-02T03:15").inventoriedAt("2008-10-20T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"), aComplianceRow().installed().withUnknownStatusChange());

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
        }

        @Test
        void ruleTenNeverFiresOnAnUnknownBoot() {
            Finding f = judge(SMS2003, server().withUnknownBootTime().inventoriedAt("2008-11-14T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"), aComplianceRow().installed().withUnknownStatusChange());

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(f.evidence()).endsWith("last boot unknown");
        }

        @Test
        void ruleTenNeedsTheWholeBootIntervalBeforeTheRelease() {
            // Unknown offset: a boot at 2008-10-22 20:00 local may be 2008-10-23 10:00 UTC, after the release.
            Finding f = judge(SMS2003, server().withUnknownOffset().bootedAt("2008-10-22T20:00").inventoriedAt("2008-11-14T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"), aComplianceRow().installed().withUnknownStatusChange());

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
        }

        @Test
        void agentInstallAfterABootThatFollowedTheReleaseIsDatedByTheAgent() {
            // SMS 2003: released 10-23, booted 10-25, the agent installed it 11-04, inventoried 11-14: rule 12.
            Finding f = judge(SMS2003, server().bootedAt("2008-10-25T03:00").inventoriedAt("2008-11-14T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"),
                    aComplianceRow().installed().withUnknownStatusChange().agentInstalledAt("2008-11-04T02:00:00Z")
                            .scannedAt("2008-11-10T06:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
            assertThat(f.installedEarliestUtc()).isEqualTo(Instant.parse("2008-11-04T00:00:00Z"));
            assertThat(f.installedLatestUtc()).isEqualTo(Instant.parse("2008-11-04T04:00:00Z"));
        }

        @Test
        void thePatchStateScanBoundsTheInstallFromAbove() {
            // No agent date: the scan that reported the update installed (2008-11-01) is the latest install time.
            Finding f = judge(SMS2003, server().bootedAt("2008-11-02T03:00").inventoriedAt("2008-11-14T22:00"),
                    anUpdate().critical().releasedOn("2008-10-23"),
                    aComplianceRow().installed().withUnknownStatusChange().scannedAt("2008-11-01T06:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.installedLatestUtc()).isEqualTo(Instant.parse("2008-11-01T06:00:00Z"));
        }
    }

    @Nested
    class Times {

        @Test
        void aBootConvertedWithTheInventorysOffsetIsOffByUpToAnHour() {
            // Installed by 2026-11-12 02:00 (status change); boot 02:30 UTC: within the daylight-saving margin.
            Finding f = judge(server().bootedAt("2026-11-12T02:30"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:00:00Z"));
            Finding later = judge(server().bootedAt("2026-11-12T03:30"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(later.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(later.confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void theDaylightSavingMarginIsConfigurable() {
            RuleSettings noMargin = new RuleSettings(AS_OF, CONFIGMGR.enforcementMargin(), CONFIGMGR.unknownOffsetWindow(),
                    CONFIGMGR.inventoryStaleAfter(), CONFIGMGR.rebootClassifications(), CONFIGMGR.rebootProducts(),
                    CONFIGMGR.rebootTitles(), false, CONFIGMGR.slaDays(), java.time.Duration.ZERO, CONFIGMGR.scanStaleAfter(),
                    SiteKind.CONFIGMGR, true);

            Finding f = judge(noMargin, server().bootedAt("2026-11-12T02:30"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:00:00Z"));

            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
        }

        @Test
        void anImpossibleOffsetIsReadAsUnknownAndFlagged() {
            // −3000 minutes (−50 h) would move the boot to 2026-11-14 04:00 UTC, after the restart-pending message.
            Finding f = judge(server().withOffsetMinutes(-3000).bootedAt("2026-11-12T02:00").inventoriedAt("2026-11-20T22:00"),
                    patchTuesdayUpdate(), aComplianceRow().required().enforcement(9, "2026-11-12T10:00:00Z"));
            Finding far = judge(server().withOffsetMinutes(100000).bootedAt("2026-10-01T02:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed());

            assertThat(f.qualityFlags()).contains(QualityFlag.OFFSET_IMPOSSIBLE, QualityFlag.OFFSET_UNKNOWN);
            assertThat(f.verdict()).isEqualTo(Verdict.UNVERIFIED);
            assertThat(f.lastBootUtc()).isNull();
            assertThat(f.evidence()).contains("offset -3000 min impossible, read as unknown");
            assertThat(far.qualityFlags()).contains(QualityFlag.OFFSET_IMPOSSIBLE);
            assertThat(far.lastBootUtc()).isNull();
        }

        @Test
        void theWidestRealOffsetsAreKept() {
            Finding kiribati = judge(server().withOffsetMinutes(840), patchTuesdayUpdate(), aComplianceRow());
            Finding bakerIsland = judge(server().withOffsetMinutes(-720), patchTuesdayUpdate(), aComplianceRow());

            assertThat(kiribati.qualityFlags()).doesNotContain(QualityFlag.OFFSET_IMPOSSIBLE, QualityFlag.OFFSET_UNKNOWN);
            assertThat(bakerIsland.qualityFlags()).doesNotContain(QualityFlag.OFFSET_IMPOSSIBLE, QualityFlag.OFFSET_UNKNOWN);
        }

        @Test
        void contradictingInstallBoundsBecomeTheSpanBetweenThem() {
            // QFE day 2026-11-05 is before the release (a revised update): the install is anywhere in [11-05 … 11-12].
            Finding f = judge(server().bootedAt("2026-11-20T02:00"), patchTuesdayUpdate(),
                    aComplianceRow().installed().statusChangedAt("2026-11-12T02:00:00Z").qfeInstalledOn("11/05/2026"));

            assertThat(f.installedEarliestUtc()).isEqualTo(Instant.parse("2026-11-06T01:00:00Z"));
            assertThat(f.installedLatestUtc()).isEqualTo(Instant.parse("2026-11-12T02:00:00Z"));
            assertThat(f.verdict()).isEqualTo(Verdict.IN_EFFECT);
            assertThat(f.evidence()).contains("install time bounds contradict each other");
        }
    }

    @Nested
    class Scans {

        @Test
        void aFailedOrStaleScanIsFlagged() {
            Finding failed = judge(server().lastScanned("2026-11-20T21:00:00Z", 5), patchTuesdayUpdate(), aComplianceRow());
            Finding withErrors = judge(server().lastScanned("2026-11-20T21:00:00Z", 6), patchTuesdayUpdate(), aComplianceRow());
            Finding stale = judge(server().lastScanned("2026-10-01T21:00:00Z", 3), patchTuesdayUpdate(), aComplianceRow());
            Finding fresh = judge(server().lastScanned("2026-11-20T21:00:00Z", 3), patchTuesdayUpdate(), aComplianceRow());

            assertThat(failed.qualityFlags()).contains(QualityFlag.SCAN_FAILED);
            assertThat(withErrors.qualityFlags()).contains(QualityFlag.SCAN_FAILED);
            assertThat(stale.qualityFlags()).contains(QualityFlag.SCAN_STALE).doesNotContain(QualityFlag.SCAN_FAILED);
            assertThat(fresh.qualityFlags()).doesNotContain(QualityFlag.SCAN_STALE, QualityFlag.SCAN_FAILED);
        }
    }

    @Nested
    class OnePairOneVote {

        @Test
        void aRowThatDoesNotVoteIsOutOfScopeWithItsReason() {
            Reconciler reconciler = new Reconciler(CONFIGMGR, ExemptionRegister.NONE);

            Finding copy = reconciler.reconcile(aComplianceRow().build(), server().build(), patchTuesdayUpdate().build(), true,
                    OutOfScope.DUPLICATE_ROW);
            Finding first = reconciler.reconcile(aComplianceRow().build(), server().build(), patchTuesdayUpdate().build(), true,
                    null);

            assertThat(copy.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(copy.evidence()).isEqualTo(OutOfScope.DUPLICATE_ROW);
            assertThat(copy.qualityFlags()).as("its pair's voting row carries the flags").isEmpty();
            assertThat(first.qualityFlags()).contains(QualityFlag.DUPLICATE_PAIR);
            assertThat(first.verdict()).isNotEqualTo(Verdict.OUT_OF_SCOPE);
        }
    }
}
