package io.patchproof.report;

import java.io.IOException;
import java.io.OutputStream;
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
 * Produces {@code reports/templates/cio.xlsx}: styles, column widths, titles, placeholders, table
 * rows and chart areas of the quarterly CIO workbook. The committed file is what the job uses and
 * what a user restyles in Excel; this generator documents how it was made and lets the layout be
 * rebuilt. {@code CioTemplateGeneratorTests} fails when the committed file and this code drift apart.
 *
 * <p>Run {@code main} with the output path (default {@code reports/templates/cio.xlsx}) from the
 * test classpath to regenerate it.
 */
public final class CioTemplateGenerator extends TemplateGenerator {

    /** Executive summary: the headline table in A–D, the charts' areas in A–D and F–M. */
    private static final int LAST_SUMMARY_COLUMN = 12;
    private static final int CHART_COLUMN = 5;

    public static void main(String[] args) throws IOException {
        new CioTemplateGenerator().save(args, ReportTemplate.CIO_LOCATION);
    }

    static void write(OutputStream out) throws IOException {
        new CioTemplateGenerator().writeTo(out);
    }

    @Override
    XSSFWorkbook build() {
        createStyles();
        summary();
        trend();
        topRisks();
        return finish("Quarterly patch compliance");
    }

    private void summary() {
        XSSFSheet s = wb.createSheet(CioLayout.SUMMARY);
        s.setDisplayGridlines(false);
        widths(s, 48, 16, 17, 11, 3, 10, 10, 10, 10, 10, 10, 10, 10);
        XSSFRow title = s.createRow(0);
        title.setHeightInPoints(30);
        put(s, 0, 0, "Quarterly patch compliance: ${site}, ${quarter}", S.TITLE);
        span(s, 0, 0, LAST_SUMMARY_COLUMN, S.TITLE);
        put(s, 1, 0, "As of ${asOf} \u00b7 quarter ${quarterStart} to ${quarterEnd} \u00b7 scope: ${scope}"
                + " \u00b7 source: ${source}", S.SUBTITLE);
        span(s, 1, 0, 8, S.SUBTITLE);
        put(s, 1, 9, "${demoNote}", S.DEMO);
        span(s, 1, 9, LAST_SUMMARY_COLUMN, S.DEMO);
        note(s, 2, 0, LAST_SUMMARY_COLUMN, "A patch that needs a restart does nothing until the host restarts."
                + " Reported: what the site database says. Effective: installed, and the host has restarted since.");

        int r = 4;
        put(s, r, 0, "Headline: this run and the end of the previous quarter", S.SECTION);
        header(s, ++r, S.HEADER_LEFT, "", "As of ${asOf}", "${previousHeader}", "Change");
        String[][] headline = {
                {"Reported installed", "siteInstalledPct"},
                {"Reported compliance", "reportedPct"},
                {"Effective compliance", "effectivePct"},
                {"Gap: reported compliance \u2212 effective", "gap"},
                {"Servers fully patched for critical updates, reported", "serversReported"},
                {"Servers fully patched for critical updates, effective", "serversEffective"},
                {"Workstations fully patched for critical updates, reported", "workstationsReported"},
                {"Workstations fully patched for critical updates, effective", "workstationsEffective"},
                {"Applicable host updates", "applicable"}};
        for (String[] line : headline) {
            String f = line[1];
            boolean headlineRow = f.equals("effectivePct") || f.equals("gap");
            S value = f.equals("applicable") ? S.COUNT : f.equals("gap") ? S.HEADLINE_POINTS : S.HEADLINE_PCT;
            put(s, ++r, 0, line[0], S.LABEL);
            put(s, r, 1, "${now." + f + "}", value);
            put(s, r, 2, "${previous." + f + "}", f.equals("applicable") ? S.COUNT : f.equals("gap") ? S.POINTS : S.PCT);
            put(s, r, 3, "${change." + f + "}", f.equals("applicable") ? S.CHANGE_COUNT : S.POINTS);
            s.getRow(r).setHeightInPoints(headlineRow ? 20 : 17);
        }
        note(s, ++r, 0, 3, "${comparison}");
        note(s, ++r, 0, 3, "Reported installed: the site says installed, a restart still pending included. Reported"
                + " compliance: installed by the site's own status, the number the old report gave. Effective: in effect,"
                + " proven by a restart after the install. Fully patched: every critical update that applies to the host;"
                + " n/a where none applies. Change: this run minus the previous quarter, in percentage points.");
        chartArea(s, 4, r, CHART_COLUMN, LAST_SUMMARY_COLUMN, CioLayout.CHART_SEVERITY);

        r += 2;
        put(s, r, 0, "Over time: one point per kept run (the numbers are on the Trend sheet)", S.SECTION);
        int chartTop = ++r;
        int chartBottom = chartTop + 21;
        chartArea(s, chartTop, chartBottom, 0, 3, CioLayout.CHART_COMPLIANCE);
        chartArea(s, chartTop, chartBottom, CHART_COLUMN, LAST_SUMMARY_COLUMN, CioLayout.CHART_FULLY_PATCHED);
        r = chartBottom;
        note(s, ++r, 0, LAST_SUMMARY_COLUMN, "${trendSpan} A dashed line is what the site reports, a solid line what is"
                + " in effect. A break in a line: that run kept no such figure.");

        r += 2;
        put(s, r, 0, "By severity now: the numbers behind the bar chart", S.SECTION);
        header(s, ++r, S.HEADER_LEFT, "Severity", "Reported compliance", "Effective compliance", "Gap");
        put(s, ++r, 0, "${severity.name}", S.TEXT);
        put(s, r, 1, "${severity.reportedPct}", S.PCT);
        put(s, r, 2, "${severity.effectivePct}", S.PCT);
        put(s, r, 3, "${severity.gap}", S.POINTS);
        note(s, ++r, 0, LAST_SUMMARY_COLUMN, "Gap: reported compliance minus effective compliance, in percentage points."
                + " ${countingRule}");

        spacers(s, r, 8);
        pageSetup(s, 1);
        wb.setPrintArea(wb.getSheetIndex(s), 0, LAST_SUMMARY_COLUMN, 0, r);
    }

