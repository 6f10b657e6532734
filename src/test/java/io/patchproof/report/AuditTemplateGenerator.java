package io.patchproof.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Produces {@code reports/templates/audit.xlsx}: styles, column widths, header rows and
 * placeholders of the audit workbook. The committed file is what the job uses and what a user
 * restyles in Excel; this generator documents how it was made and lets the layout be rebuilt.
 * {@code AuditTemplateGeneratorTests} fails when the committed file and this code drift apart.
 *
 * <p>Run {@code main} with the output path (default {@code reports/templates/audit.xlsx}) from the
 * test classpath to regenerate it.
 */
public final class AuditTemplateGenerator extends TemplateGenerator {

    private static final int LAST_SUMMARY_COLUMN = 6;
    private static final int LAST_EVIDENCE_COLUMN = 3;

    public static void main(String[] args) throws IOException {
        new AuditTemplateGenerator().save(args, ReportTemplate.AUDIT_LOCATION);
    }

    static void write(OutputStream out) throws IOException {
        new AuditTemplateGenerator().writeTo(out);
    }

    @Override
    XSSFWorkbook build() {
        createStyles();
        summary();
        allFindings();
        exceptions();
        evidence();
        dataQuality(AuditLayout.DATA_QUALITY);
        return finish("Patch compliance audit evidence");
    }

