package io.patchproof.reconcile;

import java.time.Instant;

/**
 * One software update (CI) as v_UpdateInfo and v_CICategoryInfo describe it.
 *
 * @param ciId            CI_ID (not unique across sites; unique within one site database)
 * @param articleId       ArticleID as the site stores it: digits, no "KB"
 * @param bulletinId      BulletinID (MS08-067), may be empty
 * @param title           localized title
 * @param severity        Severity mapped through {@link Severity#fromCode(Integer)}
 * @param classification  the UpdateClassification category (Security Updates, ...), may be null
 * @param product         the Product category (Windows Server 2003, ...), may be null
 * @param datePosted      DatePosted, treated as UTC; nothing is installed before it
 * @param expired         IsExpired
 * @param superseded      IsSuperseded
 * @param classificationId the classification's CategoryInstance_UniqueID (a WSUS classification
 *                        GUID, lower case, language-independent), may be null (SMS 2003)
 */
public record UpdateFacts(
        int ciId,
        String articleId,
        String bulletinId,
        String title,
        Severity severity,
        String classification,
        String product,
        Instant datePosted,
        boolean expired,
        boolean superseded,
        String classificationId) {

    public UpdateFacts(int ciId, String articleId, String bulletinId, String title, Severity severity,
            String classification, String product, Instant datePosted, boolean expired, boolean superseded) {
        this(ciId, articleId, bulletinId, title, severity, classification, product, datePosted, expired, superseded, null);
    }
}
