package io.patchproof.reconcile;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One maintenance window (a row of {@code v_ServiceWindow}) with its collection, as the site
 * stores it. The schedule's truth is the token string ({@code ServiceWindowSchedules},
 * {@link ScheduleToken}); the {@code StartTime}, {@code RecurrenceType}, {@code Duration} and
 * {@code IsGMT} columns are what the provider derived from it, kept as the fallback where the
 * token is absent (a site whose view lacks the column) or does not decode. Where both are there
 * and disagree, the token wins.
 *
 * @param collectionId    v_ServiceWindow.CollectionID
 * @param collectionName  v_Collection.Name, null where the collection is not visible
 * @param name            the window's name
 * @param description     the window's description (the console writes its schedule in words)
 * @param enabled         IsEnabled; null where the site did not say
 * @param windowType      ServiceWindowType: 1 all deployments, 4 software updates, 5 task sequences
 * @param recurrenceType  RecurrenceType: 1 none, 2 daily, 3 weekly, 4 monthly by weekday, 5 monthly by date
 * @param startTime       StartTime, on the window's clock (see {@link #utc()})
 * @param gmt             IsGMT: true when StartTime is UTC; null where the site lacks the column
 * @param durationMinutes Duration, in minutes
 * @param schedules       ServiceWindowSchedules: one or more 16-digit schedule tokens; null where absent
 */
