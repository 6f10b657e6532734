package io.patchproof.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where on the UTC time line a client-local time may lie. Inventory stores local wall-clock times
 * with the offset dropped (sccm-schema.md §8): with a known offset the interval is a single
 * instant, without one it spans the configured window either side, and a comparison decides only
 * when it holds for every instant of the interval. Immutable.
 *
 * @param earliest  first instant the local time may stand for
 * @param latest    last instant the local time may stand for, never before {@code earliest}
 */
record UtcInterval(Instant earliest, Instant latest) {

    UtcInterval {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("interval ends (" + latest + ") before it starts (" + earliest + ")");
        }
    }

    static UtcInterval at(Instant instant) {
        return new UtcInterval(instant, instant);
    }

    /**
     * Converts a client-local time: UTC = local − offset, where the offset is in minutes east of
     * UTC; an unknown ({@code null}) offset widens the result to local ± {@code window}.
     */
    static UtcInterval ofLocal(LocalDateTime local, Integer offsetMinutes, Duration window) {
        Objects.requireNonNull(local, "local");
        if (offsetMinutes != null) {
            return at(local.minusMinutes(offsetMinutes).toInstant(ZoneOffset.UTC));
        }
        Instant asIfUtc = local.toInstant(ZoneOffset.UTC);
        return new UtcInterval(asIfUtc.minus(window), asIfUtc.plus(window));
    }

    boolean isPoint() {
        return earliest.equals(latest);
    }

    /** True when every instant of the interval is strictly before {@code t}. */
    boolean endsBefore(Instant t) {
        return latest.isBefore(t);
    }

    /** True when every instant of the interval is strictly after {@code t}. */
    boolean startsAfter(Instant t) {
        return earliest.isAfter(t);
    }
}
