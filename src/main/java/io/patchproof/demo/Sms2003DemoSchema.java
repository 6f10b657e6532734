package io.patchproof.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SMS 2003 demo site database's base tables (named {@code site_*}, ours) and the views over
 * them that carry SMS 2003's view and column names (sccm-schema.md section 9): discovery,
 * hardware inventory, collections, the Inventory Tool for Microsoft Updates' per-host view
 * {@code v_GS_PatchStatusEx} and its catalog {@code v_ApplicableUpdatesSummaryEx}. The queries
 * under {@code sql/sms2003} read only the views.
 *
 * <p>What SMS 2003 did not have is absent, so that schema detection and the queries meet the
 * same gaps as on a real SMS 2003 site: no {@code v_UpdateComplianceStatus}, {@code v_UpdateInfo},
 * categories, maintenance windows, fast channel, client health or scan status views, no
 * {@code v_R_System.Decommissioned0} and no {@code v_GS_WORKSTATION_STATUS.TimeZoneOffset}
 * (sccm-schema.md section 9, corrections). {@code v_GS_PatchStatusEx} carries the columns
 * community reports use (ResourceID, UpdateID, ID, QNumbers, Title, UniqueUpdateID,
 * LastStatusMessageIDName, LastStateName, AgentInstallDate), the LastStatusMessageID its ...Name
 * column implies, and the scan's own Status, ScanAgent and ScanDateTime (properties of
 * Win32_PatchState_Extended), and nothing else the queries could come to rely on unconfirmed; the
 * catalog view carries properties of the WMI class SMS_ApplicableUpdatesSummaryEx.
 * {@code v_R_System.Active0} and {@code v_GS_COMPUTER_SYSTEM.CurrentTimeZone0} are kept: both are
 * unconfirmed for SMS 2003 and optional in the queries, and the demo exercises their use.
 */
final class Sms2003DemoSchema {

    static final List<String> TABLES = List.of(
            """
            CREATE TABLE site_system (
                ResourceID int NOT NULL PRIMARY KEY,
                ResourceType int NOT NULL,
                Netbios_Name0 nvarchar(256),
                Name0 nvarchar(256),
                SMS_Unique_Identifier0 nvarchar(255),
                Resource_Domain_OR_Workgr0 nvarchar(256),
                Operating_System_Name_and0 nvarchar(256),
                Client0 int,
                Client_Type0 int,
                Client_Version0 nvarchar(64),
                Active0 int,
                Obsolete0 int,
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
            CREATE TABLE site_collection (
                CollectionID nvarchar(8) NOT NULL PRIMARY KEY,
                Name nvarchar(255) NOT NULL,
                Comment nvarchar(512),
                MemberCount int,
                LastChangeTime datetime,
                LastRefreshTime datetime)""",
            """
            CREATE TABLE site_collection_member (
                CollectionID nvarchar(8) NOT NULL,
                ResourceID int NOT NULL,
                SiteCode nvarchar(3),
                IsDirect bit NOT NULL,
                PRIMARY KEY (CollectionID, ResourceID))""",
            """
            CREATE TABLE site_patch_status (
                PatchKey bigint NOT NULL PRIMARY KEY,
                ResourceID int NOT NULL,
                UpdateID int NOT NULL,
                ID nvarchar(64),
                QNumbers nvarchar(255),
                Title nvarchar(512),
                UniqueUpdateID nvarchar(64),
                LastStatusMessageID int,
                LastStatusMessageIDName nvarchar(255),
                LastStateName nvarchar(255),
                AgentInstallDate datetime,
                Status nvarchar(64),
                ScanAgent nvarchar(255),
                ScanDateTime datetime)""",
            """
            CREATE TABLE site_applicable_update (
                UpdateID int NOT NULL,
                LocaleID int NOT NULL,
                UniqueUpdateID nvarchar(64) NOT NULL,
                ID nvarchar(64),
                QNumbers nvarchar(255),
                Title nvarchar(512),
                Summary nvarchar(1024),
                Product nvarchar(255),
                ProductID nvarchar(64),
                Type nvarchar(64),
                ScanAgent nvarchar(255),
                Language nvarchar(64),
                InfoPath nvarchar(512),
                DateCreated datetime,
                DatePosted datetime,
                DateRevised datetime,
                RevisionNumber int,
                TimeAuthorized datetime,
                Counts int,
                InstalledCounts int,
                PRIMARY KEY (UpdateID, LocaleID))""",
            """
            CREATE TABLE site_demo_info (
                Name nvarchar(64) NOT NULL PRIMARY KEY,
                [Value] nvarchar(256))""");

