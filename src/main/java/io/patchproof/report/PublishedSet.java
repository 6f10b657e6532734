package io.patchproof.report;

import java.nio.file.Path;

/**
 * A published report set: the workbook, the findings CSV and the manifest that lists both. The
 * set counts as published only because its manifest exists (it is moved into place last).
 *
 * @param findingsRows data lines in the CSV
 */
public record PublishedSet(String stem, Path directory, PublishedFile workbook, PublishedFile findings,
                           PublishedFile manifest, WorkbookStats workbookStats, long findingsRows) {
}
