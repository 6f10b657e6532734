package io.patchproof.job;

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
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Step 2's processor: looks up the host and update of a compliance row (held in memory: they grow
 * with hosts and updates, not with compliance rows) and applies the rules. A row that carries a
 * state name (SMS 2003) is first read through the configured {@link StateNames}; its finding then
 * says in its evidence how the scan status and the name were read, and an unknown name adds
 * {@link QualityFlag#UNKNOWN_STATE_NAME}. A row that does not vote for its pair (a further copy of
 * a duplicated pair, another scan tool's row: {@link SnapshotComplianceRow#notVoting()}, worked out
 * once per snapshot) is OUT_OF_SCOPE with that reason and raises no flag of its own: its pair is
 * counted once, by the row that votes. A row whose ResourceID or CI_ID is NULL joins nothing on
 * that side (the snapshot reads a NULL key as 0, which must never meet a host or update stored
 * under 0) and is OUT_OF_SCOPE with {@link OutOfScope#NULL_RESOURCE_ID} or
 * {@link OutOfScope#NULL_CI_ID}, whatever its vote. Never filters: every row yields one finding,
 * OUT_OF_SCOPE included, so counts always add up. Thread-safe after construction (read-only maps,
 * stateless reconciler and mapping).
 */
class ReconcileItemProcessor implements ItemProcessor<SnapshotComplianceRow, ReconciledRow> {

    private final Reconciler reconciler;
    private final Map<Integer, HostFacts> hosts;
    private final Map<Integer, UpdateFacts> updates;
    private final Set<Long> duplicates;
    private final StateNames stateNames;

    ReconcileItemProcessor(Reconciler reconciler, Map<Integer, HostFacts> hosts, Map<Integer, UpdateFacts> updates,
            Set<Long> duplicates, StateNames stateNames) {
        this.reconciler = reconciler;
        this.hosts = hosts;
        this.updates = updates;
        this.duplicates = duplicates;
        this.stateNames = stateNames;
    }

    /**
     * The processor of a run: the run's rules ({@link RunContext#rules(RunStore, long, LocalDate)}),
     * its exceptions register (rule 2; {@link RunExceptions#matcher}), the schema's state names. The reconcile step and the publish step
     * ({@link SnapshotFindings}) both build theirs here, so that both work out the same finding
     * from the same row.
     *
     * @param evidence false in the reconcile step, which stages verdicts and sort keys only: its
     *                 findings have no evidence line (see {@link Reconciler#Reconciler(
     *                 io.patchproof.reconcile.RuleSettings, ExemptionRegister, boolean)})
     */
    static ReconcileItemProcessor of(RunContext context, RuleSettings rules, Map<Integer, HostFacts> hosts,
            Map<Integer, UpdateFacts> updates, Set<Long> duplicates, ExemptionRegister exemptions, boolean evidence) {
        PatchproofProperties properties = context.properties();
        return new ReconcileItemProcessor(new Reconciler(rules, exemptions, evidence), hosts,
                updates, duplicates, StateNames.of(properties.source().sms2003(), properties.rules().unknownOffsetWindow(),
                        properties.rules().dstMargin()));
    }

    @Override
    public ReconciledRow process(SnapshotComplianceRow item) {
        return new ReconciledRow(item, finding(item));
    }

    /** The finding of one row; the same row always gives the same finding. */
    Finding finding(SnapshotComplianceRow item) {
        ComplianceFacts row = item.facts();
        HostFacts host = item.nullResourceId() ? null : hosts.get(row.resourceId());
        UpdateFacts update = item.nullCiId() ? null : updates.get(row.ciId());
        StateNames.Reading reading = item.stateName() == null ? null : stateNames.read(item, host);
        String nullKey = item.nullResourceId() ? OutOfScope.NULL_RESOURCE_ID : item.nullCiId() ? OutOfScope.NULL_CI_ID : null;
        String notCounted = nullKey != null ? nullKey : item.notVoting();
        Finding finding = reconciler.reconcile(reading == null ? row : reading.facts(), host, update,
                notCounted == null && duplicates.contains(RunStore.pairKey(row.resourceId(), row.ciId())), notCounted);
        return reading == null || notCounted != null ? finding : annotated(finding, reading);
    }

    /**
     * The evidence of an in-scope finding starts with how the scan status and the name were read;
     * an out-of-scope finding keeps its reason alone as evidence, because the out-of-scope counts
     * are keyed by it.
     */
    private static Finding annotated(Finding f, StateNames.Reading reading) {
        Set<QualityFlag> flags = f.qualityFlags();
        if (reading.unknown()) {
            EnumSet<QualityFlag> more = flags.isEmpty() ? EnumSet.noneOf(QualityFlag.class) : EnumSet.copyOf(flags);
            more.add(QualityFlag.UNKNOWN_STATE_NAME);
            flags = Collections.unmodifiableSet(more);
        }
        String evidence = f.verdict() == Verdict.OUT_OF_SCOPE || f.evidence() == null ? f.evidence()
                : reading.evidence() + "; " + f.evidence();
        return new Finding(f.seq(), f.resourceId(), f.host(), f.siteCode(), f.server(), f.ciId(), f.articleId(),
                f.bulletinId(), f.title(), f.severity(), f.classification(), f.superseded(), f.status(),
                f.enforcementState(), f.verdict(), f.confidence(), f.installedEarliestUtc(), f.installedLatestUtc(),
                f.lastBootUtc(), f.inventoryUtc(), f.exposureDays(), f.exemptReason(), evidence, flags);
    }
}
