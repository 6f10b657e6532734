package io.patchproof.reconcile;

import java.time.Instant;
import java.util.Set;

/**
 * The verdict for one host × update pair with the evidence it rests on. Every compliance row
 * read yields exactly one Finding, including rows out of scope ({@link Verdict#OUT_OF_SCOPE},
 * with the reason in {@code evidence}), so that counts read and counts reported always add up.
 *
 * @param seq                   the snapshot row this finding came from
 * @param installedEarliestUtc  lower bound of the install interval, null if unknown
 * @param installedLatestUtc    upper bound of the install interval, null if unknown
 * @param lastBootUtc           last boot in UTC, null if unknown or the offset is unknown
 * @param inventoryUtc          the inventory that reported the boot, in UTC, null if unknown
 * @param exposureDays          NOT_IN_EFFECT: days from the earliest install time to the as-of
 *                              date; MISSING: days since release; otherwise null
 * @param exemptReason          the exception that made the pair EXEMPT, else null
 * @param evidence              one line a human can read: the signals the rule used
 */
public record Finding(
        long seq,
        int resourceId,
        String host,
        String siteCode,
        boolean server,
        int ciId,
        String articleId,
        String bulletinId,
        String title,
        Severity severity,
        String classification,
        boolean superseded,
        int status,
        Integer enforcementState,
        Verdict verdict,
        Confidence confidence,
        Instant installedEarliestUtc,
        Instant installedLatestUtc,
        Instant lastBootUtc,
        Instant inventoryUtc,
        Long exposureDays,
        String exemptReason,
        String evidence,
        Set<QualityFlag> qualityFlags) {

    /** Status 3: what the site database reports, and what the old compliance number counted. */
    public boolean reportedInstalled() {
        return status == 3;
    }
}
