-- select_update_categories.sql: classification and product of every update in scope (an update
-- can belong to several products). Same update filter as select_updates.sql.
--
-- needs: v_CICategoryInfo.CI_ID, v_CICategoryInfo.CategoryTypeName,
--   v_CICategoryInfo.CategoryInstanceName, v_UpdateInfo.CI_ID, v_UpdateInfo.CIType_ID,
--   v_UpdateInfo.ArticleID, v_UpdateInfo.BulletinID, v_UpdateInfo.Severity, v_UpdateInfo.DatePosted
-- optional: v_CICategoryInfo.CategoryInstance_UniqueID as cat.CategoryInstance_UniqueID
--
-- categoryName is in the site's language (a German site says 'Sicherheitsupdates');
-- categoryId is CategoryInstance_UniqueID, language-independent: for a classification the WSUS
-- classification GUID after a type prefix ('UpdateClassification:0fa1201d-...'), which the rules
-- match. It is optional: where the view lacks it, classifications match by their English name.
--
-- Parameters:
--   :articleIds   ',958644,5012345,' (KB numbers without 'KB'); '' = all updates
--   :bulletinIds  ',MS08-067,' (upper case); '' = all updates
--   :minSeverity  lowest Severity code in scope; 0 = no limit (NULL Severity counts as 0)
--   :asOfEnd      end of the as-of day (UTC); updates posted on or after it are not in scope
SELECT
    cat.CI_ID AS ciId,
    cat.CategoryTypeName AS categoryType,
    cat.CategoryInstanceName AS categoryName,
    cat.CategoryInstance_UniqueID AS categoryId
FROM v_CICategoryInfo cat
JOIN v_UpdateInfo ui ON ui.CI_ID = cat.CI_ID
WHERE cat.CategoryTypeName IN ('UpdateClassification', 'Product')
  AND ui.CIType_ID IN (1, 8)
  AND (:articleIds = '' OR :articleIds LIKE '%,' + ui.ArticleID + ',%')
  AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ui.BulletinID) + ',%')
  AND ISNULL(ui.Severity, 0) >= :minSeverity
  AND (ui.DatePosted IS NULL OR ui.DatePosted < :asOfEnd)
ORDER BY cat.CI_ID, cat.CategoryTypeName, cat.CategoryInstanceName
