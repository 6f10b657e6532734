package io.patchproof.bench;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SnapshotTable;
import io.patchproof.source.SourceScope;
import io.patchproof.source.SqlFile;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * The benchmark's floor: what the hardware and the libraries allow for the job's input and
 * output, with none of the job's own work. Run by {@code bench/run} in its own JVM, never by the
 * test suite (the name does not end in "Tests").
 *
 * <ul>
 * <li>read: a plain JDBC cursor over exactly the job's extract queries (the same SQL files, the
 * same scope parameters, the same fetch size), every column fetched, nothing stored;</li>
 * <li>xlsx: a bare POI SXSSF write (window 100, no styles apart from one shared date format)
 * of as many rows as the job's workbook holds, with the job's 23 finding columns and text of
 * the job's lengths;</li>
 * <li>csv: a plain buffered UTF-8 write of as many lines, of the job's average line length, as
 * the job's findings CSV holds;</li>
 * <li>fastexcel: the same rows as the xlsx floor, through org.dhatim:fastexcel, for reference.</li>
 * </ul>
 *
 * <p>Prints one {@code key=value} line per figure. Arguments: {@code db=<file without .mv.db>}
 * {@code asOf=<date>} {@code workbookRows=<n>} {@code csvRows=<n>} {@code csvBytes=<n>}
 * {@code out=<dir>} {@code fetchSize=<n>}.
 */
public final class FloorBench {

    private static final int COLUMNS = 23;
    private static final String EVIDENCE_WORDS = "installed (Status 3, changed 2025-03-17 04:30Z); enforcement state 10"
            + " (successfully installed at 2025-03-17 02:38Z); released 2025-03-11 18:00Z; host offset UTC+05:30;"
            + " rule 11: installed by 2025-03-17 04:30Z, before the last boot,"
            + " which an inventory after it reports; ";

    private FloorBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path db = Path.of(a.get("db"));
        LocalDate asOf = LocalDate.parse(a.getOrDefault("asOf", DemoSiteDatabase.AS_OF.toString()));
        int fetchSize = Integer.parseInt(a.getOrDefault("fetchSize", "1000"));
        long workbookRows = Long.parseLong(a.get("workbookRows"));
        long csvRows = Long.parseLong(a.get("csvRows"));
        long csvBytes = Long.parseLong(a.get("csvBytes"));
        Path out = Files.createDirectories(Path.of(a.get("out")));

        long t0 = System.nanoTime();
        long rows = read(DemoSiteDatabase.jdbcUrl(db), asOf, fetchSize);
        long t1 = System.nanoTime();
        print("read_rows", rows);
        print("read_s", seconds(t1 - t0));

        int lineLength = (int) Math.max(40, csvRows == 0 ? 40 : csvBytes / csvRows - 2);
        t0 = System.nanoTime();
        poi(out.resolve("floor.xlsx"), workbookRows, lineLength);
        t1 = System.nanoTime();
        print("xlsx_rows", workbookRows);
        print("xlsx_s", seconds(t1 - t0));

        t0 = System.nanoTime();
        csv(out.resolve("floor.csv"), csvRows, lineLength);
        t1 = System.nanoTime();
        print("csv_rows", csvRows);
        print("csv_s", seconds(t1 - t0));

