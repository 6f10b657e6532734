package io.patchproof.reconcile;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code v_GS_QUICK_FIX_ENGINEERING.InstalledOn0}. Win32_QuickFixEngineering declares
 * InstalledOn as a string, and what clients put there depends on the OS version and locale
 * (sccm-schema.md §5.5): {@code M/d/yyyy} (with or without leading zeros), {@code yyyyMMdd}, or a
 * 16-hex-digit FILETIME (100-ns ticks since 1601-01-01) on older systems. It is a date without a
 * time, in the client's local time. A FILETIME is UTC by Windows convention, so its date may also
 * be a UTC date; the caller takes the later end of the two readings. Stateless and thread-safe.
 */
final class InstalledOnParser {

    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern FILETIME = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final LocalDateTime FILETIME_EPOCH = LocalDateTime.of(1601, 1, 1, 0, 0);
    private static final long TICKS_PER_MICROSECOND = 10;

    private InstalledOnParser() {
    }

    /**
     * What the column said.
     *
     * @param raw       the stored text, trimmed; empty when the column was null or blank
     * @param date      the local date it names, null when absent or unreadable
     * @param filetime  true when read from a FILETIME: the date may be a UTC date instead
     */
    record InstalledOn(String raw, LocalDate date, boolean filetime) {

        static final InstalledOn NONE = new InstalledOn("", null, false);

        boolean present() {
            return date != null;
        }

        /** Text was stored but in no format we know: the row gets UNPARSEABLE_QFE_DATE. */
        boolean unparseable() {
            return date == null && !raw.isEmpty();
        }
    }

    static InstalledOn parse(String text) {
        if (text == null || text.isBlank()) {
            return InstalledOn.NONE;
        }
        String raw = text.trim();
        return new InstalledOn(raw, toDate(raw), FILETIME.matcher(raw).matches());
    }

    private static LocalDate toDate(String raw) {
        try {
            Matcher us = US_DATE.matcher(raw);
            if (us.matches()) {
                return LocalDate.of(Integer.parseInt(us.group(3)), Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2)));
            }
            Matcher compact = COMPACT_DATE.matcher(raw);
            if (compact.matches()) {
                return LocalDate.of(Integer.parseInt(compact.group(1)), Integer.parseInt(compact.group(2)),
                        Integer.parseInt(compact.group(3)));
            }
            if (FILETIME.matcher(raw).matches()) {
                return fromFiletime(Long.parseUnsignedLong(raw, 16));
            }
        }
        catch (DateTimeException ex) {
            return null;
        }
        return null;
    }

    /** A FILETIME with the top bit set is negative as a signed tick count: no real install date. */
    private static LocalDate fromFiletime(long ticks) {
        if (ticks < 0) {
            return null;
        }
        return FILETIME_EPOCH.plus(ticks / TICKS_PER_MICROSECOND, ChronoUnit.MICROS).toLocalDate();
    }
}
