package io.patchproof.report;

/**
 * A report template cannot be used. The message names the template, the problem and the fix,
 * e.g. "reports/templates/monthly.xlsx: sheet 'Missing' not found; restore ...". Thrown before
 * anything is written.
 */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
