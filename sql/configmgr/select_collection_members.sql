-- select_collection_members.sql: members of the collections the reboot plan names: every
-- collection that has a maintenance window (a row in v_ServiceWindow, enabled or not), and every
-- collection a software-update deployment targets (v_CIAssignment, AssignmentType 1 updates or
-- 5 update group; required or available), so that hosts patched without a window are named too.
-- Only those collections: v_FullCollectionMembership as a whole can hold millions of rows.
--
-- needs: v_FullCollectionMembership.CollectionID, v_FullCollectionMembership.ResourceID,
--   v_ServiceWindow.CollectionID, v_CIAssignment.CollectionID, v_CIAssignment.AssignmentType
--
-- Parameters: none
SELECT
    fcm.CollectionID AS collectionId,
    fcm.ResourceID AS resourceId
FROM v_FullCollectionMembership fcm
WHERE fcm.CollectionID IN (SELECT sw.CollectionID FROM v_ServiceWindow sw)
   OR fcm.CollectionID IN (SELECT ca.CollectionID FROM v_CIAssignment ca WHERE ca.AssignmentType IN (1, 5))
ORDER BY fcm.CollectionID, fcm.ResourceID
