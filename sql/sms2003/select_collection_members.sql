-- select_collection_members.sql (SMS 2003): members of collections with a maintenance window,
-- for the reboot plan. SMS 2003 has no maintenance windows (v_ServiceWindow arrived with
-- ConfigMgr 2007), so there are none: the statement returns the agreed columns with no rows.
-- It reads an existing view with a false predicate rather than a constant table, because a
-- SELECT without FROM, or with VALUES, is not written alike on SQL Server and H2.
--
-- needs: v_FullCollectionMembership.CollectionID, v_FullCollectionMembership.ResourceID
--
-- Parameters: none
SELECT
    fcm.CollectionID AS collectionId,
    fcm.ResourceID AS resourceId
FROM v_FullCollectionMembership fcm
WHERE 1 = 0
