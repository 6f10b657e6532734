-- select_collections.sql (SMS 2003): the names of the collections whose members are read. SMS
-- 2003 has no maintenance windows and no software-update deployments in v_CIAssignment (both
-- arrived with ConfigMgr 2007), so select_collection_members.sql reads none: the statement returns
-- the agreed columns with no rows, reading the collection view with a false predicate (see
-- select_collection_members.sql).
--
-- needs: v_Collection.CollectionID, v_Collection.Name
--
-- Parameters: none
SELECT
    c.CollectionID AS collectionId,
    c.Name AS collectionName
FROM v_Collection c
WHERE 1 = 0
