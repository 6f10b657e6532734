package io.patchproof.reconcile;

/**
 * The CIO's "percentage of servers compliant": hosts whose every applicable pair of severity
 * Critical is reported installed (reported) or IN_EFFECT (effective). The denominator is the
 * hosts with at least one applicable pair in the headline; a host with no critical pair counts as
 * fully patched. Where the slice holds no applicable critical pair at all (SMS 2003 keeps no
 * severity; a scope without critical updates) the figure says nothing: {@link #known()} is false
 * and a report shows "n/a", never 100 %.
 *
 * @param criticalPairs applicable critical pairs of the slice's hosts
 */
public record HostsFullyPatched(long hosts, long reported, long effective, long effectiveWithExceptions,
        long criticalPairs) {

    /** Whether the figure speaks at all: the slice has at least one applicable critical pair. */
    public boolean known() {
        return criticalPairs > 0;
    }

    public double reportedPct() {
        return hosts == 0 ? 0.0 : 100.0 * reported / hosts;
    }

    public double effectivePct() {
        return hosts == 0 ? 0.0 : 100.0 * effective / hosts;
    }

    public double effectiveWithExceptionsPct() {
        return hosts == 0 ? 0.0 : 100.0 * effectiveWithExceptions / hosts;
    }
}
