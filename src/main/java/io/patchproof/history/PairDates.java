package io.patchproof.history;

import java.time.LocalDate;

/** Receives one (host, update) pair and the date its NOT_IN_EFFECT streak began, one row at a time. */
@FunctionalInterface
public interface PairDates {

    void accept(int resourceId, int ciId, LocalDate firstSeen);
}
