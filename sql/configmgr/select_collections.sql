-- select_collections.sql: the name of every collection whose members select_collection_members.sql
-- reads: those with a maintenance window and those a software-update deployment targets
-- (v_CIAssignment, AssignmentType 1 updates or 5 update group). One row per collection, so the
-- reboot plan names a collection (v_Collection.Name) beside its ID, window or not.
--
-- needs: v_Collection.CollectionID, v_Collection.Name, v_ServiceWindow.CollectionID,
--   v_CIAssignment.CollectionID, v_CIAssignment.AssignmentType
--
-- Parameters: none
SELECT
    c.CollectionID AS collectionId,
    c.Name AS collectionName
FROM v_Collection c
WHERE c.CollectionID IN (SELECT sw.CollectionID FROM v_ServiceWindow sw)
   OR c.CollectionID IN (SELECT ca.CollectionID FROM v_CIAssignment ca WHERE ca.AssignmentType IN (1, 5))
ORDER BY c.CollectionID
