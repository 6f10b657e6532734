-- select_updates.sql (SMS 2003): the updates of the Inventory Tool for Microsoft Updates (ITMU)
-- catalog in scope, one row per UpdateID.
--
-- THE VIEW NAME IS UNCONFIRMED. v_ApplicableUpdatesSummaryEx is the SQL view assumed behind the
-- documented WMI class SMS_ApplicableUpdatesSummaryEx (UpdateID, ID, QNumbers, Title, DatePosted,
-- DateRevised, LocaleID, ...); no source read so far names the view itself (sccm-schema.md
-- sections 9 and 12). This is the only file that reads it: a site whose database names it
-- otherwise changes this file alone (its SHA-256 goes into the manifest).
--
-- needs: v_ApplicableUpdatesSummaryEx.UpdateID, v_ApplicableUpdatesSummaryEx.ID,
-- needs: v_ApplicableUpdatesSummaryEx.QNumbers, v_ApplicableUpdatesSummaryEx.Title,
-- needs: v_ApplicableUpdatesSummaryEx.DatePosted, v_ApplicableUpdatesSummaryEx.DateRevised,
-- needs: v_ApplicableUpdatesSummaryEx.LocaleID
--
-- Parameters:
--   :articleIds   ',958644,923191,' (KB numbers without 'KB', comma-delimited on both ends);
--                 '' = all updates
--   :bulletinIds  ',MS08-067,' (upper case, comma-delimited on both ends); '' = all updates.
--                 A severity scope reaches this profile as a list of bulletins: those the
--                 bulletin-severity file rates at or above it
--   :minSeverity  lowest severity code in scope; always 0 on this profile: SMS 2003 keeps no
--                 severity in these views (the class has no such property). severity is NULL
--                 here; the run takes each bulletin's published maximum severity rating from
--                 patchproof.source.sms2003.bulletin-severity
--   :asOfEnd      end of the as-of day (UTC); updates posted on or after it are not in scope,
--                 updates without a DatePosted are kept
--
-- ciId is UpdateID: SMS 2003 has no CI_ID, and UpdateID is the integer key that
-- v_GS_PatchStatusEx carries per host. articleId is QNumbers without 'KB' or 'Q' (ITMU writes
-- either form). bulletinId is ID (MS08-067). SMS 2003 has no expiry or supersedence in these
-- views: isExpired and isSuperseded are 0, so every update counts in the headline. Should the
-- view hold one row per language, the most recently revised row (lowest LocaleID on a tie) wins.
WITH summary AS (
    SELECT
        au.UpdateID,
        au.ID,
        au.Title,
        au.DatePosted,
        LTRIM(RTRIM(REPLACE(REPLACE(UPPER(au.QNumbers), 'KB', ''), 'Q', ''))) AS ArticleID,
        ROW_NUMBER() OVER (PARTITION BY au.UpdateID ORDER BY au.DateRevised DESC, au.LocaleID) AS RowNumber
    FROM v_ApplicableUpdatesSummaryEx au
)
SELECT
    CAST(u.UpdateID AS INT) AS ciId,
    u.ArticleID AS articleId,
    u.ID AS bulletinId,
    u.Title AS title,
    CAST(NULL AS INT) AS severity,
    u.DatePosted AS datePosted,
    CAST(0 AS INT) AS isExpired,
    CAST(0 AS INT) AS isSuperseded
FROM summary u
WHERE u.RowNumber = 1
  AND (:articleIds = '' OR :articleIds LIKE '%,' + u.ArticleID + ',%')
  AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(u.ID) + ',%')
  AND 0 >= :minSeverity
  AND (u.DatePosted IS NULL OR u.DatePosted < :asOfEnd)
ORDER BY u.UpdateID
