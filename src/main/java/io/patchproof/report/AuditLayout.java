package io.patchproof.report;

import io.patchproof.exceptions.ExceptionState;
import io.patchproof.exceptions.ExceptionUse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What the audit template must hold and what its placeholders and markers may name. The template
 * decides where things go and how they look; this class only knows the names. The rules are the
 * monthly template's ({@link MonthlyLayout}): a placeholder {@code ${name}} is a run value
 * ({@link AuditValues#names()}); a region row of {@code ${prefix.field}} placeholders
 * ({@link #REGION_FIELDS}) is repeated once per entry; the last row of each data sheet is its style
 * row of {@code ${field}} markers, below the header row that continuation sheets repeat.
 *
 * <p>All findings uses the monthly finding sheets' fields and Data quality the monthly Data quality
 * sheet's fields and count region, so the two profiles show a finding and a data-quality line alike.
 */
final class AuditLayout {

    static final String SUMMARY = "Summary";
    static final String ALL_FINDINGS = "All findings";
    static final String EXCEPTIONS = "Exceptions";
    static final String EVIDENCE = "Evidence";
    static final String DATA_QUALITY = MonthlyLayout.DATA_QUALITY;

    static final List<String> SHEETS = List.of(SUMMARY, ALL_FINDINGS, EXCEPTIONS, EVIDENCE, DATA_QUALITY);

    static final String SQL_FILE_REGION = "sqlFile";
    static final String SETTING_REGION = "setting";
    static final String CHECK_REGION = "check";
    static final String COUNT_REGION = "count";

    /** Region prefixes and their fields. */
    static final Map<String, List<String>> REGION_FIELDS = regionFields();

    static final Map<String, Function<ExceptionUse, Object>> EXCEPTION_FIELDS = exceptionFields();

    /** The markers each data sheet's style row may use. */
    static final Map<String, Map<String, ? extends Function<?, Object>>> DATA_SHEET_FIELDS = Map.of(
            ALL_FINDINGS, MonthlyLayout.FINDING_FIELDS,
            EXCEPTIONS, EXCEPTION_FIELDS,
            DATA_QUALITY, MonthlyLayout.DATA_QUALITY_FIELDS);

    /** Placeholders an audit workbook cannot do without, and the sheet each must be on. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            SUMMARY, List.of("asOf", "site", "readAt", "siteInstalledPct", "reportedPct", "effectivePct",
                    "reportedWithExceptionsPct", "effectiveWithExceptionsPct", "rowsRead", "outOfScope", "inScope",
                    "reconcileEquation"),
            EXCEPTIONS, List.of("exceptionsFile", "exceptionsSha256", "exceptionsNote"),
            EVIDENCE, List.of("sourceServer", "sourceDatabase", "siteCode", "sourceLogin", "schema", "readAt",
                    "newestInventory", "newestStateMessage", "templateSha256", "exceptionsSha256", "toolVersion",
                    "ruleVersion", "protection"));

    /** Regions each sheet must hold. */
    static final Map<String, List<String>> REQUIRED_REGIONS = Map.of(
            EVIDENCE, List.of(SQL_FILE_REGION, SETTING_REGION, CHECK_REGION),
            DATA_QUALITY, List.of(COUNT_REGION));

    private AuditLayout() {
    }

    private static Map<String, List<String>> regionFields() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(SQL_FILE_REGION, List.of("path", "sha256", "rowsRead", "absentColumns"));
        m.put(SETTING_REGION, List.of("name", "value"));
        m.put(CHECK_REGION, List.of("name", "expected", "actual", "holds"));
        m.put(COUNT_REGION, MonthlyLayout.REGION_FIELDS.get(COUNT_REGION));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Function<ExceptionUse, Object>> exceptionFields() {
        Map<String, Function<ExceptionUse, Object>> m = new LinkedHashMap<>();
        m.put("line", u -> u.line().lineNumber());
        m.put("host", u -> u.line().host());
        m.put("update", u -> u.line().update());
        m.put("reason", u -> u.line().reason());
        m.put("compensatingControl", u -> u.line().compensatingControl());
        m.put("approver", u -> u.line().approver());
        m.put("approvedOn", u -> u.line().approvedOn());
        m.put("expiresOn", u -> u.line().expiresOn());
        m.put("state", u -> stateName(u.state()));
        m.put("pairs", ExceptionUse::pairs);
        m.put("hosts", ExceptionUse::hosts);
        m.put("mark", AuditLayout::mark);
        return Collections.unmodifiableMap(m);
    }

    /** The state as the sheet reads it. */
    static String stateName(ExceptionState state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case ACTIVE -> "active";
            case EXPIRED -> "expired";
            case NOT_YET_APPROVED -> "not yet approved";
        };
    }

    /**
     * What a reader must act on: an unused, expired or not yet approved line, with what to do; blank
     * for one in use.
     */
    static String mark(ExceptionUse use) {
        if (use.unused()) {
            return "unused: matches no host update in scope";
        }
        if (use.state() == ExceptionState.EXPIRED) {
            return use.pairs() == 0 ? "expired, and matches nothing in scope: remove it"
                    : "expired: exempts nothing; renew it or remove it";
        }
        if (use.state() == ExceptionState.NOT_YET_APPROVED) {
            return "not yet approved: exempts nothing yet";
        }
        return null;
    }

    static boolean isDataSheet(String sheetName) {
        return DATA_SHEET_FIELDS.containsKey(sheetName);
    }

    /** The region prefix of a placeholder name, else null. */
    static String regionPrefix(String name) {
        return TemplateStructure.regionPrefix(name, REGION_FIELDS);
    }

    /** The region prefix of a row (the first region placeholder found), else null. */
    static String regionOf(Row row) {
        return TemplateStructure.regionOf(row, REGION_FIELDS);
    }

    /** Every problem found; empty when the template can be used. */
    static List<String> problems(XSSFWorkbook workbook) {
        List<String> problems = new ArrayList<>();
        TemplateStructure.Found found = TemplateStructure.checkPlaceholders(workbook, SHEETS, DATA_SHEET_FIELDS,
                REGION_FIELDS, AuditValues.names(), problems);
        REQUIRED.forEach((sheet, names) -> {
            if (workbook.getSheet(sheet) != null) {
                for (String name : names) {
                    if (!found.placeholders(sheet).contains(name)) {
                        problems.add("placeholder ${" + name + "} not found on sheet '" + sheet + "'");
                    }
                }
            }
        });
        REQUIRED_REGIONS.forEach((sheet, regions) -> {
            if (workbook.getSheet(sheet) != null) {
                for (String region : regions) {
                    if (!found.regions(sheet).contains(region)) {
                        problems.add("no row of ${" + region + ".*} placeholders on sheet '" + sheet + "'; it knows "
                                + REGION_FIELDS.get(region));
                    }
                }
            }
        });
        return problems;
    }

}
