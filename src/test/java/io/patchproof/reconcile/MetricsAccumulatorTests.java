package io.patchproof.reconcile;

import static io.patchproof.testsupport.FindingBuilder.aFinding;
import static io.patchproof.testsupport.HostFactsBuilder.aHost;
import static io.patchproof.testsupport.UpdateFactsBuilder.anUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.patchproof.testsupport.FindingBuilder;
import io.patchproof.testsupport.HostFactsBuilder;
import io.patchproof.testsupport.UpdateFactsBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Metrics over findings built directly, so that these tests do not depend on the verdict rules. */
class MetricsAccumulatorTests {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");

    private MetricsAccumulator accumulator = new MetricsAccumulator(RuleSettings.defaults(AS_OF));

    private Metrics accept(FindingBuilder... findings) {
        for (FindingBuilder f : findings) {
            accumulator.accept(f.build());
        }
        return accumulator.result();
    }

    private void register(HostFactsBuilder host, String... collections) {
        accumulator.registerHost(host.build(), List.of(collections));
    }

    private void register(UpdateFactsBuilder update) {
        accumulator.registerUpdate(update.build());
    }

    @Test
    void reportedComplianceCountsWhatTheSiteReportsEffectiveOnlyWhatIsInEffect() {
        Metrics metrics = accept(
                aFinding().onHost(1, "A").inEffect(),
                aFinding().onHost(2, "B").notInEffect(10),
                aFinding().onHost(3, "C").unverified(),
                aFinding().onHost(4, "D").missing(47));

        ComplianceFigures overall = metrics.overall();
        assertThat(overall.applicable()).isEqualTo(4);
        assertThat(overall.reportedInstalled()).isEqualTo(3);
        assertThat(overall.inEffect()).isEqualTo(1);
        assertThat(overall.notInEffect()).isEqualTo(1);
        assertThat(overall.unverified()).isEqualTo(1);
        assertThat(overall.missing()).isEqualTo(1);
        assertThat(overall.reportedPct()).isCloseTo(75.0, within(1e-9));
        assertThat(overall.effectivePct()).isCloseTo(25.0, within(1e-9));
        assertThat(overall.gapPoints()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void everyVerdictIsCountedAndTheCountsAddUpToTheRowsRead() {
        Metrics metrics = accept(
                aFinding().inEffect(),
                aFinding().inEffect(),
                aFinding().failed(),
                aFinding().exempt("freeze"),
                aFinding().outOfScope(OutOfScope.HOST_OBSOLETE),
                aFinding().outOfScope(OutOfScope.HOST_OBSOLETE),
                aFinding().outOfScope(OutOfScope.NOT_REBOOT_DEPENDENT));

        assertThat(metrics.rowsRead()).isEqualTo(7);
        assertThat(metrics.verdictCounts()).containsOnlyKeys(Verdict.values())
                .containsEntry(Verdict.IN_EFFECT, 2L)
                .containsEntry(Verdict.FAILED, 1L)
                .containsEntry(Verdict.EXEMPT, 1L)
                .containsEntry(Verdict.OUT_OF_SCOPE, 3L)
                .containsEntry(Verdict.NOT_IN_EFFECT, 0L)
                .containsEntry(Verdict.MISSING, 0L)
                .containsEntry(Verdict.UNVERIFIED, 0L);
        assertThat(metrics.verdictCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(metrics.rowsRead());
        assertThat(metrics.outOfScopeReasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                OutOfScope.HOST_OBSOLETE, 2L, OutOfScope.NOT_REBOOT_DEPENDENT, 1L));
        assertThat(metrics.overall().applicable()).isEqualTo(4);
    }

    @Test
    void figuresOfEverySliceAddUpToTheirApplicablePairs() {
        Metrics metrics = accept(
                aFinding().onHost(1, "A").server().critical().inEffect(),
                aFinding().onHost(1, "A").server().notInEffect(3),
                aFinding().onHost(2, "B").critical().required().exempt("freeze"),
                aFinding().onHost(2, "B").missing(12),
                aFinding().onHost(2, "B").failed(),
                aFinding().onHost(3, "C").unverified().superseded(),
                aFinding().onHost(3, "C").outOfScope(OutOfScope.UPDATE_EXPIRED));

        long inScope = metrics.rowsRead() - metrics.verdictCounts().get(Verdict.OUT_OF_SCOPE);
        assertThat(metrics.overall().applicable()).isEqualTo(inScope - metrics.supersededExcluded()).isEqualTo(5);
        for (ComplianceFigures f : List.of(metrics.overall(), metrics.servers(), metrics.workstations())) {
            assertThat(f.inEffect() + f.exempt() + f.notInEffect() + f.unverified() + f.missing() + f.failed())
                    .isEqualTo(f.applicable());
        }
        assertThat(metrics.servers().applicable() + metrics.workstations().applicable()).isEqualTo(metrics.overall().applicable());
        assertThat(metrics.bySeverity().values().stream().mapToLong(ComplianceFigures::applicable).sum())
                .isEqualTo(metrics.overall().applicable());
    }

    @Test
    void exemptPairIsCompliantOnlyWithExceptionsAndCountedOnce() {
        Metrics metrics = accept(
                aFinding().installed().exempt("vendor support pending"),
                aFinding().required().exempt("change freeze"),
                aFinding().missing(5));

        ComplianceFigures overall = metrics.overall();
        assertThat(overall.reportedInstalled()).isEqualTo(1);
        assertThat(overall.reportedInstalledOrExempt()).isEqualTo(2);
        assertThat(overall.exempt()).isEqualTo(2);
        assertThat(overall.effectivePct()).isZero();
        assertThat(overall.effectiveWithExceptionsPct()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(overall.reportedWithExceptionsPct()).isCloseTo(200.0 / 3, within(1e-9));
    }

    @Test
    void supersededUpdatesStayOutOfTheHeadlineButKeepTheirOwnLine() {
        register(anUpdate().withCiId(1001).withArticle("5066835"));
        register(anUpdate().withCiId(1002).withArticle("5063878").releasedOn("2026-09-09").superseded().critical());

        Metrics metrics = accept(
                aFinding().onHost(1, "A").forUpdate(1001, "5066835").inEffect(),
                aFinding().onHost(1, "A").forUpdate(1002, "5063878").critical().superseded().notInEffect(82));

        assertThat(metrics.overall().applicable()).isEqualTo(1);
        assertThat(metrics.overall().notInEffect()).isZero();
        assertThat(metrics.supersededExcluded()).isEqualTo(1);
        assertThat(metrics.bySeverity().get(Severity.CRITICAL).applicable()).isZero();
        assertThat(metrics.allFullyPatched().effective()).isEqualTo(1);
        assertThat(metrics.updates()).extracting(UpdateSummary::ciId).containsExactlyInAnyOrder(1001, 1002);
        UpdateSummary superseded = metrics.updates().stream().filter(u -> u.ciId() == 1002).findFirst().orElseThrow();
        assertThat(superseded.superseded()).isTrue();
        assertThat(superseded.figures().notInEffect()).isEqualTo(1);
    }

    @Test
    void supersededUpdatesCountInTheHeadlineWhenConfigured() {
        RuleSettings d = RuleSettings.defaults(AS_OF);
        accumulator = new MetricsAccumulator(new RuleSettings(d.asOf(), d.enforcementMargin(), d.unknownOffsetWindow(),
                d.inventoryStaleAfter(), d.rebootClassifications(), d.rebootProducts(), d.rebootTitles(), true, d.slaDays()));

        Metrics metrics = accept(
                aFinding().onHost(1, "A").forUpdate(1001, "5066835").inEffect(),
                aFinding().onHost(1, "A").forUpdate(1002, "5063878").critical().superseded().notInEffect(82));

        assertThat(metrics.overall().applicable()).isEqualTo(2);
        assertThat(metrics.supersededExcluded()).isZero();
        assertThat(metrics.allFullyPatched().effective()).isZero();
    }

    @Test
    void slaIsOverdueWhenThePairIsNotInEffectLongerAfterReleaseThanItsSeverityAllows() {
        register(anUpdate().withCiId(1).critical().releasedOn("2026-10-14"));
        register(anUpdate().withCiId(2).critical().releasedOn("2026-10-31"));
        register(anUpdate().withCiId(3).critical().releasedOn("2026-10-30"));
        register(anUpdate().withCiId(4).releasedOn("2026-08-01"));
        register(anUpdate().withCiId(5).withSeverity(Severity.UNSPECIFIED).releasedOn("2020-01-14"));

        Metrics metrics = accept(
                aFinding().forUpdate(1, "a").critical().missing(47),
                aFinding().forUpdate(1, "a").critical().notInEffect(40),
                aFinding().forUpdate(1, "a").critical().inEffect(),
                aFinding().forUpdate(1, "a").critical().exempt("freeze"),
                aFinding().forUpdate(2, "b").critical().missing(30),
                aFinding().forUpdate(3, "c").critical().failed(),
                aFinding().forUpdate(4, "d").unverified(),
                aFinding().forUpdate(5, "e").withSeverity(Severity.UNSPECIFIED).missing(2512),
                aFinding().forUpdate(6, "never registered").critical().missing(400));

        // Overdue: ci 1 missing and not in effect (47 > 30), ci 3 (31 > 30), ci 4 (121 > 90).
        assertThat(metrics.overall().slaOverdue()).isEqualTo(4);
        assertThat(metrics.bySeverity().get(Severity.CRITICAL).slaOverdue()).isEqualTo(3);
        assertThat(metrics.bySeverity().get(Severity.IMPORTANT).slaOverdue()).isEqualTo(1);
        assertThat(metrics.bySeverity().get(Severity.UNSPECIFIED).slaOverdue()).isZero();
    }

    @Test
    void hostsAreFullyPatchedWhenEveryCriticalPairIsReportedOrInEffect() {
        Metrics metrics = accept(
                aFinding().onHost(1, "S1").server().critical().inEffect(),
                aFinding().onHost(1, "S1").server().notInEffect(30),
                aFinding().onHost(2, "S2").server().critical().notInEffect(30),
                aFinding().onHost(3, "S3").server().critical().required().exempt("freeze"),
                aFinding().onHost(3, "S3").server().critical().inEffect(),
                aFinding().onHost(4, "S4").server().critical().superseded().notInEffect(90),
                aFinding().onHost(11, "W1").missing(47),
                aFinding().onHost(12, "W2").critical().missing(47),
                aFinding().onHost(13, "W3").outOfScope(OutOfScope.HOST_OBSOLETE));

        assertThat(metrics.serversFullyPatched()).isEqualTo(new HostsFullyPatched(3, 2, 1, 2, 4));
        assertThat(metrics.workstationsFullyPatched()).isEqualTo(new HostsFullyPatched(2, 1, 1, 1, 1));
        assertThat(metrics.allFullyPatched()).isEqualTo(new HostsFullyPatched(5, 3, 2, 3, 5));
        assertThat(metrics.allFullyPatched().effectivePct()).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void hostWithoutCriticalPairsIsFullyPatchedEvenWithOtherPairsMissing() {
        Metrics metrics = accept(aFinding().onHost(1, "W1").missing(47), aFinding().onHost(1, "W1").notInEffect(3));

        assertThat(metrics.allFullyPatched()).isEqualTo(new HostsFullyPatched(1, 1, 1, 1, 0));
        assertThat(metrics.allFullyPatched().known()).as("no critical pair: the figure says nothing").isFalse();
    }

    @Test
    void serversAndWorkstationsAreSeparateSlices() {
        Metrics metrics = accept(
                aFinding().onHost(1, "S1").server().inEffect(),
                aFinding().onHost(2, "W1").missing(5),
                aFinding().onHost(2, "W1").notInEffect(5));

        assertThat(metrics.servers().applicable()).isEqualTo(1);
        assertThat(metrics.servers().inEffect()).isEqualTo(1);
        assertThat(metrics.workstations().applicable()).isEqualTo(2);
        assertThat(metrics.workstations().reportedInstalled()).isEqualTo(1);
    }

    @Test
    void bySeverityListsEverySeverityMostSevereFirst() {
        Metrics metrics = accept(aFinding().critical().missing(3), aFinding().withSeverity(Severity.LOW).inEffect());

        assertThat(metrics.bySeverity().keySet()).containsExactly(
                Severity.CRITICAL, Severity.IMPORTANT, Severity.MODERATE, Severity.LOW, Severity.UNSPECIFIED);
        assertThat(metrics.bySeverity().get(Severity.CRITICAL).missing()).isEqualTo(1);
        assertThat(metrics.bySeverity().get(Severity.LOW).inEffect()).isEqualTo(1);
        assertThat(metrics.bySeverity().get(Severity.MODERATE)).isEqualTo(ComplianceFigures.EMPTY);
    }

    @Test
    void hostInSeveralCollectionsCountsInEachAndUnregisteredHostsOnlyOverall() {
        register(aHost().withResourceId(1).named("A"), "SMS00001", "P0100012");
        register(aHost().withResourceId(2).named("B"), "SMS00001");

        Metrics metrics = accept(
                aFinding().onHost(1, "A").inEffect(),
                aFinding().onHost(1, "A").missing(5),
                aFinding().onHost(2, "B").notInEffect(9),
                aFinding().onHost(3, "never registered").inEffect());

        assertThat(metrics.byCollection()).containsOnlyKeys("SMS00001", "P0100012");
        assertThat(metrics.byCollection().get("SMS00001").applicable()).isEqualTo(3);
        assertThat(metrics.byCollection().get("P0100012").applicable()).isEqualTo(2);
        assertThat(metrics.byCollection().get("P0100012").missing()).isEqualTo(1);
        assertThat(metrics.overall().applicable()).isEqualTo(4);
        assertThat(metrics.hosts()).extracting(HostSummary::name).containsExactlyInAnyOrder("A", "B");
    }

    @Test
    void hostRegisteredAfterItsFindingsStillCountsInItsCollectionsAndSlice() {
        accumulator.accept(aFinding().onHost(1, "A").inEffect().build());
        register(aHost().withResourceId(1).named("A").server(), "SMS00001");

        Metrics metrics = accumulator.result();

        assertThat(metrics.byCollection().get("SMS00001").applicable()).isEqualTo(1);
        assertThat(metrics.servers().applicable()).isEqualTo(1);
        assertThat(metrics.workstations().applicable()).isZero();
    }

    @Test
    void hostsAreOrderedByRiskThenNameThenResourceId() {
        register(aHost().withResourceId(10).named("MIDDLE"));
        register(aHost().withResourceId(20).named("TOP"));
        register(aHost().withResourceId(31).named("SAFE"));
        register(aHost().withResourceId(30).named("SAFE"));
        register(aHost().withResourceId(40).named("AAA-SAFE"));
        register(aHost().withResourceId(50).named("NO-FINDINGS"));

        Metrics metrics = accept(
                aFinding().onHost(10, "MIDDLE").critical().notInEffect(10),
                aFinding().onHost(10, "MIDDLE").notInEffect(4),
                aFinding().onHost(10, "MIDDLE").withSeverity(Severity.MODERATE).missing(47),
                aFinding().onHost(20, "TOP").notInEffect(30),
                aFinding().onHost(31, "SAFE").inEffect(),
                aFinding().onHost(30, "SAFE").inEffect(),
                aFinding().onHost(40, "AAA-SAFE").outOfScope(OutOfScope.HOST_OBSOLETE));

        // MIDDLE: 10 × 10 + 5 × 4 = 120; TOP: 5 × 30 = 150.
        assertThat(metrics.hosts()).extracting(HostSummary::resourceId).containsExactly(20, 10, 40, 30, 31);
        HostSummary middle = metrics.hosts().get(1);
        assertThat(middle.riskScore()).isCloseTo(120.0, within(1e-9));
        assertThat(middle.maxExposureDays()).isEqualTo(10L);
        assertThat(middle.figures().applicable()).isEqualTo(3);
        HostSummary safe = metrics.hosts().get(3);
        assertThat(safe.riskScore()).isZero();
        assertThat(safe.maxExposureDays()).isNull();
    }

    @Test
    void riskAndCriticalCountFollowTheHeadlineSoSupersededPairsAreNotCountedTwice() {
        register(aHost().withResourceId(1).named("A"));

        Metrics metrics = accept(aFinding().onHost(1, "A").critical().superseded().notInEffect(7),
                aFinding().onHost(1, "A").critical().notInEffect(3));

        HostSummary a = metrics.hosts().get(0);
        assertThat(a.riskScore()).isCloseTo(30.0, within(1e-9));
        assertThat(a.criticalNotInEffect()).isEqualTo(1);
        assertThat(a.maxExposureDays()).isEqualTo(3L);
        assertThat(a.figures().notInEffect()).isEqualTo(1);
    }

    @Test
    void uptimeCountsFromTheBootInUtcAndFromTheLocalDateWhenTheOffsetIsUnknown() {
        register(aHost().withResourceId(1).named("EAST").withOffsetMinutes(-300).bootedAt("2026-11-29T22:00"));
        register(aHost().withResourceId(2).named("UNKNOWN").withUnknownOffset().bootedAt("2026-11-29T22:00"));
        register(aHost().withResourceId(3).named("NO-BOOT").withUnknownBootTime());
        register(aHost().withResourceId(4).named("FUTURE").bootedAt("2026-12-03T08:00"));
        register(aHost().withResourceId(5).named("OLD").bootedAt("2024-11-30T08:00"));

        Metrics metrics = accept(
                aFinding().onHost(1, "EAST").inEffect(),
                aFinding().onHost(2, "UNKNOWN").inEffect(),
                aFinding().onHost(3, "NO-BOOT").unverified(),
                aFinding().onHost(4, "FUTURE").unverified(),
                aFinding().onHost(5, "OLD").inEffect());

        Map<String, HostSummary> byName = byName(metrics.hosts());
        assertThat(byName.get("EAST").uptimeDays()).isZero();
        assertThat(byName.get("EAST").lastBootUtc()).isEqualTo(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(byName.get("UNKNOWN").uptimeDays()).isEqualTo(1L);
        assertThat(byName.get("UNKNOWN").lastBootUtc()).isNull();
        assertThat(byName.get("NO-BOOT").uptimeDays()).isNull();
        assertThat(byName.get("FUTURE").uptimeDays()).isNull();
        assertThat(byName.get("OLD").uptimeDays()).isEqualTo(730L);
    }

    @Test
    void hostSummaryDescribesTheHostAsRegistered() {
        accumulator.registerHost(aHost().withResourceId(7).named("SRV-DB01").server().withOs("Microsoft Windows NT Server 5.2", null)
                .withClientState(5).build(), List.of("P0100020", "P0100021"));

        Metrics metrics = accept(aFinding().onHost(7, "SRV-DB01").server().inEffect());

        HostSummary host = metrics.hosts().get(0);
        assertThat(host.operatingSystem()).isEqualTo("Microsoft Windows NT Server 5.2");
        assertThat(host.server()).isTrue();
        assertThat(host.clientState()).isEqualTo(5);
        assertThat(host.collectionIds()).containsExactly("P0100020", "P0100021");
        assertThat(host.figures().inEffect()).isEqualTo(1);
    }

    @Test
    void updatesAreListedNewestFirstThenByArticleWhenTheyHaveAFindingInScope() {
        register(anUpdate().withCiId(1).withArticle("5066835").releasedOn("2026-10-14"));
        register(anUpdate().withCiId(2).withArticle("5068861").releasedOn("2026-11-11"));
        register(anUpdate().withCiId(3).withArticle("5068790").releasedOn("2026-11-11"));
        register(anUpdate().withCiId(4).withArticle("2267602").releasedOn("2026-11-29"));

        Metrics metrics = accept(
                aFinding().forUpdate(1, "5066835").inEffect(),
                aFinding().forUpdate(2, "5068861").missing(19),
                aFinding().forUpdate(3, "5068790").inEffect(),
                aFinding().forUpdate(3, "5068790").notInEffect(19),
                aFinding().forUpdate(4, "2267602").outOfScope(OutOfScope.NOT_REBOOT_DEPENDENT));

        assertThat(metrics.updates()).extracting(UpdateSummary::articleId).containsExactly("5068790", "5068861", "5066835");
        assertThat(metrics.updates().get(0).figures().applicable()).isEqualTo(2);
        assertThat(metrics.updates().get(0).datePosted()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
    }

    @Test
    void qualityFlagsCountPairsPerFlagWithEveryFlagListed() {
        Metrics metrics = accept(
                aFinding().flagged(QualityFlag.OFFSET_UNKNOWN),
                aFinding().flagged(QualityFlag.OFFSET_UNKNOWN, QualityFlag.DUPLICATE_PAIR),
                aFinding().outOfScope(OutOfScope.NO_DISCOVERY_RECORD).flagged(QualityFlag.ORPHAN_HOST));

        assertThat(metrics.qualityFlags()).containsOnlyKeys(QualityFlag.values())
                .containsEntry(QualityFlag.OFFSET_UNKNOWN, 2L)
                .containsEntry(QualityFlag.DUPLICATE_PAIR, 1L)
                .containsEntry(QualityFlag.ORPHAN_HOST, 1L)
                .containsEntry(QualityFlag.CLOCK_ANOMALY, 0L);
    }

    @Test
    void emptyRunHasZeroFiguresEverywhere() {
        Metrics metrics = accumulator.result();

        assertThat(metrics.asOf()).isEqualTo(AS_OF);
        assertThat(metrics.rowsRead()).isZero();
        assertThat(metrics.overall()).isEqualTo(ComplianceFigures.EMPTY);
        assertThat(metrics.overall().effectivePct()).isZero();
        assertThat(metrics.allFullyPatched()).isEqualTo(new HostsFullyPatched(0, 0, 0, 0, 0));
        assertThat(metrics.hosts()).isEmpty();
        assertThat(metrics.updates()).isEmpty();
    }

    private static Map<String, HostSummary> byName(List<HostSummary> hosts) {
        return hosts.stream().collect(Collectors.toMap(HostSummary::name, h -> h));
    }

    @Test
    void reportedInstalledCountsARestartPendingInstallOnConfigMgrOnly() {
        FindingBuilder[] findings = {
            aFinding().onHost(1, "S1").notInEffect(20).required().inState(9),
            aFinding().onHost(2, "S2").inEffect().installed().inState(10),
            aFinding().onHost(3, "S3").unverified().required().inState(10),
            aFinding().onHost(4, "S4").required().missing(10),
            aFinding().onHost(5, "S5").installed().notInEffect(40)};

        Metrics configMgr = accept(findings);
        accumulator = new MetricsAccumulator(RuleSettings.defaults(AS_OF).withSiteKind(SiteKind.SMS2003, true));
        Metrics sms2003 = accept(findings);

        assertThat(configMgr.overall().siteInstalled()).isEqualTo(4);
        assertThat(configMgr.overall().reportedInstalled()).isEqualTo(2);
        assertThat(configMgr.overall().inEffect()).isEqualTo(1);
        assertThat(configMgr.overall().siteInstalledPct()).isCloseTo(80.0, within(1e-9));
        assertThat(configMgr.overall().installedGapPoints()).isCloseTo(60.0, within(1e-9));
        assertThat(sms2003.overall().siteInstalled()).isEqualTo(sms2003.overall().reportedInstalled()).isEqualTo(2);
    }

    @Test
    void aSliceWithoutAnyCriticalPairHasNoFullyPatchedFigure() {
        Metrics metrics = accept(aFinding().onHost(1, "S1").server().withSeverity(Severity.UNSPECIFIED).inEffect(),
                aFinding().onHost(2, "W1").critical().inEffect());

        assertThat(metrics.serversFullyPatched().known()).isFalse();
        assertThat(metrics.workstationsFullyPatched().known()).isTrue();
        assertThat(metrics.allFullyPatched().known()).isTrue();
    }

    @Test
    void anUnknownSeverityStillWeighsInTheRiskScore() {
        register(aHost().withResourceId(1).named("S1"));
        register(aHost().withResourceId(2).named("S2"));
        Metrics metrics = accept(aFinding().onHost(1, "S1").withSeverity(Severity.UNSPECIFIED).notInEffect(10),
                aFinding().onHost(2, "S2").withSeverity(Severity.UNSPECIFIED).notInEffect(30));

        assertThat(metrics.hosts()).extracting(HostSummary::name).containsExactly("S2", "S1");
        assertThat(metrics.hosts().get(0).riskScore()).isPositive();
    }
}
