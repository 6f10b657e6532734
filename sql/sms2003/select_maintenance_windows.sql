-- select_maintenance_windows.sql (SMS 2003): maintenance windows. SMS 2003 has none
-- (v_ServiceWindow arrived with ConfigMgr 2007): the statement returns the agreed columns, typed
-- as the snapshot expects, with no rows, reading the collection view with a false predicate
-- (see select_collection_members.sql). The reboot plan then lists no window for any host.
--
-- needs: v_Collection.CollectionID, v_Collection.Name
--
-- Parameters: none
SELECT
    c.CollectionID AS collectionId,
    c.Name AS collectionName,
    CAST(NULL AS NVARCHAR(255)) AS windowName,
    CAST(NULL AS NVARCHAR(512)) AS windowDescription,
    CAST(NULL AS DATETIME) AS startTime,
    CAST(NULL AS INT) AS durationMinutes,
    CAST(NULL AS INT) AS isGmt,
    CAST(NULL AS INT) AS isEnabled,
    CAST(NULL AS INT) AS windowType,
    CAST(NULL AS INT) AS recurrenceType,
    CAST(NULL AS NVARCHAR(4000)) AS schedules
FROM v_Collection c
WHERE 1 = 0
