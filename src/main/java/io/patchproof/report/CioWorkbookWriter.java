package io.patchproof.report;

import io.patchproof.reconcile.ComplianceFigures;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Stand-in for the quarterly CIO workbook: the template's "Executive summary" sheet with the
 * headline figures, nothing else. It lets the cio profile be published end to end until the
 * real writer (charts, Trend, Top risks) replaces this class.
 */
public final class CioWorkbookWriter implements WorkbookWriter {

    static final String EXECUTIVE_SUMMARY = "Executive summary";

    @Override
    public WorkbookStats write(ReportData data, ReportTemplate template, OutputStream out) throws IOException {
        ComplianceFigures overall = data.metrics().overall();
        try (XSSFWorkbook workbook = template.open()) {
            Sheet sheet = workbook.getSheet(EXECUTIVE_SUMMARY);
            if (sheet == null) {
                sheet = workbook.createSheet(EXECUTIVE_SUMMARY);
            }
            Object[][] rows = {
                    {"Applicable", overall.applicable()},
                    {"Reported compliance %", overall.reportedPct()},
                    {"Effective compliance %", overall.effectivePct()},
                    {"Gap (points)", overall.gapPoints()}};
            for (int i = 0; i < rows.length; i++) {
                Row row = sheet.createRow(2 + i);
                row.createCell(0).setCellValue((String) rows[i][0]);
                row.createCell(1).setCellValue(((Number) rows[i][1]).doubleValue());
            }
            workbook.write(out);
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            return new WorkbookStats(names, Map.of(), 0, 0, 0);
        }
    }
}
