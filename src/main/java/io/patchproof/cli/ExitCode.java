package io.patchproof.cli;

/** The process exit codes of design.md. */
public enum ExitCode {
    /** The run completed. */
    SUCCESS(0),
    /** The run failed or was stopped; it can be restarted. */
    FAILED(1),
    /** Usage or configuration error, found before a run starts. */
    USAGE(2),
    /** Completed, but effective compliance is below --fail-under. */
    BELOW_THRESHOLD(3),
    /** Refused: this run already completed (use --rerun). */
    ALREADY_COMPLETE(4),
    /** Completed, but the scope matched nothing: no applicable (host, update) pair; the Summary says so. */
    NOTHING_MATCHED(5),
    /** verify: the set is not as its manifest says (a changed or missing file, a wrong or missing signature, a malformed manifest). */
    NOT_INTACT(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
