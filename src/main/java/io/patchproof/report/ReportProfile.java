package io.patchproof.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.core.io.Resource;

/**
 * The report profiles this version renders, each with its template and workbook writer: the one
 * place that says which template and writer a profile takes.
 * Whatever the profile, a report set is the workbook, the findings CSV and the manifest.
 */
public enum ReportProfile {

    /** The monthly patch review meeting's workbook: its sheets list every pair not in effect and missing. */
    MONTHLY("monthly", ReportTemplate::monthly, MonthlyWorkbookWriter::new, true),
    /** The quarterly CIO report: the headline, its trend and the top risks, no list of every pair. */
    CIO("cio", ReportTemplate::cio, CioWorkbookWriter::new, false),
    /**
     * The auditors' evidence: every pair in scope on All findings (checked against the sum of the
     * verdicts, {@link CountChecks}), the exceptions register as read, how the data was read.
     */
    AUDIT("audit", ReportTemplate::audit, AuditWorkbookWriter::new, false);

    private final String id;
    private final Function<Resource, ReportTemplate> template;
    private final Supplier<WorkbookWriter> writer;
    private final boolean listsSheetFindings;

    ReportProfile(String id, Function<Resource, ReportTemplate> template, Supplier<WorkbookWriter> writer,
            boolean listsSheetFindings) {
        this.id = id;
        this.template = template;
        this.writer = writer;
        this.listsSheetFindings = listsSheetFindings;
    }

    /** The profile of a name (any case); null for no name, which is the monthly profile. */
    public static ReportProfile of(String name) {
        if (name == null || name.isBlank()) {
            return MONTHLY;
        }
        String id = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a report profile this version"
                        + " renders; use " + String.join(" or ", Arrays.stream(values()).map(ReportProfile::id).toList())));
    }

    /** The name used in properties, file names and the manifest. */
    public String id() {
        return id;
    }

    /** Loads and validates this profile's template. */
    public ReportTemplate template(Resource resource) {
        return template.apply(resource);
    }

    /** A new writer of this profile's workbook. */
    public WorkbookWriter writer() {
        return writer.get();
    }

    /**
     * Whether the workbook lists the NOT_IN_EFFECT and MISSING findings one by one, so that the
     * manifest can check its sheets' rows against the verdict counts ({@link CountChecks}).
     */
    public boolean listsSheetFindings() {
        return listsSheetFindings;
    }
}
