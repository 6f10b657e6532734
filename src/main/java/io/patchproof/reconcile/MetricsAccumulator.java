package io.patchproof.reconcile;

import java.util.List;

/**
 * Builds {@link Metrics} in one pass over the findings, in any order. Not thread-safe: one
 * instance per publishing thread.
 */
public final class MetricsAccumulator {

    private final RuleSettings settings;

    public MetricsAccumulator(RuleSettings settings) {
        this.settings = settings;
    }

    /** Registers a host before its findings; collections are those with maintenance windows. */
    public void registerHost(HostFacts host, List<String> collections, String maintenanceWindows) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void registerUpdate(UpdateFacts update) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public void accept(Finding finding) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Metrics result() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
