package io.patchproof.testsupport;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateSummary;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/** Host and update lines, and compliance figures, as the report sheets show them. */
public final class ReportRowBuilders {

    private ReportRowBuilders() {
    }

    /**
     * Figures whose verdict counts add up to {@code applicable}; reported installed is in effect
     * plus not in effect plus unverified, as the site database would report it.
     */
    public static ComplianceFigures figures(long inEffect, long notInEffect, long unverified, long missing, long failed,
                                            long exempt, long slaOverdue) {
        long applicable = inEffect + notInEffect + unverified + missing + failed + exempt;
        long reported = inEffect + notInEffect + unverified;
        return new ComplianceFigures(applicable, reported, reported, reported + exempt, inEffect, exempt, notInEffect, unverified,
                missing, failed, slaOverdue);
    }

    public static HostSummaryBuilder aHostSummary() {
        return new HostSummaryBuilder();
    }

    public static UpdateSummaryBuilder anUpdateSummary() {
        return new UpdateSummaryBuilder();
    }

    public static final class HostSummaryBuilder {
        private int resourceId = 16777220;
        private String name = "SRV-FILE01";
        private String domain = "CORP";
        private String siteCode = "PS1";
        private boolean server = true;
        private String operatingSystem = "Microsoft Windows Server 2003 Enterprise Edition";
        private LocalDateTime lastBootLocal = LocalDateTime.parse("2006-09-14T08:12:00");
        private Integer utcOffsetMinutes = 120;
        private Instant lastBootUtc = Instant.parse("2006-09-14T06:12:00Z");
        private LocalDateTime inventoryLocal = LocalDateTime.parse("2008-11-20T05:00:00");
        private Long uptimeDays = 808L;
        private Integer clientState = 0;
        private ComplianceFigures figures = ReportRowBuilders.figures(40, 3, 1, 2, 0, 0, 1);
        private double riskScore = 1140.0;
        private long criticalNotInEffect;
        private Long maxExposureDays = 38L;
        private List<String> collectionIds = List.of("PP100011");
        private long supersededNotInEffect;

        /** v_CombinedDeviceResources.ClientState. */
        public HostSummaryBuilder clientState(Integer clientState) {
            this.clientState = clientState;
            return this;
        }

        public HostSummaryBuilder resourceId(int id) {
            this.resourceId = id;
            return this;
        }

        public HostSummaryBuilder name(String name) {
            this.name = name;
            return this;
        }

        public HostSummaryBuilder workstation() {
            this.server = false;
            this.operatingSystem = "Microsoft Windows XP Professional";
            return this;
        }

        public HostSummaryBuilder lastBoot(Instant utc, LocalDateTime local) {
            this.lastBootUtc = utc;
            this.lastBootLocal = local;
            return this;
        }

        public HostSummaryBuilder uptimeDays(Long days) {
            this.uptimeDays = days;
            return this;
        }

        public HostSummaryBuilder figures(ComplianceFigures figures) {
            this.figures = figures;
            return this;
        }

        public HostSummaryBuilder criticalNotInEffect(long count) {
            this.criticalNotInEffect = count;
            return this;
        }

        public HostSummaryBuilder risk(double riskScore, Long maxExposureDays) {
            this.riskScore = riskScore;
            this.maxExposureDays = maxExposureDays;
            return this;
        }

        public HostSummaryBuilder inCollections(String... collectionIds) {
            this.collectionIds = List.of(collectionIds);
            return this;
        }

        public HostSummaryBuilder supersededNotInEffect(long count) {
            this.supersededNotInEffect = count;
            return this;
        }

        public HostSummary build() {
            return new HostSummary(resourceId, name, domain, siteCode, server, operatingSystem, lastBootLocal,
                    utcOffsetMinutes, lastBootUtc, inventoryLocal, uptimeDays, clientState, figures, riskScore,
                    criticalNotInEffect, maxExposureDays, supersededNotInEffect, collectionIds);
        }
    }

    public static final class UpdateSummaryBuilder {
        private int ciId = 16812345;
        private String articleId = "958644";
        private String bulletinId = "MS08-067";
        private String title = "Security Update for Windows Server 2003 (KB958644)";
        private Severity severity = Severity.CRITICAL;
        private String classification = "Security Updates";
        private Instant datePosted = Instant.parse("2008-10-23T00:00:00Z");
        private boolean superseded;
        private ComplianceFigures figures = ReportRowBuilders.figures(300, 150, 0, 20, 0, 0, 12);

        public UpdateSummaryBuilder article(String articleId, int ciId) {
            this.articleId = articleId;
            this.ciId = ciId;
            return this;
        }

        public UpdateSummaryBuilder title(String title) {
            this.title = title;
            return this;
        }

        public UpdateSummaryBuilder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public UpdateSummaryBuilder released(Instant datePosted) {
            this.datePosted = datePosted;
            return this;
        }

        public UpdateSummaryBuilder superseded() {
            this.superseded = true;
            return this;
        }

        public UpdateSummaryBuilder figures(ComplianceFigures figures) {
            this.figures = figures;
            return this;
        }

        public UpdateSummary build() {
            return new UpdateSummary(ciId, articleId, bulletinId, title, severity, classification, datePosted,
                    superseded, figures);
        }
    }
}
