package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import java.time.LocalDateTime;

/**
 * A compliance row as the snapshot holds it: the facts, the state name and scan columns of schemas
 * that report names instead of topic 500/402 codes (SMS 2003; null for the others), and whether
 * the row votes for its pair. {@link ReconcileItemProcessor} turns a named row into plain facts
 * through {@link StateNames} before the rules see it.
 *
 * @param facts       the row; for a named row, status and enforcement state are not yet set and
 *                    {@code enforcementTimeUtc} holds AgentInstallDate as stored (zone unapplied)
 * @param stateName   SMS 2003's LastStateName ('' when the site has none), else null
 * @param scanStatus  SMS 2003: the scan's own Status ('Installed', 'Applicable'), else null
 * @param scanAgent   SMS 2003: the tool that scanned (ScanAgent), else null
 * @param scanTime    SMS 2003: ScanDateTime as stored (zone not confirmed), else null
 * @param notVoting   null for the row that answers for its pair; otherwise why it does not
 *                    ({@link io.patchproof.reconcile.OutOfScope#DUPLICATE_ROW},
 *                    {@link io.patchproof.reconcile.OutOfScope#OTHER_SCAN_TOOL})
 */
record SnapshotComplianceRow(ComplianceFacts facts, String stateName, String scanStatus, String scanAgent,
        LocalDateTime scanTime, String notVoting) {

    /** A row that votes, without scan columns (ConfigMgr; tests). */
    SnapshotComplianceRow(ComplianceFacts facts, String stateName) {
        this(facts, stateName, null, null, null, null);
    }

    /** The same row, not voting for the given reason (null: voting). */
    SnapshotComplianceRow notVoting(String reason) {
        return new SnapshotComplianceRow(facts, stateName, scanStatus, scanAgent, scanTime, reason);
    }
}
