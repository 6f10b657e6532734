-- select_site_codes.sql: the site codes of the systems in All Systems (SMS00001), with how many
-- systems carry each. Read once before a run starts, not into the snapshot: a run is identified
-- by its site, and the site code is how a site database names its site (see RunSite).
-- SMS 2003 keeps the same view and the same All Systems collection.
--
-- needs: v_FullCollectionMembership.SiteCode, v_FullCollectionMembership.ResourceID,
--   v_FullCollectionMembership.CollectionID
--
-- Parameters: none
SELECT
    fcm.SiteCode AS siteCode,
    COUNT(DISTINCT fcm.ResourceID) AS systems
FROM v_FullCollectionMembership fcm
WHERE fcm.CollectionID = 'SMS00001'
  AND fcm.SiteCode IS NOT NULL
GROUP BY fcm.SiteCode
ORDER BY fcm.SiteCode
