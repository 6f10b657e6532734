package io.patchproof.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the placeholders and markers of a monthly template and says what is wrong with it. Used
 * by {@link ReportTemplate} before a template is accepted and by the writer to find its way.
 */
final class TemplateStructure {

    private TemplateStructure() {
    }

    /** The text of a string cell, else null. */
    static String text(Cell cell) {
        return cell != null && cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null;
    }

    /** The placeholder name if the cell holds nothing but {@code ${name}}, else null. */
    static String wholePlaceholder(Cell cell) {
        String text = text(cell);
        if (text == null) {
            return null;
        }
        Matcher m = MonthlyLayout.WHOLE_PLACEHOLDER.matcher(text);
        return m.matches() ? m.group(1) : null;
    }

    static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        if (text != null) {
            Matcher m = MonthlyLayout.PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The region prefix of a placeholder name ("collection" for "collection.name"), else null. */
    static String regionPrefix(String name) {
        return regionPrefix(name, MonthlyLayout.REGION_FIELDS);
    }

    /** The part of a placeholder name before its dot when that is one of the layout's regions, else null. */
    static String regionPrefix(String name, Map<String, ?> regions) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String prefix = name.substring(0, dot);
        return regions.containsKey(prefix) ? prefix : null;
    }

    /** The region prefix of a monthly template's row (the first region placeholder found), else null. */
    static String regionOf(Row row) {
        return regionOf(row, MonthlyLayout.REGION_FIELDS);
    }

    /** The region prefix of a row (the first placeholder of one of {@code regions} found), else null. */
    static String regionOf(Row row, Map<String, ?> regions) {
        if (row == null) {
            return null;
        }
        for (Cell cell : row) {
            for (String name : placeholders(text(cell))) {
                String prefix = regionPrefix(name, regions);
                if (prefix != null) {
                    return prefix;
                }
            }
        }
        return null;
    }

    /**
     * The style row of a data sheet: its last row with a non-blank cell. Empty rows below it
     * (Excel keeps rows that were only formatted) are ignored here and removed by the writer.
     */
    static int styleRowIndex(Sheet sheet) {
        for (int r = sheet.getLastRowNum(); r >= 0; r--) {
            Row row = sheet.getRow(r);
            if (row != null) {
                for (Cell cell : row) {
                    if (cell.getCellType() != CellType.BLANK) {
                        return r;
                    }
                }
            }
        }
        return -1;
    }

    static boolean isDataSheet(String sheetName) {
        return MonthlyLayout.DATA_SHEET_FIELDS.containsKey(sheetName);
    }

    /** Every problem found; empty when the template can be used. */
    static List<String> problems(XSSFWorkbook workbook) {
        List<String> problems = new ArrayList<>();
        Found found = checkPlaceholders(workbook, MonthlyLayout.SHEETS, MonthlyLayout.DATA_SHEET_FIELDS,
                MonthlyLayout.REGION_FIELDS, SummaryValues.names(), problems);
        if (workbook.getSheet(MonthlyLayout.SUMMARY) != null) {
            for (String required : MonthlyLayout.REQUIRED_SUMMARY_PLACEHOLDERS) {
                if (!found.placeholders(MonthlyLayout.SUMMARY).contains(required)) {
                    problems.add("placeholder ${" + required + "} not found on sheet '" + MonthlyLayout.SUMMARY + "'");
                }
            }
        }
        return problems;
    }

    /**
     * The placeholders and region rows found on each sheet of a template, by sheet name.
     *
     * @param placeholders every placeholder name (fixed and region fields)
     * @param regions      the region prefixes with a row on the sheet
     */
    record Found(Map<String, Set<String>> placeholders, Map<String, Set<String>> regions) {

        Set<String> placeholders(String sheet) {
            return placeholders.getOrDefault(sheet, Set.of());
        }

        Set<String> regions(String sheet) {
            return regions.getOrDefault(sheet, Set.of());
        }
    }

