package io.patchproof.history;

import io.patchproof.reconcile.HostsFullyPatched;
import java.util.Optional;

/**
 * Hosts fully patched for critical updates, as kept for a run (see {@link HostsFullyPatched}).
 * {@code effectiveWithExceptions} and {@code criticalPairs} are {@code null} for runs kept by
 * store version 1, which kept neither; without {@code criticalPairs} whether the figure speaks
 * at all ({@link HostsFullyPatched#known()}) is not known either.
 */
public record KeptFullyPatched(long hosts, long reported, long effective, Long effectiveWithExceptions,
        Long criticalPairs) {

    public static KeptFullyPatched of(HostsFullyPatched h) {
        return new KeptFullyPatched(h.hosts(), h.reported(), h.effective(), h.effectiveWithExceptions(), h.criticalPairs());
    }

    /** The figure as the run worked it out, when every count was kept. */
    public Optional<HostsFullyPatched> complete() {
        if (effectiveWithExceptions == null || criticalPairs == null) {
            return Optional.empty();
        }
        return Optional.of(new HostsFullyPatched(hosts, reported, effective, effectiveWithExceptions, criticalPairs));
    }

    public double reportedPct() {
        return hosts == 0 ? 0.0 : 100.0 * reported / hosts;
    }

    public double effectivePct() {
        return hosts == 0 ? 0.0 : 100.0 * effective / hosts;
    }
}
