package io.patchproof.job;

import io.patchproof.reconcile.ExemptionRegister;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.UpdateFacts;
import java.util.Map;
import java.util.Set;

/**
 * What every partition of the reconcile step looks rows up in: the snapshot's hosts, updates and
 * duplicated (host, update) pairs, loaded once per snapshot and shared read-only by the
 * partitions' processors, then released when the step ends. Grows with hosts and updates, not
 * with compliance rows. Thread-safe.
 *
 * <p>Loaded by the step itself before its partitions start ({@link ReconcileStepListener}); a
 * partition's step-scoped beans only take them ({@link #loaded}). Spring Batch creates every
 * step-scoped bean under one lock, so a bean whose creation waited for a store connection held
 * that lock while the partitions holding the connections waited for it.
 */
class ReconcileInputs {

    /** The snapshot's facts, and the rules the run reads them with (worked out from the snapshot too). */
    record Facts(long snapshotId, Map<Integer, HostFacts> hosts, Map<Integer, UpdateFacts> updates, Set<Long> duplicates,
            RuleSettings rules, ExemptionRegister exemptions) {
    }

    private final RunStore store;
    private Facts facts;

    ReconcileInputs(RunStore store) {
        this.store = store;
    }

    /** The facts of a snapshot, with the run's exceptions register (rule 2). */
    synchronized Facts of(long snapshotId, RuleSettings rules, ExemptionRegister exemptions) {
        if (facts == null || facts.snapshotId() != snapshotId || !facts.rules().equals(rules)
                || facts.exemptions() != exemptions) {
            facts = new Facts(snapshotId, Map.copyOf(store.hosts(snapshotId)), Map.copyOf(store.updates(snapshotId)),
                    Set.copyOf(store.duplicatePairs(snapshotId)), rules, exemptions);
        }
        return facts;
    }

    /** The facts {@link #of} loaded last; fails when the step has not loaded them. */
    synchronized Facts loaded() {
        if (facts == null) {
            throw new IllegalStateException("the reconcile step has not loaded its snapshot's hosts and updates");
        }
        return facts;
    }

    synchronized void release() {
        facts = null;
    }
}
