package io.patchproof.report;

import java.nio.file.Path;

/**
 * A file is at one of the names a set is to be published under, and no manifest says it is a
 * published set: another store or process may be publishing it right now, or an interrupted
 * publish that is not this store's left it. It is never replaced.
 */
public class NameTakenException extends PublishException {

    private static final long serialVersionUID = 1L;

    private final Path file;

    public NameTakenException(Path file) {
        super(file + " exists and is no file of this run: published files are never replaced (another store may be"
                + " publishing into this folder, or an interrupted publish left it); move it away if nothing is"
                + " publishing it, or run again with --rerun to write a new set beside it");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
