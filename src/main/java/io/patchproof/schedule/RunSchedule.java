package io.patchproof.schedule;

import io.patchproof.job.UsageException;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * One configured schedule: which profile runs, and when. The value of its property is a Quartz
 * cron expression ({@code 0 0 6 ? * TUE#2}), optionally followed by an offset of whole days
 * ({@code +5d}), or {@code off}.
 *
 * <p>The offset is why this is not a plain cron trigger: "the second Tuesday + 5 days" is no cron
 * expression (Quartz cannot combine a day-of-month range with a day of the week). The fire times
 * are the cron expression's times shifted by the offset, in the local time zone: a base time on
 * the 28th with {@code +5d} fires in the next month. {@link #nextAfter} computes them;
 * {@link RunScheduler} arms a one-shot trigger with the next one and re-arms it when it fires.
 *
 * <p>Immutable and thread-safe ({@link CronExpression} is not, so each computation makes its own).
 *
 * @param name     {@code monthly} or {@code quarterly}: the schedule's name and property
 * @param profile  the report profile its runs use
 * @param spec     the property's value as given (trimmed)
 * @param cron     the cron expression part
 * @param offsetDays days added to each of the cron expression's times
 * @param zone     the time zone the cron expression is read in
 */
public record RunSchedule(String name, String profile, String spec, String cron, int offsetDays, ZoneId zone) {

    /** The Sunday after Patch Tuesday, 06:00. */
    public static final String DEFAULT_MONTHLY = "0 0 6 ? * TUE#2 +5d";
    /** The first weekday of each quarter (the nearest weekday to the 1st, never in the month before), 06:00. */
    public static final String DEFAULT_QUARTERLY = "0 0 6 1W 1,4,7,10 ?";
    public static final String OFF = "off";
    static final int MAX_OFFSET_DAYS = 27;

    private static final Pattern OFFSET = Pattern.compile("^(.*?)\\s+\\+(\\d{1,3})d$", Pattern.CASE_INSENSITIVE);

    /**
     * The schedules of the properties, in the order monthly, quarterly; those set to {@code off}
     * left out.
     *
     * @throws UsageException for a value that is no schedule, or one that never fires again
     */
    public static List<RunSchedule> of(ScheduleProperties properties, ZoneId zone) {
        List<RunSchedule> schedules = new ArrayList<>();
        parse("monthly", "monthly", properties.monthly(), DEFAULT_MONTHLY, zone).ifPresent(schedules::add);
        parse("quarterly", "cio", properties.quarterly(), DEFAULT_QUARTERLY, zone).ifPresent(schedules::add);
        for (RunSchedule schedule : schedules) {
            if (schedule.nextAfter(ZonedDateTime.now(zone)) == null) {
                throw new UsageException("patchproof.schedule." + schedule.name() + ": '" + schedule.spec()
                        + "' never fires again (its year is past); give a cron expression without a past year, or off");
            }
        }
        return List.copyOf(schedules);
    }

    /**
     * Parses a schedule's property value; empty for {@code off}.
     *
     * @throws UsageException naming the property, what is wrong and the fix
     */
    static java.util.Optional<RunSchedule> parse(String name, String profile, String value, String defaultValue,
            ZoneId zone) {
        String property = "patchproof.schedule." + name;
        String fix = "give a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), optionally"
                + " followed by +Nd to add N days, or off; default '" + defaultValue + "'";
        if (value == null || value.isBlank()) {
            throw new UsageException(property + " is empty; " + fix);
        }
        String spec = value.trim().replaceAll("\\s+", " ");
        // YAML reads an unquoted off as false.
        if (spec.equalsIgnoreCase(OFF) || spec.equalsIgnoreCase("false")) {
            return java.util.Optional.empty();
        }
        String cron = spec;
        int offset = 0;
        Matcher m = OFFSET.matcher(spec);
        if (m.matches()) {
            cron = m.group(1).trim();
            offset = Integer.parseInt(m.group(2));
            if (offset > MAX_OFFSET_DAYS) {
                throw new UsageException(property + ": '" + value + "': an offset of " + offset + " days is more than "
                        + MAX_OFFSET_DAYS + "; " + fix);
            }
        } else if (spec.contains("+")) {
            throw new UsageException(property + ": '" + value + "': the offset must end the value and read +Nd"
                    + " (such as +5d); " + fix);
        }
        try {
            CronExpression.validateExpression(cron);
        } catch (ParseException e) {
            throw new UsageException(property + ": '" + value + "' is not a cron expression (" + e.getMessage() + "); "
                    + fix, e);
        }
        return java.util.Optional.of(new RunSchedule(name, profile, spec, cron, offset, zone));
    }

    /**
     * The first fire time strictly after {@code after}, or null when the expression has none (a
     * past year). A fire time is a time of the cron expression plus the offset.
     */
    public ZonedDateTime nextAfter(ZonedDateTime after) {
        CronExpression expression = expression();
        // The base time whose shifted time comes after `after`: search from `after - offset`.
        ZonedDateTime from = after.withZoneSameInstant(zone).minusDays(offsetDays);
        Date base = expression.getNextValidTimeAfter(Date.from(from.toInstant()));
        return base == null ? null : ZonedDateTime.ofInstant(base.toInstant(), zone).plusDays(offsetDays);
    }

    /** The next {@code count} fire times after {@code after}. */
    public List<ZonedDateTime> nextFireTimes(ZonedDateTime after, int count) {
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime t = after;
        while (times.size() < count && (t = nextAfter(t)) != null) {
            times.add(t);
        }
        return times;
    }

    /** The as-of date of a run fired at {@code fireTime}: its local date. */
    public LocalDate asOf(ZonedDateTime fireTime) {
        return fireTime.withZoneSameInstant(zone).toLocalDate();
    }

    /** For messages: {@code monthly (profile monthly): 0 0 6 ? * TUE#2 +5d}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (profile %s): %s", name, profile, spec);
    }

    private CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("validated at construction: " + cron, e);
        }
    }
}
