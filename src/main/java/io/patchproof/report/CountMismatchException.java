package io.patchproof.report;

/**
 * The counts of a report do not add up (rows read against verdicts, or the files against the
 * figures), so the report is not published: an incomplete report must not look complete.
 */
public class CountMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public CountMismatchException(String message) {
        super(message);
    }
}
