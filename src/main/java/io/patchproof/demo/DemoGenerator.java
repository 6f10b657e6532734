package io.patchproof.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.patchproof.demo.DemoCatalog.Family;
import io.patchproof.demo.DemoCatalog.Kind;
import io.patchproof.demo.DemoCatalog.Update;

/**
 * Writes the rows of the demo site database, one host at a time (so memory does not grow with
 * the host count). Everything about host {@code i} is a function of (seed, i, host count) only.
 * See {@link DemoSiteDatabase} for the shape of the data.
 *
 * <p>Times are epoch seconds while generating. Inventory columns are written in the client's
 * local time (UTC + its offset), state-message and scan columns in UTC.
 */
final class DemoGenerator {

    static final int FIRST_RESOURCE_ID = 16_777_300;
    static final String SITE_CODE = "PP1";

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = DemoEstate.DAY;
    private static final long SALT_IDENTITY = 1;
    private static final long SALT_HOST = 2;
    private static final long SALT_ROWS = 3;

    private static final long SALT_PAST_INSTALL = 5;
    private static final long SALT_PAST_STATUS = 6;
    private static final long SALT_CAMPAIGN = 7;

    /** The start of the as-of day, UTC: every generated time lies before it (bar the anomalies). */
    private final long cutoff;
    /**
     * The start of the demo's own as-of day: who the hosts are (first seen, retired, rebuilt) is
     * dated from it on every date, so a past date shows the same hosts at an earlier point of their lives.
     */
    private final long presentCutoff = DemoSiteDatabase.AS_OF.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private final long twoYearsBefore = DemoSiteDatabase.AS_OF.minusYears(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    /** A date before the demo's own: the estate as it stood then (see {@link DemoSiteDatabase#generate}). */
    private final boolean past;
    private final LocalDate asOf;
    /** Patch Tuesday months released before the as-of date ({@link DemoCatalog#MONTHS} on the demo's own). */
    private final int monthsReleased;

    private final int hosts;
    private final long seed;
    private final int servers;
    private final DemoEstate estate;
    private final DemoCatalog catalog;
    private final Map<Family, List<Update>> updatesByFamily = new EnumMap<>(Family.class);

    DemoGenerator(int hosts, long seed) {
        this(hosts, seed, DemoSiteDatabase.AS_OF);
    }

    /** The generator of the estate as it stood on {@code asOf}, on or before the demo's own date. */
    DemoGenerator(int hosts, long seed, LocalDate asOf) {
        if (asOf.isAfter(DemoSiteDatabase.AS_OF)) {
            throw new IllegalArgumentException("the demo estate has no story after " + DemoSiteDatabase.AS_OF + ": " + asOf);
        }
        this.hosts = hosts;
        this.seed = seed;
        this.asOf = asOf;
        this.past = !asOf.equals(DemoSiteDatabase.AS_OF);
        this.cutoff = asOf.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        this.monthsReleased = DemoCatalog.monthsReleased(asOf);
        this.servers = DemoEstate.serverCount(hosts);
        this.estate = new DemoEstate(hosts, seed, presentCutoff);
        this.catalog = DemoCatalog.build(asOf);
        for (Family f : Family.values()) {
            updatesByFamily.put(f, catalog.updates().stream().filter(u -> u.appliesTo(f)).toList());
        }
    }

    /** Writes every row; returns rows per table. The connection must have auto-commit off. */
    Map<String, Long> generate(Connection connection) throws SQLException {
        Map<String, Long> counts;
        try (DemoLoader loader = new DemoLoader(connection)) {
            DemoStaticData.write(loader, asOf);
            writeCatalog(loader);
            for (int i = 0; i < hosts; i++) {
                Plan p = plan(i);
                if (!past || asItStood(p)) {
                    writeHost(loader, p);
                }
            }
            writeOrphans(loader);
            loader.commit();
            counts = loader.rowCounts();
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE site_collection SET MemberCount = (SELECT COUNT(*) FROM "
                    + "site_collection_member m WHERE m.CollectionID = site_collection.CollectionID)");
        }
        connection.commit();
        return counts;
    }

    // ---------------------------------------------------------------------------------------
    // Catalog

    private void writeCatalog(DemoLoader loader) throws SQLException {
        int categoryInstance = 1;
        Map<String, Integer> categoryIds = new HashMap<>();
        for (Update u : catalog.updates()) {
            LocalDateTime revised = u.posted().plusDays(u.superseded() ? 35 : 1);
            loader.add("site_update", u.ciId(), "Site_" + SITE_CODE + "/SUM_" + uuid(u.ciId()), u.ciType(),
                    u.articleId(), u.bulletinId(), u.title(), u.description(),
                    u.articleId().isEmpty() ? null : "https://support.microsoft.com/help/" + u.articleId(),
                    u.severity(), u.posted(), revised.isBefore(asOf.atStartOfDay()) ? revised : u.posted(),
                    u.superseded() ? 201 : 200, u.expired(), u.superseded(), u.kind() != Kind.DEFINITION || !u.expired(),
                    true, 1033);
            if (u.kind() == Kind.GROUP) {
                continue;
            }
            List<String[]> categories = new ArrayList<>();
            categories.add(new String[] {"Company", "Microsoft Corporation"});
            categories.add(new String[] {"UpdateClassification", u.classification()});
            for (String product : u.products()) {
                categories.add(new String[] {"Product", product});
            }
            for (String[] c : categories) {
                String key = c[0] + "|" + c[1];
                Integer id = categoryIds.get(key);
                if (id == null) {
                    id = categoryInstance++;
                    categoryIds.put(key, id);
                }
                String guid = c[0].equals("UpdateClassification") ? DemoCatalog.CLASSIFICATION_GUIDS.get(c[1])
                        : uuid(1_000 + id).toLowerCase(java.util.Locale.ROOT);
                loader.add("site_ci_category", u.ciId(), id, c[0] + ":" + guid, c[0], c[1]);
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Host plan: who the host is, as a pure function of (seed, index)

    /**
     * When a host last booted. The deployments of SERVER_LONG and SERVER_MEDIUM servers suppress the
     * restart (years or months of uptime: every install since waits on state 9); SERVER_RECENT servers
     * restart in their maintenance window after the install; workstations restart when their users do.
     */
    enum BootClass { SERVER_LONG, SERVER_MEDIUM, SERVER_RECENT, WS_RECENT, WS_WEEKS, WS_MONTHS, WS_LONG }

    enum PatchGroup { GROUP_A, GROUP_B, DOMAIN_CONTROLLERS, MANUAL, PILOT, PRODUCTION }

    enum QfeStyle { US_DATE, COMPACT_DATE, FILETIME, EMPTY, NULL }

    /** Everything decided about one host before its rows are written. */
    static final class Plan {
        int index;
        int resourceId;
        boolean server;
        int ordinal;
        String name;
        String domain;
        Family family;
        String osName;
        String caption;
        String build;
        int productType;
        boolean domainController;
        int offsetMinutes;
        Integer reportedCurrentTimeZone;
        Integer reportedTimeZoneOffset;
        boolean client = true;
        boolean active = true;
        boolean obsolete;
        boolean decommissioned;
        boolean neverScanned;
        boolean noInventory;
        boolean futureBoot;
        boolean hideBoot;
        boolean staleInventory;
        int lagMonths;
        boolean staleRestartMessage;
        long firstSeen;
        long endOfData = Long.MAX_VALUE;
        BootClass bootClass;
        PatchGroup group;
        QfeStyle qfeStyle;
        boolean duplicateOsRow;
        boolean duplicateQfeRow;
        boolean secondScanSource;
        boolean unknownStatusRow;
        boolean unknownEnforcementRow;
        boolean notRequiredRow;
        boolean virtual;
        /** A workstation whose user also installs updates through Windows Update, outside any deployment. */
        boolean userInstalls;
        /** A host with a few records that disagree: Status 3 and state 10 for installs after its last boot. */
        boolean disagree;
        /** A client whose update scans stopped weeks ago: its compliance rows are what the site knew then. */
        boolean staleScan;
        long scanEnd = Long.MAX_VALUE;
    }

    private String[] identity(int i) {
        DemoRandom r = new DemoRandom(seed, i, SALT_IDENTITY);
        String domain;
        String name;
        if (estate.isServer(i)) {
            int ordinal = estate.serverOrdinal(i);
            String role = ordinal % 25 == 2 ? "DC" : r.pick("APP", "SQL", "WEB", "FIL", "EXC", "PRN", "HYV", "RDS", "CTX");
            name = "SRV" + role + String.format("%04d", ordinal + 1);
            domain = "CORP";
        }
        else {
            int ordinal = estate.workstationOrdinal(i);
            name = switch (ordinal) {
                case 3 -> "LAB_PC01";
                case 4 -> "LABXPC01";
                case 5 -> "O'NEIL-LT";
                case 6 -> "QA%KIOSK";
                default -> (r.chance(0.3) ? "LPT" : "WKS") + String.format("%06d", ordinal + 1);
            };
            int d = r.weighted(85, 8, 5, 2);
            domain = new String[] {"CORP", "EMEA", "APAC", "WORKGROUP"}[d];
        }
        return new String[] {name, domain};
    }

    Plan plan(int i) {
        Plan p = new Plan();
        DemoRandom r = new DemoRandom(seed, i, SALT_HOST);
        p.index = i;
        p.resourceId = FIRST_RESOURCE_ID + i;
        p.server = estate.isServer(i);
        p.ordinal = p.server ? estate.serverOrdinal(i) : estate.workstationOrdinal(i);
        boolean twin = estate.isTwin(i);
        boolean twinTarget = i > 0 && estate.isTwin(i - 1);
        String[] id = identity(twin ? i + 1 : i);
        p.name = id[0];
        p.domain = id[1];

        if (p.server) {
            p.domainController = p.name.startsWith("SRVDC");
            p.family = new Family[] {Family.WS2016, Family.WS2019, Family.WS2022}[r.weighted(25, 40, 35)];
            if (p.domainController && p.family == Family.WS2016) {
                p.family = Family.WS2019;
            }
            String edition = r.chance(0.3) ? "Datacenter" : "Standard";
            p.caption = switch (p.family) {
                case WS2016 -> "Microsoft Windows Server 2016 " + edition;
                case WS2019 -> "Microsoft Windows Server 2019 " + edition;
                default -> "Microsoft Windows Server 2022 " + edition;
            };
            p.osName = p.domainController ? "Microsoft Windows NT Advanced Server 10.0" : "Microsoft Windows NT Server 10.0";
            if (p.ordinal % 97 == 5) {
                p.osName = null; // discovery did not deliver it; Caption0 still says Server
            }
            p.productType = p.domainController ? 2 : 3;
            p.group = p.domainController ? PatchGroup.DOMAIN_CONTROLLERS
                    : new PatchGroup[] {PatchGroup.GROUP_A, PatchGroup.GROUP_B, PatchGroup.MANUAL}[r.weighted(45, 45, 10)];
            p.bootClass = p.ordinal == 0 ? BootClass.SERVER_LONG
                    : new BootClass[] {BootClass.SERVER_LONG, BootClass.SERVER_MEDIUM, BootClass.SERVER_RECENT}
                            [r.weighted(35, 20, 45)];
            p.hideBoot = r.chance(0.05);
            p.client = p.ordinal % 60 != 31;
            p.virtual = r.chance(0.7);
        }
        else {
            p.family = r.chance(0.4) ? Family.WIN10 : Family.WIN11;
            p.caption = p.family == Family.WIN10 ? "Microsoft Windows 10 Enterprise" : "Microsoft Windows 11 Enterprise";
            p.osName = "Microsoft Windows NT Workstation 10.0";
            p.productType = 1;
            if (p.ordinal % 500 == 27) {
                // Windows 10 multi-session reports as a server in discovery; only Caption0 tells.
                p.family = Family.WIN10;
                p.caption = "Microsoft Windows 10 Enterprise multi-session";
                p.osName = "Microsoft Windows NT Server 10.0";
                p.productType = 3;
            }
            p.group = r.chance(0.06) ? PatchGroup.PILOT : PatchGroup.PRODUCTION;
            p.bootClass = new BootClass[] {BootClass.WS_RECENT, BootClass.WS_WEEKS, BootClass.WS_MONTHS, BootClass.WS_LONG}
                    [r.weighted(75, 15, 7, 3)];
            p.hideBoot = r.chance(0.03);
            p.client = p.ordinal % 100 != 42 && !r.chance(0.015);
            p.virtual = r.chance(0.05);
        }
        p.build = switch (p.family) {
            case WS2016 -> "10.0.14393";
            case WS2019 -> "10.0.17763";
            case WS2022 -> "10.0.20348";
            case WIN10 -> "10.0.19045";
            case WIN11 -> "10.0.26100";
        };

        p.offsetMinutes = new int[] {60, 0, -300, -480, 330, 600}[r.weighted(55, 12, 14, 6, 8, 5)];
        int reporting = r.weighted(88, 5, 3, 4);
        if (!p.server && p.ordinal % 50 == 13) {
            reporting = 3;
        }
        p.reportedCurrentTimeZone = reporting == 0 || reporting == 2 ? p.offsetMinutes : null;
        p.reportedTimeZoneOffset = reporting == 0 || reporting == 1 ? p.offsetMinutes : null;

        p.firstSeen = r.chance(0.85) ? presentCutoff - r.between(750 * DAY, 2_500 * DAY) : presentCutoff - r.between(30 * DAY, 700 * DAY);
        if (twin) {
            p.obsolete = true;
            p.active = false;
            p.endOfData = estate.twinEnd(i);
            p.firstSeen = Math.min(p.firstSeen, p.endOfData - 400 * DAY);
        }
        else if (twinTarget) {
            p.firstSeen = estate.twinEnd(i - 1) + r.between(HOUR, 2 * DAY);
        }
        if (!p.server && p.ordinal % 250 == 11) {
            p.decommissioned = true;
            p.active = false;
            p.endOfData = presentCutoff - r.between(40 * DAY, 300 * DAY);
        }
        else if (!twin && r.chance(0.025)) {
            p.active = false;
            p.endOfData = presentCutoff - r.between(35 * DAY, 400 * DAY);
        }
        if (p.endOfData != Long.MAX_VALUE) {
            p.firstSeen = Math.min(p.firstSeen, p.endOfData - 60 * DAY);
        }
        p.neverScanned = (!p.server && p.ordinal % 300 == 19) || r.chance(0.003);
        p.noInventory = !p.server && p.ordinal % 400 == 47;
        p.futureBoot = (p.server && p.ordinal % 150 == 9) || (!p.server && p.ordinal % 1000 == 23);
        p.staleInventory = p.endOfData == Long.MAX_VALUE && r.chance(p.server ? 0.03 : 0.05);
        p.lagMonths = r.chance(p.server ? 0.04 : 0.07) ? 1 + r.nextInt(3) : 0;
        p.staleRestartMessage = r.chance(0.025) || (p.server && p.ordinal % 40 == 7) || (!p.server && p.ordinal % 120 == 15);
        p.qfeStyle = p.family == Family.WS2016 && r.chance(0.3) ? QfeStyle.FILETIME
                : new QfeStyle[] {QfeStyle.US_DATE, QfeStyle.COMPACT_DATE, QfeStyle.FILETIME, QfeStyle.EMPTY, QfeStyle.NULL}
                        [r.weighted(80, 8, 3, 5, 4)];
        p.duplicateOsRow = !p.server && p.ordinal % 300 == 29;
        p.duplicateQfeRow = (!p.server && p.ordinal % 100 == 31) || (p.server && p.ordinal % 50 == 21);
        p.secondScanSource = !p.server && p.ordinal % 150 == 41;
        p.unknownStatusRow = !p.server && p.ordinal % 1000 == 37;
        p.unknownEnforcementRow = !p.server && p.ordinal % 1000 == 38;
        p.notRequiredRow = !p.server && p.ordinal % 100 == 1;
        if (!p.client) {
            p.active = false;
        }
        p.userInstalls = !p.server && r.chance(0.08);
        p.disagree = (p.server && p.ordinal % 45 == 12) || (!p.server && p.ordinal % 350 == 77);
        if (p.disagree) {
            // Up for weeks or months, so that updates released and installed after its last boot
            // are there to disagree.
            p.bootClass = p.server ? BootClass.SERVER_MEDIUM : BootClass.WS_WEEKS;
        }
        p.staleScan = p.client && !p.neverScanned && p.endOfData == Long.MAX_VALUE
                && (r.chance(0.02) || (!p.server && p.ordinal % 200 == 63));
        if (p.staleScan) {
            p.scanEnd = presentCutoff - r.between(35 * DAY, 150 * DAY);
        }
        return p;
    }

    /**
     * Moves a plan of the demo's own date back to this generator's earlier date: false when the
     * host was not discovered yet. A host retired, rebuilt or gone quiet since was still active
     * then; a client whose scans stopped had stopped as long before that date as before the demo's.
     */
    private boolean asItStood(Plan p) {
        if (p.firstSeen >= cutoff - 2 * DAY) {
            return false;
        }
        if (p.endOfData != Long.MAX_VALUE && p.endOfData >= cutoff - DAY) {
            p.endOfData = Long.MAX_VALUE;
            p.obsolete = false;
            p.decommissioned = false;
            p.active = p.client;
        }
        if (p.staleScan) {
            p.scanEnd = cutoff - (presentCutoff - p.scanEnd);
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // Rows of one host

    /** One compliance row in the making. */
    private static final class Row {
        final Update update;
        long installed = Long.MAX_VALUE;
        boolean failed;
        long attempt;
        int status;
        long change;
        Integer message;
        long messageTime;
        Integer errorCode;
        /** Installed outside a deployment (by hand or by Windows Update): the site sends no enforcement message. */
        boolean outOfBand;
        /** The restart that made an install before the last boot take effect. */
        long restart = Long.MAX_VALUE;

        Row(Update update) {
            this.update = update;
        }
    }

    private void writeHost(DemoLoader loader, Plan p) throws SQLException {
        DemoRandom r = new DemoRandom(seed, p.index, SALT_ROWS);
        long offset = p.offsetMinutes * MINUTE;
        // Nothing on or after the as-of date, in UTC or in the client's local time.
        long end = cutoff - Math.max(0, offset);
        long limit = Math.min(end, p.endOfData);
        // Compliance rows end where the host's update scans stopped; inventory and boots go on.
        long rowsLimit = Math.min(limit, p.scanEnd);

        // 1. Which updates the host has rows for, and when each was installed.
        List<Row> rows = new ArrayList<>();
        if (p.client && !p.neverScanned) {
            List<Update> applicable = updatesByFamily.get(p.family);
            List<Update> definitions = new ArrayList<>();
            for (Update u : applicable) {
                if (u.postedEpoch() < p.firstSeen || u.postedEpoch() > rowsLimit - DAY || u.kind() == Kind.GROUP) {
                    continue;
                }
                if (u.reach() < 1.0 && new DemoRandom(seed, p.index, u.ciId()).nextDouble() >= u.reach()) {
                    continue;
                }
                if (u.kind() == Kind.DEFINITION) {
                    definitions.add(u);
                    continue;
                }
                rows.add(new Row(u));
            }
            int keep = Math.min(3, definitions.size());
            for (int k = definitions.size() - keep; k < definitions.size(); k++) {
                rows.add(new Row(definitions.get(k)));
            }
            if (p.notRequiredRow && definitions.size() > keep) {
                Row row = new Row(definitions.get(definitions.size() - keep - 1));
                row.status = 1;
                rows.add(row);
            }
            rows.sort((a, b) -> Integer.compare(a.update.ciId(), b.update.ciId()));
            for (Row row : rows) {
                if (row.status == 1) {
                    continue;
                }
                planInstall(p, row, past ? new DemoRandom(seed, p.index, SALT_PAST_INSTALL, row.update.ciId()) : r,
                        rowsLimit, offset);
            }
        }

        // 2. The last boot and the inventory that reports it.
        long boot = lastBoot(p, rows, r, end, limit);
        long inventory;
        if (p.staleInventory || p.endOfData != Long.MAX_VALUE) {
            inventory = p.staleInventory ? cutoff - r.between(90 * DAY, 240 * DAY) : p.endOfData - r.between(0, 2 * DAY);
            boot = Math.min(boot, inventory - r.between(HOUR, 20 * DAY));
            boot = Math.max(boot, p.firstSeen + HOUR);
            inventory = Math.max(inventory, boot + HOUR);
        }
        else {
            inventory = end - r.between(4 * HOUR, 7 * DAY);
            if (inventory < boot + 20 * MINUTE) {
                inventory = boot + r.between(20 * MINUTE, Math.max(21 * MINUTE, end - boot - 10 * MINUTE));
            }
        }
        long lastScan = p.endOfData != Long.MAX_VALUE ? p.endOfData - r.between(0, DAY)
                : p.staleScan ? p.scanEnd - r.between(0, DAY) : end - r.between(HOUR, 3 * DAY);

        // 3. What the site reports for each row, given that boot (Microsoft KB 3090265): an update
        // that needs a restart raises state 9 at the install and stays Status 2 until the detection
        // scan after the restart raises state 10 and Status 3; one that needs none gets both at once.
        scheduleRestarts(p, rows, r, boot, rowsLimit);
        int disagreeing = 0;
        for (Row row : rows) {
            if (row.status == 1) {
                row.change = row.update.postedEpoch() + HOUR;
                continue;
            }
            // Only monthly cumulative updates released after the last boot disagree (an inventory
            // after the install still reports a boot from before the release), so that which rows
            // do does not hang on what else the host was offered around that boot.
            boolean disagree = p.disagree && disagreeing < 2
                    && (row.update.kind() == Kind.CUMULATIVE || row.update.kind() == Kind.DOTNET)
                    && row.update.postedEpoch() > boot && !row.failed
                    && row.installed >= boot && row.installed + HOUR < inventory && row.installed < rowsLimit;
            decideStatus(p, row, past ? new DemoRandom(seed, p.index, SALT_PAST_STATUS, row.update.ciId()) : r, boot,
                    rowsLimit, disagree);
            if (disagree) {
                disagreeing++;
            }
        }
        Row lastInEffect = null;
        boolean pendingDeployment = false;
        boolean pendingOutOfBand = false;
        for (Row row : rows) {
            if (row.update.kind().rebootDependent && row.installed < rowsLimit && !row.failed && row.status > 1) {
                if (row.status == 2 && row.installed >= boot) {
                    pendingDeployment |= !row.outOfBand;
                    pendingOutOfBand |= row.outOfBand;
                }
                else if (row.installed < boot && !row.outOfBand
                        && (lastInEffect == null || row.installed > lastInEffect.installed)) {
                    lastInEffect = row;
                }
            }
        }
        if (p.staleRestartMessage && lastInEffect != null) {
            // The restart happened, but the "pending system restart" message was never replaced: on
            // some hosts the scan after the restart still set Status 3 (only the state-10 message was
            // lost), on others not even that.
            lastInEffect.message = 9;
            lastInEffect.messageTime = lastInEffect.installed;
            if (p.ordinal % 2 == 0) {
                lastInEffect.status = 2;
                lastInEffect.change = detected(lastInEffect.update, r, rowsLimit);
            }
        }
        applySpecialRows(p, rows);

        // 4. Write.
        writeDiscovery(loader, p, r, boot, inventory, lastScan, pendingDeployment, pendingOutOfBand);
        for (Row row : rows) {
            long check = Math.max(lastScan, row.change);
            Integer source = row.message == null ? 0 : (!p.server && r.chance(0.03) ? 2 : 1);
            loader.add("site_update_compliance", ((long) p.resourceId << 32) | row.update.ciId(), row.update.ciId(),
                    p.resourceId, row.status, utc(check), utc(row.change), source, row.message,
                    row.message == null ? null : utc(row.messageTime), row.errorCode);
        }
        if (p.client && !p.noInventory) {
            writeQfe(loader, p, r, rows, inventory, offset);
        }
    }

    private void planInstall(Plan p, Row row, DemoRandom r, long limit, long offset) {
        Update u = row.update;
        long posted = u.postedEpoch();
        long t;
        if (u.kind() == Kind.DEFINITION) {
            t = posted + r.between(HOUR, 20 * HOUR);
        }
        else if (u.kind() == Kind.OUT_OF_BAND) {
            t = posted + (p.server ? r.between(6 * HOUR, 72 * HOUR) : r.between(2 * HOUR, 48 * HOUR));
        }
        else {
            LocalDate postedLocal = LocalDateTime.ofEpochSecond(posted + offset, 0, ZoneOffset.UTC).toLocalDate();
            t = switch (p.group) {
                case GROUP_A -> local(postedLocal.plusDays(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY))
                        .atTime(2, 0), offset) + r.between(0, 150 * MINUTE);
                case GROUP_B -> local(postedLocal.plusDays(3).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))
                        .atTime(2, 0), offset) + r.between(0, 150 * MINUTE);
                case DOMAIN_CONTROLLERS -> LocalDateTime.ofEpochSecond(posted, 0, ZoneOffset.UTC).toLocalDate().plusDays(8)
                        .atTime(22, 0).toEpochSecond(ZoneOffset.UTC) + r.between(0, 90 * MINUTE);
                case MANUAL -> posted + r.between(DAY, 20 * DAY);
                case PILOT -> posted + r.between(3 * HOUR, 30 * HOUR);
                case PRODUCTION -> local(postedLocal.plusDays(2 + r.nextInt(6)).atTime(8, 0), offset)
                        + r.between(0, 9 * HOUR);
            };
        }
        boolean recent = u.month() >= monthsReleased - 3 || u.kind() == Kind.OUT_OF_BAND;
        boolean lagging = p.lagMonths > 0 && ((u.month() >= 0 && u.month() >= monthsReleased - p.lagMonths)
                || (u.kind() == Kind.OUT_OF_BAND && p.lagMonths >= 2));
        if (lagging && u.kind() != Kind.DEFINITION) {
            return;
        }
        if (recent && u.kind().rebootDependent && r.chance(p.server ? 0.008 : 0.012)) {
            row.failed = true;
            row.attempt = t;
            return;
        }
        if (t < limit) {
            row.installed = t;
        }
    }

    private long lastBoot(Plan p, List<Row> rows, DemoRandom r, long end, long limit) {
        long boot = switch (p.bootClass) {
            case SERVER_LONG -> LocalDate.of(2023, 3, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC)
                    + r.between(0, twoYearsBefore - 6 * DAY - LocalDate.of(2023, 3, 1).atStartOfDay()
                            .toEpochSecond(ZoneOffset.UTC));
            case SERVER_MEDIUM -> {
                long drawn = end - r.between(90 * DAY, 365 * DAY);
                yield past ? campaignBoot(p, end, drawn) : drawn;
            }
            case SERVER_RECENT -> {
                long lastInstall = Long.MIN_VALUE;
                for (Row row : rows) {
                    if (row.update.kind().rebootDependent && row.installed < limit) {
                        lastInstall = Math.max(lastInstall, row.installed);
                    }
                }
                yield lastInstall == Long.MIN_VALUE ? end - r.between(DAY, 10 * DAY)
                        : Math.min(lastInstall + r.between(15 * MINUTE, 90 * MINUTE), end - 2 * HOUR);
            }
            case WS_RECENT -> end - r.between(6 * HOUR, 14 * DAY);
            case WS_WEEKS -> end - r.between(15 * DAY, 60 * DAY);
            case WS_MONTHS -> end - r.between(60 * DAY, 180 * DAY);
            case WS_LONG -> end - r.between(365 * DAY, 730 * DAY);
        };
        return Math.max(boot, p.firstSeen + HOUR);
    }

    /**
     * The last boot of a server whose deployments suppress the restart, on a date before the
     * demo's own: the restart campaign before the last quarter-end audit. Each quarter's
     * campaign restarts most of these servers on the Sunday after the quarter's last Patch
     * Tuesday, 06:00 to 10:00 local time, after that weekend's installs; a server that missed every
     * campaign of the last two years keeps {@code otherwise}.
     */
    private long campaignBoot(Plan p, long end, long otherwise) {
        java.time.YearMonth month = java.time.YearMonth.from(asOf);
        for (int back = 0; back < 24; back++, month = month.minusMonths(1)) {
            if (month.getMonthValue() % 3 != 0) {
                continue;
            }
            LocalDate sunday = DemoCatalog.patchTuesday(month).plusDays(5);
            DemoRandom c = new DemoRandom(seed, p.index, SALT_CAMPAIGN, month.getYear() * 12L + month.getMonthValue());
            boolean joined = c.chance(0.85);
            long restart = local(sunday.atTime(6, 0), p.offsetMinutes * MINUTE) + c.between(0, 4 * HOUR);
            if (joined && restart < end - HOUR) {
                return Math.max(restart, otherwise);
            }
        }
        return otherwise;
    }

    /**
     * When each install before the last boot took effect: the first restart after it. Installs of one
     * batch share their restart (a maintenance window's, an administrator's, a user's), and no
     * restart lies after the last boot. Updates that need no restart have none.
     */
    private void scheduleRestarts(Plan p, List<Row> rows, DemoRandom r, long boot, long limit) {
        List<Row> installed = new ArrayList<>();
        for (Row row : rows) {
            if (row.status != 1 && row.update.kind().rebootDependent && row.installed < Math.min(boot, limit)) {
                installed.add(row);
            }
        }
        installed.sort((a, b) -> Long.compare(a.installed, b.installed));
        long restart = Long.MIN_VALUE;
        for (Row row : installed) {
            if (row.installed >= restart) {
                long delay = p.server ? (p.group == PatchGroup.MANUAL ? r.between(10 * MINUTE, 2 * DAY)
                        : r.between(15 * MINUTE, 90 * MINUTE)) : r.between(HOUR, 5 * DAY);
                restart = Math.min(boot, row.installed + delay);
            }
            row.restart = restart;
        }
    }

    private void decideStatus(Plan p, Row row, DemoRandom r, long boot, long limit, boolean disagree) {
        Update u = row.update;
        long detected = detected(u, r, limit);
        if (row.installed >= limit) {
            row.status = 2;
            row.change = detected;
            if (row.failed) {
                row.message = 11;
                row.messageTime = clamp(row.attempt, u.postedEpoch() + HOUR, limit - r.between(HOUR, 2 * DAY));
                row.errorCode = r.pick(0x80070643, 0x800F0922, 0x80240022, 0x87D00324, 0x8024200B, 0x80070005);
            }
            else if (p.lagMonths > 0 && r.chance(0.6)) {
                row.message = null;
            }
            else {
                row.message = p.server ? (r.chance(0.8) ? 4 : 2) : r.pick(2, 7, 12, 13, 4);
                row.messageTime = clamp(detected + r.between(10 * MINUTE, 6 * HOUR), detected, limit - MINUTE);
                row.errorCode = 0;
            }
            return;
        }
        long t = row.installed;
        // By hand on the manually patched servers, through Windows Update now and then on some
        // workstations.
        row.outOfBand = p.group == PatchGroup.MANUAL || (p.userInstalls && r.chance(0.3));
        long scan;
        if (!u.kind().rebootDependent) {
            scan = clamp(t + r.between(MINUTE, 20 * MINUTE), t, limit - MINUTE);
        }
        else if (t >= boot && !disagree) {
            // Installed, waiting for a restart: still required. A deployment says so with state 9;
            // an install outside ConfigMgr says nothing and looks exactly like a missing update.
            row.status = 2;
            row.change = Math.min(detected, t);
            row.message = row.outOfBand ? null : 9;
            row.messageTime = t;
            row.errorCode = row.outOfBand ? null : 0;
            return;
        }
        else if (disagree) {
            // Records that disagree: installed after the last boot, yet Status 3 and state 10.
            row.outOfBand = false;
            scan = clamp(t + r.between(5 * MINUTE, 40 * MINUTE), t, limit - MINUTE);
        }
        else {
            // The detection scan after the restart that followed the install.
            scan = clamp(row.restart + r.between(5 * MINUTE, 45 * MINUTE), t, limit - MINUTE);
        }
        row.status = 3;
        row.change = clamp(scan + r.between(0, 5 * MINUTE), scan, limit - MINUTE);
        row.message = row.outOfBand ? null : 10;
        row.messageTime = scan;
        row.errorCode = row.outOfBand ? null : 0;
        if (!row.outOfBand && r.chance(0.0002)) {
            row.message = r.pick(0, 5, 6, 14);
        }
    }

    private long detected(Update u, DemoRandom r, long limit) {
        return clamp(u.postedEpoch() + r.between(HOUR, 26 * HOUR), u.postedEpoch() + MINUTE, limit - MINUTE);
    }

    private void applySpecialRows(Plan p, List<Row> rows) {
        Row lastMsrt = null;
        for (Row row : rows) {
            if (row.update.kind() == Kind.MSRT && row.status > 1) {
                lastMsrt = row;
            }
        }
        if (lastMsrt == null) {
            return;
        }
        if (p.unknownStatusRow) {
            lastMsrt.status = 4; // not a topic-500 state: the reader must not guess
        }
        if (p.unknownEnforcementRow) {
            lastMsrt.message = 99; // not a topic-402 state
            lastMsrt.messageTime = lastMsrt.change;
        }
    }

    private void writeDiscovery(DemoLoader loader, Plan p, DemoRandom r, long boot, long inventory, long lastScan,
            boolean pending, boolean pendingOutOfBand) throws SQLException {
        long offset = p.offsetMinutes * MINUTE;
        String guid = uuid(p.resourceId * 31L + seed);
        String fqdn = p.domain.equals("WORKGROUP") ? null : p.domain.toLowerCase() + ".example.com";
        String adSite = p.server ? "DC-" + (p.offsetMinutes == -300 ? "NYC" : "FRA") : "SITE-" + p.domain;
        String clientVersion = p.client ? "5.00.9132.1011" : null;
        loader.add("site_system", p.resourceId, 5, p.name, p.name, "GUID:" + guid, p.domain, fqdn, p.osName, p.build,
                p.client ? 1 : 0, p.client ? 1 : null, clientVersion, p.client ? (p.active ? 1 : 0) : null,
                p.obsolete ? 1 : 0, p.decommissioned ? 1 : 0, p.virtual ? 1 : 0, utc(p.firstSeen), adSite);
        loader.add("site_collection_member", DemoStaticData.ALL_SYSTEMS, p.resourceId, SITE_CODE, false, p.client);
        if (p.server) {
            loader.add("site_collection_member", DemoStaticData.ALL_SERVERS, p.resourceId, SITE_CODE, false, p.client);
            String group = switch (p.group) {
                case GROUP_A -> DemoStaticData.SERVERS_GROUP_A;
                case GROUP_B -> DemoStaticData.SERVERS_GROUP_B;
                case DOMAIN_CONTROLLERS -> DemoStaticData.DOMAIN_CONTROLLERS;
                default -> DemoStaticData.SERVERS_MANUAL;
            };
            loader.add("site_collection_member", group, p.resourceId, SITE_CODE, true, p.client);
        }
        else {
            loader.add("site_collection_member", DemoStaticData.ALL_WORKSTATIONS, p.resourceId, SITE_CODE, false, p.client);
            loader.add("site_collection_member", p.group == PatchGroup.PILOT ? DemoStaticData.WORKSTATIONS_PILOT
                    : DemoStaticData.WORKSTATIONS_PRODUCTION, p.resourceId, SITE_CODE, false, p.client);
        }

        Integer clientState = null;
        if (p.client) {
            if (pendingOutOfBand) {
                // An install outside ConfigMgr waiting for its restart: Windows Update's flag, and
                // ConfigMgr's too where a deployment also waits.
                clientState = pending || r.chance(0.3) ? 5 : 4;
            }
            else if (pending) {
                clientState = p.bootClass == BootClass.SERVER_LONG ? (r.chance(0.75) ? 0 : 1)
                        : r.pickWeighted(new int[] {1, 5, 4, 0}, new int[] {55, 15, 5, 25});
            }
            else {
                clientState = r.pickWeighted(new int[] {0, 2, 8, 4}, new int[] {90, 7, 2, 1});
            }
        }
        long lastActive = p.active ? cutoff - r.between(10 * MINUTE, DAY) : lastScan;
        loader.add("site_device", p.resourceId, p.name, clientState, p.client ? (p.active ? 1 : 0) : null, p.client,
                p.active, p.obsolete, p.decommissioned, p.virtual, p.client ? SITE_CODE : null, p.osName,
                p.build + "." + (4000 + r.nextInt(2000)), p.client ? utc(lastActive) : null,
                p.client ? utc(lastActive - r.between(0, 2 * HOUR)) : null, p.client ? "PPMP01.corp.example.com" : null,
                p.active && r.chance(0.8), adSite);
        if (!p.client) {
            return;
        }
        String health = p.active ? new String[] {"Active/Pass", "Active/Fail", "Active/Unknown"}[r.weighted(90, 3, 7)]
                : "Inactive/Unknown";
        loader.add("site_client_summary", p.resourceId, p.name, health, p.active ? 1 : 0, utc(lastActive),
                utc(lastActive), utc(lastActive - r.between(0, 7 * DAY)), utc(inventory),
                utc(inventory - r.between(HOUR, 2 * DAY)), utc(lastActive - r.between(0, 2 * HOUR)),
                utc(lastActive - r.between(0, DAY)), health.endsWith("Pass") ? 1 : health.endsWith("Fail") ? 2 : 3);

        if (!p.neverScanned) {
            int state = r.pickWeighted(new int[] {3, 5, 6, 2}, new int[] {95, 2, 2, 1});
            String wua = switch (p.family) {
                case WS2016 -> "10.0.14393.7515";
                case WS2019 -> "10.0.17763.6893";
                case WS2022 -> "10.0.20348.3207";
                case WIN10 -> "10.0.19041.5553";
                case WIN11 -> "1001.2501.22021.0";
            };
            loader.add("site_scan_status", p.resourceId, 1, utc(lastScan), state,
                    state == 5 ? 0x8024401C : state == 6 ? 0x80244022 : 0, wua, "http://PPSUP01.corp.example.com:8530",
                    412);
            if (p.secondScanSource) {
                loader.add("site_scan_status", p.resourceId, 2, utc(lastScan - 60 * DAY), 5, 0x8024402C, wua,
                        "https://fe2.update.microsoft.com", 398);
            }
        }

        if (p.noInventory) {
            return;
        }
        long reportedBoot = p.futureBoot ? cutoff + r.between(40 * DAY, 400 * DAY) : boot;
        LocalDateTime bootLocal = p.hideBoot ? null : local(reportedBoot + offset);
        LocalDateTime inventoryLocal = local(inventory + offset);
        int groupId = 1;
        if (p.duplicateOsRow) {
            loader.add("site_operating_system", p.resourceId, groupId++, 1, 1, local(inventory + offset - 200 * DAY),
                    p.caption, null, p.build, p.build.substring(5), local(p.firstSeen + offset),
                    local(Math.max(p.firstSeen, boot - 210 * DAY) + offset), p.productType);
        }
        loader.add("site_operating_system", p.resourceId, groupId, 7, 1, inventoryLocal, p.caption, null, p.build,
                p.build.substring(5), local(p.firstSeen + offset), bootLocal, p.productType);
        loader.add("site_workstation_status", p.resourceId, 1, 7, 1, inventoryLocal,
                local(inventory + offset - r.between(0, 5 * MINUTE)), p.reportedTimeZoneOffset,
                p.offsetMinutes == 60 ? 1031 : p.offsetMinutes == 330 ? 16393 : 1033);
        String model = p.virtual ? "Virtual Machine" : p.server ? "ProLiant DL380 Gen10" : "Latitude 7440";
        String manufacturer = p.virtual ? "Microsoft Corporation" : p.server ? "HPE" : "Dell Inc.";
        loader.add("site_computer_system", p.resourceId, 1, 7, 1, inventoryLocal, p.name,
                p.domain.equals("WORKGROUP") ? "WORKGROUP" : p.domain.toLowerCase() + ".example.com", manufacturer, model,
                "x64-based PC", p.domainController ? 5 : p.server ? 3 : 1, p.reportedCurrentTimeZone);
    }

    private void writeQfe(DemoLoader loader, Plan p, DemoRandom r, List<Row> rows, long inventory, long offset)
            throws SQLException {
        // Win32_QuickFixEngineering lists the newest cumulative package of a series, every
        // servicing stack update and one-off packages, as of the last inventory.
        Map<String, Row> newestOfSeries = new HashMap<>();
        List<Row> listed = new ArrayList<>();
        for (Row row : rows) {
            Kind kind = row.update.kind();
            if (!kind.inQfe || row.status != 3 || row.installed > inventory) {
                continue;
            }
            if (kind == Kind.CUMULATIVE || kind == Kind.DOTNET || kind == Kind.CRITICAL_FIX) {
                newestOfSeries.merge(row.update.series(), row,
                        (a, b) -> a.update.postedEpoch() >= b.update.postedEpoch() ? a : b);
            }
            else {
                listed.add(row);
            }
        }
        listed.addAll(newestOfSeries.values());
        listed.sort((a, b) -> Integer.compare(a.update.ciId(), b.update.ciId()));
        LocalDateTime inventoryLocal = local(inventory + offset);
        int groupId = 1;
        for (Row row : listed) {
            String hotFix = "KB" + row.update.articleId();
            String description = row.update.kind() == Kind.SERVICING_STACK || row.update.kind() == Kind.CRITICAL_FIX
                    ? "Update" : "Security Update";
            if (p.duplicateQfeRow && row.update.kind() == Kind.CUMULATIVE) {
                loader.add("site_quick_fix_engineering", qfeKey(p, groupId), p.resourceId, groupId++, 3, 1,
                        local(inventory + offset - 30 * DAY), hotFix, description, "NT AUTHORITY\\SYSTEM",
                        installedOn(QfeStyle.COMPACT_DATE, row.installed - 3 * DAY, offset));
            }
            loader.add("site_quick_fix_engineering", qfeKey(p, groupId), p.resourceId, groupId++, 7, 1, inventoryLocal,
                    hotFix, description, r.chance(0.9) ? "NT AUTHORITY\\SYSTEM" : p.domain + "\\admin-" + p.ordinal,
                    installedOn(p.qfeStyle, row.installed, offset));
        }
    }

    private static long qfeKey(Plan p, int groupId) {
        return (long) p.resourceId * 1_024 + groupId;
    }

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** InstalledOn0 as clients report it: a local date string in one of several formats. */
    static String installedOn(QfeStyle style, long installedUtc, long offsetSeconds) {
        long localSeconds = installedUtc + offsetSeconds;
        LocalDate date = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC).toLocalDate();
        return switch (style) {
            case US_DATE -> date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear();
            case COMPACT_DATE -> date.format(COMPACT);
            case FILETIME -> String.format("%016x", (localSeconds + 11_644_473_600L) * 10_000_000L);
            case EMPTY -> "";
            case NULL -> null;
        };
    }

    private void writeOrphans(DemoLoader loader) throws SQLException {
        // Compliance rows of a record that discovery has since deleted, and rows of updates the
        // site no longer describes: the reader must keep them, not drop them in a join.
        int deletedRecord = FIRST_RESOURCE_ID + hosts + 500;
        Update newestCu = null;
        Update outOfBand = null;
        for (Update u : catalog.updates()) {
            if (u.kind() == Kind.CUMULATIVE && u.appliesTo(Family.WS2019)) {
                newestCu = u;
            }
            if (u.kind() == Kind.OUT_OF_BAND) {
                outOfBand = u;
            }
        }
        long seen = cutoff - 20 * DAY;
        loader.add("site_update_compliance", ((long) deletedRecord << 32) | newestCu.ciId(), newestCu.ciId(),
                deletedRecord, 2, utc(seen), utc(newestCu.postedEpoch() + 5 * HOUR), 1, 9,
                utc(newestCu.postedEpoch() + 4 * DAY), 0);
        if (outOfBand != null) {
            loader.add("site_update_compliance", ((long) deletedRecord << 32) | outOfBand.ciId(), outOfBand.ciId(),
                    deletedRecord, 3, utc(seen), utc(outOfBand.postedEpoch() + 2 * DAY), 1, 10,
                    utc(outOfBand.postedEpoch() + 2 * DAY), 0);
        }
        int first = FIRST_RESOURCE_ID;
        for (int ciId : new int[] {DemoCatalog.FIRST_CI_ID - 7, DemoCatalog.FIRST_CI_ID - 3}) {
            loader.add("site_update_compliance", ((long) first << 32) | ciId, ciId, first, 2, utc(seen),
                    utc(seen - 40 * DAY), 0, null, null, null);
        }
    }

    // ---------------------------------------------------------------------------------------

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(value, max));
    }

    private static long local(LocalDateTime localTime, long offsetSeconds) {
        return localTime.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
    }

    private static LocalDateTime utc(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    }

    /** A wall-clock time given as epoch seconds already shifted by the client's offset. */
    private static LocalDateTime local(long shiftedEpochSeconds) {
        return LocalDateTime.ofEpochSecond(shiftedEpochSeconds, 0, ZoneOffset.UTC);
    }

    private static String uuid(long value) {
        long a = DemoRandom.mix(value);
        long b = DemoRandom.mix(value ^ 0x5DEECE66DL);
        return String.format("%08X-%04X-%04X-%04X-%012X", a >>> 32, (a >>> 16) & 0xFFFF, a & 0xFFFF, b >>> 48,
                b & 0xFFFFFFFFFFFFL);
    }
}
