package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;

/**
 * A compliance row as the snapshot holds it: the facts, and the state name of schemas that report
 * names instead of topic 500/402 codes (null for the others). {@link ReconcileItemProcessor} turns
 * a named row into plain facts through {@link StateNames} before the rules see it.
 *
 * @param facts          the row; for a named row, status and enforcement state are not yet set
 * @param stateName      SMS 2003's LastStateName ('' when the site has none), else null
 * @param nullResourceId the row's ResourceID is NULL (the facts hold 0): it joins no host
 * @param nullCiId       the row's CI_ID is NULL (the facts hold 0): it joins no update
 */
record SnapshotComplianceRow(ComplianceFacts facts, String stateName, boolean nullResourceId, boolean nullCiId) {

    /** A row whose keys are both present. */
    SnapshotComplianceRow(ComplianceFacts facts, String stateName) {
        this(facts, stateName, false, false);
    }
}
