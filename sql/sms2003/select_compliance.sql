-- select_compliance.sql (SMS 2003): per host and update, what the Inventory Tool for Microsoft
-- Updates reports (v_GS_PatchStatusEx: inventory and status messages combined).
--
-- Parameters:
--   :collectionId  CollectionID the host must be a member of; '' = all systems
--   :hostPattern   LIKE pattern over Netbios_Name0, escape character '\', compared upper-cased;
--                  '%' = all hosts
--   :serversOnly   1 = only hosts whose Operating_System_Name_and0 contains 'Server'; 0 = all
--   :articleIds    ',958644,923191,' (KB numbers without 'KB'); '' = all updates
--   :bulletinIds   ',MS08-067,' (upper case); '' = all updates
--   :minSeverity   lowest severity code in scope; 0 = no limit. SMS 2003 keeps no severity, so
--                  every update counts as 0 (as in select_updates.sql)
--
-- SMS 2003 names states instead of numbering them: stateName is LastStateName ('Install
-- Verified', 'Reboot pending', ...; NULL becomes '' so that it still counts as a state name, an
-- unknown one). status and enforcementState are NULL here: the configured mapping
-- (patchproof.source.sms2003.state-names) turns the name into them when the rows are read for
-- reconciliation, so the list of names can change without reading the site again.
-- enforcementTime is AgentInstallDate, when the SMS agent installed the update (NULL: not
-- installed by the agent), in the zone patchproof.source.sms2003.agent-install-date-zone names
-- (default: client local, like all inventory); the same mapping converts it to UTC.
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
    ISNULL(ps.LastStateName, '') AS stateName
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
