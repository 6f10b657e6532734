package io.patchproof.report;

import java.nio.file.Path;

/**
 * One published file.
 *
 * @param role   "workbook", "findings" or "manifest"
 * @param path   where it is
 * @param size   bytes
 * @param sha256 SHA-256 of its bytes on disk, lower-case hex
 */
public record PublishedFile(String role, Path path, long size, String sha256) {
}
