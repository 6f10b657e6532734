package io.patchproof.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class UtcIntervalTests {

    private static final Duration WINDOW = Duration.ofHours(14);
    private static final LocalDateTime NOON = LocalDateTime.parse("2026-10-15T12:00");

    @Test
    void westOfUtcLocalTimesAreLaterInUtc() {
        assertThat(UtcInterval.ofLocal(NOON, -300, WINDOW)).isEqualTo(UtcInterval.at(Instant.parse("2026-10-15T17:00:00Z")));
    }

    @Test
    void eastOfUtcLocalTimesAreEarlierInUtc() {
        assertThat(UtcInterval.ofLocal(NOON, 345, WINDOW)).isEqualTo(UtcInterval.at(Instant.parse("2026-10-15T06:15:00Z")));
    }

    @Test
    void unknownOffsetSpansTheWindowEitherSide() {
        UtcInterval interval = UtcInterval.ofLocal(NOON, null, WINDOW);

        assertThat(interval.earliest()).isEqualTo(Instant.parse("2026-10-14T22:00:00Z"));
        assertThat(interval.latest()).isEqualTo(Instant.parse("2026-10-16T02:00:00Z"));
        assertThat(interval.isPoint()).isFalse();
    }

    @Test
    void comparisonsDecideOnlyForTheWholeInterval() {
        UtcInterval interval = UtcInterval.ofLocal(NOON, null, WINDOW);

        assertThat(interval.endsBefore(Instant.parse("2026-10-16T02:00:01Z"))).isTrue();
        assertThat(interval.endsBefore(Instant.parse("2026-10-16T02:00:00Z"))).isFalse();
        assertThat(interval.startsAfter(Instant.parse("2026-10-14T21:59:59Z"))).isTrue();
        assertThat(interval.startsAfter(Instant.parse("2026-10-14T22:00:00Z"))).isFalse();
    }

    @Test
    void intervalCannotEndBeforeItStarts() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                new UtcInterval(Instant.parse("2026-10-15T12:00:00Z"), Instant.parse("2026-10-15T11:00:00Z")));
    }
}