    private void trend() {
        XSSFSheet s = wb.createSheet(CioLayout.TREND);
        String[] headers = {"As of", "Reported installed", "Reported compliance", "Effective compliance",
                "Gap (percentage points)", "Servers fully patched, reported", "Servers fully patched, effective",
                "Workstations fully patched, reported", "Workstations fully patched, effective", "Applicable host updates"};
        String[] fields = CioLayout.REGION_FIELDS.get(CioLayout.TREND_REGION).toArray(String[]::new);
        S[] kinds = {S.DATE, S.PCT, S.PCT, S.PCT, S.POINTS, S.PCT, S.PCT, S.PCT, S.PCT, S.COUNT};
        for (int c = 0; c < headers.length; c++) {
            s.setColumnWidth(c, (c == 0 ? 12 : 14) * 256);
        }
        header(s, 0, S.HEADER, headers);
        s.getRow(0).setHeightInPoints(45);
        for (int c = 0; c < fields.length; c++) {
            put(s, 1, c, "${trend." + fields[c] + "}", kinds[c]);
        }
        s.createRow(2).setHeightInPoints(8);
        note(s, 3, 0, headers.length - 1, "One row per kept run, oldest first; the last row is this run. Percentages"
                + " are of the host updates that apply. Fully patched: hosts whose every critical update is installed"
                + " (reported) or in effect (effective). A blank cell: that run kept no such figure, or no critical"
                + " update applied.");
        s.createFreezePane(1, 1);
        pageSetup(s, 0);
        printColumns(s, headers.length - 1);
        s.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
    }

    private void topRisks() {
        XSSFSheet s = wb.createSheet(CioLayout.TOP_RISKS);
        int[] widths = {5, 18, 44, 12, 11, 11, 12, 11, 10, 12, 8, 12};
        widths(s, widths);
        int last = widths.length - 1;
        put(s, 0, 0, "Hosts that most lower effective compliance (top 20)", S.SECTION);
        header(s, 1, S.HEADER, "#", "Host", "Owner collection", "Role", "Updates not in effect", "of them critical",
                "Applicable updates", "Effective compliance", "Risk", "Not in effect since", "Days", "Domain");
        String[] hostFields = {"rank", "name", "collection", "role", "notInEffect", "critical", "applicable", "effectivePct",
                "risk", "since", "days", "domain"};
        S[] hostKinds = {S.ID, S.TEXT, S.WRAP, S.TEXT, S.COUNT, S.COUNT, S.COUNT, S.PCT, S.DECIMAL, S.DATE, S.COUNT, S.TEXT};
        for (int c = 0; c < hostFields.length; c++) {
            put(s, 2, c, "${host." + hostFields[c] + "}", hostKinds[c]);
        }
        note(s, 3, 0, last, "${topHostsNote} Not in effect: installed, waiting for the host to restart. Owner collection:"
                + " the host's first collection with a maintenance window or a deployment. Risk: severity weight \u00d7 days"
                + " waiting, summed (Critical 10, Important 5, Moderate 2, Low 1, no severity given 5); it orders hosts with"
                + " as many updates waiting. Not in effect since: the earliest date a kept run first saw one of them so.");
        s.createRow(4).setHeightInPoints(8);
        put(s, 5, 0, "Updates that most lower effective compliance (top 20)", S.SECTION);
        header(s, 6, S.HEADER, "#", "KB article", "Title", "Severity", "Hosts not in effect", "of them servers",
                "of them workstations", "Effective compliance", "Risk", "Not in effect since", "Days", "Released");
        String[] updateFields = {"rank", "article", "title", "severity", "notInEffect", "servers", "workstations",
                "effectivePct", "risk", "since", "days", "released"};
        S[] updateKinds = {S.ID, S.TEXT, S.WRAP, S.TEXT, S.COUNT, S.COUNT, S.COUNT, S.PCT, S.DECIMAL, S.DATE, S.COUNT, S.DATE};
        for (int c = 0; c < updateFields.length; c++) {
            put(s, 7, c, "${update." + updateFields[c] + "}", updateKinds[c]);
        }
        note(s, 8, 0, last, "${topUpdatesNote} Hosts not in effect: hosts where the update is installed but waits for a"
                + " restart. Effective compliance: of all hosts the update applies to. Risk: as above, summed over those"
                + " hosts. ${countingRule}");
        pageSetup(s, 0);
        printColumns(s, last);
    }

