-- select_maintenance_windows.sql: maintenance windows (v_ServiceWindow) with their collection.
-- startTime is UTC when isGmt = 1, else the client's local wall clock; durationMinutes is in
-- minutes. windowType: 1 all deployments, 4 software updates, 5 task sequences. recurrenceType:
-- 1 none, 2 daily, 3 weekly, 4 monthly by weekday, 5 monthly by date.
--
-- needs: v_ServiceWindow.CollectionID, v_ServiceWindow.Name, v_ServiceWindow.Description,
--   v_ServiceWindow.StartTime, v_ServiceWindow.Duration, v_ServiceWindow.IsEnabled,
--   v_ServiceWindow.ServiceWindowType, v_ServiceWindow.RecurrenceType, v_Collection.CollectionID,
--   v_Collection.Name
-- optional: v_ServiceWindow.IsGMT as sw.IsGMT,
--   v_ServiceWindow.ServiceWindowSchedules as sw.ServiceWindowSchedules
-- (IsGMT is a property of SMS_ServiceWindow; no public query was found that reads it from the
-- view. Where it is absent isGmt is NULL and the window's start reads as of unknown zone.
-- ServiceWindowSchedules is the window's schedule itself, one or more 16-digit schedule tokens
-- (SMS_ServiceWindow; decoded by reconcile/ScheduleToken): the only column that says the
-- interval, weekday and week order. Where it is absent schedules is NULL, the window's next start
-- is unknown and its schedule is described from the other columns.)
--
-- Parameters: none
SELECT
    sw.CollectionID AS collectionId,
    c.Name AS collectionName,
    sw.Name AS windowName,
    sw.Description AS windowDescription,
    sw.StartTime AS startTime,
    CAST(sw.Duration AS INT) AS durationMinutes,
    CAST(sw.IsGMT AS INT) AS isGmt,
    CAST(sw.IsEnabled AS INT) AS isEnabled,
    CAST(sw.ServiceWindowType AS INT) AS windowType,
    CAST(sw.RecurrenceType AS INT) AS recurrenceType,
    sw.ServiceWindowSchedules AS schedules
FROM v_ServiceWindow sw
LEFT JOIN v_Collection c ON c.CollectionID = sw.CollectionID
ORDER BY sw.CollectionID, sw.Name
