-- select_collection_members.sql: members of every collection that has a maintenance window
-- (a row in v_ServiceWindow, enabled or not), for the reboot plan.
--
-- needs: v_FullCollectionMembership.CollectionID, v_FullCollectionMembership.ResourceID,
--   v_ServiceWindow.CollectionID
--
-- Parameters: none
SELECT
    fcm.CollectionID AS collectionId,
    fcm.ResourceID AS resourceId
FROM v_FullCollectionMembership fcm
WHERE fcm.CollectionID IN (SELECT sw.CollectionID FROM v_ServiceWindow sw)
ORDER BY fcm.CollectionID, fcm.ResourceID
