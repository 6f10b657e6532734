package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aFinding;
import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportJson.array;
import static io.patchproof.testsupport.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.exceptions.ExceptionLine;
import io.patchproof.exceptions.ExceptionState;
import io.patchproof.exceptions.ExceptionUse;
import io.patchproof.exceptions.ExceptionsRead;
import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.ReportRunBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTSheetProtection;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorkbookProtection;

class AuditWorkbookWriterTests {

    private static final String SUMMARY = AuditLayout.SUMMARY;
    private static final String FINDINGS = AuditLayout.ALL_FINDINGS;
    private static final String EXCEPTIONS = AuditLayout.EXCEPTIONS;
    private static final String EVIDENCE = AuditLayout.EVIDENCE;
    private static final LocalDate AS_OF = LocalDate.parse("2008-11-30");

    private static ReportTemplate template;

    @BeforeAll
    static void loadTemplate() {
        template = ReportTemplate.auditFromClasspath();
    }

    private record Written(TestWorkbook book, WorkbookStats stats) {
    }

    private static Written write(ReportData data, AuditWorkbookWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = writer.write(data, template, out);
        return new Written(TestWorkbook.open(out.toByteArray()), stats);
    }

    private static TestWorkbook write(ReportData data) throws IOException {
        return write(data, new AuditWorkbookWriter()).book();
    }

    private static ReportData withExceptions(ReportData data, ExceptionsRead read) {
        return new ForwardingReportData(data) {
            @Override
            public ExceptionsRead exceptions() {
                return read;
            }
        };
    }

    private static RunDescription auditRun(RunDescription r) {
        return new RunDescription(r.toolVersion(), r.ruleVersion(), "audit", r.asOf(), r.schemaProfile(), r.schemaReason(),
                r.scope(), r.rerun(), r.parameters(), r.sourceUrl(), r.sourceServer(), r.sourceDatabase(), r.siteCode(),
                r.sourceLogin(), r.sourceReadAt(), r.newestInventory(), r.newestStateMessage(), r.jobInstanceId(),
                r.jobExecutionId(), r.sqlFiles(), r.snapshotCounts(), r.site(), r.siteIdentifiedBy(), r.demo());
    }

    /** A finding with its own host and update, so that each row names its pair. */
    private static Finding pair(int i, Verdict verdict) {
        var b = switch (verdict) {
            case MISSING -> aMissingFinding();
            case IN_EFFECT -> anInEffectFinding();
            case NOT_IN_EFFECT -> aNotInEffectFinding();
            default -> aFinding().verdict(verdict);
        };
        return b.resourceId(16777000 + i).host("HOST" + i).ciId(5000 + i).article(Integer.toString(958000 + i))
                .evidence("evidence of pair " + i).build();
    }

