package io.patchproof.report;

import java.nio.file.Path;

/** The set is already published (its manifest exists) and replacing it was not asked for. */
public class AlreadyPublishedException extends PublishException {

    private static final long serialVersionUID = 1L;

    private final Path manifest;

    public AlreadyPublishedException(Path manifest) {
        super(manifest + " exists: this report set is already published and published files are never overwritten;"
                + " run again with --rerun to write a new set beside it");
        this.manifest = manifest;
    }

    public Path manifest() {
        return manifest;
    }
}
