package io.patchproof.report;

import java.time.LocalDate;

/**
 * When earlier runs of the same site and scope first saw a (host, update) pair not in effect:
 * the "on the list since" of the monthly sheets. Implementations are read-only and thread-safe.
 */
@FunctionalInterface
public interface FirstSeen {

    /** No earlier run known: every pair not in effect is first seen by this run. */
    FirstSeen NONE = (resourceId, ciId) -> null;

    /** The first-seen date of the pair's current unbroken streak in earlier runs, or null if none saw it. */
    LocalDate of(int resourceId, int ciId);
}
