package io.patchproof.exceptions;

/** An exception's standing on the run's as-of date. */
public enum ExceptionState {
    /** Approved on or before the as-of date and expiring on or after it: makes pairs EXEMPT (rule 2). */
    ACTIVE,
    /** Expired before the as-of date: covers nothing, listed so that it is renewed or closed. */
    EXPIRED,
    /** Approved after the as-of date: covers nothing yet. */
    NOT_YET_APPROVED
}
