package io.patchproof.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The software updates of the demo site: two years of Patch Tuesdays (December 2024 to November
 * 2026) of cumulative updates for five Windows versions, .NET cumulative updates, the monthly
 * Malicious Software Removal Tool, quarterly servicing stack updates and non-security "Critical
 * Updates", one out-of-band critical update, weekly definition updates and a few oddly titled
 * updates that exercise the workbook's text handling. The catalog does not depend on the seed.
 *
 * <p>Like a real site, every cumulative series supersedes its older members, old updates and old
 * definitions are expired, and the Malicious Software Removal Tool keeps one KB number (890830)
 * for every release.
 */
final class DemoCatalog {

    /** Where the site's CI_IDs start (ConfigMgr numbers CIs from 16777216 upwards). */
    static final int FIRST_CI_ID = 16_790_001;
    /** The out-of-band update: released on 2026-10-23, outside the Patch Tuesday rhythm. */
    static final LocalDateTime OUT_OF_BAND_POSTED = LocalDateTime.of(2026, 10, 23, 17, 0);
    static final String OUT_OF_BAND_ARTICLE = "5071967";
    static final String OUT_OF_BAND_BULLETIN = "MS26-067";

    /**
     * The WSUS classification GUIDs of the classifications the catalog uses, as Microsoft publishes
     * them: v_CICategoryInfo.CategoryInstance_UniqueID is {@code UpdateClassification:<guid>}.
     */
    static final Map<String, String> CLASSIFICATION_GUIDS = Map.of(
            "Security Updates", "0fa1201d-4330-4fa8-8ae9-b877473b6441",
            "Critical Updates", "e6cf1350-c01b-414d-a61f-263d14d133b4",
            "Update Rollups", "28bc880e-0592-4cbf-8f95-c79b17911d5f",
            "Definition Updates", "e0789628-ce08-4437-be74-2495b842f43b",
            "Updates", "cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83");

    private static final YearMonth FIRST_MONTH = YearMonth.of(2024, 12);
    static final int MONTHS = 24;
    private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    enum Family {
        WS2016(1, true, "Windows Server 2016 for x64-based Systems", "Windows Server 2016"),
        WS2019(2, true, "Windows Server 2019 for x64-based Systems", "Windows Server 2019"),
        WS2022(4, true, "Microsoft server operating system version 21H2 for x64-based Systems",
                "Microsoft Server operating system-21H2"),
        WIN10(8, false, "Windows 10 Version 22H2 for x64-based Systems", "Windows 10, version 1903 and later"),
        WIN11(16, false, "Windows 11 Version 24H2 for x64-based Systems", "Windows 11");

        final int bit;
        final boolean server;
        final String titleName;
        final String product;

        Family(int bit, boolean server, String titleName, String product) {
            this.bit = bit;
            this.server = server;
            this.titleName = titleName;
            this.product = product;
        }
    }

    static final int ALL = 31;
    static final int SERVERS = 7;
    static final int WORKSTATIONS = 24;

    enum Kind {
        CUMULATIVE(true, true), DOTNET(true, true), MSRT(false, false), SERVICING_STACK(false, true),
        CRITICAL_FIX(true, true), OUT_OF_BAND(true, true), DEFINITION(false, false), ODD(true, false),
        ODD_NO_REBOOT(false, false), ODD_WINDOWS(true, true), GROUP(false, false);

        /** Whether an install of this kind does nothing until the next restart. */
        final boolean rebootDependent;
        /** Whether Win32_QuickFixEngineering lists it (component-based servicing packages). */
        final boolean inQfe;

        Kind(boolean rebootDependent, boolean inQfe) {
            this.rebootDependent = rebootDependent;
            this.inQfe = inQfe;
        }
    }

