package io.patchproof.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo site database's base tables (named {@code site_*}, ours) and the views over them that
 * carry the real ConfigMgr view and column names (sccm-schema.md). The queries under
 * {@code sql/configmgr} read only the views, exactly as they read a real site database.
 *
 * <p>Types are SQL Server's (int, nvarchar, datetime, tinyint, bit); H2 in {@code MODE=MSSQLServer}
 * maps them. Single-column {@code bigint} keys on the two big tables make H2 store rows in key
 * order without a second index, which roughly halves the load time. Secondary indexes are
 * created after the data is loaded ({@link #INDEXES}).
 */
final class DemoSchema {

    static final List<String> TABLES = List.of(
            """
            CREATE TABLE site_system (
                ResourceID int NOT NULL PRIMARY KEY,
                ResourceType int NOT NULL,
                Netbios_Name0 nvarchar(256),
                Name0 nvarchar(256),
                SMS_Unique_Identifier0 nvarchar(255),
                Resource_Domain_OR_Workgr0 nvarchar(256),
                Full_Domain_Name0 nvarchar(256),
                Operating_System_Name_and0 nvarchar(256),
                Build01 nvarchar(32),
                Client0 int,
                Client_Type0 int,
                Client_Version0 nvarchar(64),
                Active0 int,
                Obsolete0 int,
                Decommissioned0 int,
                Is_Virtual_Machine0 int,
                Creation_Date0 datetime,
                AD_Site_Name0 nvarchar(64))""",
            """
            CREATE TABLE site_operating_system (
                ResourceID int NOT NULL,
                GroupID int NOT NULL,
                RevisionID int NOT NULL,
                AgentID int NOT NULL,
                [TimeStamp] datetime NOT NULL,
                Caption0 nvarchar(255),
                CSDVersion0 nvarchar(255),
                Version0 nvarchar(255),
                BuildNumber0 nvarchar(255),
                InstallDate0 datetime,
                LastBootUpTime0 datetime,
                ProductType0 int,
                PRIMARY KEY (ResourceID, GroupID))""",
            """
            CREATE TABLE site_workstation_status (
                ResourceID int NOT NULL,
                GroupID int NOT NULL,
                RevisionID int NOT NULL,
                AgentID int NOT NULL,
                [TimeStamp] datetime NOT NULL,
                LastHWScan datetime,
                TimeZoneOffset int,
                SystemDefaultLocaleID int,
                PRIMARY KEY (ResourceID, GroupID))""",
            """
            CREATE TABLE site_computer_system (
                ResourceID int NOT NULL,
                GroupID int NOT NULL,
                RevisionID int NOT NULL,
                AgentID int NOT NULL,
                [TimeStamp] datetime NOT NULL,
                Name0 nvarchar(255),
                Domain0 nvarchar(255),
                Manufacturer0 nvarchar(255),
                Model0 nvarchar(255),
                SystemType0 nvarchar(255),
                DomainRole0 int,
                CurrentTimeZone0 int,
                PRIMARY KEY (ResourceID, GroupID))""",
            """
            CREATE TABLE site_quick_fix_engineering (
                QfeKey bigint NOT NULL PRIMARY KEY,
                ResourceID int NOT NULL,
                GroupID int NOT NULL,
                RevisionID int NOT NULL,
                AgentID int NOT NULL,
                [TimeStamp] datetime NOT NULL,
                HotFixID0 nvarchar(260),
                Description0 nvarchar(255),
                InstalledBy0 nvarchar(255),
                InstalledOn0 nvarchar(255))""",
            """
            CREATE TABLE site_update_compliance (
                ComplianceKey bigint NOT NULL PRIMARY KEY,
                CI_ID int NOT NULL,
                ResourceID int NOT NULL,
                Status tinyint NOT NULL,
                LastStatusCheckTime datetime,
                LastStatusChangeTime datetime,
                EnforcementSource tinyint,
                LastEnforcementMessageID tinyint,
                LastEnforcementMessageTime datetime,
                LastErrorCode int)""",
            """
            CREATE TABLE site_update (
                CI_ID int NOT NULL PRIMARY KEY,
                CI_UniqueID nvarchar(300) NOT NULL,
                CIType_ID int NOT NULL,
                ArticleID nvarchar(64) NOT NULL,
                BulletinID nvarchar(64) NOT NULL,
                Title nvarchar(513),
                Description nvarchar(3000),
                InfoURL nvarchar(512),
                Severity int,
                DatePosted datetime,
                DateRevised datetime,
                RevisionNumber int,
                IsExpired bit NOT NULL,
                IsSuperseded bit NOT NULL,
                IsDeployed bit NOT NULL,
                IsEnabled bit NOT NULL,
                LocaleID int)""",
            """
            CREATE TABLE site_ci_category (
                CI_ID int NOT NULL,
                CategoryInstanceID int NOT NULL,
                CategoryInstance_UniqueID nvarchar(512),
                CategoryTypeName nvarchar(128) NOT NULL,
                CategoryInstanceName nvarchar(512) NOT NULL,
                PRIMARY KEY (CI_ID, CategoryInstanceID))""",
            """
            CREATE TABLE site_device (
                MachineID int NOT NULL PRIMARY KEY,
                Name nvarchar(256),
                ClientState int,
                ClientActiveStatus int,
                IsClient bit,
                IsActive bit,
                IsObsolete bit,
                IsDecommissioned bit,
                IsVirtualMachine bit,
                SiteCode nvarchar(3),
                DeviceOS nvarchar(256),
                DeviceOSBuild nvarchar(64),
                LastActiveTime datetime,
                LastPolicyRequest datetime,
                LastMPServerName nvarchar(256),
                CNIsOnline bit,
                ADSiteName nvarchar(64))""",
            """
            CREATE TABLE site_client_summary (
                ResourceID int NOT NULL PRIMARY KEY,
                NetbiosName nvarchar(256),
                ClientStateDescription nvarchar(64),
                ClientActiveStatus int,
                LastActiveTime datetime,
                LastOnline datetime,
                LastDDR datetime,
                LastHW datetime,
                LastSW datetime,
                LastPolicyRequest datetime,
                LastHealthEvaluation datetime,
                LastEvaluationHealthy int)""",
            """
            CREATE TABLE site_scan_status (
                ResourceID int NOT NULL,
                UpdateSource_ID int NOT NULL,
                LastScanTime datetime,
                LastScanState int,
                LastErrorCode int,
                LastWUAVersion nvarchar(32),
                LastScanPackageLocation nvarchar(512),
                LastScanPackageVersion int,
                PRIMARY KEY (ResourceID, UpdateSource_ID))""",
            """
            CREATE TABLE site_collection (
                CollectionID nvarchar(8) NOT NULL PRIMARY KEY,
                Name nvarchar(255) NOT NULL,
                Comment nvarchar(512),
                CollectionType int NOT NULL,
                LimitToCollectionID nvarchar(8),
                MemberCount int,
                LastChangeTime datetime,
                LastRefreshTime datetime)""",
            """
            CREATE TABLE site_collection_member (
                CollectionID nvarchar(8) NOT NULL,
                ResourceID int NOT NULL,
                SiteCode nvarchar(3),
                IsDirect bit NOT NULL,
                IsAssigned bit NOT NULL,
                PRIMARY KEY (CollectionID, ResourceID))""",
            """
            CREATE TABLE site_service_window (
                ServiceWindowID nvarchar(64) NOT NULL PRIMARY KEY,
                CollectionID nvarchar(8) NOT NULL,
                Name nvarchar(255),
                Description nvarchar(512),
                ServiceWindowSchedules nvarchar(512),
                RecurrenceType int,
                ServiceWindowType int,
                StartTime datetime,
                Duration int,
                IsGMT bit,
                IsEnabled bit)""",
            """
            CREATE TABLE site_ci_assignment (
                AssignmentID int NOT NULL PRIMARY KEY,
                Assignment_UniqueID nvarchar(512) NOT NULL,
                AssignmentName nvarchar(255),
                Description nvarchar(512),
                TargetCollectionID nvarchar(8) NOT NULL,
                AssignmentType int NOT NULL,
                AssignmentAction int,
                StartTime datetime NOT NULL,
                EnforcementDeadline datetime,
                UseGMTTimes bit,
                SuppressReboot int,
                OverrideServiceWindows bit,
                RebootOutsideOfServiceWindows bit,
                AssignmentEnabled bit,
                CreationTime datetime,
                LastModificationTime datetime)""",
            """
            CREATE TABLE site_state_name (
                TopicType int NOT NULL,
                StateID int NOT NULL,
                StateName nvarchar(255),
                StateDescription nvarchar(512),
                PRIMARY KEY (TopicType, StateID))""",
            """
            CREATE TABLE site_demo_info (
                Name nvarchar(64) NOT NULL PRIMARY KEY,
                [Value] nvarchar(256))""");

    static final List<String> VIEWS = List.of(
            """
            CREATE VIEW v_R_System AS
            SELECT ResourceID, ResourceType, Netbios_Name0, Name0, SMS_Unique_Identifier0,
                   Resource_Domain_OR_Workgr0, Full_Domain_Name0, Operating_System_Name_and0, Build01,
                   Client0, Client_Type0, Client_Version0, Active0, Obsolete0, Decommissioned0,
                   Is_Virtual_Machine0, Creation_Date0, AD_Site_Name0
            FROM site_system""",
            """
            CREATE VIEW v_GS_OPERATING_SYSTEM AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Caption0, CSDVersion0,
                   Version0, BuildNumber0, InstallDate0, LastBootUpTime0, ProductType0
            FROM site_operating_system""",
            """
            CREATE VIEW v_GS_WORKSTATION_STATUS AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], LastHWScan, TimeZoneOffset,
                   SystemDefaultLocaleID
            FROM site_workstation_status""",
            """
            CREATE VIEW v_GS_COMPUTER_SYSTEM AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Name0, Domain0, Manufacturer0,
                   Model0, SystemType0, DomainRole0, CurrentTimeZone0
            FROM site_computer_system""",
            """
            CREATE VIEW v_GS_QUICK_FIX_ENGINEERING AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], HotFixID0, Description0,
                   InstalledBy0, InstalledOn0
            FROM site_quick_fix_engineering""",
            // Like the real view: only "required" (2) and "installed" (3) rows, never 0 or 1.
            """
            CREATE VIEW v_UpdateComplianceStatus AS
            SELECT CI_ID, ResourceID, Status, LastStatusCheckTime, LastStatusChangeTime, EnforcementSource,
                   LastEnforcementMessageID, LastEnforcementMessageTime,
                   CAST(NULL AS int) AS LastEnforcementStatusMsgID, LastErrorCode,
                   LastStatusChangeTime AS LastLocalChangeTime
            FROM site_update_compliance
            WHERE Status > 1""",
            """
            CREATE VIEW v_UpdateInfo AS
            SELECT CI_ID, CI_UniqueID, CIType_ID, ArticleID, BulletinID, Title, Description, InfoURL,
                   Severity, DatePosted, DateRevised, RevisionNumber, IsExpired, IsSuperseded, IsDeployed,
                   IsEnabled, LocaleID
            FROM site_update""",
            """
            CREATE VIEW v_CICategoryInfo AS
            SELECT CI_ID, CategoryInstanceID, CategoryInstance_UniqueID, CategoryTypeName, CategoryInstanceName
            FROM site_ci_category""",
            """
            CREATE VIEW v_CombinedDeviceResources AS
            SELECT MachineID, Name, ClientState, ClientActiveStatus, IsClient, IsActive, IsObsolete,
                   IsDecommissioned, IsVirtualMachine, SiteCode, DeviceOS, DeviceOSBuild, LastActiveTime,
                   LastPolicyRequest, LastMPServerName, CNIsOnline, ADSiteName
            FROM site_device""",
            """
            CREATE VIEW v_CH_ClientSummary AS
            SELECT ResourceID, NetbiosName, ClientStateDescription, ClientActiveStatus, LastActiveTime,
                   LastOnline, LastDDR, LastHW, LastSW, LastPolicyRequest, LastHealthEvaluation,
                   LastEvaluationHealthy
            FROM site_client_summary""",
            """
            CREATE VIEW v_UpdateScanStatus AS
            SELECT ResourceID, UpdateSource_ID, LastScanTime, LastScanState, LastErrorCode, LastWUAVersion,
                   LastScanPackageLocation, LastScanPackageVersion
            FROM site_scan_status""",
            """
            CREATE VIEW v_Collection AS
            SELECT CollectionID, Name, Comment, CollectionType, LimitToCollectionID, MemberCount,
                   LastChangeTime, LastRefreshTime
            FROM site_collection""",
            """
            CREATE VIEW v_FullCollectionMembership AS
            SELECT m.CollectionID, m.ResourceID, s.ResourceType, s.Netbios_Name0 AS Name,
                   s.SMS_Unique_Identifier0 AS SMSID, m.SiteCode, s.Resource_Domain_OR_Workgr0 AS Domain,
                   s.Client0 AS IsClient, m.IsDirect, m.IsAssigned, s.Active0 AS IsActive,
                   s.Obsolete0 AS IsObsolete, s.Decommissioned0 AS IsDecommissioned
            FROM site_collection_member m
            LEFT JOIN site_system s ON s.ResourceID = m.ResourceID""",
            """
            CREATE VIEW v_ServiceWindow AS
            SELECT ServiceWindowID, CollectionID, Name, Description, ServiceWindowSchedules, RecurrenceType,
                   ServiceWindowType, StartTime, Duration, IsGMT, IsEnabled
            FROM site_service_window""",
            """
            CREATE VIEW v_CIAssignment AS
            SELECT a.AssignmentID, a.Assignment_UniqueID, a.AssignmentName, a.Description,
                   a.TargetCollectionID AS CollectionID, c.Name AS CollectionName, a.AssignmentType,
                   a.AssignmentAction, a.StartTime, a.EnforcementDeadline, a.UseGMTTimes, a.SuppressReboot,
                   a.OverrideServiceWindows, a.RebootOutsideOfServiceWindows, a.AssignmentEnabled, a.CreationTime,
                   a.LastModificationTime
            FROM site_ci_assignment a
            LEFT JOIN site_collection c ON c.CollectionID = a.TargetCollectionID""",
            """
            CREATE VIEW v_StateNames AS
            SELECT TopicType, StateID, StateName, StateDescription
            FROM site_state_name""");

    static final List<String> INDEXES = List.of(
            "CREATE INDEX site_qfe_hotfix ON site_quick_fix_engineering (ResourceID, HotFixID0, [TimeStamp])",
            "CREATE INDEX site_member_resource ON site_collection_member (ResourceID, CollectionID)");

    /** The view names, in the order they are created. */
    static final List<String> VIEW_NAMES = VIEWS.stream()
            .map(ddl -> ddl.substring(ddl.indexOf("VIEW ") + 5, ddl.indexOf(" AS")).trim())
            .toList();

    private DemoSchema() {
    }

    static void createTablesAndViews(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : TABLES) {
                statement.execute(ddl);
            }
            for (String ddl : VIEWS) {
                statement.execute(ddl);
            }
        }
    }

    static void createIndexes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : INDEXES) {
                statement.execute(ddl);
            }
        }
    }
}
