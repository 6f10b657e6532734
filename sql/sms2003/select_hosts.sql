-- select_hosts.sql (SMS 2003): one row per discovered system (v_R_System.ResourceID), obsolete
-- records included (the report lists them under Data quality).
--
-- needs: v_R_System.ResourceID, v_R_System.Netbios_Name0, v_R_System.Resource_Domain_OR_Workgr0,
-- needs: v_R_System.Operating_System_Name_and0, v_R_System.Obsolete0, v_R_System.Client0,
-- needs: v_FullCollectionMembership.ResourceID, v_FullCollectionMembership.CollectionID,
-- needs: v_FullCollectionMembership.SiteCode, v_GS_OPERATING_SYSTEM.ResourceID, v_GS_OPERATING_SYSTEM.GroupID,
-- needs: v_GS_OPERATING_SYSTEM.TimeStamp, v_GS_OPERATING_SYSTEM.Caption0, v_GS_OPERATING_SYSTEM.LastBootUpTime0,
-- needs: v_GS_WORKSTATION_STATUS.ResourceID, v_GS_WORKSTATION_STATUS.GroupID, v_GS_WORKSTATION_STATUS.TimeStamp,
-- needs: v_GS_WORKSTATION_STATUS.LastHWScan, v_GS_COMPUTER_SYSTEM.ResourceID, v_GS_COMPUTER_SYSTEM.GroupID,
-- needs: v_GS_COMPUTER_SYSTEM.TimeStamp, v_GS_PatchStatusEx.ResourceID
-- optional: v_GS_COMPUTER_SYSTEM.CurrentTimeZone0 as cs.CurrentTimeZone0, v_R_System.Active0 as s.Active0
--
-- Parameters:
--   :collectionId  CollectionID the host must be a member of; '' = all systems
--   :hostPattern   LIKE pattern over Netbios_Name0, escape character '\', compared upper-cased;
--                  '%' = all hosts, including records without a name
--   :serversOnly   1 = only hosts whose Operating_System_Name_and0 contains 'Server'; 0 = all
--
-- Inventory times (lastBootLocal, osInventoryLocal, hwScanLocal) are client local time.
-- currentTimeZone is the client's offset in minutes (CurrentTimeZone0, daylight saving included).
-- CurrentTimeZone0 and Active0 are not confirmed for SMS 2003 (sccm-schema.md section 9): both are
-- optional, read as NULL where the site lacks them (the offset is then unknown: local times stand
-- for +-14 h). Each is selected under its own name in the CTE, so that NULL in its place still
-- gives the outer query a column of that name.
--
-- What SMS 2003 does not have, returned with the type the snapshot expects:
--   decommissioned      0: SMS 2003's v_R_System has no Decommissioned0 (SMS_R_System lists
--                       Active, Client and Obsolete; sccm-schema.md section 9, corrections)
--   timeZoneOffset      NULL: its v_GS_WORKSTATION_STATUS has no TimeZoneOffset (SMS 2003 SDK)
--   clientState         no fast channel (v_CombinedDeviceResources arrived with ConfigMgr 2012)
--   lastScanState       no v_UpdateScanStatus (ConfigMgr 2007)
--   clientActiveStatus  no client health views (v_CH_ClientSummary, ConfigMgr 2012)
-- lastScanTime stands in for the scan status: ITMU scan results reach the site through hardware
-- inventory (Win32_PatchState_Extended), so a host with any v_GS_PatchStatusEx row has scanned,
-- and its last hardware scan (LastHWScan) is when those results were last reported. Only whether
-- it is present is used; its zone is not confirmed (sccm-schema.md section 12).
--
-- No CAST on the site's columns (see sql/configmgr/select_hosts.sql): the extract converts value
-- by value and reads one that does not convert as unknown, listed under Data quality.
-- Latest row per view: one ROW_NUMBER over the joined rows picks, per ResourceID, the row that
-- carries every view's latest row (see sql/configmgr/select_hosts.sql for why one window).
-- siteCode comes from the All Systems membership (SMS00001); should a host be listed there more
-- than once, the lowest site code wins, so the choice is stable.
WITH host AS (
    SELECT
        s.ResourceID,
        s.Netbios_Name0,
        s.Resource_Domain_OR_Workgr0,
        s.Operating_System_Name_and0,
        s.Obsolete0,
        s.Active0 AS Active0,
        s.Client0,
        fcm.SiteCode,
        os.Caption0,
        os.LastBootUpTime0,
        os.[TimeStamp] AS OsTimeStamp,
        ws.LastHWScan,
        cs.CurrentTimeZone0 AS CurrentTimeZone0,
        ROW_NUMBER() OVER (
            PARTITION BY s.ResourceID
            ORDER BY os.[TimeStamp] DESC, os.GroupID DESC,
                     ws.[TimeStamp] DESC, ws.GroupID DESC,
                     cs.[TimeStamp] DESC, cs.GroupID DESC,
                     fcm.SiteCode) AS RowNumber
    FROM v_R_System s
    LEFT JOIN v_FullCollectionMembership fcm
        ON fcm.ResourceID = s.ResourceID AND fcm.CollectionID = 'SMS00001'
    LEFT JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = s.ResourceID
    LEFT JOIN v_GS_WORKSTATION_STATUS ws ON ws.ResourceID = s.ResourceID
    LEFT JOIN v_GS_COMPUTER_SYSTEM cs ON cs.ResourceID = s.ResourceID
    WHERE (:collectionId = ''
           OR EXISTS (SELECT 1 FROM v_FullCollectionMembership m
                      WHERE m.ResourceID = s.ResourceID AND m.CollectionID = :collectionId))
      AND (:hostPattern = '%' OR UPPER(s.Netbios_Name0) LIKE UPPER(:hostPattern) ESCAPE '\')
      AND (:serversOnly = 0 OR s.Operating_System_Name_and0 LIKE '%Server%')
)
SELECT
    h.ResourceID AS resourceId,
    h.Netbios_Name0 AS name,
    h.Resource_Domain_OR_Workgr0 AS domain,
    h.SiteCode AS siteCode,
    h.Operating_System_Name_and0 AS osName,
    h.Caption0 AS osCaption,
    h.Obsolete0 AS obsolete,
    CAST(0 AS INT) AS decommissioned,
    h.Active0 AS active,
    h.Client0 AS client,
    h.LastBootUpTime0 AS lastBootLocal,
    h.OsTimeStamp AS osInventoryLocal,
    h.LastHWScan AS hwScanLocal,
    h.CurrentTimeZone0 AS currentTimeZone,
    CAST(NULL AS INT) AS timeZoneOffset,
    CAST(NULL AS INT) AS clientState,
    CASE WHEN EXISTS (SELECT 1 FROM v_GS_PatchStatusEx ps WHERE ps.ResourceID = h.ResourceID)
         THEN h.LastHWScan END AS lastScanTime,
    CAST(NULL AS INT) AS lastScanState,
    CAST(NULL AS INT) AS clientActiveStatus
FROM host h
WHERE h.RowNumber = 1
ORDER BY h.ResourceID
