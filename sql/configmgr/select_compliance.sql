-- select_compliance.sql: per host and update, what the site reports (v_UpdateComplianceStatus
-- holds Status 2 "required" and 3 "installed" rows only).
--
-- needs: v_UpdateComplianceStatus.ResourceID, v_UpdateComplianceStatus.CI_ID,
--   v_UpdateComplianceStatus.Status, v_UpdateComplianceStatus.LastStatusChangeTime,
--   v_UpdateComplianceStatus.LastEnforcementMessageID, v_UpdateComplianceStatus.LastEnforcementMessageTime,
--   v_UpdateComplianceStatus.LastErrorCode, v_R_System.ResourceID, v_R_System.Netbios_Name0,
--   v_R_System.Operating_System_Name_and0, v_FullCollectionMembership.ResourceID,
--   v_FullCollectionMembership.CollectionID, v_UpdateInfo.CI_ID, v_UpdateInfo.CIType_ID,
--   v_UpdateInfo.ArticleID, v_UpdateInfo.BulletinID, v_UpdateInfo.Severity, v_UpdateInfo.DatePosted
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
-- Times: lastStatusChangeTime and enforcementTime are UTC (state messages).
--
-- qfeInstalledOn is always NULL here: the QFE install dates are read once per host and KB by
-- select_qfe.sql and joined to these rows in the local store, instead of a look-up per
-- compliance row (50-100 million rows on a large site).
--
-- stateName is always NULL here: ConfigMgr reports topic 500/402 codes, which status and
-- enforcementState carry. The column exists for schemas that report state names instead
-- (sql/sms2003).
--
-- Rows whose host has no discovery record, or whose update has no metadata, are kept while no
-- filter on that side is active: the report lists them under Data quality instead of losing
-- them silently.
SELECT
    ucs.ResourceID AS resourceId,
    ucs.CI_ID AS ciId,
    CAST(ucs.Status AS INT) AS status,
    ucs.LastStatusChangeTime AS lastStatusChangeTime,
    CAST(ucs.LastEnforcementMessageID AS INT) AS enforcementState,
    ucs.LastEnforcementMessageTime AS enforcementTime,
    ucs.LastErrorCode AS lastErrorCode,
    CAST(NULL AS NVARCHAR(255)) AS qfeInstalledOn,
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
