-- select_hosts.sql: one row per discovered system (v_R_System.ResourceID), obsolete and
-- decommissioned records included (the report lists them under Data quality).
--
-- needs: v_R_System.ResourceID, v_R_System.Netbios_Name0, v_R_System.Resource_Domain_OR_Workgr0,
--   v_R_System.Operating_System_Name_and0, v_R_System.Obsolete0, v_R_System.Active0, v_R_System.Client0,
--   v_FullCollectionMembership.ResourceID, v_FullCollectionMembership.CollectionID,
--   v_FullCollectionMembership.SiteCode, v_FullCollectionMembership.IsAssigned,
--   v_GS_OPERATING_SYSTEM.ResourceID, v_GS_OPERATING_SYSTEM.GroupID, v_GS_OPERATING_SYSTEM.TimeStamp,
--   v_GS_OPERATING_SYSTEM.Caption0, v_GS_OPERATING_SYSTEM.LastBootUpTime0,
--   v_GS_WORKSTATION_STATUS.ResourceID, v_GS_WORKSTATION_STATUS.GroupID,
--   v_GS_WORKSTATION_STATUS.TimeStamp, v_GS_WORKSTATION_STATUS.LastHWScan,
--   v_GS_COMPUTER_SYSTEM.ResourceID, v_GS_COMPUTER_SYSTEM.GroupID, v_GS_COMPUTER_SYSTEM.TimeStamp,
--   v_UpdateScanStatus.ResourceID, v_UpdateScanStatus.UpdateSource_ID, v_UpdateScanStatus.LastScanTime,
--   v_UpdateScanStatus.LastScanState, v_CombinedDeviceResources.MachineID, v_CH_ClientSummary.ResourceID
-- optional: v_R_System.Decommissioned0 as s.Decommissioned0,
--   v_GS_WORKSTATION_STATUS.TimeZoneOffset as ws.TimeZoneOffset,
--   v_GS_COMPUTER_SYSTEM.CurrentTimeZone0 as cs.CurrentTimeZone0,
--   v_CombinedDeviceResources.ClientState as cdr.ClientState,
--   v_CH_ClientSummary.ClientActiveStatus as ch.ClientActiveStatus
-- (Decommissioned0 is not in ConfigMgr 2007's SMS_R_System; TimeZoneOffset, CurrentTimeZone0 and
-- ClientState are not confirmed on every site, ClientActiveStatus came with client health in
-- ConfigMgr 2012. Each reads as NULL where it is absent: no decommissioned flag, no offset from
-- that class, no restart flag.)
--
-- Parameters:
--   :collectionId  CollectionID the host must be a member of; '' = all systems
--   :hostPattern   LIKE pattern over Netbios_Name0, escape character '\', compared upper-cased
--                  (SQL Server's default collation ignores case, the test stand-in does not);
--                  '%' = all hosts, including records without a name
--   :serversOnly   1 = only hosts whose Operating_System_Name_and0 contains 'Server'; 0 = all
--
-- Inventory times (lastBootLocal, osInventoryLocal, hwScanLocal) are client local time;
-- lastScanTime is UTC. currentTimeZone and timeZoneOffset are the client's offset in minutes.
--
-- Latest row per view: a host can have more than one row in a v_GS_* view (and in
-- v_UpdateScanStatus, one per update source). A single ROW_NUMBER over the joined rows picks,
-- per ResourceID, the row that carries every view's latest row: the rows of one host are the
-- cross product of each view's rows, so the first row in (os desc, ws desc, cs desc, scan desc)
-- order pairs each view's newest row. One window instead of one per view keeps this linear on
-- the H2 stand-in, which re-evaluates a windowed derived table for every outer row.
-- No CAST on the site's columns: on a site whose view declares one with another type (a custom
-- view with nvarchar offsets), one value that does not convert would fail the whole query. The
-- extract converts value by value and reads one that does not convert as unknown, listed under
-- Data quality with host and column.
-- v_FullCollectionMembership has no time column: should a host be listed under SMS00001 more
-- than once, the row of its assigned site (IsAssigned = 1) gives siteCode.
WITH host AS (
    SELECT
        s.ResourceID,
        s.Netbios_Name0,
        s.Resource_Domain_OR_Workgr0,
        s.Operating_System_Name_and0,
        s.Obsolete0,
        s.Decommissioned0 AS Decommissioned0,
        s.Active0,
        s.Client0,
        fcm.SiteCode,
        os.Caption0,
        os.LastBootUpTime0,
        os.[TimeStamp] AS OsTimeStamp,
        ws.LastHWScan,
        ws.TimeZoneOffset AS TimeZoneOffset,
        cs.CurrentTimeZone0 AS CurrentTimeZone0,
        cdr.ClientState AS ClientState,
        us.LastScanTime,
        us.LastScanState,
        ch.ClientActiveStatus AS ClientActiveStatus,
        ROW_NUMBER() OVER (
            PARTITION BY s.ResourceID
            ORDER BY os.[TimeStamp] DESC, os.GroupID DESC,
                     ws.[TimeStamp] DESC, ws.GroupID DESC,
                     cs.[TimeStamp] DESC, cs.GroupID DESC,
                     us.LastScanTime DESC, us.UpdateSource_ID,
                     fcm.IsAssigned DESC, fcm.SiteCode) AS RowNumber
    FROM v_R_System s
    LEFT JOIN v_FullCollectionMembership fcm
        ON fcm.ResourceID = s.ResourceID AND fcm.CollectionID = 'SMS00001'
    LEFT JOIN v_GS_OPERATING_SYSTEM os ON os.ResourceID = s.ResourceID
    LEFT JOIN v_GS_WORKSTATION_STATUS ws ON ws.ResourceID = s.ResourceID
    LEFT JOIN v_GS_COMPUTER_SYSTEM cs ON cs.ResourceID = s.ResourceID
    LEFT JOIN v_UpdateScanStatus us ON us.ResourceID = s.ResourceID
    LEFT JOIN v_CombinedDeviceResources cdr ON cdr.MachineID = s.ResourceID
    LEFT JOIN v_CH_ClientSummary ch ON ch.ResourceID = s.ResourceID
    WHERE (:collectionId = ''
           OR EXISTS (SELECT 1 FROM v_FullCollectionMembership m
                      WHERE m.ResourceID = s.ResourceID AND m.CollectionID = :collectionId))
      AND (:hostPattern = '%' OR UPPER(s.Netbios_Name0) LIKE UPPER(:hostPattern) ESCAPE '\')
      AND (:serversOnly = 0 OR s.Operating_System_Name_and0 LIKE '%Server%')
)
SELECT
    ResourceID AS resourceId,
    Netbios_Name0 AS name,
    Resource_Domain_OR_Workgr0 AS domain,
    SiteCode AS siteCode,
    Operating_System_Name_and0 AS osName,
    Caption0 AS osCaption,
    Obsolete0 AS obsolete,
    Decommissioned0 AS decommissioned,
    Active0 AS active,
    Client0 AS client,
    LastBootUpTime0 AS lastBootLocal,
    OsTimeStamp AS osInventoryLocal,
    LastHWScan AS hwScanLocal,
    CurrentTimeZone0 AS currentTimeZone,
    TimeZoneOffset AS timeZoneOffset,
    ClientState AS clientState,
    LastScanTime AS lastScanTime,
    LastScanState AS lastScanState,
    ClientActiveStatus AS clientActiveStatus
FROM host
WHERE RowNumber = 1
ORDER BY ResourceID
