package io.patchproof.exceptions;

import java.util.List;

/**
 * The exceptions register as a run read it: where from, its SHA-256, and every line with what it
 * covered. {@link #NONE} when no register was configured or present.
 *
 * @param file   the register's file name as configured (no machine path is required), or null
 * @param sha256 the SHA-256 of the file's bytes as read, lower-case hex, or null
 * @param uses   every line, in file order
 */
public record ExceptionsRead(String file, String sha256, List<ExceptionUse> uses) {

    public static final ExceptionsRead NONE = new ExceptionsRead(null, null, List.of());

    public ExceptionsRead {
        uses = List.copyOf(uses);
    }

    /** The register's file name without its folders; null when none was configured. */
    public String fileName() {
        return file == null ? null : ExceptionsRegister.fileNameOf(file);
    }

    /** Whether a register was read at all (an empty register with a header counts as read). */
    public boolean present() {
        return sha256 != null;
    }
}
