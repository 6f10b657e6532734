package io.patchproof.source;

/**
 * A problem with the site database that no retry will fix: unreachable server, failed login,
 * unrecognised schema, a missing view or column, a permission the login lacks. Its message is one
 * line that names the thing and the fix; the command line prints it and exits with code 2.
 */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