    /**
     * The checks the monthly and audit templates share: every sheet present, each data sheet's style
     * row, every placeholder known (a fixed name, or a field of its region's row) and no row mixing two
     * regions. Adds what is wrong to {@code problems}; returns what was found, for the layout's own
     * required placeholders and regions.
     */
    static Found checkPlaceholders(XSSFWorkbook workbook, List<String> sheets,
            Map<String, Map<String, ? extends Function<?, Object>>> dataSheetFields, Map<String, List<String>> regionFields,
            Set<String> fixedNames, List<String> problems) {
        for (String name : sheets) {
            if (workbook.getSheet(name) == null) {
                problems.add("sheet '" + name + "' not found");
            }
        }
        Map<String, Set<String>> found = new LinkedHashMap<>();
        Map<String, Set<String>> regionsFound = new LinkedHashMap<>();
        for (Sheet sheet : workbook) {
            boolean dataSheet = dataSheetFields.containsKey(sheet.getSheetName());
            int styleRow = dataSheet ? styleRowIndex(sheet) : -1;
            if (dataSheet) {
                checkStyleRow(sheet, dataSheetFields.get(sheet.getSheetName()), problems);
            }
            for (Row row : sheet) {
                if (row.getRowNum() == styleRow) {
                    continue;
                }
                String region = null;
                for (Cell cell : row) {
                    for (String name : placeholders(text(cell))) {
                        String where = where(sheet, cell);
                        String prefix = regionPrefix(name, regionFields);
                        if (prefix != null) {
                            String field = name.substring(prefix.length() + 1);
                            if (!regionFields.get(prefix).contains(field)) {
                                problems.add(where + ": unknown placeholder ${" + name + "}; a " + prefix
                                        + " row knows " + regionFields.get(prefix));
                            } else if (region != null && !region.equals(prefix)) {
                                problems.add(where + ": ${" + name + "} mixes the " + prefix + " and " + region
                                        + " regions in one row");
                            }
                            region = prefix;
                            regionsFound.computeIfAbsent(sheet.getSheetName(), s -> new LinkedHashSet<>()).add(prefix);
                        } else if (!fixedNames.contains(name)) {
                            problems.add(where + ": unknown placeholder ${" + name + "}");
                        }
                        found.computeIfAbsent(sheet.getSheetName(), s -> new LinkedHashSet<>()).add(name);
                    }
                }
            }
        }
        return new Found(found, regionsFound);
    }

    /** Checks a data sheet's style row: below a header row, every cell blank or a marker of one of the sheet's fields. */
    static void checkStyleRow(Sheet sheet, Map<String, ? extends Function<?, Object>> fields, List<String> problems) {
        int last = styleRowIndex(sheet);
        Row row = last < 1 ? null : sheet.getRow(last);
        String expectation = "its last row must be the style row of ${field} markers below a header row";
        if (row == null || sheet.getRow(last - 1) == null) {
            problems.add("sheet '" + sheet.getSheetName() + "': no style row; " + expectation);
            return;
        }
        int markers = 0;
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.BLANK) {
                continue;
            }
            String name = wholePlaceholder(cell);
            if (name == null) {
                problems.add(where(sheet, cell) + ": not a ${field} marker; " + expectation);
            } else if (!fields.containsKey(name)) {
                problems.add(where(sheet, cell) + ": unknown field ${" + name + "}; this sheet knows " + fields.keySet());
            } else {
                markers++;
            }
        }
        if (markers == 0) {
            problems.add("sheet '" + sheet.getSheetName() + "': no ${field} marker in row " + (last + 1) + "; " + expectation);
        }
    }

    static String where(Sheet sheet, Cell cell) {
        return "sheet '" + sheet.getSheetName() + "' cell " + new CellReference(cell.getRowIndex(), cell.getColumnIndex()).formatAsString(false);
    }
}
