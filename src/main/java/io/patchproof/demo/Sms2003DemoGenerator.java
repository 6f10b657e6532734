package io.patchproof.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.patchproof.demo.Sms2003DemoCatalog.Family;
import io.patchproof.demo.Sms2003DemoCatalog.Update;

/**
 * Writes the rows of the SMS 2003 demo site database, one host at a time (memory does not grow
 * with the host count). Everything about host {@code i} is a function of (seed, i, host count)
 * only. See {@link DemoSiteDatabase} for the story the data tells.
 *
 * <p>Each v_GS_PatchStatusEx row carries what the scan found ({@code Status}: 'Installed' or
 * 'Applicable'), which tool scanned ({@code ScanAgent}) and when ({@code ScanDateTime}), and, where
 * the SMS agent acted on the update, its own state name and AgentInstallDate. Updates installed by
 * hand have a scan status and neither; updates Windows Update installed and that wait for a restart
 * are 'Reboot pending' without an AgentInstallDate. A few hosts also carry rows of the older
 * Security Update Inventory Tool for bulletins ITMU reports too (under that tool's own UpdateIDs).
 * The ScanAgent names are not confirmed for SMS 2003 (which is why the preferred tool is
 * configurable); the ones used here match the default pattern for ITMU and not for the older tool.
 *
 * <p>Times are epoch seconds while generating. Inventory columns, ScanDateTime and AgentInstallDate
 * are written in the client's local time (UTC + its offset), DatePosted in UTC.
 */
final class Sms2003DemoGenerator {

    static final int FIRST_RESOURCE_ID = 2_001;
    static final String SITE_CODE = "S03";
    static final String ALL_SYSTEMS = "SMS00001";
    static final String ALL_SERVERS = "S0300010";
    static final String ALL_WORKSTATIONS = "S0300011";

    static final String INSTALL_VERIFIED = "Install Verified";
    static final String REBOOT_PENDING = "Reboot pending";
    static final String INSTALL_PENDING = "Install Pending";
    static final String APPLICABLE = "Applicable";
    static final String FAILED = "Failed";
    static final String NOT_APPLICABLE = "Not Applicable";
    /** A state name the default mapping does not know: installed now, or about to be removed? */
    static final String AMBIGUOUS_STATE = "Uninstall Pending";