    /**
     * One row of v_UpdateInfo plus what the generator needs to know about it.
     *
     * @param reach     share of the applicable hosts that have the product at all (1 = every host)
     * @param month     Patch Tuesday month index (0 = December 2024), -1 when not a monthly release
     * @param series    the supersedence chain it belongs to
     */
    record Update(int ciId, int ciType, String articleId, String bulletinId, String title, String description,
            Integer severity, LocalDateTime posted, long postedEpoch, String classification, List<String> products,
            Kind kind, int families, boolean expired, boolean superseded, double reach, int month, String series) {

        boolean appliesTo(Family family) {
            return (families & family.bit) != 0;
        }
    }

    private final List<Update> updates;

    private DemoCatalog(List<Update> updates) {
        this.updates = List.copyOf(updates);
    }

    static DemoCatalog build() {
        return build(DemoSiteDatabase.AS_OF);
    }

    /**
     * The catalog as the site knew it on {@code asOf}: only the updates released before that day
     * exist, superseded and expired as they were then, with the week's definition updates of that
     * date. An update keeps its CI_ID on every date (the demo's own catalog numbers them all);
     * definition updates older than the demo's own twelve weeks are numbered from
     * {@link #FIRST_PAST_DEFINITION_CI_ID} by their week.
     */
    static DemoCatalog build(LocalDate asOf) {
        boolean present = asOf.equals(DemoSiteDatabase.AS_OF);
        LocalDateTime before = asOf.atStartOfDay();
        List<Draft> drafts = new ArrayList<>();
        for (int m = 0; m < MONTHS; m++) {
            YearMonth ym = FIRST_MONTH.plusMonths(m);
            String ymText = ym.format(YEAR_MONTH);
            LocalDateTime patchTuesday = patchTuesday(ym).atTime(18, 0);
            int kbBase = 5_048_000 + m * 2_000;
            for (Family f : Family.values()) {
                int severity = m % 5 == 2 ? 8 : 10;
                String kb = String.valueOf(kbBase + 100 + f.ordinal() * 3);
                drafts.add(new Draft(kb, "", ymText + " Cumulative Update for " + f.titleName + " (KB" + kb + ")",
                        severity, patchTuesday, "Security Updates", List.of(f.product), Kind.CUMULATIVE, f.bit, 1.0, m,
                        "cu-" + f));
                String net = String.valueOf(kbBase + 600 + f.ordinal() * 3);
                drafts.add(new Draft(net, "", ymText + " Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for "
                        + f.titleName + " (KB" + net + ")", 8, patchTuesday, "Security Updates", List.of(f.product),
                        Kind.DOTNET, f.bit, 1.0, m, "net-" + f));
            }
            drafts.add(new Draft("890830", "", "Windows Malicious Software Removal Tool x64 - v5." + (130 + m)
                    + " (KB890830)", null, patchTuesday, "Update Rollups", allProducts(), Kind.MSRT, ALL, 1.0, m, "msrt"));
            if (m % 3 == 0) {
                String kb = String.valueOf(kbBase + 900);
                drafts.add(new Draft(kb, "ADV990001", ymText + " Servicing Stack Update for "
                        + Family.WS2016.titleName + " (KB" + kb + ")", null, patchTuesday, "Updates",
                        List.of(Family.WS2016.product), Kind.SERVICING_STACK, Family.WS2016.bit, 1.0, m, "ssu-WS2016"));
            }
            if (m % 3 == 1) {
                LocalDateTime fourthTuesday = ym.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.TUESDAY))
                        .atTime(18, 0);
                for (Family f : List.of(Family.WIN10, Family.WIN11)) {
                    String kb = String.valueOf(kbBase + 1_200 + f.ordinal() * 3);
                    drafts.add(new Draft(kb, "", ymText + " Update for " + f.titleName + " (KB" + kb + ")", null,
                            fourthTuesday, "Critical Updates", List.of(f.product), Kind.CRITICAL_FIX, f.bit, 1.0, m,
                            "critical-" + f));
                }
            }
        }
        drafts.add(new Draft(OUT_OF_BAND_ARTICLE, OUT_OF_BAND_BULLETIN,
                "2026-10 Out-of-band Security Update for Windows: Vulnerability in Server Service Could Allow Remote"
                        + " Code Execution (KB" + OUT_OF_BAND_ARTICLE + ")",
                10, OUT_OF_BAND_POSTED, "Security Updates", allProducts(), Kind.OUT_OF_BAND, ALL, 1.0, -1, "oob"));
        LocalDateTime lastDefinition = DemoSiteDatabase.AS_OF.minusDays(3).atTime(9, 0);
        for (int k = 11; k >= 0; k--) {
            drafts.add(new Draft("2267602", "", "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602"
                    + " (Version 1.4" + (41 - k) + "." + (120 + 7 * k) + ".0)", null, lastDefinition.minusWeeks(k),
                    "Definition Updates", List.of("Microsoft Defender Antivirus"), Kind.DEFINITION, ALL, 1.0, -1,
                    "definition"));
        }
        addOddTitles(drafts);
        drafts.add(new Draft("", "", "Patch Tuesday 2026-11 (software update group)", null,
                LocalDateTime.of(2026, 11, 11, 8, 0), null, List.of(), Kind.GROUP, 0, 0.0, -1, "group"));
        if (!present) {
            return pastCatalog(drafts, asOf, before);
        }

        drafts.sort(Comparator.comparing(Draft::posted).thenComparing(d -> d.kind().ordinal())
                .thenComparing(Draft::families));
        Map<String, LocalDateTime> newestOfSeries = new HashMap<>();
        for (Draft d : drafts) {
            newestOfSeries.merge(d.series(), d.posted(), (a, b) -> a.isAfter(b) ? a : b);
        }
        LocalDateTime definitionsExpireBefore = DemoSiteDatabase.AS_OF.minusDays(28).atStartOfDay();
        List<Update> updates = new ArrayList<>();
        int ciId = FIRST_CI_ID;
        for (Draft d : drafts) {
            updates.add(update(d, ciId++, newestOfSeries, definitionsExpireBefore, 0));
        }
        return new DemoCatalog(updates);
    }

    List<Update> updates() {
        return updates;
    }

    /** Where the CI_IDs of definition updates older than the demo's own twelve weeks start (by week). */
    static final int FIRST_PAST_DEFINITION_CI_ID = FIRST_CI_ID + 20_000;

    /**
     * The catalog on a date before the demo's own: the demo's CI_IDs, the updates released before
     * that date, the twelve weekly definition updates before it, supersedence and expiry as then.
     */
    private static DemoCatalog pastCatalog(List<Draft> drafts, LocalDate asOf, LocalDateTime before) {
        Map<Draft, Integer> ids = ciIds(drafts);
        // The weekly definition updates of the demo's own catalog, continued backwards: week k before
        // its newest one, Version 1.(441 - k), numbered by k where the demo's own catalog has none.
        LocalDateTime newestDefinition = DemoSiteDatabase.AS_OF.minusDays(3).atTime(9, 0);
        int firstWeek = (int) Math.ceil(java.time.Duration.between(asOf.minusDays(3).atTime(9, 0), newestDefinition)
                .toDays() / 7.0);
        List<Draft> kept = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.kind() != Kind.DEFINITION && d.posted().isBefore(before)) {
                kept.add(d);
            }
        }
        Map<Draft, Integer> definitionIds = new HashMap<>();
        for (int k = firstWeek + 11; k >= firstWeek; k--) {
            LocalDateTime posted = newestDefinition.minusWeeks(k);
            if (!posted.isBefore(before)) {
                continue;
            }
            Draft d = new Draft("2267602", "", "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602"
                    + " (Version 1." + (441 - k) + "." + (120 + 7 * k) + ".0)", null, posted, "Definition Updates",
                    List.of("Microsoft Defender Antivirus"), Kind.DEFINITION, ALL, 1.0, -1, "definition");
            kept.add(d);
            Integer own = ids.get(d);
            definitionIds.put(d, own != null ? own : FIRST_PAST_DEFINITION_CI_ID + k);
        }
        kept.sort(Comparator.comparing(Draft::posted).thenComparing(d -> d.kind().ordinal())
                .thenComparing(Draft::families));
        Map<String, LocalDateTime> newestOfSeries = new HashMap<>();
        int newestMonth = -1;
        for (Draft d : kept) {
            newestOfSeries.merge(d.series(), d.posted(), (a, b) -> a.isAfter(b) ? a : b);
            newestMonth = Math.max(newestMonth, d.month());
        }
        LocalDateTime definitionsExpireBefore = asOf.minusDays(28).atStartOfDay();
        List<Update> updates = new ArrayList<>();
        for (Draft d : kept) {
            int ciId = d.kind() == Kind.DEFINITION ? definitionIds.get(d) : ids.get(d);
            updates.add(update(d, ciId, newestOfSeries, definitionsExpireBefore, newestMonth - (MONTHS - 1)));
        }
        updates.sort(Comparator.comparingInt(Update::ciId));
        return new DemoCatalog(updates);
    }

    /** The demo's own CI_IDs: one per draft, in release order. */
    private static Map<Draft, Integer> ciIds(List<Draft> drafts) {
        List<Draft> sorted = new ArrayList<>(drafts);
        sorted.sort(Comparator.comparing(Draft::posted).thenComparing(d -> d.kind().ordinal())
                .thenComparing(Draft::families));
        Map<Draft, Integer> ids = new HashMap<>();
        int ciId = FIRST_CI_ID;
        for (Draft d : sorted) {
            ids.put(d, ciId++);
        }
        return ids;
    }

    /** How many Patch Tuesday months of the catalog were released before {@code asOf}. */
    static int monthsReleased(LocalDate asOf) {
        int months = 0;
        for (int m = 0; m < MONTHS; m++) {
            if (patchTuesday(FIRST_MONTH.plusMonths(m)).isBefore(asOf)) {
                months = m + 1;
            }
        }
        return months;
    }

    /**
     * One update of the catalog. {@code monthShift}: how many months the catalog's date lies after
     * the demo's own (0, or negative for a past date), so that the three oldest months of the window
     * are the expired ones on every date.
     */
    private static Update update(Draft d, int ciId, Map<String, LocalDateTime> newestOfSeries,
            LocalDateTime definitionsExpireBefore, int monthShift) {
        boolean superseded = d.kind() != Kind.OUT_OF_BAND && d.kind() != Kind.GROUP && !d.kind().name().startsWith("ODD")
                && d.posted().isBefore(newestOfSeries.get(d.series()));
        boolean expired = switch (d.kind()) {
            case CUMULATIVE, DOTNET, MSRT, CRITICAL_FIX -> d.month() <= 2 + monthShift
                    || (d.kind() == Kind.DOTNET && d.month() == 7 && d.families() == Family.WIN11.bit);
            case DEFINITION -> d.posted().isBefore(definitionsExpireBefore);
            default -> false;
        };
        String description = switch (d.kind()) {
            case DEFINITION -> "Install this update to revise the files that are used to detect viruses, spyware,"
                    + " and other potentially unwanted software.";
            case MSRT -> "After the download, this tool runs one time to check your computer for infection by"
                    + " specific, prevalent malicious software.";
            case GROUP -> "Deployed to all servers and workstations.";
            default -> "Install this update to resolve issues in Windows. A restart may be required.";
        };
        return new Update(ciId, d.kind() == Kind.GROUP ? 9 : 1, d.articleId(), d.bulletinId(), d.title(),
                description, d.severity(), d.posted(), d.posted().toEpochSecond(ZoneOffset.UTC), d.classification(),
                d.products(), d.kind(), d.families(), expired, superseded, d.reach(), d.month(), d.series());
    }

    /** The second Tuesday of the month. */
    static LocalDate patchTuesday(YearMonth month) {
        return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
    }

    private static List<String> allProducts() {
        List<String> products = new ArrayList<>();
        for (Family f : Family.values()) {
            products.add(f.product);
        }
        return products;
    }

    /**
     * Eight oddly titled updates (a title that starts like a formula, with a tab, in French,
     * Chinese, with an emoji), so that a demo workbook shows the text handling. They are a
     * handful of small third-party or localized releases of early November 2026 on a few hosts
     * each: younger than the month's out-of-band and critical updates, so the oldest rows of the
     * sheets, the first screen a reader sees, are ordinary updates. Their KB numbers are their
     * own (no cumulative update uses 50718xx).
     */
    private static void addOddTitles(List<Draft> drafts) {
        drafts.add(odd("5071801", "=1+2 Contoso Reporting Agent 4.2 Security Update (KB5071801)", 8,
                LocalDateTime.of(2026, 11, 2, 16, 0), "Security Updates", "Contoso Reporting Agent", Kind.ODD, SERVERS,
                0.06));
        drafts.add(odd("5071802", "+Contoso Backup Agent 7.4 Security Fix (KB5071802)", 6,
                LocalDateTime.of(2026, 11, 2, 17, 0), "Security Updates", "Contoso Backup Agent", Kind.ODD, ALL, 0.03));
        drafts.add(odd("5071803", "@Fabrikam Print Driver Update 3.1 (KB5071803)", 2,
                LocalDateTime.of(2026, 11, 3, 16, 0), "Security Updates", "Fabrikam Print Drivers", Kind.ODD,
                WORKSTATIONS, 0.03));
        drafts.add(odd("5071804", "-cmd|' /C calc'!A0 Legacy Document Viewer Update (KB5071804)", null,
                LocalDateTime.of(2026, 11, 3, 17, 0), "Updates", "Contoso Document Viewer", Kind.ODD_NO_REBOOT,
                WORKSTATIONS, 0.03));
        drafts.add(odd("5071805",
                "Mise à jour de sécurité pour Windows Server – pilote d’impression à haute fiabilité (KB5071805)", 8,
                LocalDateTime.of(2026, 11, 4, 18, 0), "Security Updates", Family.WS2019.product, Kind.ODD_WINDOWS,
                Family.WS2019.bit | Family.WS2022.bit, 0.06));
        drafts.add(odd("5071806", "Windows 安全更新程序：打印后台处理程序 (KB5071806)", 10,
                LocalDateTime.of(2026, 11, 4, 18, 30), "Security Updates", Family.WIN11.product, Kind.ODD_WINDOWS,
                WORKSTATIONS, 0.02));
        drafts.add(odd("5071807", "Emoji-Schriftart-Update \uD83D\uDEE1\uFE0F für Windows 11 (KB5071807)", null,
                LocalDateTime.of(2026, 11, 5, 18, 0), "Updates", Family.WIN11.product, Kind.ODD_NO_REBOOT,
                Family.WIN11.bit, 0.03));
        drafts.add(odd("5071808", "\tContoso VPN Client 5.2 Security Update (KB5071808)", 8,
                LocalDateTime.of(2026, 11, 5, 16, 0), "Security Updates", "Contoso VPN Client", Kind.ODD, ALL, 0.02));
    }

    private static Draft odd(String kb, String title, Integer severity, LocalDateTime posted, String classification,
            String product, Kind kind, int families, double reach) {
        return new Draft(kb, "", title, severity, posted, classification, List.of(product), kind, families, reach, -1,
                "odd-" + kb);
    }

    private record Draft(String articleId, String bulletinId, String title, Integer severity, LocalDateTime posted,
            String classification, List<String> products, Kind kind, int families, double reach, int month,
            String series) {
    }
}
