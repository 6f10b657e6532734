package io.patchproof.testsupport;

import io.patchproof.reconcile.Confidence;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Verdict;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a {@link Finding} as the reconciler would have produced it, for tests of what consumes
 * findings (metrics, reports). The default is the default host and update, IN_EFFECT. Each
 * verdict method also sets the Status that verdict normally comes with; call {@link #required()}
 * or {@link #installed()} afterwards for the unusual combinations (EXEMPT on a required row,
 * NOT_IN_EFFECT from a restart-pending message on a required row).
 */
public final class FindingBuilder {

    private static final AtomicLong NEXT_SEQ = new AtomicLong(1);

    private long seq = NEXT_SEQ.getAndIncrement();
    private int resourceId = 16777220;
    private String host = "WKS-0001";
    private String siteCode = "P01";
    private boolean server;
    private int ciId = 1001;
    private String articleId = "5066835";
    private String bulletinId = "";
    private String title = "2026-10 Security Update for Windows 11 (KB5066835)";
    private Severity severity = Severity.IMPORTANT;
    private String classification = "Security Updates";
    private boolean superseded;
    private int status = 3;
    private Integer enforcementState;
    private Verdict verdict = Verdict.IN_EFFECT;
    private Confidence confidence = Confidence.HIGH;
    private Long exposureDays;
    private String exemptReason;
    private String evidence = "installed before last boot";
    private final Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);

    private FindingBuilder() {
    }

    public static FindingBuilder aFinding() {
        return new FindingBuilder();
    }

    public FindingBuilder onHost(int resourceId, String name) {
        this.resourceId = resourceId;
        this.host = name;
        return this;
    }

    public FindingBuilder server() {
        this.server = true;
        return this;
    }

    public FindingBuilder forUpdate(int ciId, String articleId) {
        this.ciId = ciId;
        this.articleId = articleId;
        return this;
    }

    public FindingBuilder critical() {
        return withSeverity(Severity.CRITICAL);
    }

    public FindingBuilder withSeverity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public FindingBuilder superseded() {
        this.superseded = true;
        return this;
    }

    public FindingBuilder installed() {
        this.status = 3;
        return this;
    }

    public FindingBuilder required() {
        this.status = 2;
        return this;
    }

    /** LastEnforcementMessageID (topic 402). */
    public FindingBuilder inState(int enforcementState) {
        this.enforcementState = enforcementState;
        return this;
    }

    public FindingBuilder inEffect() {
        return verdict(Verdict.IN_EFFECT, 3, null, "installed before last boot");
    }

    public FindingBuilder notInEffect(long exposureDays) {
        return verdict(Verdict.NOT_IN_EFFECT, 3, exposureDays, "install after last boot");
    }

    public FindingBuilder unverified() {
        return verdict(Verdict.UNVERIFIED, 3, null, "last boot unknown");
    }

    public FindingBuilder missing(long daysSinceRelease) {
        return verdict(Verdict.MISSING, 2, daysSinceRelease, "required and not installed");
    }

    public FindingBuilder failed() {
        return verdict(Verdict.FAILED, 2, null, "the last install attempt failed");
    }

    public FindingBuilder exempt(String reason) {
        verdict(Verdict.EXEMPT, status, null, "covered by exception: " + reason);
        this.exemptReason = reason;
        return this;
    }

    /** OUT_OF_SCOPE with the reason as its evidence, as the reconciler writes it. */
    public FindingBuilder outOfScope(String reason) {
        return verdict(Verdict.OUT_OF_SCOPE, status, null, reason);
    }

    public FindingBuilder flagged(QualityFlag... qualityFlags) {
        flags.addAll(Set.of(qualityFlags));
        return this;
    }

    private FindingBuilder verdict(Verdict verdict, int status, Long exposureDays, String evidence) {
        this.verdict = verdict;
        this.status = status;
        this.exposureDays = exposureDays;
        this.evidence = evidence;
        this.exemptReason = null;
        return this;
    }

    public Finding build() {
        return new Finding(seq, resourceId, host, siteCode, server, ciId, articleId, bulletinId, title, severity,
                classification, superseded, status, enforcementState, verdict, confidence, null, null, null, null,
                exposureDays, exemptReason, evidence, Set.copyOf(flags));
    }
}
