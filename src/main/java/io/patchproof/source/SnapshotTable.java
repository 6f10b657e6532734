package io.patchproof.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One query of a schema profile and the snapshot table its rows are copied into. The column
 * names are the query's column aliases and the snapshot table's columns at once, so the copy is
 * column by column by name, and a missing alias is found before a run starts.
 */
public enum SnapshotTable {

    HOSTS("select_hosts", "pp_snap_host", true, cols(
            "resourceId", ColumnType.INT, "name", ColumnType.TEXT, "domain", ColumnType.TEXT,
            "siteCode", ColumnType.TEXT, "osName", ColumnType.TEXT, "osCaption", ColumnType.TEXT,
            "obsolete", ColumnType.INT, "decommissioned", ColumnType.INT, "active", ColumnType.INT,
            "client", ColumnType.INT, "lastBootLocal", ColumnType.TIME, "osInventoryLocal", ColumnType.TIME,
            "hwScanLocal", ColumnType.TIME, "currentTimeZone", ColumnType.INT, "timeZoneOffset", ColumnType.INT,
            "clientState", ColumnType.INT, "lastScanTime", ColumnType.TIME, "lastScanState", ColumnType.INT,
            "clientActiveStatus", ColumnType.INT)),
    UPDATES("select_updates", "pp_snap_update", true, cols(
            "ciId", ColumnType.INT, "articleId", ColumnType.TEXT, "bulletinId", ColumnType.TEXT,
            "title", ColumnType.TEXT, "severity", ColumnType.INT, "datePosted", ColumnType.TIME,
            "isExpired", ColumnType.INT, "isSuperseded", ColumnType.INT)),
    /**
     * categoryName is in the site's language; categoryId is the language-independent
     * CategoryInstance_UniqueID ({@code UpdateClassification:<WSUS classification GUID>}), NULL
     * where the site has none.
     */
    CATEGORIES("select_update_categories", "pp_snap_category", true, cols(
            "ciId", ColumnType.INT, "categoryType", ColumnType.TEXT, "categoryName", ColumnType.TEXT,
            "categoryId", ColumnType.TEXT)),
    /**
     * stateName is the site's own name for the state of the pair where the schema reports names
     * rather than topic 500/402 codes (SMS 2003's LastStateName, '' where it has none), else NULL.
     * The SMS 2003 scan's own columns come with it: scanStatus ('Installed', 'Applicable'),
     * scanAgent (the tool that scanned), scanTime (ScanDateTime, stored as read: an inventory time
     * whose zone is not confirmed), and the row's own bulletinId and articleId (which rows of
     * different scan tools answer the same question); the configmgr profile returns them NULL.
     * Rows with a state name are turned into status and enforcement state by the configured
     * mapping when they are read for reconciliation, never at extract.
     */
    COMPLIANCE("select_compliance", "pp_snap_compliance", true, cols(
            "resourceId", ColumnType.INT, "ciId", ColumnType.INT, "status", ColumnType.INT,
            "lastStatusChangeTime", ColumnType.TIME, "enforcementState", ColumnType.INT,
            "enforcementTime", ColumnType.TIME, "lastErrorCode", ColumnType.INT, "qfeInstalledOn", ColumnType.TEXT,
            "stateName", ColumnType.TEXT, "scanStatus", ColumnType.TEXT, "scanAgent", ColumnType.TEXT,
            "scanTime", ColumnType.TIME, "bulletinId", ColumnType.TEXT, "articleId", ColumnType.TEXT)),
    /**
     * The QFE install date of each KB in scope on each host in scope, the latest inventory row per
     * (ResourceID, HotFixID0). Joined to the compliance rows in the local store (on resourceId and
     * 'KB' + the update's ArticleID) when they are read for reconciliation; hotFixId is upper case.
     */
    QFE("select_qfe", "pp_snap_qfe", true, cols(
            "resourceId", ColumnType.INT, "hotFixId", ColumnType.TEXT, "installedOn", ColumnType.TEXT)),
    /**
     * Members of the collections with a maintenance window or a software-update deployment (never
     * all of v_FullCollectionMembership).
     */
    MEMBERS("select_collection_members", "pp_snap_member", true, cols(
            "collectionId", ColumnType.TEXT, "resourceId", ColumnType.INT)),
    /**
     * Members of the collections the exceptions register names ({@code collection:<ID>}): one row
     * per member, one with a NULL resourceId for a collection without members, none for a
     * CollectionID the site does not have. Read only for those collections.
     */
    REGISTER_MEMBERS("select_register_members", "pp_snap_register_member", true, cols(
            "collectionId", ColumnType.TEXT, "resourceId", ColumnType.INT)),
    /** The name of each collection whose members are read (MEMBERS), one row per collection. */
    COLLECTIONS("select_collections", "pp_snap_collection", true, cols(
            "collectionId", ColumnType.TEXT, "collectionName", ColumnType.TEXT)),
    /**
     * schedules is ServiceWindowSchedules, the schedule tokens as stored (decoded when read, by
     * reconcile.ScheduleToken); NULL where the site's view lacks the column.
     */
    WINDOWS("select_maintenance_windows", "pp_snap_window", true, cols(
            "collectionId", ColumnType.TEXT, "collectionName", ColumnType.TEXT, "windowName", ColumnType.TEXT,
            "windowDescription", ColumnType.TEXT, "startTime", ColumnType.TIME, "durationMinutes", ColumnType.INT,
            "isGmt", ColumnType.INT, "isEnabled", ColumnType.INT, "windowType", ColumnType.INT,
            "recurrenceType", ColumnType.INT, "schedules", ColumnType.TEXT)),
    /** Optional: ProductType0 is collected only where the site extended its inventory. */
    PRODUCT_TYPES("select_host_product_types", "pp_snap_product_type", false, cols(
            "resourceId", ColumnType.INT, "productType", ColumnType.INT));

    private final String query;
    private final String table;
    private final boolean required;
    private final Map<String, ColumnType> columns;

    SnapshotTable(String query, String table, boolean required, Map<String, ColumnType> columns) {
        this.query = query;
        this.table = table;
        this.required = required;
        this.columns = columns;
    }

    /** The SQL file's base name under {@code sql/<schema>/}. */
    public String query() {
        return query;
    }

    public String table() {
        return table;
    }

    /** False for queries that run only when configured (see {@link SourceSettings#useProductType()}). */
    public boolean required() {
        return required;
    }

    /** Column aliases in order, with their types. */
    Map<String, ColumnType> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    private static Map<String, ColumnType> cols(Object... pairs) {
        Map<String, ColumnType> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (ColumnType) pairs[i + 1]);
        }
        return map;
    }
}
