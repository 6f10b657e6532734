-- select_updates.sql: software updates (CIType_ID 1) and update bundles (CIType_ID 8) in scope.
--
-- needs: v_UpdateInfo.CI_ID, v_UpdateInfo.CIType_ID, v_UpdateInfo.ArticleID, v_UpdateInfo.BulletinID,
--   v_UpdateInfo.Title, v_UpdateInfo.Severity, v_UpdateInfo.DatePosted, v_UpdateInfo.IsExpired,
--   v_UpdateInfo.IsSuperseded
--
-- Parameters:
--   :articleIds   ',958644,5012345,' (KB numbers without 'KB', comma-delimited on both ends);
--                 '' = all updates
--   :bulletinIds  ',MS08-067,' (upper case, comma-delimited on both ends); '' = all updates
--   :minSeverity  lowest Severity code in scope (2 low, 6 moderate, 8 important, 10 critical);
--                 0 = no limit (a NULL Severity counts as 0)
--   :asOfEnd      end of the as-of day (UTC); updates posted on or after it are not in scope,
--                 updates without a DatePosted are kept
--
-- The lists are matched as `list LIKE '%,' + column + ',%'`: the user's values are the subject,
-- never the pattern, so '%' or '_' in a value matches only itself.
SELECT
    ui.CI_ID AS ciId,
    ui.ArticleID AS articleId,
    ui.BulletinID AS bulletinId,
    ui.Title AS title,
    CAST(ui.Severity AS INT) AS severity,
    ui.DatePosted AS datePosted,
    CAST(ui.IsExpired AS INT) AS isExpired,
    CAST(ui.IsSuperseded AS INT) AS isSuperseded
FROM v_UpdateInfo ui
WHERE ui.CIType_ID IN (1, 8)
  AND (:articleIds = '' OR :articleIds LIKE '%,' + ui.ArticleID + ',%')
  AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ui.BulletinID) + ',%')
  AND ISNULL(ui.Severity, 0) >= :minSeverity
  AND (ui.DatePosted IS NULL OR ui.DatePosted < :asOfEnd)
ORDER BY ui.CI_ID
