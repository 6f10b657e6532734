package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.TimeText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes every in-scope finding as CSV for auditors' tools: UTF-8 with a byte-order mark (so
 * Excel detects the encoding), RFC 4180 (CRLF line ends; fields holding a comma, quote, CR or LF
 * are quoted, quotes doubled), times ISO-8601 UTC with seconds, empty when unknown.
 *
 * <p>Text keeps its original characters (the xlsx escapes those XML cannot carry and replaces
 * NUL; the CSV does not), except that text starting with {@code = + - @}, tab, CR, LF or NUL gets a leading {@code '} so
 * that a spreadsheet opening the file does not evaluate it (OWASP ASVS 1.2.10). Numbers are
 * never prefixed. Unpaired surrogates, which UTF-8 cannot encode, become U+FFFD.
 *
 * <p>Stateless and thread-safe.
 */
public final class FindingsCsvWriter {

    public static final String HEADER = "resource_id,host,site_code,ci_id,article_id,bulletin_id,title,severity,"
            + "classification,status,enforcement_state,verdict,confidence,installed_earliest_utc,installed_latest_utc,"
            + "last_boot_utc,inventory_utc,exposure_days,exempt_reason,evidence,superseded";

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String CRLF = "\r\n";

    /**
     * Writes the BOM, the header and one line per {@link ReportData#forEachFindingInScope} finding.
     * The stream is flushed, not closed.
     *
     * @return the number of data lines written
     */
    public long write(ReportData data, OutputStream out) throws IOException {
        out.write(BOM);
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("\uFFFD".getBytes(StandardCharsets.UTF_8));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, encoder), 64 * 1024);
        writer.write(HEADER);
        writer.write(CRLF);
        long[] rows = {0};
        try {
            data.forEachFindingInScope(f -> {
                try {
                    writer.write(line(f));
                    writer.write(CRLF);
                    rows[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return rows[0];
    }

    static String line(Finding f) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(f.resourceId()).append(',');
        sb.append(text(f.host())).append(',');
        sb.append(text(f.siteCode())).append(',');
        sb.append(f.ciId()).append(',');
        sb.append(text(f.articleId())).append(',');
        sb.append(text(f.bulletinId())).append(',');
        sb.append(text(f.title())).append(',');
        sb.append(f.severity() == null ? "" : f.severity().displayName()).append(',');
        sb.append(text(f.classification())).append(',');
        sb.append(f.status()).append(',');
        sb.append(f.enforcementState() == null ? "" : f.enforcementState().toString()).append(',');
        sb.append(f.verdict() == null ? "" : f.verdict().name()).append(',');
        sb.append(f.confidence() == null ? "" : f.confidence().label()).append(',');
        sb.append(time(f.installedEarliestUtc())).append(',');
        sb.append(time(f.installedLatestUtc())).append(',');
        sb.append(time(f.lastBootUtc())).append(',');
        sb.append(time(f.inventoryUtc())).append(',');
        sb.append(f.exposureDays() == null ? "" : f.exposureDays().toString()).append(',');
        sb.append(text(f.exemptReason())).append(',');
        sb.append(text(f.evidence())).append(',');
        sb.append(f.superseded() ? "true" : "false");
        return sb.toString();
    }

    static String time(Instant instant) {
        return instant == null ? "" : TimeText.utcSeconds(instant);
    }

    /** A text field: formula-like text prefixed with {@code '}, then RFC 4180 quoting. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = startsLikeFormula(value) ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static boolean startsLikeFormula(String value) {
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\0' -> true;
            default -> false;
        };
    }
}
