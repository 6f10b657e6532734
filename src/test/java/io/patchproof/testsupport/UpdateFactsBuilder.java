package io.patchproof.testsupport;

import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Builds {@link UpdateFacts} for tests. The default is an Important security update for Windows
 * released on Patch Tuesday 2026-10-14 (midnight UTC), neither expired nor superseded.
 */
public final class UpdateFactsBuilder {

    private int ciId = 1001;
    private String articleId = "5066835";
    private String bulletinId = "";
    private String title = "2026-10 Security Update for Windows 11 (KB5066835)";
    private Severity severity = Severity.IMPORTANT;
    private String classification = "Security Updates";
    private String classificationId;
    private String product = "Windows 11";
    private Instant datePosted = Instant.parse("2026-10-14T00:00:00Z");
    private boolean expired;
    private boolean superseded;

    private UpdateFactsBuilder() {
    }

    public static UpdateFactsBuilder anUpdate() {
        return new UpdateFactsBuilder();
    }

    public UpdateFactsBuilder withCiId(int ciId) {
        this.ciId = ciId;
        return this;
    }

    public UpdateFactsBuilder withArticle(String articleId) {
        this.articleId = articleId;
        return this;
    }

    public UpdateFactsBuilder withBulletin(String bulletinId) {
        this.bulletinId = bulletinId;
        return this;
    }

    public UpdateFactsBuilder titled(String title) {
        this.title = title;
        return this;
    }

    public UpdateFactsBuilder critical() {
        return withSeverity(Severity.CRITICAL);
    }

    public UpdateFactsBuilder withSeverity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public UpdateFactsBuilder classifiedAs(String classification) {
        this.classification = classification;
        return this;
    }

    public UpdateFactsBuilder forProduct(String product) {
        this.product = product;
        return this;
    }

    /** DatePosted at midnight UTC of the given day, ISO form {@code 2026-10-14}. */
    public UpdateFactsBuilder releasedOn(String date) {
        return releasedAt(LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    public UpdateFactsBuilder releasedAt(Instant datePosted) {
        this.datePosted = datePosted;
        return this;
    }

    public UpdateFactsBuilder withUnknownReleaseDate() {
        this.datePosted = null;
        return this;
    }

    public UpdateFactsBuilder expired() {
        this.expired = true;
        return this;
    }

    public UpdateFactsBuilder superseded() {
        this.superseded = true;
        return this;
    }

    /** The classification as a site in another language names it, with its WSUS GUID. */
    public UpdateFactsBuilder classifiedAs(String classification, String classificationId) {
        this.classification = classification;
        this.classificationId = classificationId;
        return this;
    }

    public UpdateFacts build() {
        return new UpdateFacts(ciId, articleId, bulletinId, title, severity, classification, product, datePosted,
                expired, superseded, classificationId);
    }
}
