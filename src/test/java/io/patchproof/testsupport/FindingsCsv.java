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
 * A published findings CSV read back as one map per row, keyed by the header's column names, so
 * that tests select rows the way an auditor's spreadsheet filter would. Strict RFC 4180: quoted
 * fields may hold commas, doubled quotes and line breaks; records end with CRLF; a leading UTF-8
 * byte order mark is dropped.
 */
public final class FindingsCsv {

    private FindingsCsv() {
    }

    public static List<Map<String, String>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = parse(text);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IllegalArgumentException("row " + rows.size() + " has " + record.size() + " fields, the header "
                        + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                i++;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new IllegalArgumentException("unexpected " + (c == '"' ? "quote" : "line break") + " at " + i);
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            throw new IllegalArgumentException("last record not terminated by CRLF");
        }
        return records;
    }
}
