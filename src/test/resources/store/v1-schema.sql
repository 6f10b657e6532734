-- The local store's schema as version 1 shipped it (store/schema.sql when store versions began):
-- frozen here so that the upgrade test builds a version-1 store whatever schema.sql becomes.
-- patchproof's own state in the local store (never the site database).
-- Column names of the snapshot tables equal the column aliases of the sql/<schema>/*.sql files:
-- the extract copies rows column by column under those names.
CREATE TABLE IF NOT EXISTS pp_snapshot (
    snapshot_id      BIGINT PRIMARY KEY,
    snapshot_key     VARCHAR(2000) NOT NULL,
    job_instance_id  BIGINT NOT NULL,
    schema_profile   VARCHAR(20) NOT NULL,
    schema_reason    VARCHAR(400),
    status           VARCHAR(20) NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    completed_at     TIMESTAMP,
    source_url       VARCHAR(2000),
    source_server    VARCHAR(256),
    source_database  VARCHAR(256),
    source_login     VARCHAR(256)
);
-- The newest state time of a snapshot's compliance rows, found by the extract as it copies them
-- (ComplianceSummary); snapshots copied before it have newest_state_known NULL and are scanned.
ALTER TABLE pp_snapshot ADD COLUMN IF NOT EXISTS newest_state TIMESTAMP;
ALTER TABLE pp_snapshot ADD COLUMN IF NOT EXISTS newest_state_known BOOLEAN;
-- The newest inventory time of a snapshot (host inventory, and SMS 2003's scan and agent install
-- times of compliance rows; client local, as read), impossible dates left out: with newest_state
-- it dates the data itself (DataTime). NULL for snapshots copied before it was kept.
ALTER TABLE pp_snapshot ADD COLUMN IF NOT EXISTS newest_inventory TIMESTAMP;
CREATE TABLE IF NOT EXISTS pp_run (
    job_instance_id  BIGINT PRIMARY KEY,
    snapshot_id      BIGINT NOT NULL
);
-- The settings that decide a finding, recorded by the first step of a run that works findings out
-- (FindingSettings); stores created before it gain the column here.
ALTER TABLE pp_run ADD COLUMN IF NOT EXISTS finding_settings VARCHAR(8000);
-- The number of partitions of the run's reconcile step, recorded when the step first begins; every
-- restart keeps it (RunStore.reconcilePartitions).
ALTER TABLE pp_run ADD COLUMN IF NOT EXISTS partitions INT;
CREATE TABLE IF NOT EXISTS pp_snap_query (
    snapshot_id  BIGINT NOT NULL,
    file_path    VARCHAR(400) NOT NULL,
    sha256       VARCHAR(64) NOT NULL,
    rows_read    BIGINT NOT NULL,
    PRIMARY KEY (snapshot_id, file_path)
);
-- Optional columns the site database lacked when a snapshot was read (SqlFile: read as NULL),
-- per SQL file, for the manifest and the Data quality sheet. Deleted with their snapshot.
CREATE TABLE IF NOT EXISTS pp_snap_absent_column (
    snapshot_id  BIGINT NOT NULL,
    file_path    VARCHAR(400) NOT NULL,
    column_name  VARCHAR(400) NOT NULL,
    PRIMARY KEY (snapshot_id, file_path, column_name)
);
CREATE TABLE IF NOT EXISTS pp_snap_host (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    resourceId INT, name VARCHAR, domain VARCHAR, siteCode VARCHAR, osName VARCHAR, osCaption VARCHAR,
    obsolete INT, decommissioned INT, active INT, client INT,
    lastBootLocal TIMESTAMP, osInventoryLocal TIMESTAMP, hwScanLocal TIMESTAMP,
    currentTimeZone INT, timeZoneOffset INT, clientState INT,
    lastScanTime TIMESTAMP, lastScanState INT, clientActiveStatus INT,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_update (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    ciId INT, articleId VARCHAR, bulletinId VARCHAR, title VARCHAR, severity INT,
    datePosted TIMESTAMP, isExpired INT, isSuperseded INT,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_category (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    ciId INT, categoryType VARCHAR, categoryName VARCHAR,
    PRIMARY KEY (snapshot_id, seq)
);
-- categoryId (CategoryInstance_UniqueID) arrived with classification matching by GUID; stores created
-- before it gain the column here.
ALTER TABLE pp_snap_category ADD COLUMN IF NOT EXISTS categoryId VARCHAR;
CREATE TABLE IF NOT EXISTS pp_snap_compliance (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    resourceId INT, ciId INT, status INT, lastStatusChangeTime TIMESTAMP,
    enforcementState INT, enforcementTime TIMESTAMP, lastErrorCode INT, qfeInstalledOn VARCHAR,
    PRIMARY KEY (snapshot_id, seq)
);
-- stateName arrived with the sms2003 profile; stores created before it gain the column here.
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS stateName VARCHAR;
-- The SMS 2003 scan's own columns (scan status, scan tool, scan time, the row's bulletin and KB)
-- arrived with rules version 2; stores created before gain them here (NULL in older snapshots).
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS scanStatus VARCHAR;
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS scanAgent VARCHAR;
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS scanTime TIMESTAMP;
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS bulletinId VARCHAR;
ALTER TABLE pp_snap_compliance ADD COLUMN IF NOT EXISTS articleId VARCHAR;
-- No index on (snapshot_id, resourceId, ciId): maintaining it was a third of the extract's time;
-- duplicate pairs are found by one sorted pass instead (RunStore.duplicatePairs).
DROP INDEX IF EXISTS pp_snap_compliance_pair;
-- QFE install dates per (host, KB), read once per host by select_qfe.sql and joined to the
-- compliance rows when they are read (ComplianceRangeReader): the index makes that join one seek
-- per row, and the one on pp_snap_update finds a row's ArticleID.
CREATE TABLE IF NOT EXISTS pp_snap_qfe (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    resourceId INT, hotFixId VARCHAR, installedOn VARCHAR,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE INDEX IF NOT EXISTS pp_snap_qfe_key ON pp_snap_qfe (snapshot_id, resourceId, hotFixId);
CREATE INDEX IF NOT EXISTS pp_snap_update_ci ON pp_snap_update (snapshot_id, ciId);
CREATE TABLE IF NOT EXISTS pp_snap_member (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    collectionId VARCHAR, resourceId INT,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_window (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    collectionId VARCHAR, collectionName VARCHAR, windowName VARCHAR, windowDescription VARCHAR,
    startTime TIMESTAMP, durationMinutes INT, isGmt INT, isEnabled INT, windowType INT, recurrenceType INT,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_product_type (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    resourceId INT, productType INT,
    PRIMARY KEY (snapshot_id, seq)
);
-- Duplicated (ResourceID, CI_ID) pairs of a snapshot, worked out once (RunStore.duplicatePairs);
-- a row in pp_snap_duplicate_scan says the scan is done. Deleted with their snapshot.
CREATE TABLE IF NOT EXISTS pp_snap_duplicate (
    snapshot_id BIGINT NOT NULL, resourceId INT NOT NULL, ciId INT NOT NULL,
    PRIMARY KEY (snapshot_id, resourceId, ciId)
);
CREATE TABLE IF NOT EXISTS pp_snap_duplicate_scan (
    snapshot_id BIGINT PRIMARY KEY
);
-- One pair, one vote: the compliance rows of a snapshot that answer for no pair, with why
-- (DUPLICATE_ROW: a further copy of a (ResourceID, CI_ID) pair; OTHER_SCAN_TOOL: SMS 2003, another
-- scan tool's row for a host and bulletin a preferred tool's row answers). Worked out once per
-- snapshot (RunStore.notVoting); a row in pp_snap_vote_scan says so and with which preferred scan
-- agents. Deleted with their snapshot.
CREATE TABLE IF NOT EXISTS pp_snap_not_voting (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL, reason VARCHAR(32) NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_vote_scan (
    snapshot_id BIGINT PRIMARY KEY, preferred_scan_agents VARCHAR(2000) NOT NULL
);
-- Values the extract read as unknown although the source returned something (a value that does
-- not convert to its column's type, an impossible date) and rows whose key is NULL (ValueAudit):
-- at most 1,000 listed per column and kind, all counted. Deleted with their snapshot.
CREATE TABLE IF NOT EXISTS pp_snap_value_issue (
    snapshot_id BIGINT NOT NULL, table_name VARCHAR(64) NOT NULL, column_name VARCHAR(64) NOT NULL,
    source_column VARCHAR(128), kind VARCHAR(20) NOT NULL, seq BIGINT NOT NULL, resource_id INT, ci_id INT,
    raw_value VARCHAR(200), note VARCHAR(200), file_name VARCHAR(200),
    PRIMARY KEY (snapshot_id, table_name, column_name, kind, seq)
);
CREATE TABLE IF NOT EXISTS pp_snap_value_issue_count (
    snapshot_id BIGINT NOT NULL, table_name VARCHAR(64) NOT NULL, column_name VARCHAR(64) NOT NULL,
    source_column VARCHAR(128), kind VARCHAR(20) NOT NULL, total BIGINT NOT NULL, file_name VARCHAR(200),
    PRIMARY KEY (snapshot_id, table_name, column_name, kind)
);
-- Staged findings: the sheets' ones (NOT_IN_EFFECT, MISSING) in one table per job instance,
-- pp_finding_<job_instance_id>_sheet, created by the reconcile step and dropped by the history
-- step (RunStore.createSheetTable); the publish step works every finding out again from the snapshot.
CREATE TABLE IF NOT EXISTS pp_published (
    job_instance_id BIGINT PRIMARY KEY,
    stem            VARCHAR(400) NOT NULL,
    output_dir      VARCHAR(2000) NOT NULL,
    published_at    TIMESTAMP NOT NULL
);
-- This store's own tag (one row, made the first time it publishes, StoreTag): the temporary
-- files of its publishes carry it, so that a run deletes only what runs of this store left.
CREATE TABLE IF NOT EXISTS pp_store (
    store_tag VARCHAR(32) PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS pp_history_run (
    job_instance_id BIGINT PRIMARY KEY,
    as_of DATE NOT NULL, profile VARCHAR(20) NOT NULL, schema_profile VARCHAR(20) NOT NULL,
    scope_key VARCHAR(1000) NOT NULL, rerun INT NOT NULL, completed_at TIMESTAMP NOT NULL,
    rows_read BIGINT NOT NULL, applicable BIGINT NOT NULL, reported_installed BIGINT NOT NULL,
    in_effect BIGINT NOT NULL, exempt BIGINT NOT NULL, not_in_effect BIGINT NOT NULL,
    unverified BIGINT NOT NULL, missing BIGINT NOT NULL, failed BIGINT NOT NULL,
    servers_hosts BIGINT NOT NULL, servers_fully_reported BIGINT NOT NULL, servers_fully_effective BIGINT NOT NULL,
    workstations_hosts BIGINT NOT NULL, workstations_fully_reported BIGINT NOT NULL, workstations_fully_effective BIGINT NOT NULL
);
-- Rules version 2: "reported installed" (Status 3 or a restart-pending/verified state) and the rules
-- version each run's figures were worked out with; runs kept before have NULL.
ALTER TABLE pp_history_run ADD COLUMN IF NOT EXISTS site_installed BIGINT;
ALTER TABLE pp_history_run ADD COLUMN IF NOT EXISTS rules_version VARCHAR(20);
CREATE TABLE IF NOT EXISTS pp_history_first_seen (
    scope_key VARCHAR(1000) NOT NULL, schema_profile VARCHAR(20) NOT NULL,
    resource_id INT NOT NULL, ci_id INT NOT NULL,
    first_seen DATE NOT NULL, last_seen DATE NOT NULL,
    PRIMARY KEY (scope_key, schema_profile, resource_id, ci_id)
);
