-- select_qfe.sql (SMS 2003): no rows. Win32_QuickFixEngineering is not in SMS 2003's default
-- hardware inventory, so there is no QFE install date to join to the compliance rows (as in
-- select_compliance.sql, where qfeInstalledOn is NULL). The file exists so that both profiles
-- fill the same snapshot tables.
--
-- needs: v_R_System.ResourceID
--
-- Parameters: none
SELECT
    s.ResourceID AS resourceId,
    CAST(NULL AS NVARCHAR(260)) AS hotFixId,
    CAST(NULL AS NVARCHAR(255)) AS installedOn
FROM v_R_System s
WHERE 1 = 0
