package io.patchproof.testsupport;

import io.patchproof.reconcile.Confidence;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Verdict;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Findings for report tests, named after the verdict they carry. Defaults tell the story's case:
 * a server that has not restarted since 2006 with MS08-067 installed but not in effect.
 */
public final class FindingBuilders {

    private FindingBuilders() {
    }

    /** A NOT_IN_EFFECT finding with every field set. */
    public static FindingBuilder aFinding() {
        return new FindingBuilder();
    }

    public static FindingBuilder aNotInEffectFinding() {
        return new FindingBuilder();
    }

    /** A MISSING finding: required (status 2), nothing installed, exposure since release. */
    public static FindingBuilder aMissingFinding() {
        return new FindingBuilder().verdict(Verdict.MISSING).status(2).enforcementState(null)
                .installedBetween(null, null).exposureDays(38L).confidence(Confidence.HIGH)
                .evidence("required (status 2), not installed; released 2008-10-23");
    }

    public static FindingBuilder anInEffectFinding() {
        return new FindingBuilder().verdict(Verdict.IN_EFFECT).enforcementState(10)
                .lastBoot(Instant.parse("2008-11-01T04:00:00Z")).exposureDays(null)
                .evidence("installed by 2008-10-24 02:00 UTC; booted 2008-11-01 04:00 UTC; inventory 2008-11-20 reports that boot");
    }

    public static final class FindingBuilder {
        private long seq = 1;
        private int resourceId = 16777220;
        private String host = "SRV-FILE01";
        private String siteCode = "PS1";
        private boolean server = true;
        private int ciId = 16812345;
        private String articleId = "958644";
        private String bulletinId = "MS08-067";
        private String title = "Security Update for Windows Server 2003 (KB958644)";
        private Severity severity = Severity.CRITICAL;
        private String classification = "Security Updates";
        private boolean superseded;
        private int status = 3;
        private Integer enforcementState = 9;
        private Verdict verdict = Verdict.NOT_IN_EFFECT;
        private Confidence confidence = Confidence.HIGH;
        private Instant installedEarliestUtc = Instant.parse("2008-10-23T18:00:00Z");
        private Instant installedLatestUtc = Instant.parse("2008-10-24T02:00:00Z");
        private Instant lastBootUtc = Instant.parse("2006-09-14T06:12:00Z");
        private Instant inventoryUtc = Instant.parse("2008-11-20T03:00:00Z");
        private Long exposureDays = 38L;
        private String exemptReason;
        private String evidence = "state 9 (pending restart) at 2008-10-24 01:10 UTC; last boot 2006-09-14 06:12 UTC;"
                + " inventory 2008-11-20 still reports that boot";
        private Set<QualityFlag> qualityFlags = EnumSet.noneOf(QualityFlag.class);

        public FindingBuilder seq(long seq) {
            this.seq = seq;
            return this;
        }

        public FindingBuilder resourceId(int resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        public FindingBuilder host(String host) {
            this.host = host;
            return this;
        }

        public FindingBuilder siteCode(String siteCode) {
            this.siteCode = siteCode;
            return this;
        }

        public FindingBuilder workstation() {
            this.server = false;
            return this;
        }

        public FindingBuilder ciId(int ciId) {
            this.ciId = ciId;
            return this;
        }

        public FindingBuilder article(String articleId) {
            this.articleId = articleId;
            return this;
        }

        public FindingBuilder bulletin(String bulletinId) {
            this.bulletinId = bulletinId;
            return this;
        }

        public FindingBuilder title(String title) {
            this.title = title;
            return this;
        }

        public FindingBuilder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public FindingBuilder classification(String classification) {
            this.classification = classification;
            return this;
        }

        public FindingBuilder superseded() {
            this.superseded = true;
            return this;
        }

        public FindingBuilder status(int status) {
            this.status = status;
            return this;
        }

        public FindingBuilder enforcementState(Integer enforcementState) {
            this.enforcementState = enforcementState;
            return this;
        }

        public FindingBuilder verdict(Verdict verdict) {
            this.verdict = verdict;
            return this;
        }

        public FindingBuilder confidence(Confidence confidence) {
            this.confidence = confidence;
            return this;
        }

        public FindingBuilder installedBetween(Instant earliest, Instant latest) {
            this.installedEarliestUtc = earliest;
            this.installedLatestUtc = latest;
            return this;
        }

        public FindingBuilder lastBoot(Instant lastBootUtc) {
            this.lastBootUtc = lastBootUtc;
            return this;
        }

        public FindingBuilder inventory(Instant inventoryUtc) {
            this.inventoryUtc = inventoryUtc;
            return this;
        }

        public FindingBuilder exposureDays(Long exposureDays) {
            this.exposureDays = exposureDays;
            return this;
        }

        public FindingBuilder exempt(String reason) {
            this.verdict = Verdict.EXEMPT;
            this.exemptReason = reason;
            return this;
        }

        public FindingBuilder evidence(String evidence) {
            this.evidence = evidence;
            return this;
        }

        public FindingBuilder flagged(QualityFlag... flags) {
            this.qualityFlags = flags.length == 0 ? EnumSet.noneOf(QualityFlag.class) : EnumSet.of(flags[0], flags);
            return this;
        }

        public Finding build() {
            return new Finding(seq, resourceId, host, siteCode, server, ciId, articleId, bulletinId, title, severity,
                    classification, superseded, status, enforcementState, verdict, confidence, installedEarliestUtc,
                    installedLatestUtc, lastBootUtc, inventoryUtc, exposureDays, exemptReason, evidence, Set.copyOf(qualityFlags));
        }
    }
}
