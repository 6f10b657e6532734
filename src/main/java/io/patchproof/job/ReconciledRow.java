package io.patchproof.job;

import io.patchproof.reconcile.Finding;

/**
 * A compliance row of the snapshot with the finding the rules made of it: what the reconcile
 * step's writer stages for the sheets (the row's own fields and the finding's sort keys, never
 * its text, see {@link RunStore#insertSheetRows}).
 */
record ReconciledRow(SnapshotComplianceRow row, Finding finding) {
}
