package io.patchproof.reconcile;

import java.time.LocalDateTime;
import java.util.Optional;

/** TEMPORARY stand-in until the schedule-token work lands. */
public record MaintenanceWindow(String collectionId, String collectionName, String name, String description,
        Boolean enabled, Integer windowType, Integer recurrenceType, LocalDateTime startTime, Boolean gmt,
        Integer durationMinutes, String schedules) {

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public boolean appliesToUpdates() {
        return windowType == null || windowType == 1 || windowType == 4;
    }

    public Optional<LocalDateTime> nextStart(LocalDateTime after) {
        if (startTime == null) {
            return Optional.empty();
        }
        LocalDateTime t = startTime;
        while (!t.isAfter(after)) {
            t = t.plusWeeks(1);
        }
        return Optional.of(t);
    }

    public String scheduleText() {
        return "see the console";
    }
}