    static final List<String> VIEWS = List.of(
            """
            CREATE VIEW v_R_System AS
            SELECT ResourceID, ResourceType, Netbios_Name0, Name0, SMS_Unique_Identifier0, Resource_Domain_OR_Workgr0,
                   Operating_System_Name_and0, Client0, Client_Type0, Client_Version0, Active0, Obsolete0,
                   Creation_Date0, AD_Site_Name0
            FROM site_system""",
            """
            CREATE VIEW v_GS_OPERATING_SYSTEM AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Caption0, CSDVersion0, Version0,
                   BuildNumber0, InstallDate0, LastBootUpTime0, ProductType0
            FROM site_operating_system""",
            """
            CREATE VIEW v_GS_WORKSTATION_STATUS AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], LastHWScan
            FROM site_workstation_status""",
            """
            CREATE VIEW v_GS_COMPUTER_SYSTEM AS
            SELECT ResourceID, GroupID, RevisionID, AgentID, [TimeStamp], Name0, Domain0, Manufacturer0, Model0,
                   SystemType0, DomainRole0, CurrentTimeZone0
            FROM site_computer_system""",
            """
            CREATE VIEW v_Collection AS
            SELECT CollectionID, Name, Comment, MemberCount, LastChangeTime, LastRefreshTime
            FROM site_collection""",
            """
            CREATE VIEW v_FullCollectionMembership AS
            SELECT m.CollectionID, m.ResourceID, s.ResourceType, s.Netbios_Name0 AS Name,
                   s.SMS_Unique_Identifier0 AS SMSID, m.SiteCode, s.Resource_Domain_OR_Workgr0 AS Domain,
                   s.Client0 AS IsClient, m.IsDirect
            FROM site_collection_member m
            LEFT JOIN site_system s ON s.ResourceID = m.ResourceID""",
            """
            CREATE VIEW v_GS_PatchStatusEx AS
            SELECT ResourceID, UpdateID, ID, QNumbers, Title, UniqueUpdateID, LastStatusMessageID,
                   LastStatusMessageIDName, LastStateName, AgentInstallDate, Status, ScanAgent, ScanDateTime
            FROM site_patch_status""",
            """
            CREATE VIEW v_ApplicableUpdatesSummaryEx AS
            SELECT UpdateID, UniqueUpdateID, ID, QNumbers, Title, Summary, Product, ProductID, Type, ScanAgent,
                   Language, LocaleID, InfoPath, DateCreated, DatePosted, DateRevised, RevisionNumber,
                   TimeAuthorized, Counts, InstalledCounts
            FROM site_applicable_update""");

    static final List<String> INDEXES = List.of(
            "CREATE INDEX site_patch_status_resource ON site_patch_status (ResourceID)",
            "CREATE INDEX site_member_resource ON site_collection_member (ResourceID, CollectionID)");

    /** The view names, in the order they are created. */
    static final List<String> VIEW_NAMES = VIEWS.stream()
            .map(ddl -> ddl.substring(ddl.indexOf("VIEW ") + 5, ddl.indexOf(" AS")).trim())
            .toList();

    private Sms2003DemoSchema() {
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