public record MaintenanceWindow(String collectionId, String collectionName, String name, String description,
        Boolean enabled, Integer windowType, Integer recurrenceType, LocalDateTime startTime, Boolean gmt,
        Integer durationMinutes, String schedules) {

    /** What {@link #scheduleText()} says, or ends with, when the schedule cannot be read here. */
    public static final String SEE_THE_CONSOLE = "see the console";

    /**
     * False only for IsEnabled = 0 (a disabled, or retired, window the client ignores). A NULL
     * IsEnabled reads as enabled: the column is there on every ConfigMgr site, so NULL is a gap in
     * the data, and leaving such a window out would hide a window that may well apply.
     */
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /**
     * Whether the window governs software-update installs and their restarts: ServiceWindowType 1
     * (all deployments) or 4 (software updates). A NULL type counts as applying, for the same
     * reason as {@link #isEnabled()}; 5 (task sequences) and any other value do not.
     */
    public boolean appliesToUpdates() {
        return windowType == null || windowType == 1 || windowType == 4;
    }

    /** The decoded schedule tokens; empty when the string is absent, blank or does not decode. */
    public List<ScheduleToken> tokens() {
        try {
            return schedules == null || schedules.isBlank() ? List.of() : ScheduleToken.parseAll(schedules);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Why the schedule string cannot be used, naming the window: empty when it decodes. For the
     * Data quality sheet.
     */
    public Optional<String> scheduleProblem() {
        if (schedules == null || schedules.isBlank()) {
            return Optional.of("maintenance window '" + name + "' of collection " + collectionId + " has no schedule"
                    + " token (ServiceWindowSchedules is absent or empty); its next start is unknown");
        }
        try {
            ScheduleToken.parseAll(schedules);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("maintenance window '" + name + "' of collection " + collectionId + ": "
                    + e.getMessage() + "; its next start is unknown, check the window in the console");
        }
    }

    /**
     * Whether the window's start times are UTC (true) or the client's local wall clock (false):
     * the decoded token's UTC bit, else the IsGMT column; null when neither says.
     */
    public Boolean utc() {
        List<ScheduleToken> tokens = tokens();
        return tokens.isEmpty() ? gmt : Boolean.valueOf(tokens.get(0).gmt());
    }

    /** How long the window lasts, in minutes: the token's duration, else the Duration column; null when neither says. */
    public Integer lengthMinutes() {
        List<ScheduleToken> tokens = tokens();
        return tokens.isEmpty() ? durationMinutes : Integer.valueOf((int) tokens.get(0).duration().toMinutes());
    }

    /**
     * The next start strictly after {@code after}, on the window's own clock: UTC when
     * {@link #utc()}, else the client's local wall clock (so {@code after} must be on that clock
     * too: a caller holding a UTC as-of date compares a local window host by host, or says the
     * comparison is ±14 h). The earliest over the decoded schedule tokens; empty when the
     * schedule cannot be decoded (absent, blank or bad token: the columns alone do not say the
     * interval, the week order or the weekday reliably) or when the window does not recur and its
     * one start is not after {@code after}.
     */
    public Optional<LocalDateTime> nextStart(LocalDateTime after) {
        return tokens().stream().map(t -> t.nextStart(after)).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /**
     * The schedule in plain words, time, clock and length: "Every Saturday 02:00, 4 h (client local
     * time)", "Third Wednesday of every month 22:00 UTC, 3 h", "Once, 2026-12-05 22:00 UTC, 2 h".
     * Weekly tokens at the same time and length share one phrase ("Every Monday, Tuesday,
     * Wednesday, Thursday and Friday 19:00, 5 h (client local time)"). When the token does not
     * decode: what the columns say, ending "; exact schedule: see the console", or just
     * {@value #SEE_THE_CONSOLE} when the columns do not say either.
     */
    public String scheduleText() {
        List<ScheduleToken> tokens = tokens();
        if (!tokens.isEmpty()) {
            return decodedText(tokens);
        }
        if (startTime == null || recurrenceType == null || recurrenceType < 1 || recurrenceType > 5) {
            return SEE_THE_CONSOLE;
        }
        String kind = switch (recurrenceType) {
            case 1 -> "Once, ";
            case 2 -> "Daily from ";
            case 3 -> "Weekly from ";
            case 4 -> "Monthly (by weekday) from ";
            default -> "Monthly (by date) from ";
        };
        String clock = gmt == null ? " (UTC or client local time: IsGMT unknown)"
                : gmt.booleanValue() ? " UTC" : " (client local time)";
        String length = durationMinutes == null ? "" : ", " + ScheduleToken.durationText(Duration.ofMinutes(durationMinutes));
        return kind + TimeText.minute(startTime) + clock + length + "; exact schedule: " + SEE_THE_CONSOLE;
    }

    private static String decodedText(List<ScheduleToken> tokens) {
        Map<String, List<ScheduleToken>> weeklyGroups = new LinkedHashMap<>();
        List<String> phrases = new ArrayList<>();
        for (ScheduleToken t : tokens) {
            if (t.recurrence() == ScheduleToken.Recurrence.WEEKLY && t.every() == 1) {
                String key = t.start().toLocalTime() + "|" + t.duration() + "|" + t.gmt();
                if (!weeklyGroups.containsKey(key)) {
                    phrases.add(key);
                }
                weeklyGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            } else {
                phrases.add(withClock(t.recurrenceText(), t));
            }
        }
        List<String> result = new ArrayList<>();
        for (String phrase : phrases) {
            List<ScheduleToken> group = weeklyGroups.get(phrase);
            if (group == null) {
                result.add(phrase);
                continue;
            }
            List<String> days = group.stream().map(t -> t.recurrenceText().substring("Every ".length(),
                    t.recurrenceText().lastIndexOf(' '))).distinct().toList();
            String dayList = days.size() == 1 ? days.get(0)
                    : String.join(", ", days.subList(0, days.size() - 1)) + " and " + days.get(days.size() - 1);
            String text = group.get(0).recurrenceText();
            result.add(withClock("Every " + dayList + text.substring(text.lastIndexOf(' ')), group.get(0)));
        }
        return String.join("; ", result);
    }

    private static String withClock(String recurrence, ScheduleToken t) {
        String length = ScheduleToken.durationText(t.duration());
        return t.gmt() ? recurrence + " UTC, " + length : recurrence + ", " + length + " (client local time)";
    }
}