        t0 = System.nanoTime();
        fastexcel(out.resolve("floor-fastexcel.xlsx"), workbookRows, lineLength);
        t1 = System.nanoTime();
        print("fastexcel_s", seconds(t1 - t0));
        Runtime r = Runtime.getRuntime();
        print("heap_used_mb_at_end", (r.totalMemory() - r.freeMemory()) >> 20);
    }

    /** Every row of every required extract query, every column fetched. */
    static long read(String url, LocalDate asOf, int fetchSize) throws SQLException {
        SourceScope scope = SourceScope.all(asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        MapSqlParameterSource params = new MapSqlParameterSource();
        scope.toParameters().forEach(params::addValue);
        long total = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            for (SnapshotTable table : SnapshotTable.values()) {
                if (!table.required()) {
                    continue;
                }
                SqlFile file = SqlFile.load(SchemaProfile.CONFIGMGR.id(), table.query());
                ParsedSql parsed = NamedParameterUtils.parseSqlStatement(file.text());
                String sql = NamedParameterUtils.substituteNamedParameters(parsed, params);
                Object[] values = NamedParameterUtils.buildValueArray(parsed, params, null);
                long started = System.nanoTime();
                long n = 0;
                try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(fetchSize);
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        long sink = 0;
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                Object v = rs.getObject(i);
                                sink += v == null ? 0 : 1;
                            }
                            n++;
                        }
                        if (sink < 0) {
                            throw new IllegalStateException();
                        }
                    }
                }
                print("read_" + table.query() + "_s", seconds(System.nanoTime() - started));
                total += n;
            }
        }
        return total;
    }

    /** Text cells of the job's sizes: host, codes, a title, the evidence filling the rest of the line. */
    private static String[] texts(long i, int lineLength) {
        String host = "HOST" + (100000 + i % 100000);
        String title = "2025-03 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB" + (5000000 + i % 999) + ")";
        int evidenceLength = Math.max(10, lineLength - 230);
        StringBuilder ev = new StringBuilder(evidenceLength);
        while (ev.length() < evidenceLength) {
            ev.append(EVIDENCE_WORDS);
        }
        ev.setLength(evidenceLength);
        ev.setCharAt(0, (char) ('a' + i % 26));
        return new String[] {host, "PP1", "KB" + (5000000 + i % 999), "MS08-067", title, "Critical", "Security Updates",
            "NOT_IN_EFFECT", "high", "server", ev.toString()};
    }

    static void poi(Path file, long rows, int lineLength) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 100, false, false)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            SXSSFSheet sheet = wb.createSheet("Not in effect");
            LocalDateTime base = LocalDateTime.of(2026, 11, 3, 6, 5);
            for (long i = 0; i < rows; i++) {
                Row row = sheet.createRow((int) (i % 1_048_575) + 1);
                String[] t = texts(i, lineLength);
                int c = 0;
                for (String s : t) {
                    row.createCell(c++).setCellValue(s);
                }
                for (int k = 0; k < 4; k++) {
                    var cell = row.createCell(c++);
                    cell.setCellValue(base.plusMinutes(i + k));
                    cell.setCellStyle(date);
                }
                while (c < COLUMNS) {
                    row.createCell(c++).setCellValue((double) (i + c));
                }
            }
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
                wb.write(os);
            }
            wb.dispose();
        }
    }

    static void fastexcel(Path file, long rows, int lineLength) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(os, "bench", "1.0");
            org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("Not in effect");
            LocalDateTime base = LocalDateTime.of(2026, 11, 3, 6, 5);
            for (long i = 0; i < rows; i++) {
                int r = (int) (i % 1_048_575) + 1;
                String[] t = texts(i, lineLength);
                int c = 0;
                for (String s : t) {
                    ws.value(r, c++, s);
                }
                for (int k = 0; k < 4; k++) {
                    ws.value(r, c, base.plusMinutes(i + k));
                    ws.style(r, c++).format("yyyy-mm-dd hh:mm:ss").set();
                }
                while (c < COLUMNS) {
                    ws.value(r, c, (double) (i + c));
                    c++;
                }
                if (r % 10_000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
    }

    static void csv(Path file, long rows, int lineLength) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 64 * 1024)) {
            for (long i = 0; i < rows; i++) {
                String[] t = texts(i, lineLength);
                w.write(Long.toString(16777216 + i));
                for (String s : t) {
                    w.write(',');
                    w.write(s.indexOf(',') >= 0 ? '"' + s + '"' : s);
                }
                w.write(",2026-11-03T06:05:00Z,2026-11-09T01:34:33Z,13\r\n");
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    static String join(String... s) {
        return String.join(",", Arrays.asList(s));
    }
}
