-- select_host_product_types.sql: Win32_OperatingSystem.ProductType per host (1 workstation,
-- 2 domain controller, 3 server), latest inventory row per ResourceID. Run only when
-- configured: ProductType0 is not in the default hardware inventory of every site, and where
-- it is missing this statement fails with an unknown column.
--
-- needs: v_GS_OPERATING_SYSTEM.ResourceID, v_GS_OPERATING_SYSTEM.GroupID,
--   v_GS_OPERATING_SYSTEM.TimeStamp, v_GS_OPERATING_SYSTEM.ProductType0
--
-- Parameters: none
WITH os AS (
    SELECT
        ResourceID,
        ProductType0,
        ROW_NUMBER() OVER (PARTITION BY ResourceID ORDER BY [TimeStamp] DESC, GroupID DESC) AS RowNumber
    FROM v_GS_OPERATING_SYSTEM
)
SELECT
    ResourceID AS resourceId,
    CAST(ProductType0 AS INT) AS productType
FROM os
WHERE RowNumber = 1
ORDER BY ResourceID
