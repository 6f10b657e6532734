package io.patchproof.reconcile;

import java.util.Optional;

/**
 * Approved, unexpired exceptions (verdict rule 2). The register itself arrives with a later
 * issue; until then {@link #NONE} is used and no pair is EXEMPT.
 */
@FunctionalInterface
public interface ExemptionRegister {

    ExemptionRegister NONE = (host, update) -> Optional.empty();

    /** The exception covering this pair on the as-of date, as "reason (approver, expires date)". */
    Optional<String> exemptReason(HostFacts host, UpdateFacts update);
}
