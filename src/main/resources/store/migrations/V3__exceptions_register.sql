-- Store version 3: the exceptions register kept with each run, and the members of the collections
-- the register names. Applied once, in one transaction with its pp_store_version row (StoreSchema);
-- the DROPs make a second attempt start clean where DDL commits at once (H2).
-- Portable types only (H2, PostgreSQL, SQL Server).
DROP TABLE IF EXISTS pp_run_exceptions;
DROP TABLE IF EXISTS pp_snap_register_member;

-- The register as the run read it: its name as configured, the SHA-256 of its bytes and its text
-- (sha256 and content NULL: the run had no register). A restart and the report command read this
-- copy, never the file.
CREATE TABLE pp_run_exceptions (
    job_instance_id  BIGINT NOT NULL PRIMARY KEY,
    file_name        VARCHAR(1000) NOT NULL,
    sha256           VARCHAR(64),
    content          VARCHAR(1000000)
);

-- Members of the collections the register names (select_register_members.sql): one row per
-- member, and one with a NULL resourceId for a collection without members; a CollectionID the
-- site does not have has no row.
CREATE TABLE pp_snap_register_member (
    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
    collectionId VARCHAR(100), resourceId INT,
    PRIMARY KEY (snapshot_id, seq)
);
