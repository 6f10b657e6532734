package io.patchproof.job;

import org.springframework.batch.core.job.JobInterruptedException;

/**
 * A run ends before it publishes anything because what the extract found makes its report
 * meaningless: its as-of date lies further before the data's own time than
 * {@code patchproof.max-as-of-lag} allows ({@link DataTime#refusal}). The message is the one line
 * the command line prints; the command ends with exit code 2, like any other configuration error.
 *
 * <p>An interruption rather than a failure: the step and the job end STOPPED without a failure's
 * stack trace in the log, and the extract has removed the rows it copied. A {@code restart} with
 * the same as-of date reads the site database again and is refused again, unless the data's time
 * or the setting changed.
 */
public class RunRefusedException extends JobInterruptedException {

    public RunRefusedException(String message) {
        super(message);
    }
}
