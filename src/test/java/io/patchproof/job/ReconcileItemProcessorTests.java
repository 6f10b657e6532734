package io.patchproof.job;

import static io.patchproof.testsupport.ComplianceRowBuilder.aComplianceRow;
import static io.patchproof.testsupport.HostFactsBuilder.aHost;
import static io.patchproof.testsupport.UpdateFactsBuilder.anUpdate;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.ExemptionRegister;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.OutOfScope;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The processor with real rules: an SMS 2003 row is read through {@link StateNames} (the scan
 * status first, the agent's state name as refinement) before the rules see it, and its finding says
 * how it was read; a row that does not vote for its pair is out of scope with its reason and raises
 * no flag of its own. Verdicts are those of the rules for the facts read, whatever the rules' version.
 */
class ReconcileItemProcessorTests {

    /** The story's server: last booted in March 2006, inventoried in November 2008, at UTC+01:00. */
    private static final HostFacts SERVER = aHost().withResourceId(42).server().withOffsetMinutes(60)
            .bootedAt("2006-03-01T08:00").inventoriedAt("2008-11-10T10:00").build();
    private static final UpdateFacts MS08_067 = anUpdate().withCiId(1001).withArticle("958644").withBulletin("MS08-067")
            .titled("Security Update for Windows Server 2003 (KB958644)").withSeverity(io.patchproof.reconcile.Severity.CRITICAL)
            .classifiedAs("Security Updates").forProduct(null).releasedAt(LocalDateTime.parse("2008-10-23T17:00")
                    .toInstant(ZoneOffset.UTC)).build();
    private static final String ITMU = "Microsoft Updates Tool";

    private final Reconciler reconciler = new Reconciler(RuleSettings.defaults(LocalDate.of(2008, 11, 14)),
            ExemptionRegister.NONE);
    private final StateNames names = StateNames.of(null, Duration.ofHours(14));
    private final ReconcileItemProcessor processor = new ReconcileItemProcessor(reconciler, Map.of(42, SERVER),
            Map.of(1001, MS08_067), Set.of(RunStore.pairKey(42, 1001)), names);

    private static SnapshotComplianceRow sms2003Row(String scanStatus, String stateName, String agentInstallDateLocal) {
        return new SnapshotComplianceRow(new ComplianceFacts(5, 42, 1001, 0, null, null,
                agentInstallDateLocal == null ? null
                        : LocalDateTime.parse(agentInstallDateLocal).toInstant(ZoneOffset.UTC), null, null), stateName,
                scanStatus, ITMU, LocalDateTime.parse("2008-11-10T09:40"), null);
    }

    @Test
    void anSms2003RowReachesTheRulesAsItWasReadAndItsEvidenceSaysHow() {
        SnapshotComplianceRow row = sms2003Row("Installed", "Install Verified", "2008-10-24T05:00");
        StateNames.Reading reading = names.read(row, SERVER);

        Finding finding = processor.finding(row);
        Finding ofTheFacts = reconciler.reconcile(reading.facts(), SERVER, MS08_067, true, null);

        assertThat(finding.reportedInstalled()).isTrue();
        assertThat(finding.verdict()).isEqualTo(ofTheFacts.verdict());
        assertThat(finding.confidence()).isEqualTo(ofTheFacts.confidence());
        assertThat(finding.installedEarliestUtc()).isEqualTo(ofTheFacts.installedEarliestUtc());
        assertThat(finding.installedLatestUtc()).isEqualTo(ofTheFacts.installedLatestUtc());
        assertThat(finding.evidence()).isEqualTo(reading.evidence() + "; " + ofTheFacts.evidence())
                .startsWith("scan status 'Installed' (Microsoft Updates Tool, scanned 2008-11-10 09:40) read as installed"
                        + " (Status 3); agent state 'Install Verified' read as installed (no state), AgentInstallDate"
                        + " 2008-10-24 05:00 local; ");
        assertThat(finding.qualityFlags()).contains(QualityFlag.DUPLICATE_PAIR).doesNotContain(QualityFlag.UNKNOWN_STATE_NAME);
    }

    @Test
    void rebootPendingOnAServerThatHasNotBootedSinceTheInstallIsNotInEffect() {
        Finding finding = processor.finding(sms2003Row("Installed", "Reboot pending", "2008-10-24T05:00"));

        assertThat(finding.enforcementState()).isEqualTo(9);
        assertThat(finding.verdict()).isEqualTo(Verdict.NOT_IN_EFFECT);
    }

    @Test
    void aHandInstallOnAServerThatHasNotBootedSinceTheReleaseIsReportedInstalledAndNeverInEffect() {
        Finding finding = processor.finding(sms2003Row("Installed", "", null));

        assertThat(finding.reportedInstalled()).isTrue();
        assertThat(finding.verdict().inScope()).isTrue();
        assertThat(finding.verdict()).isNotIn(Verdict.IN_EFFECT, Verdict.MISSING);
        assertThat(finding.qualityFlags()).doesNotContain(QualityFlag.UNKNOWN_STATE_NAME);
        assertThat(finding.evidence()).startsWith("scan status 'Installed' (Microsoft Updates Tool, scanned 2008-11-10"
                + " 09:40) read as installed (Status 3); no SMS agent state, no AgentInstallDate; ");
    }

    @Test
    void anUnknownStateNameIsFlaggedAndTheScanStatusStillDecides() {
        Finding installed = processor.finding(sms2003Row("Installed", "Uninstall Pending", "2008-10-24T05:00"));
        Finding applicable = processor.finding(sms2003Row("Applicable", "Uninstall Pending", null));

        assertThat(installed.reportedInstalled()).isTrue();
        assertThat(applicable.reportedInstalled()).isFalse();
        assertThat(applicable.verdict()).isEqualTo(Verdict.MISSING);
        for (Finding f : new Finding[] {installed, applicable}) {
            assertThat(f.verdict().inScope()).isTrue();
            assertThat(f.enforcementState()).isNull();
            assertThat(f.qualityFlags()).contains(QualityFlag.UNKNOWN_STATE_NAME);
            assertThat(f.evidence()).contains("agent state 'Uninstall Pending' is not in patchproof.source.sms2003.state-names");
        }
    }

    @Test
    void aScanStatusOtherThanInstalledOrApplicableIsOutOfScopeWithItsReasonAloneAsEvidence() {
        Finding finding = processor.finding(sms2003Row("Not Applicable", "Not Applicable", null));

        assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(finding.evidence()).isEqualTo(OutOfScope.STATUS_NOT_APPLICABLE);
    }

    @Test
    void aRowThatDoesNotVoteIsOutOfScopeWithItsReasonAndRaisesNoFlagOfItsOwn() {
        for (String reason : new String[] {OutOfScope.DUPLICATE_ROW, OutOfScope.OTHER_SCAN_TOOL}) {
            Finding finding = processor.finding(sms2003Row("Installed", "Uninstall Pending", null).notVoting(reason));

            assertThat(finding.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
            assertThat(finding.evidence()).isEqualTo(reason);
            assertThat(finding.qualityFlags()).doesNotContain(QualityFlag.DUPLICATE_PAIR, QualityFlag.UNKNOWN_STATE_NAME);
        }
        ComplianceFacts configMgr = aComplianceRow().forHost(SERVER).forUpdate(MS08_067).installed()
                .statusChangedAt("2008-10-24T06:00:00Z").build();
        Finding copy = processor.finding(new SnapshotComplianceRow(configMgr, null).notVoting(OutOfScope.DUPLICATE_ROW));
        assertThat(copy.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(copy.evidence()).isEqualTo(OutOfScope.DUPLICATE_ROW);
    }

    @Test
    void aRowWithoutAStateNameGoesToTheRulesUnchanged() {
        ComplianceFacts row = aComplianceRow().forHost(SERVER).forUpdate(MS08_067).installed()
                .statusChangedAt("2008-10-24T06:00:00Z").enforcement(10, "2008-10-24T04:00:00Z").build();

        Finding finding = processor.finding(new SnapshotComplianceRow(row, null));

        assertThat(finding).isEqualTo(reconciler.reconcile(row, SERVER, MS08_067, true, null));
    }

    @Test
    void aNullKeyJoinsNothingNotEvenARecordStoredUnderZero() {
        // The snapshot reads a NULL key as 0; a host and an update stored under 0 must stay out of reach.
        HostFacts zero = aHost().withResourceId(0).server().withOffsetMinutes(0).bootedAt("2008-11-01T08:00")
                .inventoriedAt("2008-11-10T10:00").build();
        UpdateFacts zeroUpdate = anUpdate().withCiId(0).withArticle("958644").classifiedAs("Security Updates")
                .releasedAt(LocalDateTime.parse("2008-10-23T17:00").toInstant(ZoneOffset.UTC)).build();
        ReconcileItemProcessor withZeros = new ReconcileItemProcessor(reconciler, Map.of(0, zero, 42, SERVER),
                Map.of(0, zeroUpdate, 1001, MS08_067), Set.of(RunStore.pairKey(0, 1001)), StateNames.of(null, Duration.ofHours(14)));
        ComplianceFacts noHost = aComplianceRow().forHost(zero).forUpdate(MS08_067).installed()
                .statusChangedAt("2008-10-24T06:00:00Z").build();
        ComplianceFacts noUpdate = aComplianceRow().forHost(SERVER).forUpdate(zeroUpdate).installed()
                .statusChangedAt("2008-10-24T06:00:00Z").build();

        Finding withoutResourceId = withZeros.finding(new SnapshotComplianceRow(noHost, null, true, false));
        Finding withoutCiId = withZeros.finding(new SnapshotComplianceRow(noUpdate, null, false, true));

        assertThat(withZeros.finding(new SnapshotComplianceRow(noHost, null)).verdict()).as("the join a NULL must not make")
                .isEqualTo(Verdict.IN_EFFECT);
        assertThat(withoutResourceId.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(withoutResourceId.evidence()).isEqualTo(OutOfScope.NULL_RESOURCE_ID);
        assertThat(withoutResourceId.host()).isEmpty();
        assertThat(withoutResourceId.qualityFlags()).contains(QualityFlag.ORPHAN_HOST).doesNotContain(QualityFlag.DUPLICATE_PAIR);
        assertThat(withoutResourceId.title()).as("its update, by a key that is there").isEqualTo(MS08_067.title());
        assertThat(withoutCiId.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
        assertThat(withoutCiId.evidence()).isEqualTo(OutOfScope.NULL_CI_ID);
        assertThat(withoutCiId.host()).isEqualTo(SERVER.name());
        assertThat(withoutCiId.qualityFlags()).contains(QualityFlag.ORPHAN_UPDATE);
    }
}