    /** Scan statuses of Win32_PatchState_Extended. */
    static final String SCAN_INSTALLED = "Installed";
    static final String SCAN_APPLICABLE = "Applicable";
    static final String SCAN_NOT_APPLICABLE = "Not Applicable";
    /** The Inventory Tool for Microsoft Updates, as its rows name it here. */
    static final String ITMU_AGENT = "Microsoft Updates Tool";
    /** The older Security Update Inventory Tool (MBSA engine), as its rows name it here. */
    static final String OLDER_AGENT = "Security Updates Tool";
    /** The older tool's catalog numbers its updates from here: UpdateID = this + ITMU's UpdateID. */
    static final int OLDER_TOOL_UPDATE_OFFSET = 50_000;

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = DemoEstate.DAY;
    private static final long SALT_IDENTITY = 1;
    private static final long SALT_HOST = 2;
    private static final long SALT_ROWS = 3;
    /** Long-running servers last booted between these two dates: more than two years before the as-of date. */
    private static final long LONG_BOOT_FROM = LocalDate.of(2005, 9, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    private static final long LONG_BOOT_TO = LocalDate.of(2006, 11, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    /** The start of the as-of day, UTC: every generated time lies before it (bar the anomalies). */
    private final long cutoff = DemoSiteDatabase.SMS2003_AS_OF.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    private final int hosts;
    private final long seed;
    private final int servers;
    private final DemoEstate estate;
    private final Sms2003DemoCatalog catalog;
    private final Map<Family, List<Update>> updatesByFamily = new EnumMap<>(Family.class);
    private final long[] required;
    private final long[] installed;
    /** Per catalog update: the older tool's rows for it (its catalog entry is written only when used). */
    private final long[] olderRequired;
    private final long[] olderInstalled;
    private final boolean[] olderUsed;

    Sms2003DemoGenerator(int hosts, long seed) {
        this.hosts = hosts;
        this.seed = seed;
        this.servers = DemoEstate.serverCount(hosts);
        this.estate = new DemoEstate(hosts, seed, cutoff);
        this.catalog = Sms2003DemoCatalog.build();
        for (Family f : Family.values()) {
            updatesByFamily.put(f, catalog.updates().stream().filter(u -> u.appliesTo(f)).toList());
        }
        this.required = new long[catalog.updates().size()];
        this.installed = new long[catalog.updates().size()];
        this.olderRequired = new long[catalog.updates().size()];
        this.olderInstalled = new long[catalog.updates().size()];
        this.olderUsed = new boolean[catalog.updates().size()];
    }

    /** Writes every row; returns rows per table. The connection must have auto-commit off. */
    Map<String, Long> generate(Connection connection) throws SQLException {
        Map<String, Long> counts;
        try (DemoLoader loader = new DemoLoader(connection)) {
            writeCollections(loader);
            for (int i = 0; i < hosts; i++) {
                writeHost(loader, plan(i));
            }
            writeOrphans(loader);
            writeCatalog(loader);
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
    // Collections and catalog

    private static void writeCollections(DemoLoader loader) throws SQLException {
        LocalDateTime changed = LocalDateTime.of(2004, 3, 2, 9, 15);
        LocalDateTime refreshed = DemoSiteDatabase.SMS2003_AS_OF.minusDays(1).atTime(4, 0);
        loader.add("site_collection", ALL_SYSTEMS, "All Systems", "All Systems", 0, changed, refreshed);
        loader.add("site_collection", ALL_SERVERS, "All Windows Server Systems", "Windows 2000 and 2003 servers", 0,
                changed, refreshed);
        loader.add("site_collection", ALL_WORKSTATIONS, "All Windows Workstation Systems",
                "Windows 2000 Professional and XP", 0, changed, refreshed);
    }

    /**
     * The catalog view, written last because it carries per-update counts of the hosts that need
     * (Counts) and have (InstalledCounts) each update. The first two updates also have a German
     * row, revised earlier, as a view with one row per language would hold.
     */
    private void writeCatalog(DemoLoader loader) throws SQLException {
        int k = 0;
        for (Update u : catalog.updates()) {
            LocalDateTime revised = u.posted().plusDays(1);
            String summary = u.security() ? "A security issue has been identified that could allow an attacker to "
                    + "compromise a system. You can help protect your computer by installing this update from Microsoft."
                    : "Install this update to keep your computer current.";
            loader.add("site_applicable_update", u.updateId(), 1033, u.uniqueUpdateId(), u.bulletinId(), u.qNumbers(),
                    u.title(), summary, u.product().name, u.product().productId, "Microsoft Update",
                    ITMU_AGENT, "English", "http://support.microsoft.com/kb/" + u.articleId(),
                    u.posted(), u.posted(), revised, 100, revised.plusDays(2), (int) required[k], (int) installed[k]);
            if (k < 2) {
                loader.add("site_applicable_update", u.updateId(), 1031, u.uniqueUpdateId(), u.bulletinId(),
                        u.qNumbers(), u.title().replace("Security Update for", "Sicherheitsupdate für"), summary,
                        u.product().name, u.product().productId, "Microsoft Update", ITMU_AGENT,
                        "German", "http://support.microsoft.com/kb/" + u.articleId(), u.posted(), u.posted(),
                        u.posted(), 100, revised.plusDays(2), 0, 0);
            }
            if (olderUsed[k]) {
                int olderId = OLDER_TOOL_UPDATE_OFFSET + u.updateId();
                loader.add("site_applicable_update", olderId, 1033, olderUniqueId(u), u.bulletinId(), u.qNumbers(),
                        u.title(), summary, u.product().name, u.product().productId, "Security Update", OLDER_AGENT,
                        "English", "http://support.microsoft.com/kb/" + u.articleId(), u.posted(), u.posted(), revised,
                        1, revised.plusDays(2), (int) olderRequired[k], (int) olderInstalled[k]);
            }
            k++;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Host plan: who the host is, as a pure function of (seed, index)

    enum BootClass { SERVER_LONG, SERVER_MEDIUM, SERVER_RECENT, WS_RECENT, WS_WEEKS, WS_MONTHS, WS_LONG }

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
        String servicePack;
        String version;
        int productType;
        int offsetMinutes;
        Integer reportedCurrentTimeZone;
        boolean client = true;
        boolean active = true;
        boolean obsolete;
        /** Retired from use: inactive, its data ends months before the as-of date (SMS 2003 has no Decommissioned0). */
        boolean retired;
        boolean neverScanned;
        boolean noInventory;
        boolean hideBoot;
        boolean futureBoot;
        boolean staleInventory;
        boolean manual;
        int lagMonths;
        long firstSeen;
        long endOfData = Long.MAX_VALUE;
        BootClass bootClass;
        boolean ambiguousStateRow;
        boolean emptyStateRow;
        boolean notApplicableRow;
        /** The older Security Update Inventory Tool still reports some bulletins beside ITMU. */
        boolean olderToolRows;
    }

    private String[] identity(int i) {
        DemoRandom r = new DemoRandom(seed, i, SALT_IDENTITY);
        if (estate.isServer(i)) {
            int ordinal = estate.serverOrdinal(i);
            String role = ordinal % 25 == 2 ? "DC" : r.pick("APP", "SQL", "WEB", "FIL", "EXC", "PRN", "CTX");
            return new String[] {"SRV" + role + String.format("%04d", ordinal + 1), "CORP"};
        }
        int ordinal = estate.workstationOrdinal(i);
        String name = (r.chance(0.25) ? "LPT" : "WKS") + String.format("%06d", ordinal + 1);
        String domain = new String[] {"CORP", "EMEA", "WORKGROUP"}[r.weighted(88, 10, 2)];
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
            p.family = r.chance(0.85) ? Family.W2K3 : Family.W2K_SERVER;
            if (p.family == Family.W2K3) {
                p.osName = "Microsoft Windows NT Server 5.2";
                p.caption = "Microsoft(R) Windows(R) Server 2003, " + (r.chance(0.3) ? "Enterprise" : "Standard")
                        + " Edition";
                p.servicePack = "Service Pack 2";
                p.version = "5.2.3790";
            }
            else {
                p.osName = "Microsoft Windows NT Server 5.0";
                p.caption = "Microsoft Windows 2000 Server";
                p.servicePack = "Service Pack 4";
                p.version = "5.0.2195";
            }
            p.productType = p.name.startsWith("SRVDC") ? 2 : 3;
            // Every tenth server, from the sixth, is patched by hand and has not restarted for years.
            boolean byHand = p.ordinal % 10 == 5;
            p.bootClass = p.ordinal == 0 || byHand ? BootClass.SERVER_LONG
                    : new BootClass[] {BootClass.SERVER_LONG, BootClass.SERVER_MEDIUM, BootClass.SERVER_RECENT}
                            [r.weighted(35, 20, 45)];
            // The first server is the story's: two years without a restart, everything installed by the
            // agent, MS08-067 waiting for its restart.
            p.manual = (r.chance(0.1) || byHand) && p.ordinal != 0;
            p.hideBoot = r.chance(0.03) && p.ordinal != 0;
            p.futureBoot = p.ordinal % 150 == 9;
            p.client = p.ordinal % 60 != 31;
        }
        else {
            p.family = r.chance(0.88) ? Family.WXP : Family.W2K_PRO;
            if (p.family == Family.WXP) {
                p.osName = "Microsoft Windows NT Workstation 5.1";
                p.caption = "Microsoft Windows XP Professional";
                p.servicePack = r.chance(0.6) ? "Service Pack 3" : "Service Pack 2";
                p.version = "5.1.2600";
            }
            else {
                p.osName = "Microsoft Windows NT Workstation 5.0";
                p.caption = "Microsoft Windows 2000 Professional";
                p.servicePack = "Service Pack 4";
                p.version = "5.0.2195";
            }
            p.productType = 1;
            p.bootClass = new BootClass[] {BootClass.WS_RECENT, BootClass.WS_WEEKS, BootClass.WS_MONTHS, BootClass.WS_LONG}
                    [r.weighted(75, 15, 7, 3)];
            p.hideBoot = r.chance(0.03);
            p.client = p.ordinal % 100 != 42 && !r.chance(0.01);
        }

        p.offsetMinutes = new int[] {60, 0, -300, -360, -480, 330}[r.weighted(45, 10, 20, 10, 10, 5)];
        int reporting = r.weighted(85, 5, 5, 5);
        // SMS 2003 has no TimeZoneOffset: a client without CurrentTimeZone0 has no known offset.
        p.reportedCurrentTimeZone = reporting == 0 || reporting == 2 ? p.offsetMinutes : null;

        p.firstSeen = p.bootClass == BootClass.SERVER_LONG ? cutoff - r.between(1_200 * DAY, 2_500 * DAY)
                : r.chance(0.85) ? cutoff - r.between(750 * DAY, 2_500 * DAY) : cutoff - r.between(30 * DAY, 700 * DAY);
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
            p.retired = true;
            p.active = false;
            p.endOfData = cutoff - r.between(40 * DAY, 300 * DAY);
        }
        else if (!twin && !p.server && r.chance(0.025)) {
            p.active = false;
            p.endOfData = cutoff - r.between(35 * DAY, 400 * DAY);
        }
        if (p.endOfData != Long.MAX_VALUE) {
            p.firstSeen = Math.min(p.firstSeen, p.endOfData - 60 * DAY);
        }
        p.neverScanned = !p.server && p.ordinal % 300 == 19;
        p.noInventory = !p.server && p.ordinal % 400 == 47;
        p.staleInventory = p.endOfData == Long.MAX_VALUE && r.chance(p.server ? 0.03 : 0.05) && !story(p);
        p.lagMonths = r.chance(p.server ? 0.04 : 0.07) ? 1 + r.nextInt(3) : 0;
        if (story(p)) {
            p.lagMonths = 0;
        }
        p.ambiguousStateRow = !p.server && p.ordinal % 1000 == 37;
        p.emptyStateRow = !p.server && p.ordinal % 1000 == 38;
        p.notApplicableRow = !p.server && p.ordinal % 100 == 1;
        p.olderToolRows = p.server ? p.ordinal % 15 == 4 : p.ordinal % 150 == 7;
        if (!p.client) {
            p.active = false;
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------
    // Rows of one host

    /** One v_GS_PatchStatusEx row in the making. */
    private static final class Row {
        final Update update;
        long installed = Long.MAX_VALUE;
        boolean failed;
        /** Installed by hand, not by the SMS agent: no state name, no AgentInstallDate. */
        boolean manual;
        /** Installed by Windows Update (Automatic Updates), not by the SMS agent. */
        boolean windowsUpdate;
        String state;
        String scanStatus;
        boolean agentInstalled;

        Row(Update update) {
            this.update = update;
        }
    }

    /** The host the story is about: the first server, up for two years, its last updates waiting for a restart. */
    private static boolean story(Plan p) {
        return p.server && p.ordinal == 0;
    }

    private void writeHost(DemoLoader loader, Plan p) throws SQLException {
        DemoRandom r = new DemoRandom(seed, p.index, SALT_ROWS);
        long offset = p.offsetMinutes * MINUTE;
        // Nothing on or after the as-of date, in UTC or in the client's local time.
        long end = cutoff - Math.max(0, offset);
        long limit = Math.min(end, p.endOfData);

        // 1. Which updates the host has rows for, and when each was installed.
        List<Row> rows = new ArrayList<>();
        if (p.client && !p.neverScanned) {
            for (Update u : updatesByFamily.get(p.family)) {
                if (u.postedEpoch() < p.firstSeen || u.postedEpoch() > limit - DAY) {
                    continue;
                }
                Row row = new Row(u);
                planInstall(p, row, r, limit);
                rows.add(row);
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
        // ITMU's last scan: shortly before the inventory that uploaded it, never before an install it reports.
        long lastInstall = Long.MIN_VALUE;
        for (Row row : rows) {
            if (row.installed < limit) {
                lastInstall = Math.max(lastInstall, row.installed);
            }
        }
        long scan = Math.max(inventory - r.between(10 * MINUTE, 6 * HOUR), lastInstall + r.between(10 * MINUTE, HOUR));
        scan = Math.min(scan, limit - MINUTE);

        // 3. What ITMU reports for each row, given that boot.
        for (Row row : rows) {
            decideState(p, row, r, boot, limit);
        }
        applySpecialRows(p, rows);

        // 4. Write.
        writeDiscovery(loader, p, r, boot, inventory);
        LocalDateTime scanLocal = local(scan + offset);
        int olderRows = 0;
        for (Row row : rows) {
            int k = row.update.updateId() - Sms2003DemoCatalog.FIRST_UPDATE_ID;
            if (SCAN_INSTALLED.equals(row.scanStatus)) {
                installed[k]++;
            }
            else if (SCAN_APPLICABLE.equals(row.scanStatus)) {
                required[k]++;
            }
            LocalDateTime agentInstall = row.agentInstalled ? local(row.installed + offset) : null;
            loader.add("site_patch_status", ((long) p.resourceId << 32) | row.update.updateId(), p.resourceId,
                    row.update.updateId(), row.update.bulletinId(), row.update.qNumbers(), row.update.title(),
                    row.update.uniqueUpdateId(), null, null, row.state, agentInstall, row.scanStatus, ITMU_AGENT,
                    scanLocal);
            // The older tool still reports a few of 2007's bulletins, from a scan months old: what it
            // saw then (not installed yet, for some), beside ITMU's current answer.
            if (p.olderToolRows && olderRows < 3 && row.update.security() && row.update.month() >= 2
                    && row.update.month() <= 13 && row.scanStatus != null && !SCAN_NOT_APPLICABLE.equals(row.scanStatus)) {
                olderRows++;
                olderUsed[k] = true;
                long olderScan = Math.max(row.update.postedEpoch() + DAY, scan - r.between(60 * DAY, 300 * DAY));
                String olderStatus = row.installed < olderScan ? SCAN_INSTALLED : SCAN_APPLICABLE;
                if (SCAN_INSTALLED.equals(olderStatus)) {
                    olderInstalled[k]++;
                }
                else {
                    olderRequired[k]++;
                }
                int olderId = OLDER_TOOL_UPDATE_OFFSET + row.update.updateId();
                loader.add("site_patch_status", ((long) p.resourceId << 32) | olderId, p.resourceId, olderId,
                        row.update.bulletinId(), row.update.qNumbers(), row.update.title(), olderUniqueId(row.update),
                        null, null, null, null, olderStatus, OLDER_AGENT, local(olderScan + offset));
            }
        }
    }

    private void planInstall(Plan p, Row row, DemoRandom r, long limit) {
        Update u = row.update;
        long posted = u.postedEpoch();
        boolean outOfBand = u.bulletinId().equals(Sms2003DemoCatalog.OUT_OF_BAND_BULLETIN);
        long t;
        if (outOfBand) {
            t = posted + (p.server ? r.between(6 * HOUR, 72 * HOUR) : r.between(2 * HOUR, 48 * HOUR));
        }
        else if (p.server) {
            t = posted + r.between(3 * DAY, 24 * DAY);
        }
        else {
            t = posted + r.between(DAY, 8 * DAY);
        }
        row.manual = p.manual || (!p.server && r.chance(0.08));
        // Half the workstations' own installs came from Windows Update (Automatic Updates), not by hand.
        row.windowsUpdate = row.manual && !p.manual && r.chance(0.5);
        int lastMonth = Sms2003DemoCatalog.MONTHS - 1;
        boolean lagging = p.lagMonths > 0 && ((u.month() >= 0 && u.month() > lastMonth - p.lagMonths)
                || (outOfBand && p.lagMonths >= 2));
        if (lagging) {
            return;
        }
        boolean recent = u.month() >= lastMonth - 3 || outOfBand;
        if (recent && u.security() && r.chance(p.server ? 0.01 : 0.015)) {
            row.failed = true;
            return;
        }
        if (t < limit) {
            row.installed = t;
        }
    }

    private long lastBoot(Plan p, List<Row> rows, DemoRandom r, long end, long limit) {
        long boot = switch (p.bootClass) {
            case SERVER_LONG -> LONG_BOOT_FROM + r.between(0, LONG_BOOT_TO - LONG_BOOT_FROM);
            case SERVER_MEDIUM -> end - r.between(90 * DAY, 365 * DAY);
            case SERVER_RECENT -> {
                long lastInstall = Long.MIN_VALUE;
                for (Row row : rows) {
                    if (row.update.security() && row.installed < limit) {
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
     * What ITMU reports for a row: the scan status first, then the SMS agent's state name where the
     * agent acted. An agent install after the last boot waits for its restart: the Windows Update
     * Agent marks it so (RebootRequired) and ITMU reports 'Reboot pending', its scan mostly seeing
     * the update as installed (the rest still see the old files: 'Applicable'). An update installed
     * by hand leaves no such mark and no state name: the scan reports it 'Installed' (sccm-schema.md
     * section 9), restart or not. One installed by Windows Update after the last boot is 'Reboot
     * pending' without an AgentInstallDate. Most long-running servers, the story's, report
     * 'Install Verified' for everything the agent installed since their last boot.
     */
    private void decideState(Plan p, Row row, DemoRandom r, long boot, long limit) {
        if (row.installed >= limit) {
            long posted = row.update.postedEpoch();
            row.state = row.failed ? FAILED : limit - posted < 10 * DAY ? INSTALL_PENDING : APPLICABLE;
            row.scanStatus = SCAN_APPLICABLE;
            return;
        }
        boolean afterBoot = row.update.security() && row.installed >= boot;
        boolean outOfBand = row.update.bulletinId().equals(Sms2003DemoCatalog.OUT_OF_BAND_BULLETIN);
        row.scanStatus = SCAN_INSTALLED;
        if (row.manual) {
            row.state = row.windowsUpdate && afterBoot ? REBOOT_PENDING : null;
            return;
        }
        row.agentInstalled = true;
        if (!afterBoot) {
            row.state = INSTALL_VERIFIED;
        }
        else if (story(p)) {
            row.state = outOfBand || row.update.month() == Sms2003DemoCatalog.MONTHS - 1 ? REBOOT_PENDING : INSTALL_VERIFIED;
        }
        else if (p.bootClass == BootClass.SERVER_LONG) {
            row.state = r.chance(0.85) ? INSTALL_VERIFIED : REBOOT_PENDING;
        }
        else {
            row.state = r.chance(0.3) ? INSTALL_VERIFIED : REBOOT_PENDING;
        }
        if (REBOOT_PENDING.equals(row.state) && r.chance(0.3)) {
            row.scanStatus = SCAN_APPLICABLE;
        }
    }

    private static void applySpecialRows(Plan p, List<Row> rows) {
        Row lastSecurity = null;
        Row lastTool = null;
        for (Row row : rows) {
            if (row.update.security()) {
                lastSecurity = row;
            }
            else if (row.update.articleId().equals("890830")) {
                lastTool = row;
            }
        }
        if (lastSecurity != null && p.ambiguousStateRow) {
            lastSecurity.state = AMBIGUOUS_STATE;
        }
        if (lastSecurity != null && p.emptyStateRow) {
            // The SMS agent's state name is missing: the scan status alone says what the row is.
            lastSecurity.state = null;
        }
        if (lastTool != null && p.notApplicableRow) {
            lastTool.state = NOT_APPLICABLE;
            lastTool.scanStatus = SCAN_NOT_APPLICABLE;
            lastTool.installed = Long.MAX_VALUE;
            lastTool.agentInstalled = false;
        }
    }

    private void writeDiscovery(DemoLoader loader, Plan p, DemoRandom r, long boot, long inventory)
            throws SQLException {
        long offset = p.offsetMinutes * MINUTE;
        String guid = uuid(p.resourceId * 31L + seed);
        String adSite = p.server ? "HQ" : "SITE-" + p.domain;
        loader.add("site_system", p.resourceId, 5, p.name, p.name, "GUID:" + guid, p.domain, p.osName,
                p.client ? 1 : 0, p.client ? 1 : null, p.client ? "2.50.4253.3000" : null,
                p.client ? (p.active ? 1 : 0) : null, p.obsolete ? 1 : 0, utc(p.firstSeen), adSite);
        loader.add("site_collection_member", ALL_SYSTEMS, p.resourceId, SITE_CODE, false);
        loader.add("site_collection_member", p.server ? ALL_SERVERS : ALL_WORKSTATIONS, p.resourceId, SITE_CODE, false);
        if (!p.client || p.noInventory) {
            return;
        }
        long reportedBoot = p.futureBoot ? cutoff + r.between(40 * DAY, 400 * DAY) : boot;
        LocalDateTime bootLocal = p.hideBoot ? null : local(reportedBoot + offset);
        LocalDateTime inventoryLocal = local(inventory + offset);
        loader.add("site_operating_system", p.resourceId, 1, 5, 1, inventoryLocal, p.caption, p.servicePack, p.version,
                p.version.substring(4), local(p.firstSeen + offset), bootLocal, p.productType);
        loader.add("site_workstation_status", p.resourceId, 1, 5, 1, inventoryLocal,
                local(inventory + offset - r.between(0, 5 * MINUTE)));
        String model = p.server ? "ProLiant DL380 G4" : "OptiPlex GX620";
        String manufacturer = p.server ? "HP" : "Dell Inc.";
        loader.add("site_computer_system", p.resourceId, 1, 5, 1, inventoryLocal, p.name,
                p.domain.equals("WORKGROUP") ? "WORKGROUP" : p.domain.toLowerCase() + ".example.com", manufacturer,
                model, "X86-based PC", p.productType == 2 ? 5 : p.server ? 3 : 1, p.reportedCurrentTimeZone);
    }

    private void writeOrphans(DemoLoader loader) throws SQLException {
        // A row of a record that discovery has since deleted, and one of an update the catalog
        // no longer lists: the reader must keep them, not drop them in a join.
        int deletedRecord = FIRST_RESOURCE_ID + hosts + 500;
        Update outOfBand = catalog.updates().stream()
                .filter(u -> u.bulletinId().equals(Sms2003DemoCatalog.OUT_OF_BAND_BULLETIN))
                .filter(u -> u.appliesTo(Family.W2K3)).findFirst().orElseThrow();
        loader.add("site_patch_status", ((long) deletedRecord << 32) | outOfBand.updateId(), deletedRecord,
                outOfBand.updateId(), outOfBand.bulletinId(), outOfBand.qNumbers(), outOfBand.title(),
                outOfBand.uniqueUpdateId(), null, null, INSTALL_VERIFIED,
                local(outOfBand.postedEpoch() + 2 * DAY), SCAN_INSTALLED, ITMU_AGENT, local(outOfBand.postedEpoch() + 3 * DAY));
        int unknownUpdate = Sms2003DemoCatalog.FIRST_UPDATE_ID - 5;
        loader.add("site_patch_status", ((long) FIRST_RESOURCE_ID << 32) | unknownUpdate, FIRST_RESOURCE_ID,
                unknownUpdate, "MS06-040", "921883", "Security Update for Windows (KB921883)",
                uuid(unknownUpdate), null, null, APPLICABLE, null, SCAN_APPLICABLE, ITMU_AGENT,
                local(cutoff - 3 * DAY));
    }

    // ---------------------------------------------------------------------------------------

    private static LocalDateTime utc(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    }

    /** A wall-clock time given as epoch seconds already shifted by the client's offset. */
    private static LocalDateTime local(long shiftedEpochSeconds) {
        return LocalDateTime.ofEpochSecond(shiftedEpochSeconds, 0, ZoneOffset.UTC);
    }

    /** The older tool's own identifier of an update it reports too. */
    private static String olderUniqueId(Update u) {
        return uuid(OLDER_TOOL_UPDATE_OFFSET + u.updateId()).toLowerCase(java.util.Locale.ROOT);
    }

    private static String uuid(long value) {
        long a = DemoRandom.mix(value);
        long b = DemoRandom.mix(value ^ 0x5DEECE66DL);
        return String.format("%08X-%04X-%04X-%04X-%012X", a >>> 32, (a >>> 16) & 0xFFFF, a & 0xFFFF, b >>> 48,
                b & 0xFFFFFFFFFFFFL);
    }
}
