package io.patchproof.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where on the UTC time line a time read from the site database may lie. Inventory stores local
 * wall-clock times with the offset dropped (sccm-schema.md §8), the offset it is converted with is
 * the one in force when the inventory ran (a boot under the other daylight-saving rule is off by up
 * to an hour), and the zone of inventory timestamps themselves is not confirmed. So a time is an
 * interval, and a comparison decides only when it holds for every instant of the interval,
 * strictly: equal instants decide nothing. Immutable.
 *
 * @param earliest  first instant the time may stand for
 * @param latest    last instant the time may stand for, never before {@code earliest}
 */
public record UtcInterval(Instant earliest, Instant latest) {

    /** Offsets east of UTC that exist on Earth, in minutes: UTC−12:00 to UTC+14:00. */
    public static final int MIN_OFFSET_MINUTES = -720;
    public static final int MAX_OFFSET_MINUTES = 840;

    public UtcInterval {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("interval ends (" + latest + ") before it starts (" + earliest + ")");
        }
    }

    public static UtcInterval at(Instant instant) {
        return new UtcInterval(instant, instant);
    }

    /** The interval between two instants, in either order. */
    public static UtcInterval spanning(Instant a, Instant b) {
        return a.isAfter(b) ? new UtcInterval(b, a) : new UtcInterval(a, b);
    }

    /** Whether an offset in minutes east of UTC is one a clock can have (−720 … +840). */
    public static boolean plausibleOffset(Integer offsetMinutes) {
        return offsetMinutes != null && offsetMinutes >= MIN_OFFSET_MINUTES && offsetMinutes <= MAX_OFFSET_MINUTES;
    }

    /**
     * Converts a client-local time: UTC = local − offset, where the offset is in minutes east of
     * UTC; an unknown ({@code null}) offset widens the result to local ± {@code window}.
     */
    public static UtcInterval ofLocal(LocalDateTime local, Integer offsetMinutes, Duration window) {
        return ofLocal(local, offsetMinutes, window, Duration.ZERO);
    }

    /**
     * Converts a client-local time with the offset in force at another moment (the inventory's):
     * local − offset ± {@code dstMargin}; an unknown offset gives local ± {@code window}.
     */
    public static UtcInterval ofLocal(LocalDateTime local, Integer offsetMinutes, Duration window, Duration dstMargin) {
        Objects.requireNonNull(local, "local");
        if (offsetMinutes != null) {
            Instant utc = local.minusMinutes(offsetMinutes).toInstant(ZoneOffset.UTC);
            return new UtcInterval(utc.minus(dstMargin), utc.plus(dstMargin));
        }
        Instant asIfUtc = local.toInstant(ZoneOffset.UTC);
        return new UtcInterval(asIfUtc.minus(window), asIfUtc.plus(window));
    }

    /**
     * An inventory timestamp whose zone is not confirmed (v_GS_*.TimeStamp, LastHWScan,
     * ScanDateTime): the interval between its reading as UTC and its reading as client local time
     * (with the offset in force when it was taken, so without a daylight-saving margin). With the
     * offset unknown the local reading spans ± {@code window}, and so does the interval.
     */
    public static UtcInterval ofInventoryTime(LocalDateTime stored, Integer offsetMinutes, Duration window) {
        Objects.requireNonNull(stored, "stored");
        Instant asUtc = stored.toInstant(ZoneOffset.UTC);
        if (offsetMinutes == null) {
            return new UtcInterval(asUtc.minus(window), asUtc.plus(window));
        }
        return spanning(asUtc, stored.minusMinutes(offsetMinutes).toInstant(ZoneOffset.UTC));
    }

    public boolean isPoint() {
        return earliest.equals(latest);
    }

    /** True when every instant of the interval is strictly before {@code t}. */
    public boolean endsBefore(Instant t) {
        return latest.isBefore(t);
    }

    /** True when every instant of the interval is strictly after {@code t}. */
    public boolean startsAfter(Instant t) {
        return earliest.isAfter(t);
    }

    /** True when every instant of this interval is strictly before every instant of {@code other}. */
    public boolean whollyBefore(UtcInterval other) {
        return latest.isBefore(other.earliest);
    }

    /** True when every instant of this interval is strictly after every instant of {@code other}. */
    public boolean whollyAfter(UtcInterval other) {
        return earliest.isAfter(other.latest);
    }

    public UtcInterval widen(Duration margin) {
        return new UtcInterval(earliest.minus(margin), latest.plus(margin));
    }
}
