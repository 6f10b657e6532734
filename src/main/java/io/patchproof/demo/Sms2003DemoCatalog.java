package io.patchproof.demo;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The updates of the SMS 2003 demo site, as the Inventory Tool for Microsoft Updates (ITMU)
 * catalog lists them: one UpdateID per bulletin and product ("Security Update for Windows XP
 * (KB958644)"), for Windows 2000, Windows XP and Windows Server 2003.
 *
 * <ul>
 * <li>Two years of Patch Tuesdays, November 2006 to November 2008 (March 2007 had no bulletin),
 * two or three Windows bulletins a month, numbered from where that month's bulletins began
 * (MS06-066 ... MS08-069).</li>
 * <li>MS08-067 (KB958644), released out of band on Thursday 23 October 2008 for all three
 * products.</li>
 * <li>Updates without a bulletin, which the rules do not count as reboot-dependent: the
 * daylight-saving-time update of February 2007 (KB931836) and the last three Malicious Software
 * Removal Tool releases (KB890830).</li>
 * </ul>
 * KB numbers other than KB958644, KB931836 and KB890830 are made up, in the range of their year.
 * The catalog does not depend on the seed.
 */
final class Sms2003DemoCatalog {

    /** Where UpdateIDs start. */
    static final int FIRST_UPDATE_ID = 1_001;
    static final String OUT_OF_BAND_BULLETIN = "MS08-067";
    static final String OUT_OF_BAND_ARTICLE = "958644";
    /** 23 October 2008, 10:00 in Redmond. */
    static final LocalDateTime OUT_OF_BAND_POSTED = LocalDateTime.of(2008, 10, 23, 17, 0);

    private static final YearMonth FIRST_MONTH = YearMonth.of(2006, 11);
    private static final YearMonth LAST_MONTH = YearMonth.of(2008, 11);
    /** Months from November 2006 to November 2008. */
    static final int MONTHS = 25;

    /** The operating systems of the demo hosts. */
    enum Family {
        W2K_SERVER, W2K3, W2K_PRO, WXP
    }

    /** The three products an update is published for; Windows 2000 covers server and workstation. */
    enum Product {
        WINDOWS_2000("Windows 2000", "{A4BEDB1D-A53F-4B4C-9B0E-0E0F0A4D8E01}"),
        WINDOWS_XP("Windows XP", "{558F4BC3-4827-49E1-ACCF-EA79FD72D4C9}"),
        WINDOWS_SERVER_2003("Windows Server 2003", "{7F44C2A7-BC36-470B-BE3B-C01B6DC5DD4E}");

        final String name;
        final String productId;

        Product(String name, String productId) {
            this.name = name;
            this.productId = productId;
        }

        boolean covers(Family family) {
            return switch (this) {
                case WINDOWS_2000 -> family == Family.W2K_SERVER || family == Family.W2K_PRO;
                case WINDOWS_XP -> family == Family.WXP;
                case WINDOWS_SERVER_2003 -> family == Family.W2K3;
            };
        }
    }

    /**
     * One row of the ITMU catalog.
     *
     * @param bulletinId  MSyy-nnn, or empty for updates without a bulletin
     * @param qNumbers    as ITMU stores it: digits, or "KB" and digits for the 2006 updates
     * @param month       months since November 2006, or -1 for updates outside the monthly rhythm
     */
    record Update(int updateId, String uniqueUpdateId, String bulletinId, String articleId, String qNumbers,
            String title, Product product, LocalDateTime posted, long postedEpoch, int month) {

        boolean security() {
            return !bulletinId.isEmpty();
        }

        boolean appliesTo(Family family) {
            return product.covers(family);
        }
    }

    private final List<Update> updates;

    private Sms2003DemoCatalog(List<Update> updates) {
        this.updates = List.copyOf(updates);
    }

    List<Update> updates() {
        return updates;
    }

    static Sms2003DemoCatalog build() {
        List<Update> updates = new ArrayList<>();
        int[] next = {FIRST_UPDATE_ID};
        int month = 0;
        for (YearMonth ym = FIRST_MONTH; !ym.isAfter(LAST_MONTH); ym = ym.plusMonths(1), month++) {
            int first = firstBulletinNumber(ym);
            if (first == 0) {
                continue;
            }
            int count = Math.min(3, bulletinsThatMonth(ym, first));
            LocalDateTime patchTuesday = ym.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY))
                    .atTime(18, 0);
            for (int j = 0; j < count; j++) {
                int number = first + j;
                String bulletin = String.format(Locale.ROOT, "MS%02d-%03d", ym.getYear() % 100, number);
                String kb = String.valueOf(920_011 + month * 1_550 + j * 113);
                for (Product p : productsOf(number)) {
                    add(updates, next, bulletin, kb, "Security Update for " + p.name + " (KB" + kb + ")", p,
                            patchTuesday, month);
                }
            }
            if (!ym.isBefore(LAST_MONTH.minusMonths(2))) {
                String name = ym.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH) + " "
                        + ym.getYear();
                for (Product p : Product.values()) {
                    add(updates, next, "", "890830", "Windows Malicious Software Removal Tool - " + name
                            + " (KB890830)", p, patchTuesday, month);
                }
            }
            if (ym.equals(YearMonth.of(2007, 2))) {
                for (Product p : List.of(Product.WINDOWS_XP, Product.WINDOWS_SERVER_2003)) {
                    add(updates, next, "", "931836", "Update for " + p.name + " (KB931836)", p,
                            patchTuesday.minusDays(8), -1);
                }
            }
            if (ym.equals(YearMonth.of(2008, 10))) {
                for (Product p : Product.values()) {
                    add(updates, next, OUT_OF_BAND_BULLETIN, OUT_OF_BAND_ARTICLE, "Security Update for " + p.name
                            + " (KB" + OUT_OF_BAND_ARTICLE + ")", p, OUT_OF_BAND_POSTED, -1);
                }
            }
        }
        return new Sms2003DemoCatalog(updates);
    }

    private static void add(List<Update> updates, int[] next, String bulletin, String kb, String title, Product p,
            LocalDateTime posted, int month) {
        int id = next[0]++;
        String qNumbers = posted.getYear() == 2006 ? "KB" + kb : kb;
        updates.add(new Update(id, uniqueId(id), bulletin, kb, qNumbers, title, p, posted,
                posted.toEpochSecond(ZoneOffset.UTC), month));
    }

    /**
     * The number of the first bulletin of a month (MS06-066 in November 2006), as published; 0 for
     * a month without one.
     */
    static int firstBulletinNumber(YearMonth ym) {
        int[] y2006 = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 72};
        int[] y2007 = {1, 4, 0, 18, 23, 30, 36, 42, 51, 55, 61, 63};
        int[] y2008 = {1, 3, 14, 18, 26, 30, 37, 41, 52, 56, 68, 70};
        int[] table = switch (ym.getYear()) {
            case 2006 -> y2006;
            case 2007 -> y2007;
            case 2008 -> y2008;
            default -> new int[12];
        };
        return table[ym.getMonthValue() - 1];
    }

    private static int bulletinsThatMonth(YearMonth ym, int first) {
        YearMonth following = ym.plusMonths(1);
        while (firstBulletinNumber(following) == 0 && following.getYear() == ym.getYear()) {
            following = following.plusMonths(1);
        }
        if (following.getYear() != ym.getYear()) {
            return 3;
        }
        int gap = firstBulletinNumber(following) - first;
        // MS08-067 came out of band between October's and November's bulletins.
        return ym.equals(YearMonth.of(2008, 10)) ? Math.min(gap, 67 - first) : gap;
    }

    /** Most bulletins cover all three products; some only XP and Server 2003, a few only Windows 2000. */
    private static List<Product> productsOf(int number) {
        if (number % 5 == 0) {
            return List.of(Product.WINDOWS_XP, Product.WINDOWS_SERVER_2003);
        }
        if (number % 7 == 3) {
            return List.of(Product.WINDOWS_2000);
        }
        return List.of(Product.WINDOWS_2000, Product.WINDOWS_XP, Product.WINDOWS_SERVER_2003);
    }

    private static String uniqueId(long value) {
        long a = DemoRandom.mix(value * 7_919L);
        long b = DemoRandom.mix(value ^ 0x2008_1023L);
        return String.format(Locale.ROOT, "%08x-%04x-%04x-%04x-%012x", a >>> 32, (a >>> 16) & 0xFFFF, a & 0xFFFF,
                b >>> 48, b & 0xFFFFFFFFFFFFL);
    }
}
