-- select_compliance.sql (SMS 2003): per host and update, what the Inventory Tool for Microsoft
-- Updates and any older scan tool report (v_GS_PatchStatusEx: inventory and status messages
-- combined).
--
-- needs: v_GS_PatchStatusEx.ResourceID, v_GS_PatchStatusEx.UpdateID, v_GS_PatchStatusEx.ID,
-- needs: v_GS_PatchStatusEx.QNumbers, v_GS_PatchStatusEx.Status, v_GS_PatchStatusEx.ScanAgent,
-- needs: v_GS_PatchStatusEx.ScanDateTime, v_GS_PatchStatusEx.LastStateName,
-- needs: v_GS_PatchStatusEx.AgentInstallDate, v_R_System.ResourceID, v_R_System.Netbios_Name0,
-- needs: v_R_System.Operating_System_Name_and0, v_FullCollectionMembership.ResourceID,
-- needs: v_FullCollectionMembership.CollectionID
--
-- Parameters:
--   :collectionId  CollectionID the host must be a member of; '' = all systems
--   :hostPattern   LIKE pattern over Netbios_Name0, escape character '\', compared upper-cased;
--                  '%' = all hosts
--   :serversOnly   1 = only hosts whose Operating_System_Name_and0 contains 'Server'; 0 = all
--   :articleIds    ',958644,923191,' (KB numbers without 'KB'); '' = all updates
--   :bulletinIds   ',MS08-067,' (upper case); '' = all updates. A severity scope reaches this
--                  profile as a list of bulletins: those the bulletin-severity file rates at or
--                  above it (patchproof.source.sms2003.bulletin-severity)
--   :minSeverity   lowest severity code in scope; always 0 on this profile: SMS 2003 keeps no
--                  severity in its views (see :bulletinIds)
--
-- The scan decides first. scanStatus is the scan's own Status of the row
-- (Win32_PatchState_Extended.Status: 'Installed' or 'Applicable', KB 886658), which a hand or
-- Windows Update install has as well; status and enforcementState are NULL here, and the
-- configured mapping turns scanStatus into the status, and the agent's LastStateName into an
-- enforcement state, when the rows are read for reconciliation (so the mapping can change
-- without reading the site again). stateName is LastStateName, the SMS agent's own state ('Install
-- Verified', 'Reboot pending', ...); NULL becomes '' so that the row is still known for one with
-- state names: a hand install has a scan status and no state name.
-- scanAgent is the tool that scanned (ITMU, or an older one such as MBSA or the Extended Security
-- Update Inventory Tool, whose rows can sit beside ITMU's for the same host and bulletin: one
-- verdict per host and bulletin, ITMU's row first). scanTime is ScanDateTime, when that scan ran
-- (an inventory time: its zone is not confirmed). bulletinId is ID, articleId QNumbers without
-- 'KB' or 'Q': the row's own bulletin and KB, which say which rows of different tools answer the
-- same question.
-- enforcementTime is AgentInstallDate, when the SMS agent installed the update (NULL: not
-- installed by the agent), in the zone patchproof.source.sms2003.agent-install-date-zone names
-- (default: client local time, like all inventory); the mapping converts it.
-- lastStatusChangeTime, lastErrorCode and qfeInstalledOn have no SMS 2003 source here and are
-- NULL (Win32_QuickFixEngineering is not in SMS 2003's default inventory).
--
-- ciId, articleId and bulletinId are formed as in select_updates.sql (UpdateID; QNumbers
-- without 'KB' or 'Q'; ID). The update filters use this view's own ID and QNumbers, so this
-- file needs no other update view. It cannot filter on the release date: rows of updates
-- that select_updates.sql leaves out (posted after the as-of day) are kept and counted under
-- Data quality as rows without update metadata, never dropped silently.
--
-- Rows whose host has no discovery record are kept while no host filter is active: the report
-- lists them under Data quality instead of losing them.
SELECT
    ps.ResourceID AS resourceId,
    CAST(ps.UpdateID AS INT) AS ciId,
    CAST(NULL AS INT) AS status,
    CAST(NULL AS DATETIME) AS lastStatusChangeTime,
    CAST(NULL AS INT) AS enforcementState,
    ps.AgentInstallDate AS enforcementTime,
    CAST(NULL AS INT) AS lastErrorCode,
    CAST(NULL AS NVARCHAR(255)) AS qfeInstalledOn,
    ISNULL(ps.LastStateName, '') AS stateName,
    ps.Status AS scanStatus,
    ps.ScanAgent AS scanAgent,
    ps.ScanDateTime AS scanTime,
    ps.ID AS bulletinId,
    LTRIM(RTRIM(REPLACE(REPLACE(UPPER(ps.QNumbers), 'KB', ''), 'Q', ''))) AS articleId
FROM v_GS_PatchStatusEx ps
LEFT JOIN v_R_System s ON s.ResourceID = ps.ResourceID
WHERE ((s.ResourceID IS NULL AND :collectionId = '' AND :hostPattern = '%' AND :serversOnly = 0)
       OR (s.ResourceID IS NOT NULL
           AND (:collectionId = ''
                OR EXISTS (SELECT 1 FROM v_FullCollectionMembership m
                           WHERE m.ResourceID = s.ResourceID AND m.CollectionID = :collectionId))
           AND (:hostPattern = '%' OR UPPER(s.Netbios_Name0) LIKE UPPER(:hostPattern) ESCAPE '\')
           AND (:serversOnly = 0 OR s.Operating_System_Name_and0 LIKE '%Server%')))
  AND (:articleIds = ''
       OR :articleIds LIKE '%,' + LTRIM(RTRIM(REPLACE(REPLACE(UPPER(ps.QNumbers), 'KB', ''), 'Q', ''))) + ',%')
  AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ps.ID) + ',%')
  AND 0 >= :minSeverity
