package io.patchproof.report;

import static io.patchproof.report.CioFixtures.AS_OF;
import static io.patchproof.report.CioFixtures.OVERALL;
import static io.patchproof.report.CioFixtures.SERVERS;
import static io.patchproof.report.CioFixtures.WORKSTATIONS;
import static io.patchproof.report.CioFixtures.aQuarter;
import static io.patchproof.report.CioFixtures.waiting;
import static io.patchproof.report.CioFixtures.withInstallsWaiting;
import static io.patchproof.testsupport.ReportRowBuilders.aHostSummary;
import static io.patchproof.testsupport.ReportRowBuilders.figures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Severity;
import io.patchproof.testsupport.FindingBuilders;
import io.patchproof.testsupport.ReportRunBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarSer;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTLineChart;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTLineSer;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTPlotArea;

class CioWorkbookWriterTests {

    private static final String SUMMARY = CioLayout.SUMMARY;
    private static final String TREND = CioLayout.TREND;
    private static final String TOP = CioLayout.TOP_RISKS;

    private static ReportTemplate template;
    private static TestWorkbook templateBook;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = ReportTemplate.cioFromClasspath();
        try (InputStream in = CioWorkbookWriterTests.class.getClassLoader().getResourceAsStream(ReportTemplate.CIO_LOCATION)) {
            templateBook = TestWorkbook.open(in.readAllBytes());
        }
    }

    private static TestWorkbook write(ReportData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = new CioWorkbookWriter().write(data, template, out);
        assertThat(stats.sheetNames()).containsExactly(SUMMARY, TREND, TOP);
        return TestWorkbook.open(out.toByteArray());
    }

    /** Where the template put a placeholder: the written value must be in that very cell. */
    private static String at(String sheet, String placeholder) {
        String address = templateBook.addressOf(sheet, placeholder);
        assertThat(address).as("template cell holding %s on %s", placeholder, sheet).isNotNull();
        return address;
    }

    /** The cell of an update field in the n-th written row (0-based): below the updates' header, wherever the hosts pushed it. */
    private static String updateCell(TestWorkbook wb, String placeholder, int n) {
        CellReference header = new CellReference(wb.addressOf(TOP, "KB article"));
        CellReference column = new CellReference(at(TOP, placeholder));
        return new CellReference(header.getRow() + 1 + n, column.getCol()).formatAsString(false);
    }

    /** The cell of a region field in the n-th written row (0-based) of the first region of its sheet. */
    private static String regionCell(String sheet, String placeholder, int n) {
        CellReference r = new CellReference(at(sheet, placeholder));
        return new CellReference(r.getRow() + n, r.getCol()).formatAsString(false);
    }

    @Test
    void theTitleNamesTheSiteTheQuarterAndTheAsOfDate() throws IOException {
        try (TestWorkbook wb = write(aQuarter().build())) {
            wb.cell(SUMMARY, "A1").hasText("Quarterly patch compliance: PS1, 2026 Q3");
            assertThat(wb.cell(SUMMARY, "A2").text()).startsWith("As of 2026-09-30 \u00b7 quarter 2026-07-01 to 2026-09-30")
                    .contains("scope: all systems");
            wb.cell(SUMMARY, at(SUMMARY, "${demoNote}")).isBlank();
        }
    }

    @Test
    void aDemoReportSaysDemoOnItsExecutiveSummary() throws IOException {
        try (TestWorkbook wb = write(aQuarter().withRun(ReportRunBuilder.aRun().asOf(AS_OF).demo().build()).build())) {
            wb.cell(SUMMARY, at(SUMMARY, "${demoNote}")).hasText(SummaryValues.DEMO);
        }
    }

    @Test
    void theHeadlineShowsThisRunBesideThePreviousQuarterWithTheChange() throws IOException {
        CioHistory.TrendPoint previous = CioFixtures.aYearOfHistory().previousQuarter();
        ComplianceFigures p = previous.overall();
        try (TestWorkbook wb = write(aQuarter().build())) {
            wb.cell(SUMMARY, at(SUMMARY, "${now.siteInstalledPct}")).hasNumber(OVERALL.siteInstalledPct() / 100).hasFormat("0.0%");
            wb.cell(SUMMARY, at(SUMMARY, "${now.reportedPct}")).hasNumber(OVERALL.reportedPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.effectivePct}")).hasNumber(OVERALL.effectivePct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.gap}")).hasNumber(OVERALL.gapPoints());
            wb.cell(SUMMARY, at(SUMMARY, "${now.serversReported}")).hasNumber(SERVERS.reportedPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.serversEffective}")).hasNumber(SERVERS.effectivePct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.workstationsReported}")).hasNumber(WORKSTATIONS.reportedPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.workstationsEffective}")).hasNumber(WORKSTATIONS.effectivePct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${now.applicable}")).hasNumber(OVERALL.applicable());

            wb.cell(SUMMARY, at(SUMMARY, "${previous.siteInstalledPct}")).hasNumber(p.siteInstalledPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${previous.reportedPct}")).hasNumber(p.reportedPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${previous.effectivePct}")).hasNumber(p.effectivePct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${previous.gap}")).hasNumber(p.gapPoints());
            wb.cell(SUMMARY, at(SUMMARY, "${previous.serversEffective}")).hasNumber(previous.servers().effectivePct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${previous.workstationsReported}")).hasNumber(previous.workstations().reportedPct() / 100);
            wb.cell(SUMMARY, at(SUMMARY, "${previous.applicable}")).hasNumber(p.applicable());

            wb.cell(SUMMARY, at(SUMMARY, "${change.effectivePct}")).hasNumber(OVERALL.effectivePct() - p.effectivePct())
                    .hasFormat("+0.0\" pp\";-0.0\" pp\";0.0\" pp\"");
            wb.cell(SUMMARY, at(SUMMARY, "${change.gap}")).hasNumber(OVERALL.gapPoints() - p.gapPoints());
            wb.cell(SUMMARY, at(SUMMARY, "${change.serversEffective}"))
                    .hasNumber(SERVERS.effectivePct() - previous.servers().effectivePct());
            wb.cell(SUMMARY, at(SUMMARY, "${change.applicable}")).hasNumber(OVERALL.applicable() - p.applicable());
            wb.cell(SUMMARY, at(SUMMARY, "${previousHeader}")).hasText("The end of 2026 Q2 (as of 2026-06-30)");
            wb.cell(SUMMARY, at(SUMMARY, "${comparison}")).hasText("Compared with the run of 2026-06-30, the end of 2026 Q2.");
            assertThat(OVERALL.effectivePct() - p.effectivePct()).as("the fixture's quarter moved").isNotZero();
        }
    }

    @Test
    void withoutARunKeptForThePreviousQuarterEndTheReportSaysSoAndShowsNoNumber() throws IOException {
        try (TestWorkbook wb = write(aQuarter().withHistory(CioFixtures.withoutPreviousQuarter()).build())) {
            for (String figure : CioLayout.HEADLINE) {
                wb.cell(SUMMARY, at(SUMMARY, "${previous." + figure + "}")).hasText("no run kept");
                wb.cell(SUMMARY, at(SUMMARY, "${change." + figure + "}")).isBlank();
            }
            wb.cell(SUMMARY, at(SUMMARY, "${previousHeader}")).hasText("The end of 2026 Q2: no run kept");
            wb.cell(SUMMARY, at(SUMMARY, "${comparison}")).hasText("No run kept for the end of 2026 Q2: nothing to compare"
                    + " with, so the previous quarter's column is empty. No figure is estimated.");
            wb.cell(SUMMARY, at(SUMMARY, "${now.effectivePct}")).hasNumber(OVERALL.effectivePct() / 100);
        }
    }

    @Test
    void aPreviousPointKeptBeforeFullyPatchedCountsSaysNotKeptAndHasNoChange() throws IOException {
        CioHistory.TrendPoint old = new CioHistory.TrendPoint(LocalDate.parse("2026-06-28"), figures(500, 200, 0, 0, 0, 0, 0),
                null, null, Map.of());
        CioHistory history = new CioHistory(List.of(old, CioFixtures.aYearOfPoints().get(11)),
                CioHistory.Quarter.endingOnOrBefore(AS_OF), old);
        try (TestWorkbook wb = write(aQuarter().withHistory(history).build())) {
            wb.cell(SUMMARY, at(SUMMARY, "${previous.serversReported}")).hasText("not kept");
            wb.cell(SUMMARY, at(SUMMARY, "${change.serversReported}")).isBlank();
            wb.cell(SUMMARY, at(SUMMARY, "${previous.effectivePct}")).hasNumber(500.0 / 700);
            wb.cell(SUMMARY, at(SUMMARY, "${previousHeader}")).hasText("The end of 2026 Q2 (as of 2026-06-28)");
            wb.cell(SUMMARY, at(SUMMARY, "${comparison}")).hasText("Compared with the run kept as of 2026-06-28, the nearest"
                    + " before the end of 2026 Q2 (2026-06-30).");
        }
    }

    @Test
    void aFullyPatchedFigureWithoutAnyCriticalUpdateIsNotApplicableNeverAHundredPercent() throws IOException {
        HostsFullyPatched noCritical = new HostsFullyPatched(450, 450, 450, 450, 0);
        try (TestWorkbook wb = write(aQuarter().withFullyPatched(noCritical, WORKSTATIONS, WORKSTATIONS).build())) {
            wb.cell(SUMMARY, at(SUMMARY, "${now.serversReported}")).hasText("n/a");
            wb.cell(SUMMARY, at(SUMMARY, "${change.serversReported}")).isBlank();
        }
    }

    @Test
    void theTrendHasOneRowPerKeptRunOldestFirstWithBlanksWhereARunKeptNoFigure() throws IOException {
        List<CioHistory.TrendPoint> points = CioFixtures.aYearOfPoints();
        try (TestWorkbook wb = write(aQuarter().build())) {
            Sheet trend = wb.sheet(TREND);
            for (int i = 0; i < points.size(); i++) {
                CioHistory.TrendPoint p = points.get(i);
                int row = i + 2;
                wb.cell(TREND, "A" + row).hasDateTime(p.asOf().atStartOfDay()).hasFormat("yyyy-mm-dd");
                wb.cell(TREND, "B" + row).hasNumber(p.overall().siteInstalledPct() / 100);
                wb.cell(TREND, "C" + row).hasNumber(p.overall().reportedPct() / 100);
                wb.cell(TREND, "D" + row).hasNumber(p.overall().effectivePct() / 100);
                wb.cell(TREND, "E" + row).hasNumber(p.overall().gapPoints());
                if (p.servers() == null) {
                    for (String column : List.of("F", "G", "H", "I")) {
                        wb.cell(TREND, column + row).isBlank();
                    }
                } else {
                    wb.cell(TREND, "F" + row).hasNumber(p.servers().reportedPct() / 100);
                    wb.cell(TREND, "G" + row).hasNumber(p.servers().effectivePct() / 100);
                    wb.cell(TREND, "H" + row).hasNumber(p.workstations().reportedPct() / 100);
                    wb.cell(TREND, "I" + row).hasNumber(p.workstations().effectivePct() / 100);
                }
                wb.cell(TREND, "J" + row).hasNumber(p.overall().applicable());
            }
            assertThat(wb.cell(TREND, "A" + (points.size() + 2)).type()).as("the row after the last point").isEqualTo(CellType.BLANK);
            assertThat(trend.getRow(points.size() + 2).getCell(0).getStringCellValue())
                    .as("the glossary line, moved below the rows").startsWith("One row per kept run");
        }
    }

    @Test
    void withoutKeptHistoryTheTrendIsThisRunAloneAndThereIsNoPreviousQuarter() throws IOException {
        try (TestWorkbook wb = write(aQuarter().withHistory(CioHistory.NONE).build())) {
            wb.cell(TREND, "A2").hasDateTime(AS_OF.atStartOfDay());
            wb.cell(TREND, "D2").hasNumber(OVERALL.effectivePct() / 100);
            wb.cell(TREND, "G2").hasNumber(SERVERS.effectivePct() / 100);
            assertThat(wb.cell(TREND, "A3").type()).isEqualTo(CellType.BLANK);
            wb.cell(SUMMARY, "A1").hasText("Quarterly patch compliance: PS1, 2026 Q3");
            wb.cell(SUMMARY, at(SUMMARY, "${previous.effectivePct}")).hasText("no run kept");
            assertThat(textStartingWith(wb, SUMMARY, "One run kept so far")).isEqualTo("One run kept so far: this one, as of"
                    + " 2026-09-30. A dashed line is what the site reports, a solid line what is in effect. A break in a line:"
                    + " that run kept no such figure.");
        }
    }

    @Test
    void theChartsAreNativeChartsOverTheTrendRowsAndTheSeverityTable() throws IOException {
        try (TestWorkbook wb = write(aQuarter().build())) {
            XSSFSheet summary = (XSSFSheet) wb.sheet(SUMMARY);
            XSSFDrawing drawing = summary.getDrawingPatriarch();
            assertThat(drawing).as("a drawing on the Executive summary").isNotNull();
            assertThat(drawing.getShapes()).as("no pictures: charts only").noneMatch(XSSFPicture.class::isInstance);
            List<XSSFChart> charts = drawing.getCharts();
            assertThat(charts).hasSize(3);
            assertThat(TestWorkbook.zipEntries(bytesOf(wb)).keySet()).filteredOn(n -> n.startsWith("xl/charts/chart")).hasSize(3);

            XSSFChart compliance = chartTitled(charts, "Reported and effective compliance");
            assertThat(series(compliance)).containsExactly(
                    "Reported compliance: Trend!$A$2:$A$13 -> Trend!$C$2:$C$13",
                    "Effective compliance: Trend!$A$2:$A$13 -> Trend!$D$2:$D$13");
            XSSFChart fullyPatched = chartTitled(charts, "Hosts fully patched for critical updates");
            assertThat(series(fullyPatched)).containsExactly(
                    "Servers, reported: Trend!$A$2:$A$13 -> Trend!$F$2:$F$13",
                    "Servers, effective: Trend!$A$2:$A$13 -> Trend!$G$2:$G$13",
                    "Workstations, reported: Trend!$A$2:$A$13 -> Trend!$H$2:$H$13",
                    "Workstations, effective: Trend!$A$2:$A$13 -> Trend!$I$2:$I$13");

            // Critical, Important, Moderate: three rows where the template's severity row was
            CellReference first = new CellReference(at(SUMMARY, "${severity.name}"));
            int top = first.getRow() + 1;
            int bottom = top + 2;
            XSSFChart severity = chartTitled(charts, "By severity, as of 2026-09-30");
            assertThat(series(severity)).containsExactly(
                    "Reported compliance: 'Executive summary'!$A$" + top + ":$A$" + bottom + " -> 'Executive summary'!$B$" + top + ":$B$" + bottom,
                    "Effective compliance: 'Executive summary'!$A$" + top + ":$A$" + bottom + " -> 'Executive summary'!$C$" + top + ":$C$" + bottom);
            wb.cell(SUMMARY, "A" + top).hasText("Critical");
            wb.cell(SUMMARY, "A" + (top + 1)).hasText("Important");
            wb.cell(SUMMARY, "A" + bottom).hasText("Moderate");
            wb.cell(SUMMARY, "C" + bottom).hasNumber(250.0 / 297);
            wb.cell(SUMMARY, at(SUMMARY, "${chart.compliance}")).isBlank();
        }
    }

    @Test
    void eachChartCoversTheMergedAreaOfItsAnchor() throws IOException {
        try (TestWorkbook wb = write(aQuarter().build())) {
            XSSFSheet summary = (XSSFSheet) wb.sheet(SUMMARY);
            List<String> anchors = new ArrayList<>();
            for (var a : summary.getDrawingPatriarch().getCTDrawing().getTwoCellAnchorArray()) {
                assertThat(a.isSetGraphicFrame()).as("a chart frame, not a picture").isTrue();
                assertThat(a.getTo().getColOff().toString()).isEqualTo("0");
                assertThat(a.getTo().getRowOff()).isEqualTo(0L);
                anchors.add(new CellReference(a.getFrom().getRow(), a.getFrom().getCol()).formatAsString(false) + ":"
                        + new CellReference(a.getTo().getRow() - 1, a.getTo().getCol() - 1).formatAsString(false));
            }
            List<String> merged = new ArrayList<>();
            for (String chart : CioLayout.CHARTS) {
                CellReference r = new CellReference(at(SUMMARY, "${chart." + chart + "}"));
                summary.getMergedRegions().stream().filter(m -> m.getFirstRow() == r.getRow() && m.getFirstColumn() == r.getCol())
                        .forEach(m -> merged.add(m.formatAsString()));
            }
            assertThat(anchors).containsExactlyInAnyOrderElementsOf(merged).hasSize(3);
        }
    }

    @Test
    void topRisksListsTheHostsWithTheMostUpdatesNotInEffectTiesByRisk() throws IOException {
        LocalDate seen = LocalDate.parse("2026-05-31");
        FirstSeen firstSeen = (resourceId, ciId) -> resourceId == 1 && ciId == 102 ? seen
                : resourceId == 3 && ciId == 101 ? LocalDate.parse("2026-08-31") : null;
        try (TestWorkbook wb = write(withInstallsWaiting(aQuarter()).withFirstSeen(firstSeen).build())) {
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hosts.add(wb.cell(TOP, regionCell(TOP, "${host.name}", i)).text());
            }
            assertThat(hosts).containsExactly("SRV-DC01", "SRV-SQL01", "SRV-FILE01", "WKS-0001");
            wb.cell(TOP, regionCell(TOP, "${host.rank}", 0)).hasNumber(1);
            wb.cell(TOP, regionCell(TOP, "${host.notInEffect}", 0)).hasNumber(3);
            wb.cell(TOP, regionCell(TOP, "${host.critical}", 0)).hasNumber(2);
            wb.cell(TOP, regionCell(TOP, "${host.collection}", 0)).hasText("Servers - Patch Group A (PP100011)");
            wb.cell(TOP, regionCell(TOP, "${host.role}", 0)).hasText("Server");
            wb.cell(TOP, regionCell(TOP, "${host.applicable}", 0)).hasNumber(13);
            wb.cell(TOP, regionCell(TOP, "${host.effectivePct}", 0)).hasNumber(10.0 / 13);
            wb.cell(TOP, regionCell(TOP, "${host.risk}", 0)).hasNumber(900);
            wb.cell(TOP, regionCell(TOP, "${host.since}", 0)).hasDateTime(seen.atStartOfDay());
            wb.cell(TOP, regionCell(TOP, "${host.days}", 0)).hasNumber(122);
            wb.cell(TOP, regionCell(TOP, "${host.since}", 1)).hasDateTime(LocalDate.parse("2026-08-31").atStartOfDay());
            wb.cell(TOP, regionCell(TOP, "${host.collection}", 2)).hasText("none");
            wb.cell(TOP, regionCell(TOP, "${host.since}", 2)).hasDateTime(AS_OF.atStartOfDay());
            wb.cell(TOP, regionCell(TOP, "${host.days}", 2)).hasNumber(0);
            wb.cell(TOP, regionCell(TOP, "${host.role}", 3)).hasText("Workstation");
            wb.cell(TOP, regionCell(TOP, "${host.collection}", 3)).hasText("Workstations - Ring 1 (PP100020)");
        }
    }

    @Test
    void topRisksListsTheUpdatesNotInEffectOnTheMostHosts() throws IOException {
        try (TestWorkbook wb = write(withInstallsWaiting(aQuarter()).build())) {
            List<String> articles = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                articles.add(wb.cell(TOP, updateCell(wb, "${update.article}", i)).text());
            }
            assertThat(articles).containsExactly("KB4100001", "KB4100002", "KB4100003");
            wb.cell(TOP, updateCell(wb, "${update.title}", 0)).hasText("Cumulative Update A");
            wb.cell(TOP, updateCell(wb, "${update.severity}", 0)).hasText("Critical");
            wb.cell(TOP, updateCell(wb, "${update.notInEffect}", 0)).hasNumber(4);
            wb.cell(TOP, updateCell(wb, "${update.servers}", 0)).hasNumber(3);
            wb.cell(TOP, updateCell(wb, "${update.workstations}", 0)).hasNumber(1);
            wb.cell(TOP, updateCell(wb, "${update.risk}", 0)).hasNumber(10 * (80 + 10 + 60 + 5));
            wb.cell(TOP, updateCell(wb, "${update.effectivePct}", 0)).hasNumber(0.6);
            wb.cell(TOP, updateCell(wb, "${update.released}", 0)).hasDateTime(LocalDate.parse("2026-07-14").atStartOfDay());
            wb.cell(TOP, updateCell(wb, "${update.since}", 0)).hasDateTime(AS_OF.atStartOfDay());
            wb.cell(TOP, updateCell(wb, "${update.title}", 2)).hasText("=HYPERLINK(\"x\")").isQuotePrefixed();
            assertThat(wb.cell(TOP, updateCell(wb, "${update.title}", 2)).type()).isEqualTo(CellType.STRING);
        }
    }

    @Test
    void hostsWithAsManyUpdatesWaitingAreOrderedByRiskThenName() throws IOException {
        ReportData data = aQuarter()
                .withHosts(aHostSummary().resourceId(7).name("B-LOW").risk(10, 1L).build(),
                        aHostSummary().resourceId(8).name("A-HIGH").risk(99, 1L).build(),
                        aHostSummary().resourceId(9).name("C-LOW").risk(10, 1L).build())
                .with(waiting(7, "B-LOW", true, 101, Severity.LOW, 1), waiting(8, "A-HIGH", true, 101, Severity.LOW, 1),
                        waiting(9, "C-LOW", true, 101, Severity.LOW, 1))
                .build();
        try (TestWorkbook wb = write(data)) {
            wb.cell(TOP, regionCell(TOP, "${host.name}", 0)).hasText("A-HIGH");
            wb.cell(TOP, regionCell(TOP, "${host.name}", 1)).hasText("B-LOW");
            wb.cell(TOP, regionCell(TOP, "${host.name}", 2)).hasText("C-LOW");
        }
    }

    @Test
    void supersededUpdatesCountInTopRisksOnlyWhereTheyCountInTheHeadline() throws IOException {
        Finding superseded = FindingBuilders.aNotInEffectFinding().resourceId(5).host("SRV-OLD").ciId(200).article("999")
                .superseded().build();
        Finding current = waiting(6, "SRV-NEW", true, 101, Severity.CRITICAL, 3);
        try (TestWorkbook wb = write(aQuarter().with(superseded, current).withSupersededExcluded(1).build())) {
            wb.cell(TOP, regionCell(TOP, "${host.name}", 0)).hasText("SRV-NEW");
            assertThat(wb.cell(TOP, regionCell(TOP, "${host.name}", 1)).type()).isNotEqualTo(CellType.STRING);
            wb.cell(TOP, updateCell(wb, "${update.article}", 0)).hasText("KB4100001");
        }
        try (TestWorkbook wb = write(aQuarter().with(superseded, current).withSupersededExcluded(0).build())) {
            assertThat(List.of(wb.cell(TOP, regionCell(TOP, "${host.name}", 0)).text(),
                    wb.cell(TOP, regionCell(TOP, "${host.name}", 1)).text())).containsExactlyInAnyOrder("SRV-NEW", "SRV-OLD");
        }
    }

    @Test
    void topRisksStopsAtTwentyHostsAndTwentyUpdates() throws IOException {
        Finding[] findings = new Finding[30];
        for (int i = 0; i < 30; i++) {
            findings[i] = waiting(1000 + i, String.format("HOST-%02d", i), true, 300 + i, Severity.IMPORTANT, 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = new CioWorkbookWriter().write(aQuarter().with(findings).build(), template, out);
        assertThat(stats.rows(TOP)).isEqualTo(40);
        assertThat(stats.rows(TREND)).isEqualTo(12);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            wb.cell(TOP, regionCell(TOP, "${host.name}", 19)).hasText("HOST-19");
            assertThat(wb.cell(TOP, regionCell(TOP, "${host.name}", 20)).type()).isNotEqualTo(CellType.STRING);
            assertThat(wb.cell(TOP, regionCell(TOP, "${host.rank}", 20)).text())
                    .startsWith("30 hosts have installed updates not in effect (30 host updates in all); the 20 listed hold 20");
        }
    }

    @Test
    void withNothingWaitingTheTopRiskTablesSayNone() throws IOException {
        try (TestWorkbook wb = write(aQuarter().build())) {
            wb.cell(TOP, at(TOP, "${host.rank}")).hasText("none");
            wb.cell(TOP, at(TOP, "${update.rank}")).hasText("none");
        }
    }

    @Test
    void everySheetPrintsLandscapeFittedToWidthWithPageNumbersAndTheSummaryOnOnePage() throws IOException {
        try (TestWorkbook wb = write(aQuarter().build())) {
            for (String name : wb.sheetNames()) {
                Sheet s = wb.sheet(name);
                assertThat(s.getPrintSetup().getLandscape()).as("%s landscape", name).isTrue();
                assertThat(s.getFitToPage()).as("%s fit to page", name).isTrue();
                assertThat(s.getPrintSetup().getFitWidth()).as("%s one page wide", name).isEqualTo((short) 1);
                assertThat(s.getFooter().getCenter()).as("%s footer", name).contains("&P").contains("&N");
            }
            assertThat(wb.sheet(SUMMARY).getPrintSetup().getFitHeight()).isEqualTo((short) 1);
        }
    }

    @Test
    void noPlaceholderIsLeftAndNoWordOfTheRulesLeaksIntoTheWorkbook() throws IOException {
        try (TestWorkbook wb = write(withInstallsWaiting(aQuarter()).build())) {
            for (String name : wb.sheetNames()) {
                for (Row row : wb.sheet(name)) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.STRING) {
                            String text = cell.getStringCellValue();
                            String where = name + "!" + new CellReference(cell).formatAsString(false);
                            assertThat(text).as(where).doesNotContain("${").doesNotContain("\u03a3")
                                    .doesNotContainIgnoringCase("pair").doesNotContain("rule ");
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTemplateThatIsNotACioTemplateIsRefusedBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new CioWorkbookWriter().write(aQuarter().build(), ReportTemplate.monthlyFromClasspath(), out))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("reports/templates/monthly.xlsx: sheet 'Executive summary' not found");
        assertThat(out.size()).isZero();
    }

    private static String textStartingWith(TestWorkbook wb, String sheet, String start) {
        for (Row row : wb.sheet(sheet)) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith(start)) {
                    return cell.getStringCellValue();
                }
            }
        }
        throw new AssertionError("no cell on " + sheet + " starts with '" + start + "'");
    }

    private static byte[] bytesOf(TestWorkbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.workbook().write(out);
        return out.toByteArray();
    }

    private static XSSFChart chartTitled(List<XSSFChart> charts, String title) {
        return charts.stream().filter(c -> title.equals(c.getTitleText() == null ? null : c.getTitleText().getString()))
                .findFirst().orElseThrow(() -> new AssertionError("no chart titled '" + title + "' among "
                        + charts.stream().map(c -> String.valueOf(c.getTitleText())).toList()));
    }

    /** Each series as "title: categories -> values", the formula references as written in the chart part. */
    private static List<String> series(XSSFChart chart) {
        List<String> all = new ArrayList<>();
        CTPlotArea plot = chart.getCTChart().getPlotArea();
        for (CTLineChart line : plot.getLineChartArray()) {
            for (CTLineSer s : line.getSerArray()) {
                all.add(s.getTx().getV() + ": " + s.getCat().getNumRef().getF() + " -> " + s.getVal().getNumRef().getF());
            }
        }
        for (CTBarChart bar : plot.getBarChartArray()) {
            for (CTBarSer s : bar.getSerArray()) {
                all.add(s.getTx().getV() + ": " + s.getCat().getStrRef().getF() + " -> " + s.getVal().getNumRef().getF());
            }
        }
        return all;
    }
}