    /** The row (0-based) holding a header cell's text on a sheet, or -1. */
    private static int headerRow(Sheet sheet, String header) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(header)) {
                return row.getRowNum();
            }
        }
        return -1;
    }

    /** The value beside a label above the register's lines (the label spans two columns). */
    private static TestWorkbook.TestCell registerValue(TestWorkbook wb, String label) {
        var at = new org.apache.poi.ss.util.CellReference(wb.addressOf(EXCEPTIONS, label));
        return wb.cell(EXCEPTIONS, at.getRow(), 2);
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : header) {
            if (cell.getCellType() == CellType.STRING) {
                columns.put(cell.getStringCellValue(), cell.getColumnIndex());
            }
        }
        return columns;
    }

    @Test
    void everyPairInScopeIsOnAllFindingsOnceCellByCellAcrossContinuationSheets() throws IOException {
        List<Finding> findings = new ArrayList<>();
        Verdict[] verdicts = {Verdict.IN_EFFECT, Verdict.NOT_IN_EFFECT, Verdict.MISSING, Verdict.UNVERIFIED, Verdict.FAILED};
        for (int i = 0; i < 10; i++) {
            findings.add(pair(i, verdicts[i % verdicts.length]));
        }
        Finding exempt = aFinding().verdict(Verdict.EXEMPT).resourceId(16777999).host("EXEMPTHOST").ciId(5999)
                .exempt("line 2: vendor support").superseded().build();
        findings.add(exempt);
        ReportData data = aReport().with(findings.toArray(Finding[]::new)).build();

        // Five rows a sheet: the first holds its note, header and 3 findings, each continuation its header and 4.
        Written written = write(data, new AuditWorkbookWriter(5));
        TestWorkbook wb = written.book();
        assertThat(wb.sheetNames()).containsExactly(SUMMARY, FINDINGS, FINDINGS + " (2)", FINDINGS + " (3)",
                EXCEPTIONS, EVIDENCE, AuditLayout.DATA_QUALITY);
        assertThat(written.stats().rows(FINDINGS)).isEqualTo(findings.size());

        Map<Integer, Integer> seen = new HashMap<>();
        List<Finding> listed = new ArrayList<>();
        data.forEachFindingInScope(listed::add);
        int n = 0;
        for (String name : List.of(FINDINGS, FINDINGS + " (2)", FINDINGS + " (3)")) {
            Sheet sheet = wb.sheet(name);
            int header = headerRow(sheet, "Host");
            assertThat(header).as("header row on %s", name).isEqualTo(name.equals(FINDINGS) ? 1 : 0);
            Map<String, Integer> col = columns(sheet.getRow(header));
            for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
                Finding f = listed.get(n++);
                seen.merge(f.ciId(), 1, Integer::sum);
                wb.cell(name, r, col.get("Host")).hasText(f.host());
                wb.cell(name, r, col.get("ResourceID")).hasNumber(f.resourceId());
                wb.cell(name, r, col.get("CI_ID")).hasNumber(f.ciId());
                wb.cell(name, r, col.get("KB article")).hasText("KB" + f.articleId());
                wb.cell(name, r, col.get("Verdict")).hasText(f.verdict().name());
                wb.cell(name, r, col.get("Confidence")).hasText(f.confidence().label());
                wb.cell(name, r, col.get("Superseded")).hasText(f.superseded() ? "yes" : "no");
                wb.cell(name, r, col.get("Evidence")).hasText(f.evidence());
                if (f.exemptReason() != null) {
                    wb.cell(name, r, col.get("Exempt reason")).hasText(f.exemptReason());
                }
                if (f.lastBootUtc() != null) {
                    wb.cell(name, r, col.get("Last boot (UTC)")).hasDateTime(LocalDateTime.ofInstant(f.lastBootUtc(),
                            java.time.ZoneOffset.UTC));
                }
            }
        }
        assertThat(n).isEqualTo(findings.size());
        assertThat(seen).hasSize(findings.size()).allSatisfy((ciId, times) -> assertThat(times).isEqualTo(1));
        assertThat(seen).containsKey(exempt.ciId());
    }

    @Test
    void theSummaryCountsReconcileAndEqualTheMetricsWithAndWithoutExceptions() throws IOException {
        ReportData data = aReport().with(pair(1, Verdict.IN_EFFECT), pair(2, Verdict.NOT_IN_EFFECT),
                pair(3, Verdict.MISSING), aFinding().verdict(Verdict.EXEMPT).ciId(77).exempt("approved").build())
                .withOutOfScope("expired", 9).build();
        Metrics m = data.metrics();
        ComplianceFigures overall = m.overall();
        try (TestWorkbook wb = write(data)) {
            wb.cellNextTo(SUMMARY, "Compliance rows read from the site database").hasNumber(m.rowsRead());
            wb.cellNextTo(SUMMARY, "Out of scope: not counted (reasons on Data quality)").hasNumber(CountChecks.outOfScope(m));
            wb.cellNextTo(SUMMARY, "In effect (IN_EFFECT)").hasNumber(1);
            wb.cellNextTo(SUMMARY, "Not in effect: waiting for a restart (NOT_IN_EFFECT)").hasNumber(1);
            wb.cellNextTo(SUMMARY, "Missing: still required (MISSING)").hasNumber(1);
            wb.cellNextTo(SUMMARY, "Exempt: covered by an active exception (EXEMPT)").hasNumber(1);
            wb.cellNextTo(SUMMARY, "In scope: \u03a3 verdicts").hasNumber(4);
            assertThat(m.rowsRead()).isEqualTo(CountChecks.outOfScope(m) + 4);
            wb.cellNextTo(SUMMARY, "Rows read = out of scope + \u03a3 verdicts").hasText(String.format(java.util.Locale.ROOT,
                    "%,d rows read = %,d out of scope + 4 in scope (\u03a3 verdicts): they add up", m.rowsRead(),
                    CountChecks.outOfScope(m)));
            wb.cellNextTo(SUMMARY, "Rows on All findings (every sheet of it)").hasNumber(4);

            String effective = "Effective compliance";
            wb.cellNextTo(SUMMARY, effective).hasNumber(overall.effectivePct() / 100);
            var row = new org.apache.poi.ss.util.CellReference(wb.addressOf(SUMMARY, effective)).getRow();
            wb.cell(SUMMARY, row, 2).hasNumber(overall.effectiveWithExceptionsPct() / 100);
            wb.cell(SUMMARY, row, 3).hasNumber(overall.inEffect());
            wb.cell(SUMMARY, row, 4).hasNumber(overall.inEffect() + overall.exempt());
            wb.cell(SUMMARY, row, 5).hasNumber(overall.applicable());
            String reported = "Reported compliance";
            wb.cellNextTo(SUMMARY, reported).hasNumber(overall.reportedPct() / 100);
            row = new org.apache.poi.ss.util.CellReference(wb.addressOf(SUMMARY, reported)).getRow();
            wb.cell(SUMMARY, row, 2).hasNumber(overall.reportedWithExceptionsPct() / 100);
            wb.cellNextTo(SUMMARY, "Reported installed")
                    .hasNumber(overall.siteInstalledPct() / 100);
        }
    }

    @Test
    void theExceptionsSheetListsEveryLineAsReadWithItsStateAndMarksUnusedExpiredAndNotYetApproved() throws IOException {
        ExceptionLine active = new ExceptionLine(2, "SRV-SQL*", "958644", "=vendor certification pending", "isolated VLAN",
                "CISO J. Doe", LocalDate.parse("2008-10-01"), LocalDate.parse("2008-12-31"));
        ExceptionLine unused = new ExceptionLine(3, "collection:PS100012", "*", "lab hosts", "no internet access",
                "CISO J. Doe", LocalDate.parse("2008-09-01"), LocalDate.parse("2009-03-31"));
        ExceptionLine expired = new ExceptionLine(4, "WKS-0001", "MS08-067", "kiosk", "none", "IT manager",
                LocalDate.parse("2008-01-01"), LocalDate.parse("2008-06-30"));
        ExceptionLine future = new ExceptionLine(5, "WKS-0002", "958644", "pilot", "monitoring", "IT manager",
                LocalDate.parse("2008-12-15"), LocalDate.parse("2009-01-31"));
        ExceptionsRead read = new ExceptionsRead("exceptions.csv", "e".repeat(64), List.of(
                new ExceptionUse(active, ExceptionState.ACTIVE, 12, 3), new ExceptionUse(unused, ExceptionState.ACTIVE, 0, 0),
                new ExceptionUse(expired, ExceptionState.EXPIRED, 1, 1),
                new ExceptionUse(future, ExceptionState.NOT_YET_APPROVED, 2, 1)));
        try (TestWorkbook wb = write(withExceptions(aReport().build(), read))) {
            registerValue(wb, "Register file").hasText("exceptions.csv");
            registerValue(wb, "Register SHA-256").hasText("e".repeat(64));
            Sheet sheet = wb.sheet(EXCEPTIONS);
            int header = headerRow(sheet, "Line");
            Map<String, Integer> col = columns(sheet.getRow(header));
            assertThat(col).containsKey("State on " + AS_OF);
            assertThat(sheet.getLastRowNum()).isEqualTo(header + 4);
            String state = "State on " + AS_OF;
            int r = header + 1;
            wb.cell(EXCEPTIONS, r, col.get("Line")).hasNumber(2);
            wb.cell(EXCEPTIONS, r, col.get("Host, pattern or collection")).hasText("SRV-SQL*");
            wb.cell(EXCEPTIONS, r, col.get("Update")).hasText("958644");
            wb.cell(EXCEPTIONS, r, col.get(state)).hasText("active");
            wb.cell(EXCEPTIONS, r, col.get("To act on")).isBlank();
            wb.cell(EXCEPTIONS, r, col.get("Host updates covered")).hasNumber(12);
            wb.cell(EXCEPTIONS, r, col.get("Hosts covered")).hasNumber(3);
            wb.cell(EXCEPTIONS, r, col.get("Reason")).hasText("=vendor certification pending");
            assertThat(wb.cell(EXCEPTIONS, r, col.get("Reason")).style().getQuotePrefixed()).isTrue();
            wb.cell(EXCEPTIONS, r, col.get("Compensating control")).hasText("isolated VLAN");
            wb.cell(EXCEPTIONS, r, col.get("Approver")).hasText("CISO J. Doe");
            wb.cell(EXCEPTIONS, r, col.get("Approved on")).hasDateTime(LocalDate.parse("2008-10-01").atStartOfDay());
            wb.cell(EXCEPTIONS, r, col.get("Expires on")).hasDateTime(LocalDate.parse("2008-12-31").atStartOfDay());
            wb.cell(EXCEPTIONS, ++r, col.get("Line")).hasNumber(3);
            wb.cell(EXCEPTIONS, r, col.get(state)).hasText("active");
            wb.cell(EXCEPTIONS, r, col.get("To act on")).hasText("unused: matches no host update in scope");
            wb.cell(EXCEPTIONS, ++r, col.get("Line")).hasNumber(4);
            wb.cell(EXCEPTIONS, r, col.get(state)).hasText("expired");
            wb.cell(EXCEPTIONS, r, col.get("To act on")).hasText("expired: exempts nothing; renew it or remove it");
            wb.cell(EXCEPTIONS, ++r, col.get("Line")).hasNumber(5);
            wb.cell(EXCEPTIONS, r, col.get(state)).hasText("not yet approved");
            wb.cell(EXCEPTIONS, r, col.get("To act on")).hasText("not yet approved: exempts nothing yet");
            assertThat(wb.addressOf(EVIDENCE, "e".repeat(64))).isNotNull();
            assertThat(wb.cell(EXCEPTIONS, "A4").text()).startsWith("4 lines read: 2 active on 2008-11-30 (1 of them unused),"
                    + " 1 expired, 1 not yet approved. Active lines match 12 host updates");
        }
    }

    @Test
    void withoutARegisterTheSheetsSayNoExceptionsRegisterWasRead() throws IOException {
        try (TestWorkbook wb = write(aReport().build())) {
            registerValue(wb, "Register file").hasText("none read");
            assertThat(wb.cell(EXCEPTIONS, "A4").text()).startsWith(AuditValues.NO_REGISTER);
            assertThat(wb.sheet(EXCEPTIONS).getLastRowNum()).isEqualTo(headerRow(wb.sheet(EXCEPTIONS), "Line"));
            assertThat(wb.addressOf(SUMMARY, AuditValues.NO_REGISTER)).isNotNull();
            wb.cellNextTo(EVIDENCE, "Exceptions register SHA-256").hasText("none: no register was read");
        }
    }

    @Test
    void theEvidenceSheetCarriesTheSqlAndTemplateHashesTheManifestRecords() throws IOException {
        RunDescription run = auditRun(ReportRunBuilder.aRun()
                .source("jdbc:sqlserver://cm01:1433;databaseName=CM_PS1;password=s3cret", "CM01", "CM_PS1", "PS1", "reader")
                .parameter("patchproof.source.password", "s3cret").parameter("rules.dst-margin", "PT1H")
                .sqlFiles(List.of(new RunDescription.SqlFileInfo("sql/configmgr/select_hosts.sql", "1".repeat(64), 8450),
                        new RunDescription.SqlFileInfo("sql/configmgr/select_compliance.sql", "2".repeat(64), 1200,
                                List.of("v_UpdateComplianceStatus.LastEnforcementMessageTime"))))
                .build());
        ReportData data = aReport().withRun(run).with(pair(1, Verdict.IN_EFFECT)).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WorkbookStats stats = ReportProfile.of("audit").writer().write(data, template, out);
        String manifest = new ManifestWriter().render(new ManifestWriter.Content(run, data.metrics(), template, stats, 1,
                List.of(new PublishedFile("workbook", Path.of("audit-PS1-2008-11-30.xlsx"), out.size(), "c".repeat(64)))));
        Map<String, Object> m = object(ReportJson.parse(manifest));
        try (TestWorkbook wb = TestWorkbook.open(out.toByteArray())) {
            wb.cellNextTo(EVIDENCE, "Template SHA-256").hasText((String) object(m.get("template")).get("sha256"));
            for (Object file : array(m.get("sqlFiles"))) {
                Map<String, Object> f = object(file);
                wb.cellNextTo(EVIDENCE, (String) f.get("path")).hasText((String) f.get("sha256"));
            }
            String compliance = wb.addressOf(EVIDENCE, "sql/configmgr/select_compliance.sql");
            var ref = new org.apache.poi.ss.util.CellReference(compliance);
            wb.cell(EVIDENCE, ref.getRow(), 2).hasNumber(1200);
            wb.cell(EVIDENCE, ref.getRow(), 3).hasText("v_UpdateComplianceStatus.LastEnforcementMessageTime");
            wb.cellNextTo(EVIDENCE, "Source server").hasText("CM01");
            wb.cellNextTo(EVIDENCE, "Database").hasText("CM_PS1");
            wb.cellNextTo(EVIDENCE, "Site code").hasText("PS1");
            wb.cellNextTo(EVIDENCE, "Login (the password is never recorded)").hasText("reader");
            wb.cellNextTo(EVIDENCE, "rules.dst-margin").hasText("PT1H");
            wb.cellNextTo(EVIDENCE, "patchproof.source.password").hasText(ManifestWriter.REDACTED);
            wb.cellNextTo(EVIDENCE, "Rules version").hasText(run.ruleVersion());
            wb.cellNextTo(EVIDENCE, "workbook 'All findings' rows = \u03a3 verdicts in scope").hasNumber(1);
            assertThat(wb.addressOf(EVIDENCE, AuditValues.PROTECTION)).isNotNull();
            for (Sheet sheet : wb.workbook()) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.STRING) {
                            assertThat(cell.getStringCellValue()).as("%s!%s", sheet.getSheetName(), cell.getAddress())
                                    .doesNotContain("s3cret").doesNotContain("${");
                        }
                    }
                }
            }
        }
        assertThat(object(m.get("counts")).get("reconciles")).isEqualTo(true);
        assertThat(object(object(m.get("counts")).get("workbookRows")).get(FINDINGS)).isEqualTo(1L);
    }

    @Test
    void everySheetAndTheStructureAreProtectedWithoutAPasswordContinuationSheetsIncluded() throws IOException {
        ReportData data = aReport().withGenerated(Verdict.IN_EFFECT, 9, i -> pair(i, Verdict.IN_EFFECT)).build();
        try (TestWorkbook wb = write(data, new AuditWorkbookWriter(4)).book()) {
            assertThat(wb.sheetNames()).contains(FINDINGS + " (3)");
            for (Sheet sheet : wb.workbook()) {
                XSSFSheet s = (XSSFSheet) sheet;
                assertThat(s.getProtect()).as("%s protected", sheet.getSheetName()).isTrue();
                CTSheetProtection p = s.getCTWorksheet().getSheetProtection();
                assertThat(p.isSetPassword() || p.isSetHashValue()).as("%s has a password", sheet.getSheetName()).isFalse();
                assertThat(p.getAutoFilter()).as("%s: filter locked", sheet.getSheetName()).isFalse();
                assertThat(p.getSelectLockedCells()).as("%s: selecting locked", sheet.getSheetName()).isFalse();
            }
            assertThat(wb.workbook().isStructureLocked()).isTrue();
            CTWorkbookProtection wp = wb.workbook().getCTWorkbook().getWorkbookProtection();
            assertThat(wp.isSetWorkbookPassword() || wp.isSetWorkbookHashValue()).isFalse();
            Cell host = wb.sheet(FINDINGS).getRow(2).getCell(0);
            assertThat(host.getCellStyle().getLocked()).isTrue();
        }
    }

    @Test
    void formulaLikeTextStaysText() throws IOException {
        Finding hostile = aFinding().verdict(Verdict.UNVERIFIED).host("=HYPERLINK(\"http://x\",\"y\")")
                .title("+cmd|' /C calc'!A0").evidence("@SUM(1)").build();
        try (TestWorkbook wb = write(aReport().with(hostile).build())) {
            Sheet sheet = wb.sheet(FINDINGS);
            Map<String, Integer> col = columns(sheet.getRow(1));
            for (String header : List.of("Host", "Title", "Evidence")) {
                Cell cell = sheet.getRow(2).getCell(col.get(header));
                assertThat(cell.getCellType()).as(header).isEqualTo(CellType.STRING);
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(header).isTrue();
            }
            assertThat(sheet.getRow(2).getCell(col.get("Host")).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
        }
    }

    @Test
    void theDataQualitySheetIsTheMonthlyOnesLines() throws IOException {
        ReportData data = aReport().withDataQuality(new DataQualityEntry("No boot time", 16777001, "WKS-1", "no LastBootUpTime0"))
                .build();
        try (TestWorkbook wb = write(data)) {
            Sheet sheet = wb.sheet(AuditLayout.DATA_QUALITY);
            int header = headerRow(sheet, "Category");
            wb.cell(AuditLayout.DATA_QUALITY, header + 1, 0).hasText("No boot time");
            wb.cell(AuditLayout.DATA_QUALITY, header + 1, 1).hasNumber(16777001);
            wb.cell(AuditLayout.DATA_QUALITY, header + 1, 3).hasText("no LastBootUpTime0");
            assertThat(wb.addressOf(AuditLayout.DATA_QUALITY, "Rows out of scope by reason")).isNotNull();
        }
    }
}