    /** The merged area a chart is drawn over; its anchor placeholder in the top-left cell. */
    private void chartArea(XSSFSheet s, int top, int bottom, int left, int right, String chart) {
        for (int r = top; r <= bottom; r++) {
            for (int c = left; c <= right; c++) {
                put(s, r, c, null, S.CHART);
            }
        }
        put(s, top, left, "${chart." + chart + "}", S.CHART);
        s.addMergedRegion(new CellRangeAddress(top, bottom, left, right));
    }

    /** A header row of 32 points, the first title in its own style (left-aligned over a column of labels). */
    private void header(XSSFSheet s, int r, S first, String... titles) {
        XSSFRow row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        row.setHeightInPoints(32);
        for (int c = 0; c < titles.length; c++) {
            put(s, r, c, titles[c], c == 0 ? first : S.HEADER);
        }
    }

    private void createStyles() {
        XSSFFont titleFont = font(18, true, false, IndexedColors.DARK_TEAL);
        XSSFFont subtitleFont = font(10, false, false, IndexedColors.GREY_80_PERCENT);
        XSSFFont demoFont = font(10, true, false, IndexedColors.DARK_RED);
        XSSFFont noteFont = font(9, false, true, IndexedColors.GREY_50_PERCENT);
        XSSFFont sectionFont = font(12, true, false, IndexedColors.DARK_TEAL);
        XSSFFont headerFont = font(10, true, false, IndexedColors.WHITE);
        XSSFFont headlineFont = font(13, true, false, IndexedColors.BLACK);
        XSSFFont labelFont = font(10, true, false, IndexedColors.BLACK);

        style(S.TITLE, titleFont, null).setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.SUBTITLE, subtitleFont, null).setVerticalAlignment(VerticalAlignment.CENTER);
        XSSFCellStyle demo = style(S.DEMO, demoFont, null);
        demo.setAlignment(HorizontalAlignment.RIGHT);
        demo.setVerticalAlignment(VerticalAlignment.CENTER);
        XSSFCellStyle note = style(S.NOTE, noteFont, null);
        note.setWrapText(true);
        note.setVerticalAlignment(VerticalAlignment.TOP);
        style(S.SECTION, sectionFont, null).setVerticalAlignment(VerticalAlignment.BOTTOM);
        XSSFCellStyle header = style(S.HEADER, headerFont, null);
        header.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setAlignment(HorizontalAlignment.CENTER);
        XSSFCellStyle headerLeft = style(S.HEADER_LEFT, headerFont, null);
        headerLeft.cloneStyleFrom(header);
        headerLeft.setAlignment(HorizontalAlignment.LEFT);
        XSSFCellStyle label = bordered(style(S.LABEL, labelFont, null));
        label.setVerticalAlignment(VerticalAlignment.CENTER);
        XSSFCellStyle text = bordered(style(S.TEXT, null, null));
        text.setVerticalAlignment(VerticalAlignment.TOP);
        text.setAlignment(HorizontalAlignment.LEFT);
        text.setIndention((short) 1);
        XSSFCellStyle wrap = bordered(style(S.WRAP, null, null));
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        right(bordered(style(S.DATE, null, "yyyy-mm-dd")));
        XSSFCellStyle id = bordered(style(S.ID, null, "0"));
        id.setAlignment(HorizontalAlignment.CENTER);
        id.setVerticalAlignment(VerticalAlignment.TOP);
        right(bordered(style(S.COUNT, null, "#,##0")));
        right(bordered(style(S.DECIMAL, null, "#,##0")));
        right(bordered(style(S.PCT, null, "0.0%")));
        right(bordered(style(S.POINTS, null, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"")));
        right(bordered(style(S.CHANGE_COUNT, null, "+#,##0;-#,##0;0")));
        right(bordered(style(S.HEADLINE_PCT, headlineFont, "0.0%")));
        right(bordered(style(S.HEADLINE_POINTS, headlineFont, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"")));
        XSSFCellStyle chart = style(S.CHART, noteFont, null);
        chart.setVerticalAlignment(VerticalAlignment.TOP);
    }

    private static void right(XSSFCellStyle style) {
        style.setAlignment(HorizontalAlignment.RIGHT);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
    }
}
