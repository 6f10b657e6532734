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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * <p>Instances are immutable and thread-safe.
 */
public final class SqlFile {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_]*");

    private final String path;
    private final String text;
    private final String sha256;
    private final List<String> parameterNames;

    private SqlFile(String path, byte[] bytes) {
        this.path = path;
        this.text = decode(path, bytes);
        this.sha256 = HexFormat.of().formatHex(sha256(bytes));
        this.parameterNames = List.copyOf(scanParameterNames(this.text));
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

    /** The statement, header comment included. */
    public String text() {
        return text;
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
