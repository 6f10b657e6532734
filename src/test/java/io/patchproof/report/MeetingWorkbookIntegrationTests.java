package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's monthly workbook read as the meeting reads it: every number on the Summary traced to
 * the rows of one sheet, the Reboot plan grouped by window, superseded updates flagged alike
 * everywhere, and pages that print.
 */
class MeetingWorkbookIntegrationTests {

    static final int HOSTS = 900;
    static final int PLAN_HEADER = 1;

    @TempDir
    static Path demoDir;

    @TempDir
    static Path work;

    static TestWorkbook wb;
    static FindingsCsv csv;

    @BeforeAll
    static void runTheDemo() {
        Cli cli = Cli.cleanDemoRun(work, demoDir, HOSTS);
        wb = TestWorkbook.open(cli.output().resolve(Cli.DEMO_STEM + ".xlsx"));
        csv = FindingsCsv.read(cli.output().resolve(Cli.DEMO_STEM + ".findings.csv"));
    }

    @AfterAll
    static void close() {
        wb.close();
    }

    private static double summary(String label, String column) {
        int row = Integer.parseInt(wb.addressOf("Summary", label).substring(1));
        return wb.cell("Summary", column + row).number();
    }

    private static List<List<Object>> planRows() {
        List<List<Object>> rows = wb.rows("Reboot plan");
        return rows.subList(PLAN_HEADER + 1, rows.size());
    }

    private static int planColumn(String header) {
        return wb.column("Reboot plan", PLAN_HEADER, header);
    }

    @Test
    void theSummarysRestartCountsAreTheRebootPlansRows() {
        List<List<Object>> plan = planRows();
        int role = planColumn("Role");
        long servers = plan.stream().filter(r -> "Server".equals(r.get(role))).count();
        long workstations = plan.stream().filter(r -> "Workstation".equals(r.get(role))).count();
        assertThat(plan).as("the demo has hosts to restart").isNotEmpty();
        assertThat(summary("Hosts to restart", "B")).isEqualTo(servers);
        assertThat(summary("Hosts to restart", "C")).isEqualTo(workstations);
        assertThat(summary("Hosts to restart", "D")).isEqualTo(plan.size());
        int waiting = planColumn("Updates waiting for restart");
        double sum = plan.stream().mapToDouble(r -> ((Number) r.get(waiting)).doubleValue()).sum();
        assertThat(summary("Installed updates waiting for that restart", "D")).isEqualTo(sum);
    }

    @Test
    void theWindowTableAddsUpToThePlanWindowByWindow() {
        int windowColumn = planColumn("Maintenance window");
        Map<String, Integer> hostsByWindow = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (List<Object> r : planRows()) {
            String w = (String) r.get(windowColumn);
            if (hostsByWindow.merge(w, 1, Integer::sum) == 1) {
                order.add(w);
            }
        }
        List<List<Object>> summary = wb.rows("Summary");
        int header = summary.indexOf(summary.stream().filter(r -> !r.isEmpty() && "Maintenance window".equals(r.get(0)))
                .findFirst().orElseThrow());
        List<String> tableOrder = new ArrayList<>();
        double hosts = 0;
        int r = header + 1;
        for (; !"All hosts to restart".equals(summary.get(r).get(0)); r++) {
            String window = (String) summary.get(r).get(0);
            tableOrder.add(window);
            double n = ((Number) summary.get(r).get(4)).doubleValue();
            assertThat(n).as("hosts of window %s", window).isEqualTo((double) hostsByWindow.getOrDefault(window, 0));
            hosts += n;
        }
        assertThat(tableOrder).as("the plan is grouped in the table's order").isEqualTo(order);
        assertThat(((Number) summary.get(r).get(4)).doubleValue()).as("total row").isEqualTo(hosts);
        assertThat(hosts).isEqualTo(planRows().size());
        assertThat(tableOrder).as("disabled windows are left out").noneMatch(w -> w.contains("retired"));
        assertThat(tableOrder).contains(RebootPlan.NO_WINDOW);
        assertThat(wb.rows("Summary").stream().flatMap(List::stream).filter(v -> v instanceof String)
                .map(String.class::cast).filter(t -> t.contains("disabled window left out")).findFirst())
                .as("the disabled window is named as left out").hasValueSatisfying(t -> assertThat(t).contains("retired"));
    }

    @Test
    void withinAWindowTheRiskiestHostComesFirst() {
        int windowColumn = planColumn("Maintenance window");
        int risk = planColumn("Risk");
        int rank = planColumn("#");
        String previousWindow = null;
        double previousRisk = Double.MAX_VALUE;
        for (List<Object> r : planRows()) {
            double v = ((Number) r.get(risk)).doubleValue();
            if (!r.get(windowColumn).equals(previousWindow)) {
                assertThat(((Number) r.get(rank)).intValue()).isEqualTo(1);
                previousWindow = (String) r.get(windowColumn);
            } else {
                assertThat(v).isLessThanOrEqualTo(previousRisk);
            }
            previousRisk = v;
        }
    }

