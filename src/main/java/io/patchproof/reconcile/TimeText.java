package io.patchproof.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The two time texts written millions of times per run, digit by digit: the evidence's
 * {@code uuuu-MM-dd HH:mm} and the CSV's {@code uuuu-MM-dd'T'HH:mm:ss'Z'}. A
 * {@link DateTimeFormatter} was a quarter of the publish step's CSV thread at 25,000 hosts. Years
 * outside 0..9999 (which the patterns write with a sign or more digits) go through the patterns.
 * The output is the patterns' own, character for character (TimeTextTests). Stateless.
 */
public final class TimeText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    /** {@code uuuu-MM-dd HH:mm}. */
    public static String minute(LocalDateTime t) {
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return MINUTE.format(t);
        }
        char[] c = new char[16];
        dateHourMinute(c, t, ' ');
        return new String(c);
    }

    /** {@code uuuu-MM-dd'T'HH:mm:ss'Z'} in UTC, the fraction of a second cut off. */
    public static String utcSeconds(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        char[] c = new char[20];
        dateHourMinute(c, t, 'T');
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = 'Z';
        return new String(c);
    }

    /** {@code uuuu-MM-dd?HH:mm} into the first 16 characters, {@code ?} being {@code between}. */
    private static void dateHourMinute(char[] c, LocalDateTime t, char between) {
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = between;
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
