package io.patchproof.job;

/**
 * A usage or configuration error found before a run starts (exit code 2). The message is one
 * line that names the option or property and the fix.
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
