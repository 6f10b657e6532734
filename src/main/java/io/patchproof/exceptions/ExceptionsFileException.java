package io.patchproof.exceptions;

import java.util.List;

/**
 * The exceptions register cannot be used: the file is missing, unreadable or not UTF-8, or lines
 * are bad. The message names the file and lists the bad lines (line, column, what is wrong, the fix);
 * {@link #problems()} holds every one of them.
 */
public final class ExceptionsFileException extends IllegalArgumentException {

    private final List<String> problems;

    ExceptionsFileException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** Every bad line found, one text each ("line 7, column expires_on: ..."); empty when the file itself failed. */
    public List<String> problems() {
        return problems;
    }
}
