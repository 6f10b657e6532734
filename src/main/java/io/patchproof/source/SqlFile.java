package io.patchproof.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * One SQL statement read from {@code sql/<schema>/<name>.sql}: its text, the SHA-256 of its
 * bytes (recorded in the run manifest, so an auditor can tell which query produced a figure)
 * and the {@code :named} parameters it uses.
 *
 * <p>The text is returned exactly as stored, for Spring's {@code NamedParameterJdbcTemplate};
 * parameter values are always bound, never spliced into it. A leading UTF-8 byte order mark is
 * dropped from {@link #text()} but counted in {@link #sha256()}, which hashes the file as it is
 * on disk.
 *
 * <h2>Needed and optional columns</h2>
 * The header comment names the view columns the statement reads, so that the pre-flight can
 * check them before a run starts ({@link SourceInspector}):
 * <pre>
 * -- needs: v_R_System.ResourceID, v_R_System.Netbios_Name0
 * -- optional: v_GS_WORKSTATION_STATUS.TimeZoneOffset as ws.TimeZoneOffset
 * </pre>
 * Several {@code needs:} and {@code optional:} lines are allowed, and a line that ends with a
 * comma continues on the next comment line. {@code as <reference>} gives the exact text by which
 * the statement refers to an optional column (default: {@code View.Column}). A site that lacks a
 * needed column cannot be read; one that lacks an optional column is read by
 * {@link #withAbsent(List)}: the same file with every word-bounded occurrence of the reference
 * outside comments and string literals replaced by {@code NULL}. So an optional column must be
 * referred to only where a {@code NULL} can stand (a select list item with its own alias, a
 * comparison), never inside {@code OVER (...)} or {@code GROUP BY}, where SQL Server rejects a
 * constant.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SqlFile {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_]*");
    private static final Pattern DECLARATION = Pattern.compile("^(needs|optional):(.*)$");
    private static final Pattern ENTRY = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(?i:as)\\s+(\\S+))?$");

    /**
     * A view column the statement reads.
     *
     * @param view      the view, e.g. {@code v_GS_WORKSTATION_STATUS}
     * @param column    the column, e.g. {@code TimeZoneOffset}
     * @param reference how the statement refers to it, e.g. {@code ws.TimeZoneOffset}
     */
    public record Column(String view, String column, String reference) {

        /** {@code View.Column}, as the log, the manifest and the Data quality sheet name it. */
        public String name() {
            return view + "." + column;
        }
    }

    private final String path;
    private final String text;
    private final String sha256;
    private final List<String> parameterNames;
    private final List<Column> needs;
    private final List<Column> optional;
    private final List<Column> absent;

    private SqlFile(String path, byte[] bytes) {
        this.path = path;
        this.text = decode(path, bytes);
        this.sha256 = HexFormat.of().formatHex(sha256(bytes));
        this.parameterNames = List.copyOf(scanParameterNames(this.text));
        List<List<Column>> declared = declarations(path, this.text);
        this.needs = declared.get(0);
        this.optional = declared.get(1);
        this.absent = List.of();
    }

    private SqlFile(SqlFile file, String text, List<Column> absent) {
        this.path = file.path;
        this.text = text;
        this.sha256 = file.sha256;
        this.parameterNames = List.copyOf(scanParameterNames(text));
        this.needs = file.needs;
        this.optional = file.optional;
        this.absent = List.copyOf(absent);
    }

    /**
     * Loads {@code classpath:sql/<schema>/<name>.sql}.
     *
     * @param schema schema profile folder, e.g. {@code configmgr}
     * @param name   file name with or without {@code .sql}, e.g. {@code select_hosts}
     * @throws IllegalArgumentException if a segment is not a plain lower-case name or the file
     *                                  is not on the classpath
     */
    public static SqlFile load(String schema, String name) {
        Assert.hasText(schema, "schema must not be empty");
        Assert.hasText(name, "name must not be empty");
        String base = name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
        if (!SEGMENT.matcher(schema).matches() || !SEGMENT.matcher(base).matches()) {
            throw new IllegalArgumentException("SQL file names are lower-case letters, digits and '_': got schema '"
                    + schema + "', name '" + name + "'");
        }
        String path = "sql/" + schema + "/" + base + ".sql";
        ClassPathResource resource = new ClassPathResource(path);
        if (!resource.exists()) {
            throw new IllegalArgumentException("No SQL file classpath:" + path);
        }
        return new SqlFile(path, read(resource, path));
    }

    /**
     * Loads a SQL file from any resource (a {@code file:} override of a shipped query, say).
     * {@link #path()} is the class path location for class path resources and the resource's
     * description otherwise.
     */
    public static SqlFile load(Resource resource) {
        Assert.notNull(resource, "resource must not be null");
        String path = resource instanceof ClassPathResource cp ? cp.getPath() : resource.getDescription();
        if (!resource.exists()) {
            throw new IllegalArgumentException("No SQL file " + path);
        }
        return new SqlFile(path, read(resource, path));
    }

    /** Where the file was read from, e.g. {@code sql/configmgr/select_hosts.sql}. */
    public String path() {
        return path;
    }

    /**
     * The statement, header comment included: the file's text, or for {@link #withAbsent} the
     * text with the absent optional columns read as {@code NULL}.
     */
    public String text() {
        return text;
    }

    /** The columns the header says the statement cannot do without, in header order. */
    public List<Column> needs() {
        return needs;
    }

    /** The columns the header says the statement can do without, in header order. */
    public List<Column> optional() {
        return optional;
    }

    /** The optional columns this statement reads as {@code NULL} ({@link #withAbsent}); empty for the file as it is. */
    public List<Column> absent() {
        return absent;
    }

    /**
     * This file as it runs on a site that lacks some of its optional columns: every word-bounded
     * occurrence of each one's reference outside comments and string literals (ignoring case, as
     * SQL Server does) becomes {@code NULL}. {@link #sha256()} and {@link #path()} stay the file's.
     *
     * @param columns some of {@link #optional()}
     * @throws IllegalArgumentException if one is not an optional column of this file
     */
    public SqlFile withAbsent(List<Column> columns) {
        String result = text;
        for (Column c : columns) {
            if (!optional.contains(c)) {
                throw new IllegalArgumentException(path + ": " + c.name() + " is not an optional column of this file");
            }
            result = replaceReference(result, c.reference(), "NULL");
        }
        return new SqlFile(this, result, columns);
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /**
     * The {@code :name} parameters of the statement in order of first use, each once. Text in
     * comments, string literals and double-quoted identifiers is skipped, as Spring's
     * parser skips it; {@code ::} is not a parameter.
     */
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public String toString() {
        return path + " (sha256 " + sha256.substring(0, 12) + ")";
    }

    /**
     * The {@code needs:} and {@code optional:} entries of the header comment (the leading
     * {@code --} lines); a line ending with a comma continues on the next one.
     */
    static List<List<Column>> declarations(String path, String sql) {
        List<Column> needs = new ArrayList<>();
        List<Column> optional = new ArrayList<>();
        List<Column> target = null;
        for (String line : sql.split("\\R", -1)) {
            String t = line.strip();
            if (!t.startsWith("--")) {
                break;
            }
            String body = t.substring(2).strip();
            Matcher m = DECLARATION.matcher(body);
            String list;
            if (m.matches()) {
                target = m.group(1).equals("needs") ? needs : optional;
                list = m.group(2);
            } else if (target != null) {
                list = body;
            } else {
                continue;
            }
            for (String entry : list.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) {
                    continue;
                }
                Matcher em = ENTRY.matcher(e);
                if (!em.matches()) {
                    throw new IllegalArgumentException(path + ": '" + e + "' in the header's " + (target == needs
                            ? "needs" : "optional") + " list is not View.Column or View.Column as reference");
                }
                Column column = new Column(em.group(1), em.group(2),
                        em.group(3) == null ? em.group(1) + "." + em.group(2) : em.group(3));
                if (!target.contains(column)) {
                    target.add(column);
                }
            }
            target = list.strip().endsWith(",") ? target : null;
        }
        return List.of(List.copyOf(needs), List.copyOf(optional));
    }

    /**
     * Replaces every occurrence of {@code reference} (ignoring case) outside comments, string
     * literals and double-quoted identifiers, where the characters either side are not part of a
     * name. Package-private so that the SQL lint shares the exact rule.
     */
    static String replaceReference(String sql, String reference, String replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int skipTo = -1;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                skipTo = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                skipTo = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                skipTo = end < 0 ? n : end + 1;
            }
            if (skipTo >= 0) {
                out.append(sql, i, skipTo);
                i = skipTo;
            } else if (sql.regionMatches(true, i, reference, 0, reference.length())
                    && (i == 0 || !isNamePart(sql.charAt(i - 1)))
                    && (i + reference.length() == n || !isNamePart(sql.charAt(i + reference.length())))) {
                out.append(replacement);
                i += reference.length();
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Characters that continue a (possibly qualified or bracketed) T-SQL name. */
    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '#' || c == '$' || c == '.'
                || c == '[' || c == ']';
    }

    /** Package-private so that the SQL lint shares the exact rule. */
    static Set<String> scanParameterNames(String sql) {
        Set<String> names = new LinkedHashSet<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            }
            else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            }
            else if (c == '\'' || c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
            }
            else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
            }
            else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                names.add(sql.substring(i + 1, j));
                i = j;
            }
            else {
                i++;
            }
        }
        return names;
    }

    private static byte[] read(Resource resource, String path) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read SQL file " + path, ex);
        }
    }

    private static String decode(String path, byte[] bytes) {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        }
        catch (CharacterCodingException ex) {
            throw new IllegalArgumentException("SQL file " + path + " is not valid UTF-8", ex);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
