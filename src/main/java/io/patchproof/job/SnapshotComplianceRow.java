package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import java.time.LocalDateTime;

/**
 * A compliance row as the snapshot holds it: the facts, and the state name of schemas that report
 * names instead of topic 500/402 codes (null for the others). {@link ReconcileItemProcessor} turns
 * a named row into plain facts through {@link StateNames} before the rules see it.
 *
 * @param facts          the row; for a named row, status and enforcement state are not yet set and
 *                       {@code enforcementTimeUtc} holds AgentInstallDate as stored (zone unapplied)
 * @param stateName      SMS 2003's LastStateName ('' when the site has none), else null
 * @param scanStatus     SMS 2003: the scan's own Status ('Installed', 'Applicable'), else null
 * @param scanAgent      SMS 2003: the tool that scanned (ScanAgent), else null
 * @param scanTime       SMS 2003: ScanDateTime as stored (zone not confirmed), else null
 * @param notVoting      null for the row that answers for its pair; otherwise why it does not
 *                       ({@link io.patchproof.reconcile.OutOfScope#DUPLICATE_ROW},
 *                       {@link io.patchproof.reconcile.OutOfScope#OTHER_SCAN_TOOL})
 * @param nullResourceId the row's ResourceID is NULL (the facts hold 0): it joins no host
 * @param nullCiId       the row's CI_ID is NULL (the facts hold 0): it joins no update
 */
record SnapshotComplianceRow(ComplianceFacts facts, String stateName, String scanStatus, String scanAgent,
        LocalDateTime scanTime, String notVoting, boolean nullResourceId, boolean nullCiId) {

    /** A row that votes, without scan columns, keys present (ConfigMgr; tests). */
    SnapshotComplianceRow(ComplianceFacts facts, String stateName) {
        this(facts, stateName, null, null, null, null, false, false);
    }

    /** A row that votes, without scan columns, with its keys' NULL-ness. */
    SnapshotComplianceRow(ComplianceFacts facts, String stateName, boolean nullResourceId, boolean nullCiId) {
        this(facts, stateName, null, null, null, null, nullResourceId, nullCiId);
    }

    /** A row with its scan columns and vote, keys present. */
    SnapshotComplianceRow(ComplianceFacts facts, String stateName, String scanStatus, String scanAgent,
            LocalDateTime scanTime, String notVoting) {
        this(facts, stateName, scanStatus, scanAgent, scanTime, notVoting, false, false);
    }

    /** The same row, not voting for the given reason (null: voting). */
    SnapshotComplianceRow notVoting(String reason) {
        return new SnapshotComplianceRow(facts, stateName, scanStatus, scanAgent, scanTime, reason, nullResourceId,
                nullCiId);
    }
}
