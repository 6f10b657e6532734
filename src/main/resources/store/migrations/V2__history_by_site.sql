-- Store version 2: history keyed by site, every figure per run, first-seen streaks.
-- Applied once, in one transaction with its pp_store_version row (StoreSchema). Databases that
-- commit DDL at once (H2) may keep the tables of an attempt that failed: the DROPs make a second
-- attempt start clean (nothing but this script writes them before version 2 is recorded).
-- Portable types only (H2, PostgreSQL, SQL Server).
DROP TABLE IF EXISTS pp_history_seen;
DROP TABLE IF EXISTS pp_history_figure;
DROP TABLE IF EXISTS pp_history_point;
DROP TABLE IF EXISTS pp_history_key;

-- What a trend is kept for: a site (its code, or server/database; demo runs "demo:<site>"; ""
-- for runs kept before the site was part of the run identity), a schema profile and a scope.
CREATE TABLE pp_history_key (
    key_id          BIGINT NOT NULL PRIMARY KEY,
    site            VARCHAR(600) NOT NULL,
    schema_profile  VARCHAR(20) NOT NULL,
    scope_key       VARCHAR(1000) NOT NULL
);

-- One point per key and as-of date: the run whose history step completed last (a rerun, a
-- restart or another report profile of the same as-of date replaces it). Its figures are those
-- of pp_history_run and pp_history_figure of that job instance.
CREATE TABLE pp_history_point (
    key_id           BIGINT NOT NULL,
    as_of            DATE NOT NULL,
    job_instance_id  BIGINT NOT NULL,
    PRIMARY KEY (key_id, as_of)
);

-- A run's figures, one row per slice: dimension ALL (key ''), ROLE (servers, workstations),
-- SEVERITY (Severity's name) and COLLECTION (CollectionID). The hosts_* columns (hosts fully
-- patched for critical updates) are kept for ALL and ROLE only. Written by the publish step
-- beside pp_history_run; runs kept by version 1 have no rows here (their headline is in
-- pp_history_run).
CREATE TABLE pp_history_figure (
    job_instance_id     BIGINT NOT NULL,
    dimension           VARCHAR(16) NOT NULL,
    dim_key             VARCHAR(256) NOT NULL,
    applicable          BIGINT NOT NULL,
    site_installed      BIGINT NOT NULL,
    reported_installed  BIGINT NOT NULL,
    reported_or_exempt  BIGINT NOT NULL,
    in_effect           BIGINT NOT NULL,
    exempt              BIGINT NOT NULL,
    not_in_effect       BIGINT NOT NULL,
    unverified          BIGINT NOT NULL,
    missing             BIGINT NOT NULL,
    failed              BIGINT NOT NULL,
    sla_overdue         BIGINT NOT NULL,
    hosts               BIGINT,
    hosts_reported      BIGINT,
    hosts_effective     BIGINT,
    hosts_effective_exc BIGINT,
    critical_pairs      BIGINT,
    PRIMARY KEY (job_instance_id, dimension, dim_key)
);

-- NOT_IN_EFFECT streaks: a (host, update) pair was not in effect at every kept point of its key
-- from first_seen to last_seen (both kept as-of dates), and in effect, or not listed, at the kept
-- points just before and after. A pair has one row per streak (HistoryStore). A streak that holds
-- the key's newest point has last_seen 9999-12-31 (HistoryStore.OPEN), so that a month kept in
-- date order writes only the pairs that recovered and the new ones.
CREATE TABLE pp_history_seen (
    key_id       BIGINT NOT NULL,
    resource_id  INT NOT NULL,
    ci_id        INT NOT NULL,
    first_seen   DATE NOT NULL,
    last_seen    DATE NOT NULL,
    PRIMARY KEY (key_id, resource_id, ci_id, first_seen)
);
CREATE INDEX pp_history_seen_last ON pp_history_seen (key_id, last_seen);

