package io.patchproof.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Assembles the one-line evidence of a finding: the signals a rule used, in a fixed order,
 * separated by "; ". Times are written to the minute: UTC ones with a trailing {@code Z}, client
 * local ones with the word "local" so that a reader never mistakes one for the other. Not
 * thread-safe; one instance per finding.
 */
final class Evidence {

    /** Topic 402 state names (sccm-schema.md §6.2), as the evidence spells them. */
    private static final String[] ENFORCEMENT_STATES = {
        "enforcement state unknown", "enforcement started", "waiting for content",
        "waiting for another installation", "waiting for maintenance window", "restart required before installing",
        "general failure", "pending installation", "installing", "pending system restart",
        "successfully installed", "failed to install", "downloading", "downloaded", "failed to download",
    };

    private final List<String> parts = new ArrayList<>();

    Evidence add(String part) {
        if (part != null && !part.isEmpty()) {
            parts.add(part);
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join("; ", parts);
    }

    static String utc(Instant instant) {
        return TimeText.minute(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC)) + "Z";
    }

    /** A release date is usually midnight: shown as a date, otherwise to the minute. */
    static String utcDateOrTime(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : utc(instant);
    }

    static String local(LocalDateTime local) {
        return TimeText.minute(local) + " local";
    }

    /** Minutes east of UTC as {@code UTC-05:00}; never {@code Z}, which would read as "is UTC". */
    static String offset(int minutes) {
        int abs = Math.abs(minutes);
        int hours = abs / 60;
        if (hours >= 100 || abs < 0) {
            return String.format(Locale.ROOT, "UTC%s%02d:%02d", minutes < 0 ? "-" : "+", hours, abs % 60);
        }
        // Once per host and sheet row: by hand, not through a Formatter.
        return new String(new char[] {'U', 'T', 'C', minutes < 0 ? '-' : '+', (char) ('0' + hours / 10),
            (char) ('0' + hours % 10), ':', (char) ('0' + abs % 60 / 10), (char) ('0' + abs % 10)});
    }

    static String enforcementStateName(int state) {
        return state >= 0 && state < ENFORCEMENT_STATES.length ? ENFORCEMENT_STATES[state] : "undocumented";
    }

    /** LastErrorCode is a signed int: HRESULTs such as 0x80070005 arrive negative. */
    static String errorCode(int code) {
        return String.format(Locale.ROOT, "0x%08X", code);
    }
}
