-- select_compliance.sql: per host and update, what the site reports (v_UpdateComplianceStatus
-- holds Status 2 "required" and 3 "installed" rows only), with the QFE install date of the same
-- KB on the same host.
--
-- Parameters:
--   :collectionId  CollectionID the host must be a member of; '' = all systems
--   :hostPattern   LIKE pattern over Netbios_Name0, escape character '\', compared upper-cased;
--                  '%' = all hosts
--   :serversOnly   1 = only hosts whose Operating_System_Name_and0 contains 'Server'; 0 = all
--   :articleIds    ',958644,5012345,' (KB numbers without 'KB'); '' = all updates
--   :bulletinIds   ',MS08-067,' (upper case); '' = all updates
--   :minSeverity   lowest Severity code in scope; 0 = no limit (NULL Severity counts as 0)
--   :asOfEnd       end of the as-of day (UTC); updates posted on or after it are not in scope
--
-- Times: lastStatusChangeTime and enforcementTime are UTC (state messages); qfeInstalledOn is
-- the client's local date as a string (M/d/yyyy, yyyyMMdd or 16 hex digits of a FILETIME).
--
-- stateName is always NULL here: ConfigMgr reports topic 500/402 codes, which status and
-- enforcementState carry. The column exists for schemas that report state names instead
-- (sql/sms2003).
--
-- Rows whose host has no discovery record, or whose update has no metadata, are kept while no
-- filter on that side is active: the report lists them under Data quality instead of losing
-- them silently.
--
-- QFE: the latest row per (ResourceID, HotFixID0) is taken with TOP 1 ... ORDER BY in a
-- correlated subquery rather than ROW_NUMBER: a window over compliance x QFE would sort every
-- compliance row (millions) before the first is returned, and the H2 stand-in holds a window
-- in memory. The subquery is one index seek per row on both engines and can never duplicate a
-- compliance row.
SELECT
    ucs.ResourceID AS resourceId,
    ucs.CI_ID AS ciId,
    CAST(ucs.Status AS INT) AS status,
    ucs.LastStatusChangeTime AS lastStatusChangeTime,
    CAST(ucs.LastEnforcementMessageID AS INT) AS enforcementState,
    ucs.LastEnforcementMessageTime AS enforcementTime,
    ucs.LastErrorCode AS lastErrorCode,
    (SELECT TOP 1 qfe.InstalledOn0
     FROM v_GS_QUICK_FIX_ENGINEERING qfe
     WHERE qfe.ResourceID = ucs.ResourceID
       AND qfe.HotFixID0 = 'KB' + ui.ArticleID
     ORDER BY qfe.[TimeStamp] DESC, qfe.GroupID DESC) AS qfeInstalledOn,
    CAST(NULL AS NVARCHAR(256)) AS stateName,
    CAST(NULL AS NVARCHAR(64)) AS scanStatus,
    CAST(NULL AS NVARCHAR(256)) AS scanAgent,
    CAST(NULL AS DATETIME) AS scanTime,
    CAST(NULL AS NVARCHAR(64)) AS bulletinId,
    CAST(NULL AS NVARCHAR(64)) AS articleId
FROM v_UpdateComplianceStatus ucs
LEFT JOIN v_R_System s ON s.ResourceID = ucs.ResourceID
LEFT JOIN v_UpdateInfo ui ON ui.CI_ID = ucs.CI_ID
WHERE ((s.ResourceID IS NULL AND :collectionId = '' AND :hostPattern = '%' AND :serversOnly = 0)
       OR (s.ResourceID IS NOT NULL
           AND (:collectionId = ''
                OR EXISTS (SELECT 1 FROM v_FullCollectionMembership m
                           WHERE m.ResourceID = s.ResourceID AND m.CollectionID = :collectionId))
           AND (:hostPattern = '%' OR UPPER(s.Netbios_Name0) LIKE UPPER(:hostPattern) ESCAPE '\')
           AND (:serversOnly = 0 OR s.Operating_System_Name_and0 LIKE '%Server%')))
  AND ((ui.CI_ID IS NULL AND :articleIds = '' AND :bulletinIds = '' AND :minSeverity = 0)
       OR (ui.CIType_ID IN (1, 8)
           AND (:articleIds = '' OR :articleIds LIKE '%,' + ui.ArticleID + ',%')
           AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ui.BulletinID) + ',%')
           AND ISNULL(ui.Severity, 0) >= :minSeverity
           AND (ui.DatePosted IS NULL OR ui.DatePosted < :asOfEnd)))
