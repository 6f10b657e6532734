package io.patchproof.report;

import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Makes arbitrary text safe for one xlsx cell without losing what it says.
 *
 * <ul>
 *   <li>Characters XML 1.0 cannot carry but a cell can (the C0 controls other than NUL, tab, LF
 *       and CR; the noncharacters U+FFFE and U+FFFF) are stored with the escape Excel itself
 *       writes for them, {@code _xHHHH_} (ECMA-376 ST_Xstring), which Excel and POI decode on
 *       reading: the text reads back exactly. POI would silently write '?' for them instead.</li>
 *   <li>NUL and unpaired surrogates, which no cell can hold (Excel has no character 0, and a lone
 *       surrogate is no character), are replaced with U+FFFD, so the replacement is visible and
 *       counted. The CSV keeps the original text.</li>
 *   <li>Literal {@code _xHHHH_} sequences in the text get their underscore escaped
 *       ({@code _x005F_xHHHH_}): spreadsheet readers decode {@code _xHHHH_} as a character, so
 *       without the escape a title containing one would not read back as written.</li>
 *   <li>Text longer than Excel's 32,767 characters is cut and ends with a visible marker that
 *       gives the full length and the SHA-256 of the full text (UTF-8), so the original can be
 *       matched against the CSV or the source. The limit holds for the stored (escaped) text,
 *       which is what POI checks; the cut never falls inside an escape or a surrogate pair.</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class CellText {

    static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private static final char REPLACEMENT = '\uFFFD';
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Length of one {@code _xHHHH_} escape. */
    private static final int ESCAPE_LENGTH = 7;

    private CellText() {
    }

    /** The text as it goes into the cell, and what had to be done to it. */
    record Prepared(String text, int replacedChars, boolean truncated) {
    }

    static Prepared prepare(String original) {
        int[] replaced = new int[1];
        String encoded = encode(original, replaced);
        if (encoded.length() <= MAX_CELL_CHARS) {
            return new Prepared(encoded, replaced[0], false);
        }
        String marker = "\u2026 [truncated, " + original.length() + " chars, sha256 " + Sha256.hex(original) + "]";
        int keep = MAX_CELL_CHARS - marker.length();
        String result;
        while (true) {
            String head = cutAt(original, keep);
            result = encode(head, new int[1]) + marker;
            if (result.length() <= MAX_CELL_CHARS) {
                break;
            }
            // Each character of the text takes 1 to 7 stored characters: cut at least what is over by 7.
            keep -= (result.length() - MAX_CELL_CHARS + ESCAPE_LENGTH - 1) / ESCAPE_LENGTH;
        }
        return new Prepared(result, replaced[0], true);
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

    /**
     * The text as stored in the cell: literal escapes escaped, characters XML cannot carry
     * escaped, NUL and unpaired surrogates replaced (counted in {@code replaced[0]}).
     */
    static String encode(String text, int[] replaced) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String instead = null;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            } else if (c == 0 || Character.isSurrogate(c)) {
                instead = String.valueOf(REPLACEMENT);
                replaced[0]++;
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
                instead = escape(c);
            } else if (c == '_' && isEscapeLike(text, i)) {
                instead = escape('_');
            }
            if (instead != null && out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (out != null) {
                if (instead != null) {
                    out.append(instead);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code _xHHHH_}, upper-case hex as Excel writes it. */
    private static String escape(char c) {
        return new String(new char[] {'_', 'x', HEX[(c >> 12) & 0xF], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF], '_'});
    }

    /** True when {@code _xHHHH_} (any case of hex digits, lower-case x, as readers decode it) starts at {@code i}. */
    private static boolean isEscapeLike(String text, int i) {
        if (i + ESCAPE_LENGTH > text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            char h = text.charAt(k);
            if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                return false;
            }
        }
        return true;
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
