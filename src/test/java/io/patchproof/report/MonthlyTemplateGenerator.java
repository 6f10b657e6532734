package io.patchproof.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
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
public final class MonthlyTemplateGenerator {

    /** Fixed so that regenerating yields the same document properties. */
    static final LocalDateTime CREATED = LocalDateTime.of(2026, 1, 1, 0, 0);

    private enum S {
        LOGO, TITLE, NOTE, LABEL, SECTION, HEADER, TEXT, WRAP, DATE, DATE_TIME, ID, COUNT, DECIMAL, PCT, POINTS,
        HEADLINE_PCT, HEADLINE_POINTS, MEANING
    }

    private record Col(String header, String marker, S style, int width) {
    }

    private final XSSFWorkbook wb = new XSSFWorkbook();
    private final Map<S, XSSFCellStyle> styles = new EnumMap<>(S.class);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ReportTemplate.MONTHLY_LOCATION);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            write(o);
        }
        System.out.println("wrote " + out);
    }

    static void write(OutputStream out) throws IOException {
        MonthlyTemplateGenerator g = new MonthlyTemplateGenerator();
        try (XSSFWorkbook wb = g.build()) {
            wb.write(out);
        }
    }

    XSSFWorkbook build() {
        createStyles();
        summary();
        dataSheet("Reboot plan", 0, List.of(
                new Col("Rank", "${rank}", S.ID, 7),
                new Col("Host", "${host}", S.TEXT, 22),
                new Col("Domain", "${domain}", S.TEXT, 16),
                new Col("Role", "${role}", S.TEXT, 13),
                new Col("Collections", "${collections}", S.WRAP, 30),
                new Col("Maintenance windows", "${maintenanceWindows}", S.WRAP, 30),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 20),
                new Col("Uptime days", "${uptimeDays}", S.COUNT, 10),
                new Col("Why", "${restart}", S.WRAP, 24),
                new Col("Not in effect pairs", "${notInEffect}", S.COUNT, 12),
                new Col("of them critical", "${criticalNotInEffect}", S.COUNT, 11),
                new Col("Oldest exposure days", "${maxExposureDays}", S.COUNT, 12),
                new Col("Risk score", "${riskScore}", S.DECIMAL, 12),
                new Col("Missing", "${missing}", S.COUNT, 10),
                new Col("Failed", "${failed}", S.COUNT, 10)));
        List<Col> findingColumns = List.of(
                new Col("Host", "${host}", S.TEXT, 22),
                new Col("ResourceID", "${resourceId}", S.ID, 12),
                new Col("KB article", "${article}", S.TEXT, 12),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Title", "${title}", S.WRAP, 60),
                new Col("Severity", "${severity}", S.TEXT, 11),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Enforcement state", "${enforcementState}", S.TEXT, 26),
                new Col("Confidence", "${confidence}", S.TEXT, 11),
                new Col("Installed earliest (UTC)", "${installedEarliestUtc}", S.DATE_TIME, 20),
                new Col("Installed latest (UTC)", "${installedLatestUtc}", S.DATE_TIME, 20),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 20),
                new Col("Inventory (UTC)", "${inventoryUtc}", S.DATE_TIME, 20),
                new Col("Exposure days", "${exposureDays}", S.COUNT, 10),
                new Col("Evidence", "${evidence}", S.WRAP, 80),
                new Col("Superseded", "${superseded}", S.TEXT, 11),
                new Col("Quality flags", "${qualityFlags}", S.TEXT, 28));
        dataSheet("Not in effect", 1, findingColumns);
        dataSheet("Missing", 1, findingColumns);
        dataSheet("Hosts", 2, List.of(
                new Col("ResourceID", "${resourceId}", S.ID, 12),
                new Col("Host", "${host}", S.TEXT, 22),
                new Col("Domain", "${domain}", S.TEXT, 16),
                new Col("Site", "${siteCode}", S.TEXT, 7),
                new Col("Role", "${role}", S.TEXT, 13),
                new Col("Operating system", "${operatingSystem}", S.TEXT, 34),
                new Col("Last boot (client local)", "${lastBootLocal}", S.DATE_TIME, 20),
                new Col("UTC offset (min)", "${utcOffsetMinutes}", S.COUNT, 10),
                new Col("Last boot (UTC)", "${lastBootUtc}", S.DATE_TIME, 20),
                new Col("Inventory (client local)", "${inventoryLocal}", S.DATE_TIME, 20),
                new Col("Uptime days", "${uptimeDays}", S.COUNT, 10),
                new Col("Client state", "${clientState}", S.ID, 9),
                new Col("Applicable", "${applicable}", S.COUNT, 11),
                new Col("Reported installed", "${reportedInstalled}", S.COUNT, 11),
                new Col("In effect", "${inEffect}", S.COUNT, 11),
                new Col("Reported %", "${reportedPct}", S.PCT, 10),
                new Col("Effective %", "${effectivePct}", S.PCT, 10),
                new Col("Gap", "${gap}", S.POINTS, 10),
                new Col("Exempt", "${exempt}", S.COUNT, 9),
                new Col("Not in effect", "${notInEffect}", S.COUNT, 10),
                new Col("Unverified", "${unverified}", S.COUNT, 10),
                new Col("Missing", "${missing}", S.COUNT, 10),
                new Col("Failed", "${failed}", S.COUNT, 9),
                new Col("SLA overdue", "${slaOverdue}", S.COUNT, 10),
                new Col("Risk score", "${riskScore}", S.DECIMAL, 11),
                new Col("Oldest exposure days", "${maxExposureDays}", S.COUNT, 11),
                new Col("Collections", "${collections}", S.WRAP, 30),
                new Col("Maintenance windows", "${maintenanceWindows}", S.WRAP, 30)));
        dataSheet("Updates", 1, List.of(
                new Col("KB article", "${article}", S.TEXT, 12),
                new Col("Bulletin", "${bulletin}", S.TEXT, 11),
                new Col("Title", "${title}", S.WRAP, 60),
                new Col("Severity", "${severity}", S.TEXT, 11),
                new Col("Classification", "${classification}", S.TEXT, 18),
                new Col("Released", "${released}", S.DATE, 12),
                new Col("Superseded", "${superseded}", S.TEXT, 11),
                new Col("Applicable", "${applicable}", S.COUNT, 11),
                new Col("Reported %", "${reportedPct}", S.PCT, 10),
                new Col("Effective %", "${effectivePct}", S.PCT, 10),
                new Col("Gap", "${gap}", S.POINTS, 10),
                new Col("Not in effect", "${notInEffect}", S.COUNT, 10),
                new Col("Missing", "${missing}", S.COUNT, 10),
                new Col("Failed", "${failed}", S.COUNT, 9),
                new Col("Unverified", "${unverified}", S.COUNT, 10),
                new Col("Exempt", "${exempt}", S.COUNT, 9),
                new Col("SLA overdue", "${slaOverdue}", S.COUNT, 10),
                new Col("CI_ID", "${ciId}", S.ID, 10)));
        dataQuality();
        wb.setActiveSheet(0);
        wb.getProperties().getCoreProperties().setCreated(Optional.of(Date.from(CREATED.toInstant(ZoneOffset.UTC))));
        wb.getProperties().getCoreProperties().setCreator("patchproof");
        wb.getProperties().getCoreProperties().setTitle("Monthly patch review");
        return wb;
    }

    private void summary() {
        XSSFSheet s = wb.createSheet("Summary");
        s.setDisplayGridlines(false);
        s.setColumnWidth(0, 46 * 256);
        s.setColumnWidth(1, 20 * 256); // wide enough for a date and time
        for (int c = 2; c <= 10; c++) {
            s.setColumnWidth(c, 13 * 256);
        }
        XSSFRow logo = s.createRow(0);
        logo.setHeightInPoints(30);
        put(s, 0, 0, "patchproof", S.LOGO);
        put(s, 0, 1, "Monthly patch review \u2014 is the patch really in effect?", S.TITLE);
        for (int c = 2; c <= 10; c++) {
            put(s, 0, c, null, S.TITLE);
        }
        s.addMergedRegion(new CellRangeAddress(0, 0, 1, 10));
        put(s, 1, 0, "Reported: the site database says installed. Effective: installed and proven in effect by a later"
                + " boot that a later inventory reports. The gap is what a reboot would close. n/a: no applicable"
                + " critical update to judge.", S.NOTE);

        int r = 3;
        labelValue(s, r, "As of", "${asOf}", S.DATE, "Profile", "${profile}");
        labelValue(s, ++r, "Scope", "${scope}", S.TEXT, "Schema", "${schema}");
        labelValue(s, ++r, "Source", "${source}", S.TEXT, "Run", "${run}");
        labelValue(s, ++r, "Source read at (UTC)", "${readAt}", S.DATE_TIME, "Versions", "${versions}");

        r += 2;
        put(s, r, 0, "Headline: what the site says, and what is in effect", S.SECTION);
        header(s, ++r, "Applicable host \u00d7 update pairs", "Reported installed", "Reported compliance",
                "Effective compliance", "Installed \u2212 effective", "", "Out of");
        put(s, ++r, 0, "Percent of applicable pairs", S.LABEL);
        put(s, r, 1, "${siteInstalledPct}", S.HEADLINE_PCT);
        put(s, r, 2, "${reportedPct}", S.HEADLINE_PCT);
        put(s, r, 3, "${effectivePct}", S.HEADLINE_PCT);
        put(s, r, 4, "${installedGap}", S.HEADLINE_POINTS);
        put(s, r, 6, "${applicable}", S.COUNT);
        put(s, ++r, 0, "Pairs", S.LABEL);
        put(s, r, 1, "${siteInstalled}", S.COUNT);
        put(s, r, 2, "${reportedInstalled}", S.COUNT);
        put(s, r, 3, "${inEffect}", S.COUNT);
        put(s, ++r, 0, "Reported installed: the site says installed, a restart pending included (Status 3 or enforcement"
                + " state 9 or 10; SMS 2003: Status 3). Reported compliance: Status 3, the number the old report gave."
                + " Effective: in effect by rules ${ruleVersion}.", S.NOTE);

        r += 2;
        put(s, r, 0, "Reported compliance vs effective compliance", S.SECTION);
        header(s, ++r, "Measure", "Reported", "Effective", "Gap", "Reported (count)", "Effective (count)", "Out of");
        figureLine(s, ++r, "Compliance: applicable host \u00d7 update pairs", true,
                "${reportedPct}", "${effectivePct}", "${gap}", "${reportedInstalled}", "${inEffect}", "${applicable}");
        for (String[] who : new String[][] {{"servers", "Servers"}, {"workstations", "Workstations"}, {"all", "All hosts"}}) {
            String p = who[0];
            figureLine(s, ++r, who[1] + " fully patched for critical updates", true,
                    "${" + p + "FullyPatchedReported}", "${" + p + "FullyPatchedEffective}", "${" + p + "FullyPatchedGap}",
                    "${" + p + "FullyPatchedReportedCount}", "${" + p + "FullyPatchedEffectiveCount}", "${" + p + "Hosts}");
        }

        r += 2;
        put(s, r, 0, "With exceptions (approved, unexpired exceptions counted as compliant)", S.SECTION);
        header(s, ++r, "Measure", "Reported", "Effective", "", "Exempt (count)", "Effective (count)", "Out of");
        put(s, ++r, 0, "Compliance: applicable host \u00d7 update pairs", S.LABEL);
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
        put(s, r, 0, "Verdicts (every compliance row read has exactly one)", S.SECTION);
        header(s, ++r, "Verdict", "Pairs", "Meaning");
        String[][] verdicts = {
                {"IN_EFFECT", "In effect", "installed before a boot that a later inventory reports"},
                {"NOT_IN_EFFECT", "Not in effect", "installed, but the host has not restarted since: a reboot is due"},
                {"UNVERIFIED", "Unverified", "installed, but the times cannot prove either way"},
                {"MISSING", "Missing", "required and not installed"},
                {"FAILED", "Failed", "the installation failed (enforcement state 11)"},
                {"EXEMPT", "Exempt", "covered by an approved, unexpired exception"},
                {"OUT_OF_SCOPE", "Out of scope", "expired, not reboot-dependent or obsolete host: counted, not a finding"}};
        for (String[] v : verdicts) {
            put(s, ++r, 0, v[1], S.LABEL);
            put(s, r, 1, "${verdict." + v[0] + "}", S.COUNT);
            put(s, r, 2, v[2], S.MEANING);
        }

        String[] figureHeader = {"Applicable", "Reported", "Effective", "Gap", "Not in effect", "Missing", "Failed",
                "Unverified", "Exempt", "SLA overdue"};
        String[] figureFields = {"applicable", "reportedPct", "effectivePct", "gap", "notInEffect", "missing", "failed",
                "unverified", "exempt", "slaOverdue"};

        r += 2;
        put(s, r, 0, "By severity", S.SECTION);
        header(s, ++r, concat("Severity", figureHeader));
        figureRow(s, ++r, "${severity.name}", "severity.", figureFields);

        r += 2;
        put(s, r, 0, "Servers vs workstations", S.SECTION);
        header(s, ++r, concat("Role", figureHeader));
        figureRow(s, ++r, "Servers", "servers.", figureFields);
        figureRow(s, ++r, "Workstations", "workstations.", figureFields);
        figureRow(s, ++r, "All", "overall.", figureFields);

        r += 2;
        put(s, r, 0, "By collection", S.SECTION);
        header(s, ++r, concat("Collection", figureHeader));
        figureRow(s, ++r, "${collection.name}", "collection.", figureFields);

        r += 2;
        put(s, r, 0, "Reconciliation of counts (nothing dropped)", S.SECTION);
        labelCount(s, ++r, "Compliance rows read", "${rowsRead}");
        labelCount(s, ++r, "Out of scope (by reason on Data quality)", "${outOfScope}");
        labelCount(s, ++r, "In scope: \u03a3 verdicts", "${inScope}");
        put(s, ++r, 0, "Rows read = out of scope + \u03a3 verdicts", S.LABEL);
        put(s, r, 1, "${reconciles}", S.TEXT);
        labelCount(s, ++r, "Superseded, left out of the headline", "${supersededExcluded}");
        labelCount(s, ++r, "Applicable pairs in the headline", "${applicable}");

        r += 2;
        put(s, r, 0, "Data freshness", S.SECTION);
        put(s, ++r, 0, "As of", S.LABEL);
        put(s, r, 1, "${asOf}", S.DATE);
        put(s, ++r, 0, "Source read at (UTC)", S.LABEL);
        put(s, r, 1, "${readAt}", S.DATE_TIME);
        put(s, ++r, 0, "Newest inventory (client local time)", S.LABEL);
        put(s, r, 1, "${newestInventory}", S.DATE_TIME);
        put(s, ++r, 0, "Newest state message (UTC)", S.LABEL);
        put(s, r, 1, "${newestStateMessage}", S.DATE_TIME);
        labelCount(s, ++r, "Days from newest inventory to as-of", "${inventoryAgeDays}");

        s.getPrintSetup().setLandscape(true);
        s.setFitToPage(true);
        s.getPrintSetup().setFitWidth((short) 1);
        s.getPrintSetup().setFitHeight((short) 0);
    }

    private void dataQuality() {
        XSSFSheet s = wb.createSheet("Data quality");
        int[] widths = {30, 12, 26, 90};
        for (int c = 0; c < widths.length; c++) {
            s.setColumnWidth(c, widths[c] * 256);
        }
        header(s, 0, "Counted", "Count", "Of what", "");
        put(s, 1, 0, "${count.kind}", S.TEXT);
        put(s, 1, 1, "${count.value}", S.COUNT);
        put(s, 1, 2, "${count.item}", S.TEXT);
        header(s, 3, "Category", "ResourceID", "Host", "Detail");
        put(s, 4, 0, "${category}", S.TEXT);
        put(s, 4, 1, "${resourceId}", S.ID);
        put(s, 4, 2, "${host}", S.TEXT);
        put(s, 4, 3, "${detail}", S.WRAP);
        s.setAutoFilter(new CellRangeAddress(3, 3, 0, 3));
    }

    private void dataSheet(String name, int frozenColumns, List<Col> columns) {
        XSSFSheet s = wb.createSheet(name);
        XSSFRow header = s.createRow(0);
        header.setHeightInPoints(32);
        XSSFRow style = s.createRow(1);
        for (int c = 0; c < columns.size(); c++) {
            Col col = columns.get(c);
            XSSFCell h = header.createCell(c);
            h.setCellValue(col.header());
            h.setCellStyle(styles.get(S.HEADER));
            XSSFCell m = style.createCell(c);
            m.setCellValue(col.marker());
            m.setCellStyle(styles.get(col.style()));
            s.setColumnWidth(c, col.width() * 256);
        }
        s.createFreezePane(frozenColumns, 1);
        s.setAutoFilter(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        s.getPrintSetup().setLandscape(true);
        s.setFitToPage(true);
        s.getPrintSetup().setFitWidth((short) 1);
        s.getPrintSetup().setFitHeight((short) 0);
    }

    private void labelValue(XSSFSheet s, int r, String label, String value, S valueStyle, String label2, String value2) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, value, valueStyle);
        put(s, r, 4, label2, S.LABEL);
        put(s, r, 5, value2, S.TEXT);
    }

    private void labelCount(XSSFSheet s, int r, String label, String value) {
        put(s, r, 0, label, S.LABEL);
        put(s, r, 1, value, S.COUNT);
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
        put(s, r, 0, label, S.LABEL);
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            S style = f.endsWith("Pct") ? S.PCT : f.equals("gap") ? S.POINTS : S.COUNT;
            put(s, r, i + 1, "${" + prefix + f + "}", style);
        }
    }

    private void header(XSSFSheet s, int r, String... titles) {
        XSSFRow row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        row.setHeightInPoints(30);
        for (int c = 0; c < titles.length; c++) {
            put(s, r, c, titles[c], S.HEADER);
        }
    }

    private void put(XSSFSheet s, int r, int c, String text, S style) {
        XSSFRow row = s.getRow(r) == null ? s.createRow(r) : s.getRow(r);
        XSSFCell cell = row.createCell(c);
        if (text != null && !text.isEmpty()) {
            cell.setCellValue(text);
        }
        cell.setCellStyle(styles.get(style));
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
        XSSFFont headlineFont = font(14, true, false, IndexedColors.BLACK);
        XSSFFont labelFont = font(10, true, false, IndexedColors.BLACK);
        XSSFFont meaningFont = font(10, false, true, IndexedColors.GREY_80_PERCENT);

        XSSFCellStyle logo = style(S.LOGO, logoFont, null);
        logo.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        logo.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        logo.setAlignment(HorizontalAlignment.CENTER);
        logo.setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.TITLE, titleFont, null).setVerticalAlignment(VerticalAlignment.CENTER);
        style(S.NOTE, noteFont, null);
        style(S.LABEL, labelFont, null);
        style(S.SECTION, sectionFont, null);
        XSSFCellStyle header = style(S.HEADER, headerFont, null);
        header.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setBorderBottom(BorderStyle.THIN);
        bordered(style(S.TEXT, null, null)).setVerticalAlignment(VerticalAlignment.TOP);
        CellStyle wrap = bordered(style(S.WRAP, null, null));
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DATE, null, "yyyy-mm-dd")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DATE_TIME, null, CellWriter.DATE_TIME_FORMAT)).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.ID, null, "0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.COUNT, null, "#,##0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.DECIMAL, null, "#,##0.0")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.PCT, null, "0.0%")).setVerticalAlignment(VerticalAlignment.TOP);
        bordered(style(S.POINTS, null, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"")).setVerticalAlignment(VerticalAlignment.TOP);
        style(S.HEADLINE_PCT, headlineFont, "0.0%");
        style(S.HEADLINE_POINTS, headlineFont, "+0.0\" pp\";-0.0\" pp\";0.0\" pp\"");
        style(S.MEANING, meaningFont, null);
    }

    private XSSFFont font(int points, boolean bold, boolean italic, IndexedColors color) {
        XSSFFont f = wb.createFont();
        f.setFontName("Calibri");
        f.setFontHeightInPoints((short) points);
        f.setBold(bold);
        f.setItalic(italic);
        f.setColor(color.getIndex());
        return f;
    }

    private XSSFCellStyle style(S key, XSSFFont font, String format) {
        XSSFCellStyle style = wb.createCellStyle();
        if (font != null) {
            style.setFont(font);
        }
        if (format != null) {
            style.setDataFormat(wb.createDataFormat().getFormat(format));
        }
        styles.put(key, style);
        return style;
    }

    private static CellStyle bordered(XSSFCellStyle style) {
        style.setBorderBottom(BorderStyle.HAIR);
        style.setBottomBorderColor(IndexedColors.GREY_25_PERCENT.getIndex());
        return style;
    }
}
