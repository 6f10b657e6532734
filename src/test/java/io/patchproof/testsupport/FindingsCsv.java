package io.patchproof.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A findings CSV read back strictly by RFC 4180 (CRLF between records, quoted fields may hold
 * commas, quotes, CR and LF), after its UTF-8 byte order mark. Every other character, NUL and tab
 * included, is kept as written.
 */
public final class FindingsCsv {

    private final List<String> header;
    private final List<Map<String, String>> rows;

    private FindingsCsv(List<String> header, List<Map<String, String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static FindingsCsv read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xEF || (bytes[1] & 0xFF) != 0xBB || (bytes[2] & 0xFF) != 0xBF) {
                throw new IllegalStateException(file + " does not start with a UTF-8 byte order mark");
            }
            List<List<String>> records = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
            List<String> header = records.get(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (List<String> record : records.subList(1, records.size())) {
                if (record.size() != header.size()) {
                    throw new IllegalStateException("a record of " + record.size() + " fields, not " + header.size() + ": " + record);
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.get(i));
                }
                rows.add(row);
            }
            return new FindingsCsv(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> header() {
        return header;
    }

    /** Data rows, each by header name. */
    public List<Map<String, String>> rows() {
        return rows;
    }

    /** One column's values in file order. */
    public List<String> column(String name) {
        return rows.stream().map(r -> r.get(name)).toList();
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean quoted = false;
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                } else if (c == '"') {
                    quoted = false;
                    i++;
                } else {
                    field.append(c);
                    i++;
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                i++;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalStateException("unquoted " + (int) c + " at " + i + " in record " + (records.size() + 1));
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new IllegalStateException("unterminated quoted field");
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
