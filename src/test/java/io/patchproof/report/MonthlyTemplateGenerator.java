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
 * Produces {@code reports/templates/monthly.xlsx}: styles, column widths, header rows and
 * placeholders of the monthly workbook. The committed file is what the job uses and what a user
 * restyles in Excel; this generator documents how it was made and lets the layout be rebuilt.
 * {@code MonthlyTemplateGeneratorTests} fails when the committed file and this code drift apart.
 *
 * <p>Run {@code main} with the output path (default {@code reports/templates/monthly.xlsx}) from
 * the test classpath to regenerate it.
 */
public final class MonthlyTemplateGenerator extends TemplateGenerator {

    public static void main(String[] args) throws IOException {
        new MonthlyTemplateGenerator().save(args, ReportTemplate.MONTHLY_LOCATION);
    }

    static void write(OutputStream out) throws IOException {
        new MonthlyTemplateGenerator().writeTo(out);
    }

    @Override
    XSSFWorkbook build() {
        createStyles();
        summary();
        dataSheet("Reboot plan", 4, RISK_NOTE, 13, 32, List.of(
                new Col("Maintenance window", "${window}", S.TEXT, 28),
                new Col("Next window", "${nextWindow}", S.NEXT, 17),
                new Col("#", "${rank}", S.ID, 5),
                new Col("Host", "${host}", S.TEXT, 18),
                new Col("Role", "${role}", S.TEXT, 11),
                new Col("Why", "${restart}", S.WRAP, 32),
                new Col("Updates waiting for restart", "${notInEffect}", S.COUNT, 9),
                new Col("of them critical", "${criticalNotInEffect}", S.COUNT, 9),
                new Col("Longest wait (days)", "${maxExposureDays}", S.COUNT, 9),
                new Col("On the list since", "${pendingSince}", S.DATE, 11),
                new Col("Risk", "${riskScore}", S.DECIMAL, 9),
                new Col("Uptime (days)", "${uptimeDays}", S.COUNT, 8),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 19),
                new Col("Window's collection", "${windowCollection}", S.TEXT, 40),
                new Col("Collections", "${collections}", S.TEXT, 60),
                new Col("Domain", "${domain}", S.TEXT, 16),
                new Col("Superseded updates also waiting", "${supersededNotInEffect}", S.COUNT, 11),
                new Col("Updates still required", "${missing}", S.COUNT, 10),
                new Col("Failed installs", "${failed}", S.COUNT, 9),
                new Col("ResourceID", "${resourceId}", S.ID, 12)));
        dataSheet("Not in effect", 1, null, 12, 32, List.of(
                new Col("Host", "${host}", S.TEXT, 18),
                new Col("Role", "${role}", S.TEXT, 11),
                new Col("KB article", "${article}", S.TEXT, 11),
                new Col("Title", "${title}", S.WRAP, 40),
                new Col("Severity", "${severity}", S.TEXT, 10),
                new Col("Superseded", "${superseded}", S.TEXT, 10),
                new Col("Installed (UTC)", "${installedEarliestUtc}", S.DATE_TIME, 19),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 19),
                new Col("Waiting (days)", "${exposureDays}", S.COUNT, 8),
                new Col("On the list since", "${firstSeen}", S.DATE, 11),
                new Col("On the list (days)", "${daysListed}", S.COUNT, 8),
                new Col("Confidence", "${confidence}", S.TEXT, 10),
                new Col("Enforcement state", "${enforcementState}", S.TEXT, 28),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Installed latest (UTC)", "${installedLatestUtc}", S.DATE_TIME, 19),
                new Col("Inventory (UTC)", "${inventoryUtc}", S.DATE_TIME, 19),
                new Col("ResourceID", "${resourceId}", S.ID, 12),
                new Col("Quality flags", "${qualityFlags}", S.TEXT, 28),
                new Col("Evidence", "${evidence}", S.TEXT, 120)));
        dataSheet("Missing", 1, null, 10, 32, List.of(
                new Col("Host", "${host}", S.TEXT, 18),
                new Col("Role", "${role}", S.TEXT, 11),
                new Col("KB article", "${article}", S.TEXT, 11),
                new Col("Title", "${title}", S.WRAP, 44),
                new Col("Severity", "${severity}", S.TEXT, 10),
                new Col("Superseded", "${superseded}", S.TEXT, 10),
                new Col("Since release (days)", "${exposureDays}", S.COUNT, 9),
                new Col("Enforcement state", "${enforcementState}", S.TEXT, 28),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 19),
                new Col("Confidence", "${confidence}", S.TEXT, 10),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Inventory (UTC)", "${inventoryUtc}", S.DATE_TIME, 19),
                new Col("ResourceID", "${resourceId}", S.ID, 12),
                new Col("Quality flags", "${qualityFlags}", S.TEXT, 28),
                new Col("Evidence", "${evidence}", S.TEXT, 120)));
        dataSheet("Hosts", 1, null, 13, 32, List.of(
                new Col("Host", "${host}", S.TEXT, 18),
                new Col("Role", "${role}", S.TEXT, 11),
                new Col("Operating system", "${operatingSystem}", S.TEXT, 30),
                new Col("Uptime (days)", "${uptimeDays}", S.COUNT, 8),
                new Col("Applicable", "${applicable}", S.COUNT, 9),
                new Col("Reported %", "${reportedPct}", S.PCT, 9),
                new Col("Effective %", "${effectivePct}", S.PCT, 9),
                new Col("Not in effect", "${notInEffect}", S.COUNT, 8),
                new Col("Missing", "${missing}", S.COUNT, 8),
                new Col("Failed", "${failed}", S.COUNT, 7),
                new Col("Risk", "${riskScore}", S.DECIMAL, 9),
                new Col("Maintenance window", "${window}", S.TEXT, 28),
                new Col("Next window", "${nextWindow}", S.NEXT, 17),
                new Col("Domain", "${domain}", S.TEXT, 16),
                new Col("Site", "${siteCode}", S.TEXT, 7),
                new Col("Last boot (client local)", "${lastBootLocal}", S.DATE_TIME, 19),
                new Col("UTC offset (min)", "${utcOffsetMinutes}", S.COUNT, 9),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 19),
                new Col("Inventory (client local)", "${inventoryLocal}", S.DATE_TIME, 19),
                new Col("Client state", "${clientState}", S.ID, 9),
                new Col("Reported installed", "${reportedInstalled}", S.COUNT, 10),
                new Col("In effect", "${inEffect}", S.COUNT, 9),
                new Col("Gap", "${gap}", S.POINTS, 10),
                new Col("Unverified", "${unverified}", S.COUNT, 10),
                new Col("Exempt", "${exempt}", S.COUNT, 8),
                new Col("SLA overdue", "${slaOverdue}", S.COUNT, 9),
                new Col("Superseded not in effect", "${supersededNotInEffect}", S.COUNT, 10),
                new Col("Longest wait (days)", "${maxExposureDays}", S.COUNT, 9),
                new Col("On the list since", "${pendingSince}", S.DATE, 11),
                new Col("Restart", "${restart}", S.TEXT, 40),
                new Col("Window's collection", "${windowCollection}", S.TEXT, 40),
                new Col("Collections", "${collections}", S.TEXT, 60),
                new Col("ResourceID", "${resourceId}", S.ID, 12)));
        dataSheet("Updates", 1, null, 12, 32, List.of(
                new Col("KB article", "${article}", S.TEXT, 11),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Title", "${title}", S.WRAP, 46),
                new Col("Severity", "${severity}", S.TEXT, 10),
                new Col("Released", "${released}", S.DATE, 11),
                new Col("Superseded", "${superseded}", S.TEXT, 10),
                new Col("Applicable", "${applicable}", S.COUNT, 9),
                new Col("Reported %", "${reportedPct}", S.PCT, 9),
                new Col("Effective %", "${effectivePct}", S.PCT, 9),
                new Col("Not in effect", "${notInEffect}", S.COUNT, 8),
                new Col("Missing", "${missing}", S.COUNT, 8),
                new Col("Failed", "${failed}", S.COUNT, 7),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Gap", "${gap}", S.POINTS, 10),
                new Col("Unverified", "${unverified}", S.COUNT, 10),
                new Col("Exempt", "${exempt}", S.COUNT, 8),
                new Col("SLA overdue", "${slaOverdue}", S.COUNT, 9),
                new Col("CI_ID", "${ciId}", S.ID, 10)));
        dataQuality(MonthlyLayout.DATA_QUALITY);
        return finish("Monthly patch review");
    }

    static final String RISK_NOTE = "One row per host to restart, grouped by the maintenance window it restarts in"
            + " (the first to open after the as-of date, of any of its collections; disabled windows left out),"
            + " riskiest first. " + "Risk = sum, over the host's installed updates waiting for a restart, of severity"
            + " weight \u00d7 days waiting (Critical 10, Important 5, Moderate 2, Low 1, severity unknown 5)."
            + " Superseded updates are counted apart, as on the Summary.";

    private static final int LAST_SUMMARY_COLUMN = 10;

    private void summary() {
        XSSFSheet s = wb.createSheet("Summary");
        s.setDisplayGridlines(false);
        widths(s, 40, 30, 17, 11, 11, 11, 13, 11, 11, 11, 11);
        XSSFRow logo = s.createRow(0);
        logo.setHeightInPoints(30);
        put(s, 0, 0, "patchproof", S.LOGO);
        put(s, 0, 1, "Monthly patch review \u2014 is the patch really in effect?", S.TITLE);
        span(s, 0, 1, LAST_SUMMARY_COLUMN, S.TITLE);
        note(s, 1, "A patch that needs a restart does nothing until the host restarts. Reported: what the site database"
                + " says. Effective: installed, and the host has restarted since (a later inventory shows it).");

        int r = 3;
        labelValue(s, r, "As of", "${asOf}", S.DATE, "Profile", "${profile}");
        labelValue(s, ++r, "Scope", "${scope}", S.TEXT, "Schema", "${schema}");
        labelValue(s, ++r, "Source", "${source}", S.TEXT, "Versions", "${versions}");
        put(s, ++r, 0, "Source read at (UTC)", S.LABEL);
        put(s, r, 1, "${readAt}", S.DATE_TIME);

        r += 2;
        put(s, r, 0, "This month: restart these hosts", S.SECTION);
        header(s, ++r, "", "Servers", "Workstations", "All");
        put(s, ++r, 0, "Hosts to restart", S.LABEL);
        put(s, r, 1, "${restartServers}", S.HEADLINE_COUNT);
        put(s, r, 2, "${restartWorkstations}", S.HEADLINE_COUNT);
        put(s, r, 3, "${restartHosts}", S.HEADLINE_COUNT);
        s.getRow(r).setHeightInPoints(22);
        put(s, ++r, 0, "Installed updates waiting for that restart", S.LABEL);
        put(s, r, 1, "${restartWaitingServers}", S.COUNT);
        put(s, r, 2, "${restartWaitingWorkstations}", S.COUNT);
        put(s, r, 3, "${restartWaiting}", S.COUNT);
        put(s, ++r, 0, "Effective compliance now", S.LABEL);
        put(s, r, 3, "${effectivePct}", S.PCT);
        put(s, ++r, 0, "Effective compliance after these restarts", S.LABEL);
        put(s, r, 3, "${effectiveAfterRestartPct}", S.HEADLINE_PCT);
        put(s, r, 4, "${restartGain}", S.POINTS);
        s.getRow(r).setHeightInPoints(22);
        note(s, ++r, "${restartNote}");

        r += 2;
        put(s, r, 0, "Restarts by maintenance window", S.SECTION);
        header(s, ++r, "Maintenance window", "Collection", "Next window", "Clock", "Hosts", "Servers", "Workstations",
                "Updates waiting", "of them critical", "Risk");
        put(s, ++r, 0, "${window.name}", S.TEXT);
        put(s, r, 1, "${window.collection}", S.WRAP);
        put(s, r, 2, "${window.next}", S.NEXT);
        put(s, r, 3, "${window.clock}", S.WRAP);
        put(s, r, 4, "${window.hosts}", S.COUNT);
        put(s, r, 5, "${window.servers}", S.COUNT);
        put(s, r, 6, "${window.workstations}", S.COUNT);
        put(s, r, 7, "${window.waiting}", S.COUNT);
        put(s, r, 8, "${window.critical}", S.COUNT);
        put(s, r, 9, "${window.risk}", S.DECIMAL);
        put(s, ++r, 0, "All hosts to restart", S.TOTAL_LABEL);
        for (int c = 1; c <= 3; c++) {
            put(s, r, c, null, S.TOTAL_LABEL);
        }
        put(s, r, 4, "${restartHosts}", S.TOTAL_COUNT);
        put(s, r, 5, "${restartServers}", S.TOTAL_COUNT);
        put(s, r, 6, "${restartWorkstations}", S.TOTAL_COUNT);
        put(s, r, 7, "${restartWaiting}", S.TOTAL_COUNT);
        put(s, r, 8, "${restartCritical}", S.TOTAL_COUNT);
        put(s, r, 9, "${restartRisk}", S.TOTAL_DECIMAL);
        note(s, ++r, "Next window: the first start after the as-of date, in the window's own clock (UTC, or each host's"
                + " local time). ${windowsLeftOut} " + "Risk: severity weight \u00d7 days waiting, summed (see the Reboot plan).");

        r += 2;
        put(s, r, 0, "Headline: what the site reports, and what is in effect", S.SECTION);
        header(s, ++r, "", "Reported installed", "Reported compliance", "Effective compliance", "Gap: reported \u2212 effective",
                "Gap: installed \u2212 effective", "Applicable");
        put(s, ++r, 0, "Percent of applicable host updates", S.LABEL);
        put(s, r, 1, "${siteInstalledPct}", S.HEADLINE_PCT);
        put(s, r, 2, "${reportedPct}", S.HEADLINE_PCT);
        put(s, r, 3, "${effectivePct}", S.HEADLINE_PCT);
        put(s, r, 4, "${gap}", S.HEADLINE_POINTS);
        put(s, r, 5, "${installedGap}", S.HEADLINE_POINTS);
        put(s, r, 6, "${applicable}", S.COUNT);
        s.getRow(r).setHeightInPoints(22);
        put(s, ++r, 0, "Host updates", S.LABEL);
        put(s, r, 1, "${siteInstalled}", S.COUNT);
        put(s, r, 2, "${reportedInstalled}", S.COUNT);
        put(s, r, 3, "${inEffect}", S.COUNT);
        note(s, ++r, "Reported installed: the site says installed, a restart still pending included (what a deployment"
                + " report shows). Reported compliance: installed and no restart pending by the site's own status (what the"
                + " old compliance report gave). Effective: in effect, proven by a restart after the install.");

        r += 2;
        put(s, r, 0, "Hosts fully patched for critical updates", S.SECTION);
        header(s, ++r, "", "Reported", "Effective", "Gap", "Reported (hosts)", "Effective (hosts)", "Out of (hosts)");
        for (String[] who : new String[][] {{"servers", "Servers"}, {"workstations", "Workstations"}, {"all", "All hosts"}}) {
            String p = who[0];
            figureLine(s, ++r, who[1], true,
                    "${" + p + "FullyPatchedReported}", "${" + p + "FullyPatchedEffective}", "${" + p + "FullyPatchedGap}",
                    "${" + p + "FullyPatchedReportedCount}", "${" + p + "FullyPatchedEffectiveCount}", "${" + p + "Hosts}");
            s.getRow(r).setHeightInPoints(20);
        }
        note(s, ++r, "A host counts when every critical update that applies to it is installed (reported) or in effect"
                + " (effective). n/a: no critical update applies.");
        int lastOfPageOne = r;

        r += 2;
        put(s, r, 0, "How everything here is counted", S.SECTION);
        note(s, ++r, "${countingRule}");
        header(s, ++r, "Verdict", "Meaning", "In the figures", "Superseded, left out", "All", "Listed on");
        s.addMergedRegion(new CellRangeAddress(r, r, 5, 6));
        String[][] verdicts = {
                {"IN_EFFECT", "In effect", "installed, and the host has restarted since", "Hosts, Updates"},
                {"NOT_IN_EFFECT", "Not in effect", "installed, waiting for a restart", "Not in effect"},
                {"UNVERIFIED", "Unverified", "installed; the dates cannot tell whether a restart followed", "Hosts, Updates"},
                {"MISSING", "Missing", "required, not installed", "Missing"},
                {"FAILED", "Failed", "the installation failed", "Hosts, Updates"},
                {"EXEMPT", "Exempt", "covered by an approved, unexpired exception", "Hosts, Updates"}};
        for (String[] v : verdicts) {
            put(s, ++r, 0, v[1], S.LABEL);
            put(s, r, 1, v[2], S.WRAP);
            put(s, r, 2, "${verdictCurrent." + v[0] + "}", S.COUNT);
            put(s, r, 3, "${verdictSuperseded." + v[0] + "}", S.COUNT);
            put(s, r, 4, "${verdict." + v[0] + "}", S.COUNT);
            put(s, r, 5, v[3], S.TEXT);
        }
        put(s, ++r, 0, "Not counted", S.LABEL);
        put(s, r, 1, "no restart needed, expired, or an obsolete host", S.WRAP);
        put(s, r, 4, "${verdict.OUT_OF_SCOPE}", S.COUNT);
        put(s, r, 5, "Data quality", S.TEXT);

        String[] figureHeader = {"Applicable", "Reported", "Effective", "Gap", "Not in effect", "Missing", "Failed",
                "Unverified", "Exempt", "SLA overdue"};
        String[] figureFields = {"applicable", "reportedPct", "effectivePct", "gap", "notInEffect", "missing", "failed",
                "unverified", "exempt", "slaOverdue"};

        r += 2;
        put(s, r, 0, "By severity", S.SECTION);
        header(s, ++r, concat("Severity", figureHeader));
        figureRow(s, ++r, "${severity.name}", "severity.", figureFields);

        r += 2;
        put(s, r, 0, "Servers and workstations", S.SECTION);
        header(s, ++r, concat("Role", figureHeader));
        figureRow(s, ++r, "Servers", "servers.", figureFields);
        figureRow(s, ++r, "Workstations", "workstations.", figureFields);
        figureRow(s, ++r, "All", "overall.", figureFields);

        r += 2;
        put(s, r, 0, "By collection", S.SECTION);
        header(s, ++r, concat("Collection", figureHeader));
        figureRow(s, ++r, "${collection.name}", "collection.", figureFields);

        r += 2;
        put(s, r, 0, "With exceptions (approved, unexpired exceptions counted as compliant)", S.SECTION);
        header(s, ++r, "", "Reported", "Effective", "", "Exempt", "Effective (count)", "Out of");
        put(s, ++r, 0, "Applicable host updates", S.LABEL);
        put(s, r, 1, "${reportedWithExceptionsPct}", S.PCT);
        put(s, r, 2, "${effectiveWithExceptionsPct}", S.PCT);
        put(s, r, 4, "${exempt}", S.COUNT);
        put(s, r, 6, "${applicable}", S.COUNT);
        for (String[] who : new String[][] {{"servers", "Servers"}, {"workstations", "Workstations"}, {"all", "All hosts"}}) {
            String p = who[0];
            put(s, ++r, 0, who[1] + " fully patched for critical updates", S.LABEL);
            put(s, r, 2, "${" + p + "FullyPatchedEffectiveWithExceptions}", S.PCT);
            put(s, r, 5, "${" + p + "FullyPatchedEffectiveWithExceptionsCount}", S.COUNT);
            put(s, r, 6, "${" + p + "Hosts}", S.COUNT);
        }

        r += 2;
        put(s, r, 0, "How fresh the data is", S.SECTION);
        put(s, ++r, 0, "Newest inventory (client local time)", S.LABEL);
        put(s, r, 1, "${newestInventory}", S.DATE_TIME);
        put(s, ++r, 0, "Newest state message (UTC)", S.LABEL);
        put(s, r, 1, "${newestStateMessage}", S.DATE_TIME);
        labelCount(s, ++r, "Days from newest inventory to as-of", "${inventoryAgeDays}");
        put(s, ++r, 0, "Every row read accounted for", S.LABEL);
        put(s, r, 1, "${reconciles}", S.TEXT);
        note(s, ++r, "Counts, rules version and run details are on the Data quality sheet.");

        spacers(s, r, 7);
        s.setRowBreak(lastOfPageOne);
        pageSetup(s, 0);
        wb.setPrintArea(wb.getSheetIndex(s), 0, LAST_SUMMARY_COLUMN, 0, r);
    }

    /** A note across the whole width of the Summary, wrapping; the writer fits its height to the text. */
    private void note(XSSFSheet s, int r, String text) {
        note(s, r, 0, LAST_SUMMARY_COLUMN, text);
    }

    private void labelValue(XSSFSheet s, int r, String label, String value, S valueStyle, String label2, String value2) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, value, valueStyle);
        put(s, r, 4, label2, S.LABEL);
        put(s, r, 5, value2, S.TEXT);
    }

    private void figureLine(XSSFSheet s, int r, String label, boolean headline, String reported, String effective,
                            String gap, String reportedCount, String effectiveCount, String of) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, reported, headline ? S.HEADLINE_PCT : S.PCT);
        put(s, r, 2, effective, headline ? S.HEADLINE_PCT : S.PCT);
        put(s, r, 3, gap, headline ? S.HEADLINE_POINTS : S.POINTS);
        put(s, r, 4, reportedCount, S.COUNT);
        put(s, r, 5, effectiveCount, S.COUNT);
        put(s, r, 6, of, S.COUNT);
    }

    private void figureRow(XSSFSheet s, int r, String label, String prefix, String[] fields) {
        put(s, r, 0, label, S.LABEL_WRAP);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            S style = f.endsWith("Pct") ? S.PCT : f.equals("gap") ? S.POINTS : S.COUNT;
            put(s, r, i + 1, "${" + prefix + f + "}", style);
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private void createStyles() {
        XSSFFont logoFont = font(20, true, false, IndexedColors.WHITE);
        XSSFFont titleFont = font(16, true, false, IndexedColors.DARK_TEAL);
        XSSFFont noteFont = font(10, false, true, IndexedColors.GREY_50_PERCENT);
        XSSFFont sectionFont = font(12, true, false, IndexedColors.DARK_TEAL);
        XSSFFont headerFont = font(10, true, false, IndexedColors.WHITE);
        XSSFFont headlineFont = font(13, true, false, IndexedColors.BLACK);
        XSSFFont labelFont = font(10, true, false, IndexedColors.BLACK);

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
        XSSFCellStyle labelWrap = style(S.LABEL_WRAP, labelFont, null);
        labelWrap.setVerticalAlignment(VerticalAlignment.TOP);
        labelWrap.setWrapText(true);
        style(S.SECTION, sectionFont, null);
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
        bordered(style(S.DATE, null, "yyyy-mm-dd")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DATE_TIME, null, CellWriter.DATE_TIME_FORMAT)).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.NEXT, null, "ddd yyyy-mm-dd hh:mm")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.ID, null, "0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.COUNT, null, "#,##0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DECIMAL, null, "#,##0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.PCT, null, "0.0%")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.POINTS, null, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"")).setVerticalAlignment(VerticalAlignment.TOP);
        style(S.HEADLINE_PCT, headlineFont, "0.0%").setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.HEADLINE_POINTS, headlineFont, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"").setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.HEADLINE_COUNT, headlineFont, "#,##0").setVerticalAlignment(VerticalAlignment.CENTER);
        XSSFCellStyle totalLabel = style(S.TOTAL_LABEL, labelFont, null);
        totalLabel.setBorderTop(BorderStyle.THIN);
        XSSFCellStyle totalCount = style(S.TOTAL_COUNT, labelFont, "#,##0");
        totalCount.setBorderTop(BorderStyle.THIN);
        XSSFCellStyle totalDecimal = style(S.TOTAL_DECIMAL, labelFont, "#,##0");
        totalDecimal.setBorderTop(BorderStyle.THIN);
    }
}
