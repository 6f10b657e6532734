package io.patchproof.store;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much the local store keeps.
 *
 * @param keepSnapshots how many snapshots of the site database the store keeps, the newest
 *                      ones (default {@value #DEFAULT_KEEP_SNAPSHOTS}); the history step of each
 *                      run deletes older ones and logs which. A snapshot is what a run's files
 *                      are rendered from: a run whose snapshot is gone keeps its published files
 *                      and its trend point, but can no longer be rendered again. With three snapshots the store
 *                      takes about 10 MB per 1,000 hosts (docs/operations.md). Snapshots that
 *                      a failed or stopped run still needs for its restart are never deleted
 *                      and do not count.
 */
@Validated
@ConfigurationProperties("patchproof.store")
public record StoreProperties(
        @DefaultValue("" + StoreProperties.DEFAULT_KEEP_SNAPSHOTS)
        @Min(value = 1, message = "must be at least 1, the snapshot the run just read; give 1 or more (default 3)")
        int keepSnapshots) {

    public static final int DEFAULT_KEEP_SNAPSHOTS = 3;
}
