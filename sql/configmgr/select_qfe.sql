-- select_qfe.sql: the QFE install date (Win32_QuickFixEngineering.InstalledOn) of every KB in
-- scope on every host in scope, one row per (ResourceID, HotFixID0): the latest inventory row.
-- The local store joins it to the compliance rows on resourceId and 'KB' + the update's
-- ArticleID; select_compliance.sql no longer looks it up row by row.
--
-- needs: v_GS_QUICK_FIX_ENGINEERING.ResourceID, v_GS_QUICK_FIX_ENGINEERING.GroupID,
--   v_GS_QUICK_FIX_ENGINEERING.TimeStamp, v_GS_QUICK_FIX_ENGINEERING.HotFixID0,
--   v_GS_QUICK_FIX_ENGINEERING.InstalledOn0, v_R_System.ResourceID, v_R_System.Netbios_Name0,
--   v_R_System.Operating_System_Name_and0, v_FullCollectionMembership.ResourceID,
--   v_FullCollectionMembership.CollectionID, v_UpdateInfo.CIType_ID, v_UpdateInfo.ArticleID,
--   v_UpdateInfo.BulletinID, v_UpdateInfo.Severity, v_UpdateInfo.DatePosted
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
-- installedOn is the client's local date as a string (M/d/yyyy, yyyyMMdd or 16 hex digits of a
-- FILETIME), as stored. hotFixId is upper-cased: SQL Server compares 'KB' + ArticleID with
-- HotFixID0 ignoring case, the local store does not.
--
-- Only HotFixIDs of updates in scope are read (the same update filter as select_updates.sql, as
-- a semi-join on v_UpdateInfo), and only hosts in scope (the same host filter as
-- select_compliance.sql, which keeps hosts without a discovery record while no host filter is
-- active): the QFE inventory lists every hotfix a host ever received. The latest row per
-- (ResourceID, HotFixID0) is the one with the newest TimeStamp, then the highest GroupID, as
-- select_hosts.sql picks inventory rows.
WITH qfe AS (
    SELECT
        q.ResourceID,
        UPPER(q.HotFixID0) AS HotFixID,
        q.InstalledOn0,
        ROW_NUMBER() OVER (
            PARTITION BY q.ResourceID, UPPER(q.HotFixID0)
            ORDER BY q.[TimeStamp] DESC, q.GroupID DESC) AS RowNumber
    FROM v_GS_QUICK_FIX_ENGINEERING q
    LEFT JOIN v_R_System s ON s.ResourceID = q.ResourceID
    WHERE q.HotFixID0 LIKE 'KB%'
      AND UPPER(q.HotFixID0) IN (
          SELECT 'KB' + ui.ArticleID
          FROM v_UpdateInfo ui
          WHERE ui.CIType_ID IN (1, 8)
            AND (:articleIds = '' OR :articleIds LIKE '%,' + ui.ArticleID + ',%')
            AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ui.BulletinID) + ',%')
            AND ISNULL(ui.Severity, 0) >= :minSeverity
            AND (ui.DatePosted IS NULL OR ui.DatePosted < :asOfEnd))
      AND ((s.ResourceID IS NULL AND :collectionId = '' AND :hostPattern = '%' AND :serversOnly = 0)
           OR (s.ResourceID IS NOT NULL
               AND (:collectionId = ''
                    OR EXISTS (SELECT 1 FROM v_FullCollectionMembership m
                               WHERE m.ResourceID = s.ResourceID AND m.CollectionID = :collectionId))
               AND (:hostPattern = '%' OR UPPER(s.Netbios_Name0) LIKE UPPER(:hostPattern) ESCAPE '\')
               AND (:serversOnly = 0 OR s.Operating_System_Name_and0 LIKE '%Server%')))
)
SELECT
    ResourceID AS resourceId,
    HotFixID AS hotFixId,
    InstalledOn0 AS installedOn
FROM qfe
WHERE RowNumber = 1
ORDER BY ResourceID, HotFixID
