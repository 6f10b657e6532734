package io.patchproof.report;

import java.util.List;
import java.util.Map;

/**
 * What a workbook writer wrote, for the manifest's completeness checks.
 *
 * @param sheetNames          every sheet in workbook order, continuation sheets included
 * @param dataRows            data rows per logical sheet ("Not in effect" counts its
 *                            continuation sheets too), header rows excluded
 * @param truncatedCells      text cells cut at Excel's 32,767 characters (marker and hash kept)
 * @param quotePrefixedCells  formula-like text cells written with the quote-prefix style
 * @param replacedCharacters  characters no cell can hold (NUL, unpaired surrogates), replaced with U+FFFD
 */
public record WorkbookStats(
        List<String> sheetNames,
        Map<String, Long> dataRows,
        long truncatedCells,
        long quotePrefixedCells,
        long replacedCharacters) {

    public WorkbookStats {
        sheetNames = List.copyOf(sheetNames);
        dataRows = Map.copyOf(dataRows);
    }

    /** Data rows of one logical sheet, 0 if it has none. */
    public long rows(String sheet) {
        return dataRows.getOrDefault(sheet, 0L);
    }
}
