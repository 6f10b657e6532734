package io.patchproof.cli;

/** The text of {@code --help}: every command, option and property. */
final class HelpText {

    private HelpText() {
    }

    static final String TEXT = """
            patchproof: is the patch really in effect? Reconciles what a ConfigMgr/SMS site database
            reports installed with each host's last boot and pending-restart signals, and writes an
            Excel compliance workbook, a findings CSV and a manifest.

            Usage: java -jar target/patchproof.jar <command> [options] [--property=value ...]

            Commands:
              demo       build the demo site database on first use (reused after) and run the
                         report profile (default monthly) against it; its files are named demo-..., never a real
                         report's name, and each demo run replaces them (with --rerun they are
                         kept, and the run writes suffixed files, -r2, -r3, ...); with the cio
                         profile it first builds, once, twelve months of history for the trend
                         (several minutes at the default size)
              run        one run against the configured site database (patchproof.source.url)
              restart    restart the last failed or stopped run of this identity (site, as-of
                         date, profile, schema, scope); a run left running by a crash is recovered first
              schedule   stay up and fire the configured runs (patchproof.schedule.*) with Quartz,
                         against the configured site database, as of each fire's date; a fire
                         missed while it was down runs once at start; no two runs overlap; a
                         failed run is restarted by its schedule's next fire; Ctrl-C or SIGTERM
                         stops it (a run in progress stops at its next commit)
              status     the last runs (identity, start, end, outcome, exit code, rows, files),
                         the schedule's fires and the next fire times; --json for tools
              report     render a profile (--patchproof.report.profile=cio, audit or monthly) of a
                         completed run from the snapshot the local store keeps of it, without
                         reading the site database (no source URL needed). The run: the newest
                         completed one of --patchproof.as-of (default today) and the scope given;
                         --patchproof.report.site=PP1 picks the site where several are kept. Files
                         <profile>-<site>-<as-of>..., never overwritten (exit 4; --rerun: -r2, ...);
                         a run whose snapshot was pruned (patchproof.store.keep-snapshots, default 3) is refused (exit 2)
              verify     verify <stem>.manifest.json [--patchproof.verify.fingerprint=SHA256]: checks every
                         file the manifest lists against its SHA-256 and, where the set is signed,
                         the signature (.manifest.json.sig); with the fingerprint it also requires
                         that signer. Needs no configuration, store or database. Exit 0 and one
                         line when intact; exit 6 and one line per problem when not
              --help     this text
              --version  the tool's version

            Options:
              --rerun              run an identity again after it completed; files get -r2, -r3, ...
              --fail-under=PCT     exit 3 when effective compliance is below PCT percent (0 to 100)
              --json               status: JSON instead of the table
              --patchproof.verify.fingerprint=SHA256
                                   verify: the set must be signed by the certificate with this
                                   SHA-256 fingerprint (the output folder's README.txt names it;
                                   colons allowed); without it any signer, or none, is accepted
              --debug, --trace     Spring Boot's own: the framework's DEBUG (TRACE) lines and the
                                   condition evaluation report on the console, and patchproof's
                                   DEBUG lines (the settings, masked, once)

            Properties (config/application.yml, --name=value, or environment variables such as
            PATCHPROOF_SOURCE_PASSWORD):
              patchproof.source.url               site database JDBC URL, e.g.
                                                  jdbc:sqlserver://cm01.example.org:1433;databaseName=CM_PP1
              patchproof.source.username          login (leave empty for integrated authentication)
              patchproof.source.password          password: use PATCHPROOF_SOURCE_PASSWORD, not the
                                                  command line (process lists show it)
              patchproof.source.schema            configmgr | sms2003 | auto (default auto)
              patchproof.source.fetch-size        rows per round trip (default 1000)
              patchproof.source.login-timeout     default 15s
              patchproof.source.query-timeout     default 30m
              patchproof.source.socket-timeout    default 10m
              patchproof.source.retry.attempts    tries per extract query after a deadlock, lock time-out
                                                  or connection reset (default 3 in all)
              patchproof.source.retry.backoff     first pause between tries, doubling (default 2s)
              patchproof.source.use-product-type  read ProductType0 where the site collects it (default false)
              patchproof.source.sms2003.state-names.[NAME]  sms2003: what the SMS agent's LastStateName
                                                  adds to the scan status: pending-restart (state 9)
                                                  | failed (state 11) | installed | required |
                                                  not-applicable (no state), added to the built-in
                                                  names (Reboot pending, Failed, Install Verified,
                                                  ...); an unknown name adds no state and is
                                                  counted under Data quality
              patchproof.source.sms2003.agent-install-date-zone  local | utc: the zone of
                                                  AgentInstallDate (default local, as inventory)
              patchproof.source.sms2003.preferred-scan-agents  sms2003: ScanAgent patterns of the tool
                                                  whose row answers for a host and bulletin when
                                                  older tools (MBSA, ESUIT) report it too (default
                                                  *Microsoft Updates*, the ITMU)
              patchproof.source.sms2003.bulletin-severity  sms2003: CSV bulletin_id,severity, each
                                                  bulletin's published maximum severity rating
                                                  (default classpath:config/bulletin-severity.csv:
                                                  MS06-066 to MS08-069; file:... for your own)
              patchproof.report.profile           monthly | cio | audit (default monthly): cio is the
                                                  quarterly CIO report, the headline with its trend over the
                                                  runs kept for the site, schema and scope; audit is the
                                                  auditors' evidence: every pair in scope, the exceptions
                                                  register as read, how the data was read, with hashes
              patchproof.report.site              report: the site of the run to render (site code, or
                                                  server/database) where the store holds several
              patchproof.report.template          template location (default classpath:reports/templates/<profile>.xlsx)
              patchproof.as-of                    ISO date, 2003-01-01 to today (default today; the demo:
                                                  its own date, 2026-11-16, or 2008-11-14 for sms2003)
              patchproof.output.dir               where files go (default reports/out; checked before
                                                  the site database is read; `restart` uses the run's own)
              patchproof.exceptions.file          the exceptions register, CSV host,update,reason,
                                                  compensating_control,approver,approved_on,expires_on
                                                  (default config/exceptions.csv; absent there = no
                                                  register; a file given here must exist; the demo
                                                  uses its own)
              patchproof.scope.collection         CollectionID (default all systems)
              patchproof.scope.article            KB numbers, comma-separated (default all)
              patchproof.scope.bulletin           bulletin IDs, comma-separated (default all)
              patchproof.scope.hosts              host name pattern with * and ? (default all)
              patchproof.scope.min-severity       low | moderate | important | critical (default none)
              patchproof.scope.servers-only       true | false (default false)
              patchproof.demo.hosts               demo size, 20 to 2,000,000 hosts (default 8450;
                                                  about a minute to build 8,450 on first use)
              patchproof.demo.schema              configmgr | sms2003 (default configmgr; sms2003 replays
                                                  the MS08-067 story on an SMS 2003 site)
              patchproof.demo.seed                demo seed (default 20081023: same seed, same workbook)
              patchproof.demo.dir                 where demo databases are kept (default data/demo)
              patchproof.rules.enforcement-margin how far an install may lie from a state message (default 2h)
              patchproof.rules.unknown-offset-window  a local time of unknown zone stands for +/- this (default 14h)
              patchproof.rules.inventory-stale-after  inventory older than this is flagged (default 30d)
              patchproof.rules.reboot-classifications update classifications that need a restart
                                                  (default Security Updates, Critical Updates, Update Rollups)
              patchproof.rules.reboot-products    product patterns in scope (default all)
              patchproof.rules.reboot-titles      title patterns in scope whatever the classification
                                                  (default *Cumulative Update for Windows*)
              patchproof.rules.superseded-in-headline  count superseded updates in the headline (default false)
              patchproof.rules.sla                pci-dss | cyber-essentials | essential-eight | none (default pci-dss)
              patchproof.schedule.monthly         when `schedule` runs the monthly profile: a Quartz cron
                                                  expression (sec min hour day month weekday), optionally
                                                  + days (+5d), in local time, or off (default
                                                  0 0 6 ? * TUE#2 +5d: the Sunday after Patch Tuesday, 06:00)
              patchproof.schedule.quarterly       when it runs the cio profile, likewise (default
                                                  0 0 6 1W 1,4,7,10 ?: each quarter's first weekday,
                                                  06:00; public holidays are not known); until the cio
                                                  profile exists, each fire is recorded as refused
              patchproof.store.keep-snapshots     how many snapshots of the site database the local
                                                  store keeps, the newest (default 3; the store is about
                                                  10 MB per 1,000 hosts with three); a run whose snapshot
                                                  is deleted keeps its files but cannot be rendered again
              patchproof.signing.keystore         a PKCS#12 keystore (keytool -genkeypair -storetype PKCS12):
                                                  each set's manifest is signed (SHA256withRSA or
                                                  SHA256withECDSA), the signature beside it in
                                                  <stem>.manifest.json.sig, the certificate's fingerprint
                                                  in the output folder's README.txt (default none: the
                                                  sets are unsigned and their manifests say so)
              patchproof.signing.alias            the key pair's alias (default the keystore's only one)
              patchproof.signing.password         the keystore's password: use PATCHPROOF_SIGNING_PASSWORD,
                                                  not the command line (process lists show it)
              spring.datasource.url               the local store (default an H2 file under data/store);
                                                  opened by one process at a time
              logging.file.name                   the log file: stack traces go there, the console
                                                  gets one line (default logs/patchproof.log)

            Unknown patchproof.* and spring.datasource.* names are refused with the nearest known
            one, as are values of the wrong type or out of range, before anything is opened.

            Exit codes: 0 success; 1 the run failed or was stopped (restartable); 2 usage or
            configuration error, found before a run starts; 3 completed, but effective compliance
            is below --fail-under; 4 refused, this run already completed; 5 completed, but the
            scope matched nothing (no applicable pair; the Summary says so); 6 verify: the set is
            not intact (a changed or missing file, a wrong or missing signature, a malformed
            manifest).
            """;
}