    @Test
    void supersededUpdatesAreFlaggedAlikeOnEverySheetAndInTheCsv() {
        Map<String, String> csvFlags = new HashMap<>();
        for (Map<String, String> row : csv.rows()) {
            if (row.get("verdict").equals("NOT_IN_EFFECT") || row.get("verdict").equals("MISSING")) {
                csvFlags.put(row.get("verdict") + "|" + row.get("resource_id") + "|" + row.get("ci_id"), row.get("superseded"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (String[] sheet : new String[][] {{"Not in effect", "NOT_IN_EFFECT"}, {"Missing", "MISSING"}}) {
            List<List<Object>> rows = wb.rows(sheet[0]);
            int id = wb.column(sheet[0], 0, "ResourceID");
            int superseded = wb.column(sheet[0], 0, "Superseded");
            boolean supersededSeen = false;
            for (List<Object> r : rows.subList(1, rows.size())) {
                String key = sheet[1] + "|" + ((Number) r.get(id)).longValue() + "|";
                String flag = (String) r.get(superseded);
                assertThat(flag).isIn("yes", "no");
                if (flag.equals("yes")) {
                    supersededSeen = true;
                } else {
                    assertThat(supersededSeen).as("%s lists current updates before superseded ones", sheet[0]).isFalse();
                }
                seen.add(key + flag);
            }
        }
        Set<String> fromCsv = new HashSet<>();
        csvFlags.forEach((k, v) -> fromCsv.add(k.substring(0, k.lastIndexOf('|') + 1) + (v.equals("true") ? "yes" : "no")));
        assertThat(seen).isEqualTo(fromCsv);
        assertThat(csvFlags.values()).contains("true", "false");
    }

    @Test
    void theVerdictTableSplitsCurrentFromSupersededAndTracesToTheNotInEffectSheet() {
        double current = summary("Not in effect", "C");
        double superseded = summary("Not in effect", "D");
        double all = summary("Not in effect", "E");
        assertThat(current + superseded).isEqualTo(all);
        List<List<Object>> rows = wb.rows("Not in effect");
        int flag = wb.column("Not in effect", 0, "Superseded");
        assertThat(rows.size() - 1).isEqualTo((int) all);
        assertThat(rows.subList(1, rows.size()).stream().filter(r -> "no".equals(r.get(flag))).count()).isEqualTo((long) current);
        assertThat(summary("Installed updates waiting for that restart", "D")).as("the action counts the figures' pairs")
                .isEqualTo(current);
    }

    @Test
    void everySheetPrintsLandscapeWithItsHeaderOnEveryPage() {
        XSSFWorkbook book = wb.workbook();
        for (Sheet s : book) {
            XSSFSheet sheet = (XSSFSheet) s;
            assertThat(sheet.getPrintSetup().getLandscape()).as("%s landscape", s.getSheetName()).isTrue();
            assertThat(sheet.getFitToPage()).as("%s fit to page", s.getSheetName()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).as("%s one page wide", s.getSheetName()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).as("%s as many pages down as it needs", s.getSheetName()).isZero();
            assertThat(sheet.getFooter().getCenter()).contains("&P");
            if (!s.getSheetName().equals("Summary")) {
                assertThat(sheet.getRepeatingRows()).as("%s print titles", s.getSheetName()).isNotNull();
                assertThat(book.getPrintArea(book.getSheetIndex(sheet))).as("%s print area", s.getSheetName()).isNotNull();
            }
        }
        assertThat(book.getSheet("Summary").getRowBreaks()).as("the Summary's action and headline on page one").hasSize(1);
        int headline = Integer.parseInt(wb.addressOf("Summary", "Percent of applicable host updates").substring(1));
        int counting = Integer.parseInt(wb.addressOf("Summary", "How everything here is counted").substring(1));
        assertThat(book.getSheet("Summary").getRowBreaks()[0] + 1).as("page one ends after the headline, moved with the rows")
                .isBetween(headline, counting - 1);
    }

    @Test
    void rowsWithWrappedTextAreTallEnoughForIt() {
        for (String name : List.of("Summary", "Reboot plan", "Not in effect", "Updates")) {
            Sheet sheet = wb.sheet(name);
            int checked = 0;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.STRING || !cell.getCellStyle().getWrapText()) {
                        continue;
                    }
                    int lines = RowHeights.lines(cell.getStringCellValue(), RowHeights.widthChars(sheet, cell));
                    if (lines > 1) {
                        checked++;
                        assertThat(row.getHeightInPoints()).as("%s row %d (%d lines)", name, row.getRowNum() + 1, lines)
                                .isGreaterThanOrEqualTo(Math.min(RowHeights.MAX_LINES, lines) * 11f);
                    }
                }
            }
            assertThat(checked).as("%s has wrapped text to check", name).isPositive();
        }
    }

    @Test
    void theSummaryAndTheRebootPlanSpeakPlainly() {
        for (String name : List.of("Summary", "Reboot plan")) {
            for (List<Object> row : wb.rows(name)) {
                for (Object v : row) {
                    if (v instanceof String text) {
                        assertThat(text).as("%s", name).doesNotContain("\u03a3").doesNotContain("host \u00d7 update")
                                .doesNotContain("job instance").doesNotContain("enforcement state 11").doesNotContainPattern("rule \\d");
                    }
                }
            }
        }
    }
}
