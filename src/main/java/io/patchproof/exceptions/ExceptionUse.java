package io.patchproof.exceptions;

/**
 * What one register line did in a run.
 *
 * @param line  the line as read
 * @param state its standing on the as-of date
 * @param pairs in-scope applicable (host, update) pairs it matched: EXEMPT when {@code state} is
 *              ACTIVE (rule 2 comes before every other rule), otherwise the pairs it would have covered
 * @param hosts distinct hosts among those pairs
 */
public record ExceptionUse(ExceptionLine line, ExceptionState state, long pairs, long hosts) {

    /** An active exception that matched nothing: listed so that the register is kept clean. */
    public boolean unused() {
        return state == ExceptionState.ACTIVE && pairs == 0;
    }
}
