package io.patchproof.testsupport;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.UtcInterval;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.UpdateFacts;
import java.time.Instant;

/**
 * Builds a compliance row ({@link ComplianceFacts}) for tests. The default is the default host
 * and update, installed (Status 3) with the site learning of it on 2026-10-15 04:12 UTC, and no
 * enforcement message, error or QFE date. State-message times are UTC, as in the site database.
 */
public final class ComplianceRowBuilder {

    private long seq = 1;
    private int resourceId = 16777220;
    private int ciId = 1001;
    private int status = 3;
    private Instant lastStatusChangeUtc = Instant.parse("2026-10-15T04:12:00Z");
    private Integer enforcementState;
    private Instant enforcementTimeUtc;
    private Integer lastErrorCode;
    private String qfeInstalledOn;
    private UtcInterval agentInstall;
    private UtcInterval scanTime;

    private ComplianceRowBuilder() {
    }

    public static ComplianceRowBuilder aComplianceRow() {
        return new ComplianceRowBuilder();
    }

    public ComplianceRowBuilder withSeq(long seq) {
        this.seq = seq;
        return this;
    }

    public ComplianceRowBuilder forHost(HostFacts host) {
        this.resourceId = host.resourceId();
        return this;
    }

    public ComplianceRowBuilder forUpdate(UpdateFacts update) {
        this.ciId = update.ciId();
        return this;
    }

    public ComplianceRowBuilder forResourceId(int resourceId) {
        this.resourceId = resourceId;
        return this;
    }

    public ComplianceRowBuilder forCiId(int ciId) {
        this.ciId = ciId;
        return this;
    }

    /** Status 3, "update is installed". */
    public ComplianceRowBuilder installed() {
        this.status = 3;
        return this;
    }

    /** Status 2, "update is required"; a required row's status change is no install bound. */
    public ComplianceRowBuilder required() {
        this.status = 2;
        return this;
    }

    public ComplianceRowBuilder withStatus(int status) {
        this.status = status;
        return this;
    }

    /** LastStatusChangeTime, UTC, ISO form {@code 2026-10-15T04:12:00Z}. */
    public ComplianceRowBuilder statusChangedAt(String utc) {
        this.lastStatusChangeUtc = utc == null ? null : Instant.parse(utc);
        return this;
    }

    public ComplianceRowBuilder withUnknownStatusChange() {
        this.lastStatusChangeUtc = null;
        return this;
    }

    /** LastEnforcementMessageID and LastEnforcementMessageTime (UTC, may be null). */
    public ComplianceRowBuilder enforcement(int state, String utc) {
        this.enforcementState = state;
        this.enforcementTimeUtc = utc == null ? null : Instant.parse(utc);
        return this;
    }

    public ComplianceRowBuilder lastError(int code) {
        this.lastErrorCode = code;
        return this;
    }

    /** v_GS_QUICK_FIX_ENGINEERING.InstalledOn0 exactly as the client wrote it. */
    public ComplianceRowBuilder qfeInstalledOn(String installedOn) {
        this.qfeInstalledOn = installedOn;
        return this;
    }

    /** SMS 2003: AgentInstallDate, already converted to the UTC interval it stands for. */
    public ComplianceRowBuilder agentInstalled(UtcInterval when) {
        this.agentInstall = when;
        return this;
    }

    /** SMS 2003: AgentInstallDate known to the minute (UTC). */
    public ComplianceRowBuilder agentInstalledAt(String utc) {
        return agentInstalled(UtcInterval.at(Instant.parse(utc)));
    }

    /** SMS 2003: the patch-state row's ScanDateTime, already converted to the UTC interval it stands for. */
    public ComplianceRowBuilder scanned(UtcInterval when) {
        this.scanTime = when;
        return this;
    }

    public ComplianceRowBuilder scannedAt(String utc) {
        return scanned(UtcInterval.at(Instant.parse(utc)));
    }

    public ComplianceFacts build() {
        return new ComplianceFacts(seq, resourceId, ciId, status, lastStatusChangeUtc, enforcementState,
                enforcementTimeUtc, lastErrorCode, qfeInstalledOn, agentInstall, scanTime);
    }
}
