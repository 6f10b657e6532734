package io.patchproof.testsupport;

import io.patchproof.demo.DemoSiteDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, hand-made ConfigMgr site database for tests that need rows the demo does not have:
 * the demo's schema ({@link DemoSiteDatabase#createSchema}: base tables and the real {@code v_*}
 * views) in an H2 file in SQL Server mode, with exactly the hosts, updates and compliance rows a
 * test inserts. Every value has a plain default, so a test states only what it is about:
 * <pre>
 * SiteDatabaseBuilder site = aSiteDatabase(dir);
 * site.host(1, "SRV01").bootLocal(null).add();
 * site.update(100, "5066001", "2026-10 Cumulative Update ...").add();
 * site.compliance(1, 100).status(3).add();
 * String url = site.build();
 * </pre>
 * Times are {@link LocalDateTime}s as the site stores them: inventory times client-local, state
 * times UTC. Not thread-safe.
 */
public final class SiteDatabaseBuilder {

    /** Defaults fit the demo's as-of date, 2026-11-16. */
    public static final LocalDateTime RELEASED = LocalDateTime.of(2026, 10, 14, 17, 0);
    public static final LocalDateTime INSTALLED = LocalDateTime.of(2026, 10, 16, 1, 0);
    public static final LocalDateTime BOOTED = LocalDateTime.of(2026, 10, 20, 3, 0);
    public static final LocalDateTime INVENTORY = LocalDateTime.of(2026, 11, 15, 2, 0);

    private final Path base;
    private String user = "";
    private String password = "";
    private boolean longTitles;
    private String siteCode = "PP1";
    private final List<Object[]> systems = new ArrayList<>();
    private final List<Object[]> operatingSystems = new ArrayList<>();
    private final List<Object[]> computerSystems = new ArrayList<>();
    private final List<Object[]> workstationStatus = new ArrayList<>();
    private final List<Object[]> devices = new ArrayList<>();
    private final List<Object[]> scans = new ArrayList<>();
    private final List<Object[]> members = new ArrayList<>();
    private final List<Object[]> updates = new ArrayList<>();
    private final List<Object[]> categories = new ArrayList<>();
    private final List<Object[]> compliance = new ArrayList<>();
    private final List<Object[]> qfes = new ArrayList<>();
    private final List<String> afterwards = new ArrayList<>();
    private final List<String[]> withoutColumns = new ArrayList<>();

    private SiteDatabaseBuilder(Path base) {
        this.base = base;
    }

    /** A site database to be written to {@code <dir>/site.mv.db}. */
    public static SiteDatabaseBuilder aSiteDatabase(Path dir) {
        return aSiteDatabase(dir, "site");
    }

    /** A site database to be written to {@code <dir>/<name>.mv.db}; the name is the database name the server reports. */
    public static SiteDatabaseBuilder aSiteDatabase(Path dir, String name) {
        return new SiteDatabaseBuilder(dir.resolve(name));
    }

