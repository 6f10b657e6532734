package io.patchproof.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Makes arbitrary text safe for one xlsx cell without losing what it says.
 *
 * <ul>
 *   <li>Characters XML 1.0 cannot carry (NUL and other C0 controls except tab, CR and LF,
 *       unpaired surrogates, U+FFFE, U+FFFF) are replaced with U+FFFD, so the replacement is
 *       visible; POI would silently write '?' instead. The CSV keeps the original text.</li>
 *   <li>Literal {@code _xHHHH_} sequences are escaped as {@code _x005F_xHHHH_}: spreadsheet
 *       readers decode {@code _xHHHH_} as a character, so without the escape a title containing
 *       it would not read back as written.</li>
 *   <li>Text longer than Excel's 32,767 characters is cut and ends with a visible marker that
 *       gives the full length and the SHA-256 of the full text (UTF-8), so the original can be
 *       matched against the CSV or the source.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class CellText {

    static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private static final Pattern OOXML_ESCAPE = Pattern.compile("_(x[0-9A-Fa-f]{4}_)");
    private static final char REPLACEMENT = '\uFFFD';

    private CellText() {
    }

    /** The text as it goes into the cell, and what had to be done to it. */
    record Prepared(String text, int replacedChars, boolean truncated) {
    }

    static Prepared prepare(String original) {
        String safe = replaceXmlIllegal(original);
        int replaced = countReplaced(original, safe);
        String escaped = escapeOoxml(safe);
        if (escaped.length() <= MAX_CELL_CHARS) {
            return new Prepared(escaped, replaced, false);
        }
        String marker = "\u2026 [truncated, " + original.length() + " chars, sha256 " + Sha256.hex(original) + "]";
        int keep = MAX_CELL_CHARS - marker.length();
        String result;
        while (true) {
            String head = cutAt(safe, keep);
            result = escapeOoxml(head) + marker;
            if (result.length() <= MAX_CELL_CHARS) {
                break;
            }
            keep -= result.length() - MAX_CELL_CHARS;
        }
        return new Prepared(result, replaced, true);
    }

    /**
     * True when a spreadsheet could take the text for a formula or command: it starts with
     * {@code = + - @} (also after leading blanks, and their full-width forms) or with a control
     * character such as tab, CR, LF or NUL. Such text is written with the quote-prefix style.
     */
    static boolean isFormulaLike(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (Character.isISOControl(first)) {
            return true;
        }
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\u00A0' || text.charAt(i) == '\u3000')) {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        return switch (text.charAt(i)) {
            case '=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    static String replaceXmlIllegal(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean legal;
            boolean pair = false;
            if (Character.isHighSurrogate(c)) {
                pair = i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
                legal = pair;
            } else if (Character.isLowSurrogate(c)) {
                legal = false;
            } else {
                legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!legal && out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            if (out != null) {
                if (legal) {
                    out.append(c);
                    if (pair) {
                        out.append(text.charAt(i + 1));
                    }
                } else {
                    out.append(REPLACEMENT);
                }
            }
            if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }

    private static int countReplaced(String original, String safe) {
        if (original == safe) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < safe.length(); i++) {
            if (safe.charAt(i) == REPLACEMENT && original.charAt(i) != REPLACEMENT) {
                count++;
            }
        }
        return count;
    }

    static String escapeOoxml(String text) {
        if (text.indexOf("_x") < 0 && text.indexOf("_X") < 0) {
            return text;
        }
        Matcher m = OOXML_ESCAPE.matcher(text);
        return m.find() ? m.replaceAll("_x005F_$1") : text;
    }

    /** The first {@code length} chars, never ending in the middle of a surrogate pair. */
    private static String cutAt(String text, int length) {
        int end = Math.max(0, Math.min(length, text.length()));
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
