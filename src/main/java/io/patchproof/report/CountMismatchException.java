package io.patchproof.report;

/**
 * The counts of a report do not add up (rows read against verdicts, or the files against the
 * figures), so the report is not published: an incomplete report must not look complete.
 */
public class CountMismatchException extends IllegalStateException {

    public CountMismatchException(String message) {
        super(message);
    }
}