    /** The database's administrator login (H2 makes the creating user its administrator). */
    public SiteDatabaseBuilder withLogin(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    /**
     * Widens {@code v_UpdateInfo.Title} beyond the site's nvarchar(513), for titles longer than
     * an Excel cell can hold.
     */
    /** The site code every host carries in v_FullCollectionMembership and v_CombinedDeviceResources (default PP1). */
    public SiteDatabaseBuilder withSiteCode(String siteCode) {
        this.siteCode = siteCode;
        return this;
    }

    public SiteDatabaseBuilder withLongTitles() {
        this.longTitles = true;
        return this;
    }

    /**
     * Redefines a view without one of its columns, as a site of another version or with other
     * inventory settings has it (the view keeps its other columns and rows).
     */
    public SiteDatabaseBuilder withoutColumn(String view, String column) {
        withoutColumns.add(new String[] {view, column});
        return this;
    }

    public HostRow host(int resourceId, String name) {
        return new HostRow(resourceId, name);
    }

    public UpdateRow update(int ciId, String articleId, String title) {
        return new UpdateRow(ciId, articleId, title);
    }

    public ComplianceRow compliance(int resourceId, int ciId) {
        return new ComplianceRow(resourceId, ciId);
    }

    /** A QFE row for {@code KB<articleId>} on a host. */
    public SiteDatabaseBuilder qfe(int resourceId, String articleId, String installedOn) {
        qfes.add(new Object[] {(long) qfes.size() + 1, resourceId, 1, 1, 0, INVENTORY, "KB" + articleId, "Security Update",
                "NT AUTHORITY\\SYSTEM", installedOn});
        return this;
    }

    /**
     * A statement run once every row is inserted: what the builder has no method for (a column
     * another type than the product's, a row with a NULL key).
     */
    public SiteDatabaseBuilder afterwards(String sql) {
        afterwards.add(sql);
        return this;
    }

    /** Compliance rows added so far (those the site reports: Status 2 and above pass the view). */
    public int complianceRows() {
        return compliance.size();
    }

    /**
     * Writes the database and closes it.
     *
     * @return a read-only JDBC URL for it (open it with the login of {@link #withLogin})
     */
    public String build() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath()
                + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE", user, password)) {
            DemoSiteDatabase.createSchema(c);
            if (longTitles) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE site_update ALTER COLUMN Title SET DATA TYPE nvarchar(1000000)");
                }
            }
            insert(c, "site_system (ResourceID, ResourceType, Netbios_Name0, Name0, Resource_Domain_OR_Workgr0,"
                    + " Operating_System_Name_and0, Client0, Active0, Obsolete0, Decommissioned0)", systems);
            insert(c, "site_operating_system (ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Caption0,"
                    + " LastBootUpTime0)", operatingSystems);
            insert(c, "site_computer_system (ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Name0,"
                    + " CurrentTimeZone0)", computerSystems);
            insert(c, "site_workstation_status (ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], LastHWScan,"
                    + " TimeZoneOffset)", workstationStatus);
            insert(c, "site_device (MachineID, Name, ClientState, IsClient, IsActive, IsObsolete, IsDecommissioned,"
                    + " SiteCode)", devices);
            insert(c, "site_scan_status (ResourceID, UpdateSource_ID, LastScanTime, LastScanState, LastErrorCode)", scans);
            insert(c, "site_collection (CollectionID, Name, CollectionType) VALUES ('SMS00001', 'All Systems', 2)", null);
            insert(c, "site_collection_member (CollectionID, ResourceID, SiteCode, IsDirect, IsAssigned)", members);
            insert(c, "site_update (CI_ID, CI_UniqueID, CIType_ID, ArticleID, BulletinID, Title, Severity, DatePosted,"
                    + " IsExpired, IsSuperseded, IsDeployed, IsEnabled)", updates);
            insert(c, "site_ci_category (CI_ID, CategoryInstanceID, CategoryInstance_UniqueID, CategoryTypeName,"
                    + " CategoryInstanceName)", categories);
            insert(c, "site_update_compliance (ComplianceKey, CI_ID, ResourceID, Status, LastStatusChangeTime,"
                    + " LastEnforcementMessageID, LastEnforcementMessageTime, LastErrorCode)", compliance);
            insert(c, "site_quick_fix_engineering (QfeKey, ResourceID, GroupID, RevisionID, AgentID, [TimeStamp],"
                    + " HotFixID0, Description0, InstalledBy0, InstalledOn0)", qfes);
            try (Statement s = c.createStatement()) {
                for (String sql : afterwards) {
                    s.execute(sql);
                }
            }
            for (String[] dropped : withoutColumns) {
                dropColumn(c, dropped[0], dropped[1]);
            }
        }
        return DemoSiteDatabase.jdbcUrl(base);
    }

    /** Where the database file lives, without {@code .mv.db}. */
    public Path file() {
        return base;
    }

    private static void dropColumn(Connection c, String view, String column) throws SQLException {
        List<String> kept = new ArrayList<>();
        String definition = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, view);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equalsIgnoreCase(column)) {
                        kept.add("[" + rs.getString(1) + "]");
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_NAME = ?")) {
            ps.setString(1, view);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    definition = rs.getString(1);
                }
            }
        }
        if (definition == null) {
            throw new IllegalArgumentException("no view " + view);
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE VIEW " + view + " AS SELECT " + String.join(", ", kept) + " FROM (" + definition
                    + ") x");
        }
    }

    private static void insert(Connection c, String into, List<Object[]> rows) throws SQLException {
        if (rows == null) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + into);
            }
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).length;
        String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + into + " VALUES (" + marks + ")")) {
            for (Object[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One discovered system with its inventory; defaults: an active server, UTC, booted after the install. */
    public final class HostRow {

        private final int resourceId;
        private final String name;
        private String osName = "Microsoft Windows NT Server 10.0";
        private String caption = "Microsoft Windows Server 2022 Standard";
        private boolean obsolete;
        private boolean decommissioned;
        private LocalDateTime bootLocal = BOOTED;
        private LocalDateTime inventoryLocal = INVENTORY;
        private Integer currentTimeZone = 0;
        private Integer timeZoneOffset = 0;
        private Integer clientState = 0;
        private LocalDateTime lastScan = INVENTORY;

        private HostRow(int resourceId, String name) {
            this.resourceId = resourceId;
            this.name = name;
        }

        public HostRow workstation() {
            osName = "Microsoft Windows NT Workstation 10.0";
            caption = "Microsoft Windows 11 Enterprise";
            return this;
        }

        public HostRow obsolete() {
            obsolete = true;
            return this;
        }

        public HostRow decommissioned() {
            decommissioned = true;
            return this;
        }

        public HostRow bootLocal(LocalDateTime time) {
            bootLocal = time;
            return this;
        }

        public HostRow inventoryLocal(LocalDateTime time) {
            inventoryLocal = time;
            return this;
        }

        /** Offset in minutes east of UTC in both inventory classes; null for both = unknown. */
        public HostRow offsetMinutes(Integer minutes) {
            currentTimeZone = minutes;
            timeZoneOffset = minutes;
            return this;
        }

        public HostRow clientState(Integer state) {
            clientState = state;
            return this;
        }

        public SiteDatabaseBuilder add() {
            systems.add(new Object[] {resourceId, 5, name, name, "EXAMPLE", osName, 1, 1, obsolete ? 1 : 0,
                    decommissioned ? 1 : 0});
            if (inventoryLocal != null) {
                operatingSystems.add(new Object[] {resourceId, 1, 1, 0, inventoryLocal, caption, bootLocal});
                if (currentTimeZone != null) {
                    computerSystems.add(new Object[] {resourceId, 1, 1, 0, inventoryLocal, name, currentTimeZone});
                }
                workstationStatus.add(new Object[] {resourceId, 1, 1, 0, inventoryLocal, inventoryLocal, timeZoneOffset});
            }
            devices.add(new Object[] {resourceId, name, clientState, true, !obsolete && !decommissioned, obsolete,
                    decommissioned, siteCode});
            if (lastScan != null) {
                scans.add(new Object[] {resourceId, 1, lastScan, 3, 0});
            }
            members.add(new Object[] {"SMS00001", resourceId, siteCode, false, true});
            return SiteDatabaseBuilder.this;
        }
    }

    /** One software update; defaults: a critical security update for Windows Server 2022. */
    public final class UpdateRow {

        private final int ciId;
        private final String articleId;
        private final String title;
        private String bulletinId = "";
        private Integer severity = 10;
        private LocalDateTime datePosted = RELEASED;
        private boolean expired;
        private boolean superseded;
        private String classification = "Security Updates";
        private String classificationId = "UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441";
        private String product = "Windows Server 2022";

        private UpdateRow(int ciId, String articleId, String title) {
            this.ciId = ciId;
            this.articleId = articleId;
            this.title = title;
        }

        public UpdateRow bulletin(String id) {
            bulletinId = id;
            return this;
        }

        public UpdateRow expired() {
            expired = true;
            return this;
        }

        /** A classification by name only, without CategoryInstance_UniqueID. */
        public UpdateRow classification(String name) {
            return classification(name, null);
        }

        /**
         * A classification as the site names it (in its own language) with its
         * CategoryInstance_UniqueID, e.g. {@code UpdateClassification:0fa1201d-...}.
         */
        public UpdateRow classification(String name, String uniqueId) {
            classification = name;
            classificationId = uniqueId;
            return this;
        }

        public UpdateRow released(LocalDateTime utc) {
            datePosted = utc;
            return this;
        }

        public SiteDatabaseBuilder add() {
            updates.add(new Object[] {ciId, "00000000-0000-0000-0000-" + String.format("%012d", ciId), 1, articleId,
                    bulletinId, title, severity, datePosted, expired, superseded, true, true});
            categories.add(new Object[] {ciId, 1, classificationId, "UpdateClassification", classification});
            categories.add(new Object[] {ciId, 2, null, "Product", product});
            return SiteDatabaseBuilder.this;
        }
    }

    /** One row of v_UpdateComplianceStatus; defaults: installed (Status 3), known to the site at {@link #INSTALLED}. */
    public final class ComplianceRow {

        private final int resourceId;
        private final int ciId;
        private int status = 3;
        private LocalDateTime lastStatusChange = INSTALLED;
        private Integer enforcementState;
        private LocalDateTime enforcementTime;

        private ComplianceRow(int resourceId, int ciId) {
            this.resourceId = resourceId;
            this.ciId = ciId;
        }

        public ComplianceRow status(int value) {
            status = value;
            return this;
        }

        public ComplianceRow lastStatusChange(LocalDateTime utc) {
            lastStatusChange = utc;
            return this;
        }

        public ComplianceRow enforcement(Integer state, LocalDateTime utc) {
            enforcementState = state;
            enforcementTime = utc;
            return this;
        }

        /** "resourceId/ciId", as findings are keyed in tests. */
        public String key() {
            return resourceId + "/" + ciId;
        }

        public SiteDatabaseBuilder add() {
            compliance.add(new Object[] {(long) compliance.size() + 1, ciId, resourceId, status, lastStatusChange,
                    enforcementState, enforcementTime, null});
            return SiteDatabaseBuilder.this;
        }
    }
}
