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
CREATE TABLE IF NOT EXISTS pp_run (
    job_instance_id  BIGINT PRIMARY KEY,
    snapshot_id      BIGINT NOT NULL
);
-- The settings that decide a finding, recorded by the first step of a run that works findings out
-- (FindingSettings); stores created before it gain the column here.
ALTER TABLE pp_run ADD COLUMN IF NOT EXISTS finding_settings VARCHAR(8000);
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
-- Staged findings: the sheets' ones (NOT_IN_EFFECT, MISSING) in one table per job instance,
-- pp_finding_<job_instance_id>_sheet, created by the reconcile step and dropped by the history
-- step (RunStore.createSheetTable); the publish step works every finding out again from the snapshot.
CREATE TABLE IF NOT EXISTS pp_published (
    job_instance_id BIGINT PRIMARY KEY,
    stem            VARCHAR(400) NOT NULL,
    output_dir      VARCHAR(2000) NOT NULL,
    published_at    TIMESTAMP NOT NULL
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
CREATE TABLE IF NOT EXISTS pp_history_first_seen (
    scope_key VARCHAR(1000) NOT NULL, schema_profile VARCHAR(20) NOT NULL,
    resource_id INT NOT NULL, ci_id INT NOT NULL,
    first_seen DATE NOT NULL, last_seen DATE NOT NULL,
    PRIMARY KEY (scope_key, schema_profile, resource_id, ci_id)
);
