package io.patchproof.reconcile;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One ConfigMgr schedule token (an {@code SMS_ST_*} object) in its interval-string form: 16
 * hexadecimal digits, two 32-bit words. {@code v_ServiceWindow.ServiceWindowSchedules} holds one
 * or more of them concatenated ({@link #parseAll}).
 *
 * <h2>Bit layout</h2>
 * Microsoft's "ReadFromString Method in Class SMS_ScheduleMethods" (Configuration Manager SDK,
 * learn.microsoft.com, {@code memdocs/configmgr/develop/reference/core/servers/configure/
 * readfromstring-method-in-class-sms_schedulemethods.md}) draws both words, bit 31 first:
 * <pre>
 * first word:  start minute (6) | start hour (5) | start day (5) | start month (4) | start year (6) | duration minutes (6)
 * second word: duration hours (5) | duration days (5) | recurrence type (3) | type-specific (18) | UTC (1, bit 0)
 *   1 non-recurring     unused
 *   2 interval          minutes (6) | hours (5) | days (5) | unused (2)
 *   3 weekly            weekday (3) | weeks (3) | unused (12)
 *   4 monthly, weekday  weekday (3) | months (4) | week order (3) | unused (8)
 *   5 monthly, date     date (5) | months (4) | unused (9)
 * </pre>
 * The start year is stored as years since 1970 (the SDK drawing does not say; PSCCMClient's
 * {@code ConvertFrom-CCMSchedule} adds 1970, and every published token below decodes to its
 * stated year that way). Weekdays are 1 Sunday .. 7 Saturday and week order 0 last, 1..4 first
 * to fourth ({@code SMS_ST_RecurWeekly}, {@code SMS_ST_RecurMonthlyByWeekday}); a month date of 0
 * is the month's last day ({@code SMS_ST_RecurMonthlyByDate}).
 *
 * <p>Where sources disagree: PSCCMClient reads the duration's day field as part of the hours and
 * ignores it; the SDK drawing gives it five bits of its own, which this class follows. The
 * published tokens this class is tested against (ScheduleTokenTests) are those of the SDK pages
 * "SMS_ScheduleToken Server WMI Class" ({@code 791378800008000055147880001B200055177880001E2000}:
 * once on 2004-07-19 08:30, weekly on Tuesdays and on Fridays from 2004-07-20/23 08:21) and
 * "SMS_ServiceWindow Server WMI Class" ({@code 0034394008100008} every day, {@code 00343940081A2000}
 * every week, {@code 0034394008284400} every month, each at 01:00), and PSCCMClient's
 * {@code 1033BC7B10100010} (every 2 days from 2019-11-19 01:04, lasting 2 h 59 min).
 *
 * <h2>Next start</h2>
 * {@link #nextStart} counts on the token's own wall clock (UTC when {@link #gmt()}, else the
 * client's local time), without daylight-saving shifts. Two choices no public source settles: a
 * weekly token's first occurrence is the first given weekday on or after the start date, and a
 * monthly-by-date token whose date a month lacks (the 31st in April) falls on that month's last
 * day. Periods count from the start's month (monthly) or first occurrence (weekly, interval).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ScheduleToken {

    /** The recurrence kinds, numbered as the token (and {@code v_ServiceWindow.RecurrenceType}) number them. */
    public enum Recurrence {
        NONE(1), INTERVAL(2), WEEKLY(3), MONTHLY_BY_WEEKDAY(4), MONTHLY_BY_DATE(5);

        private final int code;

        Recurrence(int code) {
            this.code = code;
        }

        /** 1 to 5, as {@code SMS_ServiceWindow.RecurrenceType}. */
        public int code() {
            return code;
        }

        static Optional<Recurrence> of(int code) {
            for (Recurrence r : values()) {
                if (r.code == code) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** One token is this many hexadecimal digits. */
    public static final int LENGTH = 16;
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = FIRST_YEAR + 63;
    private static final String[] ORDINALS = {"Last", "First", "Second", "Third", "Fourth"};

    private final Recurrence recurrence;
    private final LocalDateTime start;
    private final Duration duration;
    private final boolean gmt;
    /** Interval: the span; weekly: 7 days times the weeks. */
    private final Duration span;
    private final DayOfWeek weekday;
    /** Weekly: weeks; monthly: months. */
    private final int every;
    /** Monthly by weekday: 0 last, 1..4; monthly by date: 0 last day, 1..31. */
    private final int ordinal;

    private ScheduleToken(Recurrence recurrence, LocalDateTime start, Duration duration, boolean gmt, Duration span,
            DayOfWeek weekday, int every, int ordinal) {
        this.recurrence = recurrence;
        this.start = start;
        this.duration = duration;
        this.gmt = gmt;
        this.span = span;
        this.weekday = weekday;
        this.every = every;
        this.ordinal = ordinal;
    }

    // ---------------------------------------------------------------------------------------
    // Making tokens

    /** Once, at {@code start}. */
    public static ScheduleToken once(LocalDateTime start, Duration duration, boolean gmt) {
        return checked(new ScheduleToken(Recurrence.NONE, start, duration, gmt, null, null, 0, 0));
    }

    /** Every {@code span} (at most 31 days 23 hours 59 minutes, whole minutes) from {@code start}. */
    public static ScheduleToken interval(LocalDateTime start, Duration duration, boolean gmt, Duration span) {
        return checked(new ScheduleToken(Recurrence.INTERVAL, start, duration, gmt, span, null, 0, 0));
    }

    /** On {@code weekday} every {@code weeks} weeks (1 to 7), at {@code start}'s time, from {@code start}'s date. */
    public static ScheduleToken weekly(LocalDateTime start, Duration duration, boolean gmt, DayOfWeek weekday, int weeks) {
        return checked(new ScheduleToken(Recurrence.WEEKLY, start, duration, gmt, null, weekday, weeks, 0));
    }

    /**
     * On the {@code weekOrder}th {@code weekday} (1 to 4, or 0 for the last) of every {@code months}
     * months (1 to 15), at {@code start}'s time, counting months from {@code start}'s.
     */
    public static ScheduleToken monthlyByWeekday(LocalDateTime start, Duration duration, boolean gmt, int weekOrder,
            DayOfWeek weekday, int months) {
        return checked(new ScheduleToken(Recurrence.MONTHLY_BY_WEEKDAY, start, duration, gmt, null, weekday, months,
                weekOrder));
    }

    /** On day {@code monthDay} (1 to 31, or 0 for the last day) of every {@code months} months (1 to 15). */
    public static ScheduleToken monthlyByDate(LocalDateTime start, Duration duration, boolean gmt, int monthDay,
            int months) {
        return checked(new ScheduleToken(Recurrence.MONTHLY_BY_DATE, start, duration, gmt, null, null, months, monthDay));
    }

    private static ScheduleToken checked(ScheduleToken t) {
        Objects.requireNonNull(t.start, "start");
        Objects.requireNonNull(t.duration, "duration");
        require(t.start.getSecond() == 0 && t.start.getNano() == 0, "start " + t.start + " has seconds; a token holds"
                + " whole minutes");
        require(t.start.getYear() >= FIRST_YEAR && t.start.getYear() <= LAST_YEAR, "start year " + t.start.getYear()
                + " is outside " + FIRST_YEAR + ".." + LAST_YEAR + ", the years a token can hold");
        require(!t.duration.isNegative() && t.duration.toSeconds() % 60 == 0 && t.duration.toDays() <= 31,
                "duration " + t.duration + " is not whole minutes from 0 to 31 days 23:59");
        switch (t.recurrence) {
            case INTERVAL -> {
                Objects.requireNonNull(t.span, "span");
                require(t.span.toSeconds() > 0 && t.span.toSeconds() % 60 == 0 && t.span.toDays() <= 31,
                        "interval " + t.span + " is not whole minutes from 1 minute to 31 days 23:59");
            }
            case WEEKLY -> {
                Objects.requireNonNull(t.weekday, "weekday");
                require(t.every >= 1 && t.every <= 7, "weeks " + t.every + " is outside 1..7");
            }
            case MONTHLY_BY_WEEKDAY -> {
                Objects.requireNonNull(t.weekday, "weekday");
                require(t.every >= 1 && t.every <= 15, "months " + t.every + " is outside 1..15");
                require(t.ordinal >= 0 && t.ordinal <= 4, "week order " + t.ordinal + " is outside 0 (last)..4");
            }
            case MONTHLY_BY_DATE -> {
                require(t.every >= 1 && t.every <= 15, "months " + t.every + " is outside 1..15");
                require(t.ordinal >= 0 && t.ordinal <= 31, "month day " + t.ordinal + " is outside 0 (last day)..31");
            }
            case NONE -> {
            }
        }
        return t;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("schedule token: " + message);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Reading and writing the interval string

    /**
     * Every token of a {@code ServiceWindowSchedules} string, in order.
     *
     * @throws IllegalArgumentException naming the problem when the text is blank, not a multiple
     *         of 16 hexadecimal digits, or holds a token that does not decode
     */
    public static List<ScheduleToken> parseAll(String schedules) {
        if (schedules == null || schedules.isBlank()) {
            throw new IllegalArgumentException("schedule token: the schedule is empty");
        }
        String text = schedules.strip();
        if (text.length() % LENGTH != 0) {
            throw new IllegalArgumentException("schedule token: '" + abbreviate(text) + "' is " + text.length()
                    + " characters, not a multiple of " + LENGTH + " hexadecimal digits");
        }
        List<ScheduleToken> tokens = new ArrayList<>();
        for (int i = 0; i < text.length(); i += LENGTH) {
            tokens.add(parse(text.substring(i, i + LENGTH)));
        }
        return List.copyOf(tokens);
    }

    /**
     * One 16-digit token (either case).
     *
     * @throws IllegalArgumentException naming the token and what in it does not decode
     */
    public static ScheduleToken parse(String token) {
        if (token == null || token.length() != LENGTH || !token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("schedule token: '" + abbreviate(String.valueOf(token)) + "' is not "
                    + LENGTH + " hexadecimal digits");
        }
        long high = Long.parseLong(token.substring(0, 8), 16);
        long low = Long.parseLong(token.substring(8), 16);
        int minute = bits(high, 26, 6);
        int hour = bits(high, 21, 5);
        int day = bits(high, 16, 5);
        int month = bits(high, 12, 4);
        int year = FIRST_YEAR + bits(high, 6, 6);
        Duration duration = Duration.ofDays(bits(low, 22, 5)).plusHours(bits(low, 27, 5)).plusMinutes(bits(high, 0, 6));
        boolean gmt = bits(low, 0, 1) == 1;
        int kind = bits(low, 19, 3);
        try {
            LocalDateTime start = LocalDateTime.of(year, month, day, hour, minute);
            Recurrence recurrence = Recurrence.of(kind).orElseThrow(() -> new IllegalArgumentException(
                    "recurrence type " + kind + " is not 1..5"));
            return switch (recurrence) {
                case NONE -> once(start, duration, gmt);
                case INTERVAL -> interval(start, duration, gmt, Duration.ofDays(bits(low, 3, 5))
                        .plusHours(bits(low, 8, 5)).plusMinutes(bits(low, 13, 6)));
                case WEEKLY -> weekly(start, duration, gmt, weekday(bits(low, 16, 3)), bits(low, 13, 3));
                case MONTHLY_BY_WEEKDAY -> monthlyByWeekday(start, duration, gmt, bits(low, 9, 3),
                        weekday(bits(low, 16, 3)), bits(low, 12, 4));
                case MONTHLY_BY_DATE -> monthlyByDate(start, duration, gmt, bits(low, 14, 5), bits(low, 10, 4));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("schedule token '" + token + "' does not decode: "
                    + e.getMessage().replaceFirst("^schedule token: ", ""), e);
        }
    }

    /** The 16 upper-case hexadecimal digits {@code SMS_ScheduleMethods.WriteToString} would write. */
    public String encode() {
        long high = ((long) start.getMinute() << 26) | ((long) start.getHour() << 21) | ((long) start.getDayOfMonth() << 16)
                | ((long) start.getMonthValue() << 12) | ((long) (start.getYear() - FIRST_YEAR) << 6)
                | duration.toMinutesPart();
        long low = ((long) duration.toHoursPart() << 27) | (duration.toDaysPart() << 22)
                | ((long) recurrence.code << 19) | (gmt ? 1 : 0);
        low |= switch (recurrence) {
            case NONE -> 0L;
            case INTERVAL -> ((long) span.toMinutesPart() << 13) | ((long) span.toHoursPart() << 8) | (span.toDaysPart() << 3);
            case WEEKLY -> ((long) dayNumber(weekday) << 16) | ((long) every << 13);
            case MONTHLY_BY_WEEKDAY -> ((long) dayNumber(weekday) << 16) | ((long) every << 12) | ((long) ordinal << 9);
            case MONTHLY_BY_DATE -> ((long) ordinal << 14) | ((long) every << 10);
        };
        return String.format(Locale.ROOT, "%08X%08X", high, low);
    }

    /** Several tokens as one {@code ServiceWindowSchedules} string. */
    public static String encodeAll(List<ScheduleToken> tokens) {
        StringBuilder text = new StringBuilder();
        tokens.forEach(t -> text.append(t.encode()));
        return text.toString();
    }

    private static int bits(long word, int shift, int width) {
        return (int) ((word >>> shift) & ((1L << width) - 1));
    }

    private static DayOfWeek weekday(int number) {
        if (number < 1 || number > 7) {
            throw new IllegalArgumentException("weekday " + number + " is not 1 (Sunday)..7 (Saturday)");
        }
        return DayOfWeek.SUNDAY.plus(number - 1L);
    }

    private static int dayNumber(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    // ---------------------------------------------------------------------------------------
    // Meaning

    public Recurrence recurrence() {
        return recurrence;
    }

    /** The first start, on the token's clock. */
    public LocalDateTime start() {
        return start;
    }

    /** How long each occurrence lasts. */
    public Duration duration() {
        return duration;
    }

    /** True when the start times are UTC; false when they are the client's local wall clock. */
    public boolean gmt() {
        return gmt;
    }

    /** The interval of an {@link Recurrence#INTERVAL} token, else empty. */
    public Optional<Duration> interval() {
        return recurrence == Recurrence.INTERVAL ? Optional.of(span) : Optional.empty();
    }

    /** The weekday of a weekly or monthly-by-weekday token, else empty. */
    public Optional<DayOfWeek> weekday() {
        return Optional.ofNullable(weekday);
    }

    /** Weeks (weekly) or months (monthly) between occurrences; 0 for the other kinds. */
    public int every() {
        return every;
    }

    /** Monthly by weekday: week order (0 last, 1..4); monthly by date: the day (0 last day, 1..31); else 0. */
    public int ordinal() {
        return ordinal;
    }

    /**
     * The first start strictly after {@code after}, on the token's clock; empty for a
     * non-recurring token whose start is not after it.
     */
    public Optional<LocalDateTime> nextStart(LocalDateTime after) {
        Objects.requireNonNull(after, "after");
        return switch (recurrence) {
            case NONE -> start.isAfter(after) ? Optional.of(start) : Optional.empty();
            case INTERVAL -> Optional.of(stepFrom(start, span.toMinutes(), after));
            case WEEKLY -> Optional.of(stepFrom(start.toLocalDate().with(TemporalAdjusters.nextOrSame(weekday))
                    .atTime(start.toLocalTime()), Duration.ofDays(7L * every).toMinutes(), after));
            case MONTHLY_BY_WEEKDAY, MONTHLY_BY_DATE -> Optional.of(nextMonthly(after));
        };
    }

    private static LocalDateTime stepFrom(LocalDateTime first, long stepMinutes, LocalDateTime after) {
        if (first.isAfter(after)) {
            return first;
        }
        long steps = ChronoUnit.MINUTES.between(first, after) / stepMinutes + 1;
        return first.plusMinutes(steps * stepMinutes);
    }

    private LocalDateTime nextMonthly(LocalDateTime after) {
        YearMonth first = YearMonth.from(start);
        long skip = Math.max(0, ChronoUnit.MONTHS.between(first, YearMonth.from(after)) / every - 1);
        for (long k = skip; ; k++) {
            LocalDateTime candidate = occurrenceIn(first.plusMonths(k * every));
            if (!candidate.isBefore(start) && candidate.isAfter(after)) {
                return candidate;
            }
        }
    }

    private LocalDateTime occurrenceIn(YearMonth month) {
        LocalDate date = switch (recurrence) {
            case MONTHLY_BY_WEEKDAY -> ordinal == 0
                    ? month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(weekday))
                    : month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(ordinal, weekday));
            case MONTHLY_BY_DATE -> ordinal == 0 ? month.atEndOfMonth() : month.atDay(Math.min(ordinal, month.lengthOfMonth()));
            default -> throw new IllegalStateException(recurrence + " is not monthly");
        };
        return date.atTime(start.toLocalTime());
    }

    /**
     * The recurrence and time of day in plain words, without duration or clock: "Every Saturday
     * 02:00", "Third Wednesday of every month 22:00", "Every 2 days 01:04, from 2019-11-19",
     * "Once, 2004-07-19 08:30".
     */
    public String recurrenceText() {
        String time = TimeText.minute(start).substring(11);
        return switch (recurrence) {
            case NONE -> "Once, " + TimeText.minute(start);
            case INTERVAL -> intervalText(time);
            case WEEKLY -> every == 1 ? "Every " + dayName(weekday) + " " + time
                    : "Every " + every + " weeks on " + dayName(weekday) + " " + time + ", from " + start.toLocalDate();
            case MONTHLY_BY_WEEKDAY -> ORDINALS[ordinal] + " " + dayName(weekday) + " of " + months() + " " + time;
            case MONTHLY_BY_DATE -> (ordinal == 0 ? "Last day" : "Day " + ordinal) + " of " + months() + " " + time;
        };
    }

    private String intervalText(String time) {
        if (span.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
            long days = span.toDays();
            return days == 1 ? "Every day " + time : "Every " + days + " days " + time + ", from " + start.toLocalDate();
        }
        List<String> parts = new ArrayList<>();
        addPart(parts, span.toDays(), "day");
        addPart(parts, span.toHoursPart(), "hour");
        addPart(parts, span.toMinutesPart(), "minute");
        return "Every " + String.join(" ", parts) + " from " + TimeText.minute(start);
    }

    private static void addPart(List<String> parts, long value, String unit) {
        if (value == 1) {
            parts.add("1 " + unit);
        } else if (value > 1) {
            parts.add(value + " " + unit + "s");
        }
    }

    private String months() {
        return every == 1 ? "every month" : "every " + every + " months";
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    /** A length in plain words: "4 h", "1 h 30 min", "45 min", "1 d 2 h", "0 min". */
    public static String durationText(Duration duration) {
        List<String> parts = new ArrayList<>();
        if (duration.toDays() > 0) {
            parts.add(duration.toDays() + " d");
        }
        if (duration.toHoursPart() > 0) {
            parts.add(duration.toHoursPart() + " h");
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + " min");
        }
        return parts.isEmpty() ? "0 min" : String.join(" ", parts);
    }

    /** {@link #encode()}, the form the site stores. */
    @Override
    public String toString() {
        return encode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleToken t && encode().equals(t.encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }
}
