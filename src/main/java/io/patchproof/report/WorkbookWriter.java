package io.patchproof.report;

import java.io.IOException;
import java.io.OutputStream;

/** Renders one report profile's workbook from a template. */
public interface WorkbookWriter {

    /**
     * Writes the whole workbook to {@code out} (not closed). Implementations stream the findings
     * and never hold them all in memory.
     *
     * @return what was written, for the manifest
     * @throws TemplateException when the template does not fit this profile
     */
    WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException;
}
