-- select_register_members.sql: members of the collections the exceptions register names
-- (collection:<CollectionID> lines), so that rule 2 can match them. Only those collections:
-- v_FullCollectionMembership as a whole can hold millions of rows. A collection that exists gives
-- at least one row (resourceId NULL when it has no members); a CollectionID the site does not have
-- gives none, and the run lists it as matching nothing.
--
-- needs: v_Collection.CollectionID, v_FullCollectionMembership.CollectionID,
--   v_FullCollectionMembership.ResourceID
--
-- Parameters:
--   :registerCollections  ',SMS00001,ABC00012,' (the register's CollectionIDs, comma-delimited on
--                         both ends); '' = none, and the statement returns no rows
SELECT
    c.CollectionID AS collectionId,
    fcm.ResourceID AS resourceId
FROM v_Collection c
LEFT JOIN v_FullCollectionMembership fcm ON fcm.CollectionID = c.CollectionID
WHERE :registerCollections <> ''
  AND :registerCollections LIKE '%,' + c.CollectionID + ',%'
ORDER BY c.CollectionID, fcm.ResourceID