    private void summary() {
        XSSFSheet s = wb.createSheet(AuditLayout.SUMMARY);
        s.setDisplayGridlines(false);
        int[] widths = {54, 16, 16, 16, 16, 14, 30};
        widths(s, widths);
        XSSFRow logo = s.createRow(0);
        logo.setHeightInPoints(30);
        put(s, 0, 0, "patchproof", S.LOGO);
        put(s, 0, 1, "Audit evidence: is each patch really in effect? As of ${asOf}", S.TITLE);
        span(s, 0, 1, LAST_SUMMARY_COLUMN, S.TITLE);
        note(s, 1, 0, LAST_SUMMARY_COLUMN, "Every host update in scope, with the rule applied (All findings), the exceptions"
                + " register as read (Exceptions) and how, when and from where the data was read, with hashes (Evidence)."
                + " Reported: what the site database says. Effective: installed, and the host has restarted since.");

        int r = 3;
        put(s, r, 0, "The run", S.SECTION);
        labelValue(s, ++r, "Site", "${site}", S.TEXT);
        labelValue(s, ++r, "As of", "${asOf}", S.DATE);
        labelValue(s, ++r, "Source read at (UTC)", "${readAt}", S.DATE_TIME);
        put(s, r, 3, "${readVsAsOf}", S.TEXT);
        labelValue(s, ++r, "Profile", "${profile}", S.TEXT);
        labelValue(s, ++r, "Schema", "${schema}", S.TEXT);
        labelValue(s, ++r, "Scope", "${scope}", S.TEXT);
        labelValue(s, ++r, "Source", "${source}", S.TEXT);
        labelValue(s, ++r, "Run", "${run}", S.TEXT);
        labelValue(s, ++r, "Versions", "${versions}", S.TEXT);

        r += 2;
        put(s, r, 0, "Headline figures, without and with exceptions", S.SECTION);
        header(s, ++r, "", "Without exceptions", "With exceptions", "Host updates, without", "Host updates, with",
                "Applicable");
        headline(s, ++r, "Reported installed", "${siteInstalledPct}",
                "n/a", "${siteInstalled}", null, "${applicable}");
        headline(s, ++r, "Reported compliance", "${reportedPct}",
                "${reportedWithExceptionsPct}", "${reportedInstalled}", "${reportedInstalledOrExempt}", "${applicable}");
        headline(s, ++r, "Effective compliance", "${effectivePct}",
                "${effectiveWithExceptionsPct}", "${inEffect}", "${inEffectOrExempt}", "${applicable}");
        put(s, ++r, 0, "Gap: reported compliance \u2212 effective", S.LABEL);
        put(s, r, 1, "${gap}", S.HEADLINE_POINTS);
        put(s, r, 2, "${gapWithExceptions}", S.HEADLINE_POINTS);
        for (String[] who : new String[][] {{"servers", "Servers"}, {"workstations", "Workstations"}}) {
            put(s, ++r, 0, who[1] + " fully patched (critical; counts: hosts)", S.LABEL);
            put(s, r, 1, "${" + who[0] + "FullyPatchedEffective}", S.PCT);
            put(s, r, 2, "${" + who[0] + "FullyPatchedEffectiveWithExceptions}", S.PCT);
            put(s, r, 3, "${" + who[0] + "FullyPatchedEffectiveCount}", S.COUNT);
            put(s, r, 4, "${" + who[0] + "FullyPatchedEffectiveWithExceptionsCount}", S.COUNT);
            put(s, r, 5, "${" + who[0] + "Hosts}", S.COUNT);
        }
        note(s, ++r, 0, LAST_SUMMARY_COLUMN, "Reported installed: the site says installed, a restart still pending"
                + " included. Reported compliance: installed by the site's own status, the number the old report gave."
                + " Effective: in effect, proven by a restart after the install. With exceptions: host updates covered by an approved, unexpired exception"
                + " (EXEMPT, ${exempt} host updates) count as compliant; without, they do not. Reported installed has no"
                + " figure with exceptions (the site may report an exempt update installed as well). ${countingRule}");

        r += 2;
        put(s, r, 0, "Every row read accounted for", S.SECTION);
        header(s, ++r, "Counted", "Host updates", "of them superseded", "", "", "", "Listed on");
        labelCount(s, ++r, "Compliance rows read from the site database", "${rowsRead}");
        put(s, ++r, 0, "Out of scope: not counted (reasons on Data quality)", S.LABEL);
        put(s, r, 1, "${outOfScope}", S.COUNT);
        put(s, r, 6, "Data quality", S.TEXT);
        String[][] verdicts = {
                {"IN_EFFECT", "In effect"}, {"NOT_IN_EFFECT", "Not in effect: waiting for a restart"},
                {"UNVERIFIED", "Unverified: the records do not decide"}, {"MISSING", "Missing: still required"},
                {"FAILED", "Failed to install"}, {"EXEMPT", "Exempt: covered by an active exception"}};
        for (String[] v : verdicts) {
            put(s, ++r, 0, v[1] + " (" + v[0] + ")", S.LABEL);
            put(s, r, 1, "${verdict." + v[0] + "}", S.COUNT);
            put(s, r, 2, "${verdictSuperseded." + v[0] + "}", S.COUNT);
            put(s, r, 6, "All findings", S.TEXT);
        }
        put(s, ++r, 0, "In scope: \u03a3 verdicts", S.TOTAL_LABEL);
        put(s, r, 1, "${inScope}", S.TOTAL_COUNT);
        for (int c = 2; c <= LAST_SUMMARY_COLUMN; c++) {
            put(s, r, c, null, S.TOTAL_LABEL);
        }
        put(s, ++r, 0, "Rows read = out of scope + \u03a3 verdicts", S.LABEL);
        put(s, r, 1, "${reconcileEquation}", S.TEXT);
        labelCount(s, ++r, "Rows on All findings (every sheet of it)", "${allFindingsRows}");

        r += 2;
        put(s, r, 0, "Exceptions register", S.SECTION);
        note(s, ++r, 0, LAST_SUMMARY_COLUMN, "${exceptionsNote}");
        note(s, ++r, 0, LAST_SUMMARY_COLUMN, "Every sheet is protected against accidental edits and reads without a"
                + " password (see Evidence).");

        spacers(s, r, 8);
        pageSetup(s, 0);
        wb.setPrintArea(wb.getSheetIndex(s), 0, LAST_SUMMARY_COLUMN, 0, r);
    }

