package io.patchproof.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The published maximum severity rating of Microsoft security bulletins, read from a CSV file
 * ({@code patchproof.source.sms2003.bulletin-severity}, by default the shipped
 * {@code classpath:config/bulletin-severity.csv}, which covers the bulletins of the SMS 2003
 * demo's period). SMS 2003 keeps no severity in its views; this file is where the sms2003 profile
 * takes it from, by the row's bulletin ID.
 *
 * <p>Format: UTF-8, a header {@code bulletin_id,severity} (further columns, such as where a rating
 * was taken from, are allowed and ignored), one bulletin a line ({@code MS08-067,Critical});
 * severities {@code Critical}, {@code Important}, {@code Moderate}, {@code Low} in any case; blank
 * lines and lines starting with {@code #} are skipped; a field may be quoted ({@code "..."}). A
 * bulletin listed twice, an unknown severity or a malformed line is refused with the file and
 * line named: a half-read severity list would quietly move bulletins between the figures.
 *
 * <p>Severities are the site's integer codes (10 critical, 8 important, 6 moderate, 2 low), as
 * {@code v_UpdateInfo.Severity} holds them. Immutable and thread-safe.
 */
public final class BulletinSeverities {

    public static final String PROPERTY = "patchproof.source.sms2003.bulletin-severity";
    public static final String DEFAULT_LOCATION = "classpath:config/bulletin-severity.csv";

    private static final Map<String, Integer> CODES = Map.of("critical", 10, "important", 8, "moderate", 6, "low", 2);
    private static final Pattern BULLETIN = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");
    /** A bulletin list that matches no bulletin (an ID never starts with '-'). */
    static final String NO_BULLETIN = ",-,";

    private final String location;
    private final String sha256;
    private final Map<String, Integer> codes;

    private BulletinSeverities(String location, String sha256, Map<String, Integer> codes) {
        this.location = location;
        this.sha256 = sha256;
        this.codes = Map.copyOf(codes);
    }

    /**
     * Reads the file at {@code location} ({@code classpath:} or {@code file:}; null or blank = the
     * shipped file).
     *
     * @throws IllegalArgumentException naming the property, the file and the line when the file is
     *                                  missing, unreadable or malformed
     */
    public static BulletinSeverities load(String location) {
        String where = location == null || location.isBlank() ? DEFAULT_LOCATION : location.trim();
        Resource resource = new DefaultResourceLoader().getResource(where);
        byte[] bytes;
        try (InputStream in = resource.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(PROPERTY + ": " + where + " cannot be read (" + e.getMessage()
                    + "); give a file: location of a CSV file with the header bulletin_id,severity");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(PROPERTY + ": " + where + " is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new BulletinSeverities(where, sha256(bytes), parse(where, text));
    }

    private static Map<String, Integer> parse(String where, String text) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(where, number, line);
            if (!header) {
                if (fields.size() < 2 || !fields.get(0).equalsIgnoreCase("bulletin_id")
                        || !fields.get(1).equalsIgnoreCase("severity")) {
                    throw error(where, number, "the header must start with bulletin_id,severity");
                }
                header = true;
                continue;
            }
            if (fields.size() < 2) {
                throw error(where, number, "'" + line + "' is not bulletin_id,severity");
            }
            String bulletin = fields.get(0).toUpperCase(Locale.ROOT);
            if (!BULLETIN.matcher(bulletin).matches()) {
                throw error(where, number, "'" + fields.get(0) + "' is not a bulletin ID (MS08-067)");
            }
            Integer code = CODES.get(fields.get(1).toLowerCase(Locale.ROOT));
            if (code == null) {
                throw error(where, number, "'" + fields.get(1) + "' is not a severity; use Critical, Important, Moderate"
                        + " or Low");
            }
            Integer earlier = firstLine.putIfAbsent(bulletin, number);
            if (earlier != null) {
                throw error(where, number, bulletin + " is listed already on line " + earlier);
            }
            codes.put(bulletin, code);
        }
        if (!header) {
            throw error(where, Math.max(1, lines.length), "no header bulletin_id,severity");
        }
        return codes;
    }

    /** The fields of one line: comma-separated, each optionally in double quotes ("" for a quote). */
    private static List<String> fields(String where, int number, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw error(where, number, "a quoted field is not closed");
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static IllegalArgumentException error(String where, int line, String what) {
        return new IllegalArgumentException(PROPERTY + ": " + where + " line " + line + ": " + what);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The severity code of a bulletin (10, 8, 6 or 2), or null when the file does not list it. */
    public Integer code(String bulletinId) {
        return bulletinId == null ? null : codes.get(bulletinId.trim().toUpperCase(Locale.ROOT));
    }

    /** Where the file was read from. */
    public String location() {
        return location;
    }

    /** The SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    public int size() {
        return codes.size();
    }

    /**
     * The parameters of the sms2003 queries for {@code scope}. SMS 2003 keeps no severity in its
     * views, so a severity scope is passed as the bulletins this file rates at or above it (within
     * the scope's own bulletins, where it names some): an update without a bulletin, or with one
     * the file does not list, has no known severity and is out of a severity scope, as an update
     * with no Severity is on a ConfigMgr site. {@code minSeverity} is then 0. Without a severity
     * scope the parameters are the scope's own.
     */
    public Map<String, Object> sms2003Parameters(SourceScope scope) {
        Map<String, Object> p = new LinkedHashMap<>(scope.toParameters());
        if (scope.minSeverity() == null) {
            return p;
        }
        TreeSet<String> bulletins = new TreeSet<>();
        codes.forEach((bulletin, code) -> {
            if (code >= scope.minSeverity() && (scope.bulletinIds().isEmpty() || scope.bulletinIds().contains(bulletin))) {
                bulletins.add(bulletin);
            }
        });
        p.put("bulletinIds", bulletins.isEmpty() ? NO_BULLETIN : "," + String.join(",", bulletins) + ",");
        p.put("minSeverity", 0);
        return p;
    }
}
