-- select_update_categories.sql (SMS 2003): the classification of every update that carries a
-- Microsoft security bulletin ID.
--
-- needs: v_GS_PatchStatusEx.UpdateID, v_GS_PatchStatusEx.ID, v_GS_PatchStatusEx.QNumbers
--
-- Parameters:
--   :articleIds   ',958644,923191,' (KB numbers without 'KB'); '' = all updates
--   :bulletinIds  ',MS08-067,' (upper case); '' = all updates
--   :minSeverity  lowest severity code in scope; always 0 on this profile: SMS 2003 keeps no
--                 severity in its views, and a severity scope reaches it as :bulletinIds (the
--                 bulletins the bulletin-severity file rates at or above it)
--
-- SMS 2003 has no update categories (v_CICategoryInfo arrived with ConfigMgr 2007), but the
-- rules decide which updates need a restart by classification. An update with a bulletin ID
-- (MSyy-nnn) is a security update by definition, so it is returned as 'Security Updates'; every
-- other update (no bulletin: tools, non-security updates) gets no classification and is in
-- scope only through patchproof.rules.reboot-titles. No Product rows: SMS 2003 names products
-- only in the unconfirmed summary view, which select_updates.sql alone reads, so a
-- patchproof.rules.reboot-products list finds nothing to match on this profile. categoryId (the
-- language-independent classification GUID of ConfigMgr) is NULL: SMS 2003 has none, and the
-- English name is matched instead.
--
-- v_GS_PatchStatusEx is read because it is the one confirmed SMS 2003 view that carries the
-- bulletin ID per UpdateID; GROUP BY gives one row per update. Updates that no host reports
-- have no compliance rows either, so nothing is lost.
SELECT
    CAST(ps.UpdateID AS INT) AS ciId,
    'UpdateClassification' AS categoryType,
    'Security Updates' AS categoryName,
    CAST(NULL AS NVARCHAR(512)) AS categoryId
FROM v_GS_PatchStatusEx ps
WHERE ps.ID LIKE 'MS__-___'
  AND (:articleIds = ''
       OR :articleIds LIKE '%,' + LTRIM(RTRIM(REPLACE(REPLACE(UPPER(ps.QNumbers), 'KB', ''), 'Q', ''))) + ',%')
  AND (:bulletinIds = '' OR UPPER(:bulletinIds) LIKE '%,' + UPPER(ps.ID) + ',%')
  AND 0 >= :minSeverity
GROUP BY ps.UpdateID
ORDER BY ps.UpdateID
