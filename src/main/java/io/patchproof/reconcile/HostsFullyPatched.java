package io.patchproof.reconcile;

/**
 * The CIO's "percentage of servers compliant": hosts whose every applicable pair of severity
 * Critical is reported installed (reported) or IN_EFFECT (effective). The denominator is the
 * hosts with at least one applicable pair in the headline; a host with no critical pair counts as
 * fully patched.
 */
public record HostsFullyPatched(long hosts, long reported, long effective, long effectiveWithExceptions) {

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
