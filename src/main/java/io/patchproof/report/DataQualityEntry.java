package io.patchproof.report;

/**
 * One line on the Data quality sheet: a host or record the rules could not use as is.
 *
 * @param category   e.g. "Obsolete record", "Decommissioned record", "Never scanned",
 *                   "Duplicate host name", "No boot time", "Stale inventory", "Clock anomaly",
 *                   "Unknown time zone"
 * @param resourceId the ResourceID, or null for a record without one
 * @param host       host name as the site stores it
 * @param detail     what was seen, one line
 */
public record DataQualityEntry(String category, Integer resourceId, String host, String detail) {
}