    private void allFindings() {
        dataSheet(AuditLayout.ALL_FINDINGS, 1, "Every host update in scope as of ${asOf}, one row each, in the order the"
                + " site database returned them, with the verdict, the rule's evidence and its times (UTC); the same rows"
                + " as the findings CSV. Printed: the columns up to Exempt reason; on screen every column. Past Excel's row"
                + " limit the list continues on the next sheet, its header repeated.",
                12, 30, List.of(
                new Col("Host", "${host}", S.TEXT, 18),
                new Col("KB article", "${article}", S.TEXT, 11),
                new Col("Title", "${title}", S.TEXT, 54),
                new Col("Severity", "${severity}", S.TEXT, 10),
                new Col("Superseded", "${superseded}", S.TEXT, 10),
                new Col("Verdict", "${verdict}", S.TEXT, 15),
                new Col("Confidence", "${confidence}", S.TEXT, 10),
                new Col("Installed earliest (UTC)", "${installedEarliestUtc}", S.DATE_TIME, 19),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 19),
                new Col("Inventory (UTC)", "${inventoryUtc}", S.DATE_TIME, 19),
                new Col("Exposure (days)", "${exposureDays}", S.COUNT, 9),
                new Col("Exempt reason", "${exemptReason}", S.TEXT, 20),
                new Col("Evidence", "${evidence}", S.TEXT, 90),
                new Col("Installed latest (UTC)", "${installedLatestUtc}", S.DATE_TIME, 19),
                new Col("Status", "${status}", S.ID, 7),
                new Col("Enforcement state", "${enforcementState}", S.TEXT, 26),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Quality flags", "${qualityFlags}", S.TEXT, 24),
                new Col("Role", "${role}", S.TEXT, 11),
                new Col("Site", "${siteCode}", S.TEXT, 7),
                new Col("ResourceID", "${resourceId}", S.ID, 12),
                new Col("CI_ID", "${ciId}", S.ID, 10)));
    }

    private void exceptions() {
        XSSFSheet s = wb.createSheet(AuditLayout.EXCEPTIONS);
        List<Col> columns = List.of(
                new Col("Line", "${line}", S.ID, 6),
                new Col("Host, pattern or collection", "${host}", S.TEXT, 24),
                new Col("Update", "${update}", S.TEXT, 12),
                new Col("State on ${asOf}", "${state}", S.TEXT, 14),
                new Col("To act on", "${mark}", S.WRAP, 30),
                new Col("Host updates covered", "${pairs}", S.COUNT, 10),
                new Col("Hosts covered", "${hosts}", S.COUNT, 9),
                new Col("Reason", "${reason}", S.WRAP, 36),
                new Col("Compensating control", "${compensatingControl}", S.WRAP, 32),
                new Col("Approver", "${approver}", S.TEXT, 18),
                new Col("Approved on", "${approvedOn}", S.DATE, 11),
                new Col("Expires on", "${expiresOn}", S.DATE, 11));
        int last = columns.size() - 1;
        put(s, 0, 0, "Exceptions register as read", S.SECTION);
        put(s, 1, 0, "Register file", S.LABEL);
        span(s, 1, 0, 1, S.LABEL);
        put(s, 1, 2, "${exceptionsFile}", S.TEXT);
        span(s, 1, 2, last, S.TEXT);
        put(s, 2, 0, "Register SHA-256", S.LABEL);
        span(s, 2, 0, 1, S.LABEL);
        put(s, 2, 2, "${exceptionsSha256}", S.MONO);
        span(s, 2, 2, last, S.MONO);
        note(s, 3, 0, last, "${exceptionsNote} Host updates covered: for an active line, the host updates it made EXEMPT;"
                + " for an expired or not yet approved line, those it would cover.");
        int headerRow = 5;
        header(s, headerRow, columns.stream().map(Col::header).toArray(String[]::new));
        styleRow(s, headerRow + 1, columns);
        s.createFreezePane(2, headerRow + 1);
        s.setAutoFilter(new CellRangeAddress(headerRow, headerRow, 0, last));
        printSetup(s, headerRow, last);
    }

    private void evidence() {
        XSSFSheet s = wb.createSheet(AuditLayout.EVIDENCE);
        s.setDisplayGridlines(false);
        widths(s, new int[] {44, 70, 14, 40});
        int r = 0;
        put(s, r, 0, "How the data was read", S.SECTION);
        labelValue(s, ++r, "Source server", "${sourceServer}", S.TEXT);
        labelValue(s, ++r, "Database", "${sourceDatabase}", S.TEXT);
        labelValue(s, ++r, "Site code", "${siteCode}", S.TEXT);
        labelValue(s, ++r, "Login (the password is never recorded)", "${sourceLogin}", S.TEXT);
        labelValue(s, ++r, "Connection (password removed)", "${sourceUrl}", S.WRAP);
        labelValue(s, ++r, "Schema profile and why", "${schema}", S.TEXT);
        labelValue(s, ++r, "Site identified by", "${siteIdentifiedBy}", S.TEXT);
        labelValue(s, ++r, "Access", "read only: views and SELECT statements (the SQL files below), never a write",
                S.TEXT);

        r += 2;
        put(s, r, 0, "When, and how fresh the data is", S.SECTION);
        labelValue(s, ++r, "As of", "${asOf}", S.DATE);
        labelValue(s, ++r, "Source read at (UTC)", "${readAt}", S.DATE_TIME);
        labelValue(s, ++r, "Read against the as-of date", "${readVsAsOf}", S.TEXT);
        labelValue(s, ++r, "Newest inventory (client local time)", "${newestInventory}", S.DATE_TIME);
        labelValue(s, ++r, "Newest state message (UTC)", "${newestStateMessage}", S.DATE_TIME);
        labelCount(s, ++r, "Days from newest inventory to as-of", "${inventoryAgeDays}");
        labelCount(s, ++r, "Days from newest state message to as-of", "${stateMessageAgeDays}");

        r += 2;
        put(s, r, 0, "The run", S.SECTION);
        labelValue(s, ++r, "Site", "${site}", S.TEXT);
        labelValue(s, ++r, "Profile", "${profile}", S.TEXT);
        labelValue(s, ++r, "Scope", "${scope}", S.TEXT);
        labelValue(s, ++r, "Run", "${run}", S.TEXT);
        labelValue(s, ++r, "Snapshot of the local store", "${snapshotId}", S.TEXT);
        labelValue(s, ++r, "Report", "${renderedFrom}", S.TEXT);
        labelValue(s, ++r, "patchproof version", "${toolVersion}", S.TEXT);
        labelValue(s, ++r, "Rules version", "${ruleVersion}", S.TEXT);

        r += 2;
        put(s, r, 0, "SQL files run against the site database", S.SECTION);
        header(s, ++r, "File", "SHA-256", "Rows read", "Optional columns absent (read as NULL)");
        put(s, ++r, 0, "${sqlFile.path}", S.TEXT);
        put(s, r, 1, "${sqlFile.sha256}", S.MONO);
        put(s, r, 2, "${sqlFile.rowsRead}", S.COUNT);
        put(s, r, 3, "${sqlFile.absentColumns}", S.WRAP);

        r += 2;
        put(s, r, 0, "Hashes", S.SECTION);
        labelValue(s, ++r, "Template", "${templateLocation}", S.TEXT);
        labelValue(s, ++r, "Template SHA-256", "${templateSha256}", S.MONO);
        labelValue(s, ++r, "Exceptions register", "${exceptionsFile}", S.TEXT);
        labelValue(s, ++r, "Exceptions register SHA-256", "${exceptionsSha256}", S.MONO);
        note(s, ++r, 0, LAST_EVIDENCE_COLUMN, "This workbook's and the findings CSV's SHA-256 are in the manifest beside them"
                + " (the same name, .manifest.json): a file cannot carry its own hash.");

        r += 2;
        put(s, r, 0, "Rule settings and run parameters", S.SECTION);
        header(s, ++r, "Setting", "Value");
        put(s, ++r, 0, "${setting.name}", S.TEXT);
        put(s, r, 1, "${setting.value}", S.WRAP);

        r += 2;
        put(s, r, 0, "Counts that must add up", S.SECTION);
        header(s, ++r, "Check", "Expected", "Actual", "Holds");
        put(s, ++r, 0, "${check.name}", S.WRAP);
        put(s, r, 1, "${check.expected}", S.COUNT);
        put(s, r, 2, "${check.actual}", S.COUNT);
        put(s, r, 3, "${check.holds}", S.TEXT);

        r += 2;
        put(s, r, 0, "Protection", S.SECTION);
        note(s, ++r, 0, LAST_EVIDENCE_COLUMN, "${protection}");

        spacers(s, r, 8);
        pageSetup(s, 0);
        printColumns(s, LAST_EVIDENCE_COLUMN);
    }

    private void headline(XSSFSheet s, int r, String label, String without, String with, String countWithout,
                          String countWith, String of) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, without, S.HEADLINE_PCT);
        put(s, r, 2, with, S.HEADLINE_PCT);
        put(s, r, 3, countWithout, S.COUNT);
        put(s, r, 4, countWith, S.COUNT);
        put(s, r, 5, of, S.COUNT);
        s.getRow(r).setHeightInPoints(20);
    }

    private void labelValue(XSSFSheet s, int r, String label, String value, S valueStyle) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, value, valueStyle);
    }

    private void createStyles() {
        XSSFFont logoFont = font(20, true, false, IndexedColors.WHITE);
        XSSFFont titleFont = font(16, true, false, IndexedColors.DARK_TEAL);
        XSSFFont noteFont = font(10, false, true, IndexedColors.GREY_50_PERCENT);
        XSSFFont sectionFont = font(12, true, false, IndexedColors.DARK_TEAL);
        XSSFFont headerFont = font(10, true, false, IndexedColors.WHITE);
        XSSFFont headlineFont = font(13, true, false, IndexedColors.BLACK);
        XSSFFont labelFont = font(10, true, false, IndexedColors.BLACK);
        XSSFFont monoFont = wb.createFont();
        monoFont.setFontName("Consolas");
        monoFont.setFontHeightInPoints((short) 9);

        XSSFCellStyle logo = style(S.LOGO, logoFont, null);
        logo.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        logo.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        logo.setAlignment(HorizontalAlignment.CENTER);
        logo.setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.TITLE, titleFont, null).setVerticalAlignment(VerticalAlignment.CENTER);
        XSSFCellStyle note = style(S.NOTE, noteFont, null);
        note.setWrapText(true);
        note.setVerticalAlignment(VerticalAlignment.TOP);
        style(S.LABEL, labelFont, null).setVerticalAlignment(VerticalAlignment.TOP);
        style(S.SECTION, sectionFont, null).setVerticalAlignment(VerticalAlignment.BOTTOM);
        XSSFCellStyle header = style(S.HEADER, headerFont, null);
        header.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setBorderBottom(BorderStyle.THIN);
        bordered(style(S.TEXT, null, null)).setVerticalAlignment(VerticalAlignment.TOP);
        XSSFCellStyle wrap = bordered(style(S.WRAP, null, null));
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.MONO, monoFont, null)).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DATE, null, "yyyy-mm-dd")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DATE_TIME, null, CellWriter.DATE_TIME_FORMAT)).setVerticalAlignment(VerticalAlignment.TOP);
        XSSFCellStyle id = bordered(style(S.ID, null, "0"));
        id.setVerticalAlignment(VerticalAlignment.TOP);
        id.setAlignment(HorizontalAlignment.LEFT);
        bordered(style(S.COUNT, null, "#,##0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.PCT, null, "0.0%")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.POINTS, null, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"")).setVerticalAlignment(VerticalAlignment.TOP);
        XSSFCellStyle headlinePct = style(S.HEADLINE_PCT, headlineFont, "0.0%");
        headlinePct.setVerticalAlignment(VerticalAlignment.CENTER);
        headlinePct.setAlignment(HorizontalAlignment.RIGHT);
        XSSFCellStyle headlinePoints = style(S.HEADLINE_POINTS, headlineFont, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"");
        headlinePoints.setVerticalAlignment(VerticalAlignment.CENTER);
        headlinePoints.setAlignment(HorizontalAlignment.RIGHT);
        XSSFCellStyle totalLabel = style(S.TOTAL_LABEL, labelFont, null);
        totalLabel.setBorderTop(BorderStyle.THIN);
        XSSFCellStyle totalCount = style(S.TOTAL_COUNT, labelFont, "#,##0");
        totalCount.setBorderTop(BorderStyle.THIN);
    }
}
