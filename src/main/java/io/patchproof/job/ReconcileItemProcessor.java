package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.reconcile.UpdateFacts;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Step 2's processor: looks up the host and update of a compliance row (held in memory: they grow
 * with hosts and updates, not with compliance rows) and applies the rules. Never filters: every
 * row yields one finding, OUT_OF_SCOPE included, so counts always add up. Thread-safe after
 * construction (read-only maps, stateless reconciler).
 */
class ReconcileItemProcessor implements ItemProcessor<ComplianceFacts, Finding> {

    private final Reconciler reconciler;
    private final Map<Integer, HostFacts> hosts;
    private final Map<Integer, UpdateFacts> updates;
    private final Set<Long> duplicates;

    ReconcileItemProcessor(Reconciler reconciler, Map<Integer, HostFacts> hosts, Map<Integer, UpdateFacts> updates,
            Set<Long> duplicates) {
        this.reconciler = reconciler;
        this.hosts = hosts;
        this.updates = updates;
        this.duplicates = duplicates;
    }

    @Override
    public Finding process(ComplianceFacts row) {
        return reconciler.reconcile(row, hosts.get(row.resourceId()), updates.get(row.ciId()),
                duplicates.contains(RunStore.pairKey(row.resourceId(), row.ciId())));
    }
}
