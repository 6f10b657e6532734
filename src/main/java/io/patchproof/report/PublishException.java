package io.patchproof.report;

/**
 * A report set could not be published. The message names the file and the reason ("cannot write
 * reports/out/monthly-PP1-2026-11-30.xlsx: No space left on device"); nothing of the set was left
 * behind except files that were already there.
 */
public class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public PublishException(String message) {
        super(message);
    }
}
