package io.patchproof.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which part of the site database a run reads: the rows of the {@code sql/configmgr} queries are
 * restricted by these values, bound as parameters (never concatenated into SQL).
 *
 * <p>The canonical constructor normalises and validates, so two scopes that select the same rows
 * are equal and have the same {@link #key()}: KB numbers lose their "KB" prefix and are sorted,
 * bulletin IDs are upper-cased and sorted, a blank collection or host pattern (or {@code *}) means
 * "all". Invalid values fail with an {@link IllegalArgumentException} that names the property.
 *
 * @param collectionId CollectionID (8 letters or digits, e.g. {@code SMS00001}); null = all systems
 * @param articleIds   KB numbers, digits only after normalisation; empty = all updates
 * @param bulletinIds  bulletin IDs such as {@code MS08-067}, upper case; empty = all updates
 * @param hostPattern  host name pattern as the user wrote it, {@code *} and {@code ?} wildcards,
 *                     matched case-insensitively; null = all hosts
 * @param minSeverity  lowest {@code v_UpdateInfo.Severity} code in scope (2 low, 6 moderate,
 *                     8 important, 10 critical); null = no limit
 * @param serversOnly  only hosts whose discovery OS name contains "Server"
 * @param asOfEnd      end of the as-of day: updates released on or after it are not in scope
 */
public record SourceScope(
        String collectionId,
        List<String> articleIds,
        List<String> bulletinIds,
        String hostPattern,
        Integer minSeverity,
        boolean serversOnly,
        Instant asOfEnd) {

    private static final Pattern COLLECTION = Pattern.compile("[A-Z0-9]{8}");
    private static final Pattern ARTICLE = Pattern.compile("[0-9]{1,12}");
    private static final Pattern BULLETIN = Pattern.compile("[A-Z0-9][A-Z0-9._-]{0,63}");
    private static final Pattern KEY_SAFE = Pattern.compile("[A-Za-z0-9.-]");
    private static final int MAX_PATTERN_LENGTH = 256;
    private static final int MAX_KEY_LENGTH = 100;
    private static final Map<Integer, String> SEVERITY_NAMES = Map.of(
            2, "low", 6, "moderate", 8, "important", 10, "critical");

    public SourceScope {
        collectionId = normaliseCollection(collectionId);
        articleIds = normaliseArticles(articleIds);
        bulletinIds = normaliseBulletins(bulletinIds);
        hostPattern = normaliseHostPattern(hostPattern);
        if (minSeverity != null && minSeverity == 0) {
            minSeverity = null;
        }
        if (minSeverity != null && !SEVERITY_NAMES.containsKey(minSeverity)) {
            throw new IllegalArgumentException("patchproof.scope.min-severity: " + minSeverity
                    + " is not a severity code; use low (2), moderate (6), important (8) or critical (10)");
        }
        if (asOfEnd == null) {
            throw new IllegalArgumentException("patchproof.as-of: the end of the as-of day is required");
        }
    }

    /** Every host and every update released before {@code asOfEnd}. */
    public static SourceScope all(Instant asOfEnd) {
        return new SourceScope(null, List.of(), List.of(), null, null, false, asOfEnd);
    }

    /**
     * Maps a severity name ({@code low}, {@code moderate}, {@code important}, {@code critical},
     * any case; blank or {@code none} = no limit) to the code {@link #minSeverity()} takes.
     */
    public static Integer severityCode(String name) {
        if (name == null || name.isBlank() || name.trim().equalsIgnoreCase("none")) {
            return null;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return SEVERITY_NAMES.entrySet().stream()
                .filter(e -> e.getValue().equals(wanted))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("patchproof.scope.min-severity: '" + name
                        + "' is not a severity; use low, moderate, important or critical"));
    }

    /**
     * The named parameters of the {@code sql/configmgr} queries. Every value is a scalar
     * ({@link String}, {@link Integer} or {@link LocalDateTime}), so Spring never expands one
     * into a list of placeholders and the statement text is the same for every scope.
     *
     * <ul>
     * <li>{@code collectionId}: CollectionID, {@code ''} = all</li>
     * <li>{@code hostPattern}: a {@code LIKE} pattern with escape character {@code \}
     * ({@code %}, {@code _}, {@code [} and {@code \} of the user's pattern escaped, {@code *} →
     * {@code %}, {@code ?} → {@code _}), {@code '%'} = all</li>
     * <li>{@code serversOnly}: 1 or 0</li>
     * <li>{@code articleIds}, {@code bulletinIds}: {@code ',a,b,'}, {@code ''} = all</li>
     * <li>{@code minSeverity}: severity code, 0 = no limit</li>
     * <li>{@code asOfEnd}: {@code asOfEnd} as a UTC {@link LocalDateTime} (the site stores
     * {@code DatePosted} as a zone-less datetime that stands for UTC)</li>
     * <li>{@code registerCollections}: always {@code ''} here (no collection); the extract puts the
     * exceptions register's CollectionIDs in, {@code ',a,b,'}, for select_register_members.sql</li>
     * </ul>
     */
    public Map<String, Object> toParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("collectionId", collectionId == null ? "" : collectionId);
        p.put("hostPattern", hostPattern == null ? "%" : likePattern(hostPattern));
        p.put("serversOnly", serversOnly ? 1 : 0);
        p.put("articleIds", articleIds.isEmpty() ? "" : "," + String.join(",", articleIds) + ",");
        p.put("bulletinIds", bulletinIds.isEmpty() ? "" : "," + String.join(",", bulletinIds) + ",");
        p.put("minSeverity", minSeverity == null ? 0 : minSeverity);
        p.put("asOfEnd", LocalDateTime.ofInstant(asOfEnd, ZoneOffset.UTC));
        p.put("registerCollections", "");
        return p;
    }

    /**
     * Human text for the workbook and the manifest, e.g. {@code all systems} or
     * {@code collection SMS00001; KB 958644; hosts SRV*; servers only; min severity critical}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (collectionId != null) {
            parts.add("collection " + collectionId);
        }
        if (!articleIds.isEmpty()) {
            parts.add("KB " + String.join(", ", articleIds));
        }
        if (!bulletinIds.isEmpty()) {
            parts.add((bulletinIds.size() == 1 ? "bulletin " : "bulletins ") + String.join(", ", bulletinIds));
        }
        if (hostPattern != null) {
            parts.add("hosts " + hostPattern);
        }
        if (serversOnly) {
            parts.add("servers only");
        }
        if (minSeverity != null) {
            parts.add("min severity " + SEVERITY_NAMES.get(minSeverity));
        }
        return parts.isEmpty() ? "all systems" : String.join("; ", parts);
    }

    /**
     * A short, stable, file-name-safe identity of the scope for the run identity and the output
     * file names: {@code ""} for all systems, else parts such as {@code coll-SMS00001},
     * {@code kb-958644}, {@code bulletin-MS08-067}, {@code hosts-SRV%2A}, {@code servers},
     * {@code sev-critical} joined by {@code _}. Characters outside {@code [A-Za-z0-9.-]} are
     * percent-encoded; the host pattern is upper-cased (matching ignores case). A key longer than
     * 100 characters becomes {@code scope-} and 16 hex digits of its SHA-256.
     * {@code asOfEnd} is not part of it: the as-of date is its own part of the run identity.
     */
    public String key() {
        List<String> parts = new ArrayList<>();
        if (collectionId != null) {
            parts.add("coll-" + collectionId);
        }
        if (!articleIds.isEmpty()) {
            parts.add("kb-" + String.join(".", articleIds));
        }
        if (!bulletinIds.isEmpty()) {
            parts.add("bulletin-" + encode(String.join(".", bulletinIds)));
        }
        if (hostPattern != null) {
            parts.add("hosts-" + encode(hostPattern.toUpperCase(Locale.ROOT)));
        }
        if (serversOnly) {
            parts.add("servers");
        }
        if (minSeverity != null) {
            parts.add("sev-" + SEVERITY_NAMES.get(minSeverity));
        }
        String key = String.join("_", parts);
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        return "scope-" + sha256Hex(key).substring(0, 16);
    }

    /** The {@code LIKE} pattern (escape character {@code \}) for a {@code *}/{@code ?} pattern. */
    static String likePattern(String wildcardPattern) {
        StringBuilder sb = new StringBuilder(wildcardPattern.length() + 8);
        for (int i = 0; i < wildcardPattern.length(); i++) {
            char c = wildcardPattern.charAt(i);
            switch (c) {
                case '*' -> sb.append('%');
                case '?' -> sb.append('_');
                case '%', '_', '[', '\\' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String normaliseCollection(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String id = value.trim().toUpperCase(Locale.ROOT);
        if (!COLLECTION.matcher(id).matches()) {
            throw new IllegalArgumentException("patchproof.scope.collection: '" + value
                    + "' is not a CollectionID; a CollectionID is 8 letters or digits, e.g. SMS00001");
        }
        return id;
    }

    private static List<String> normaliseArticles(List<String> values) {
        TreeSet<String> ids = new TreeSet<>(Comparator.comparingInt(String::length).thenComparing(s -> s));
        for (String entry : split(values)) {
            String id = entry.regionMatches(true, 0, "KB", 0, 2) ? entry.substring(2).trim() : entry;
            if (!ARTICLE.matcher(id).matches()) {
                throw new IllegalArgumentException("patchproof.scope.article: '" + entry
                        + "' is not a KB number; use digits, optionally prefixed KB (KB958644)");
            }
            ids.add(id.replaceFirst("^0+(?=.)", ""));
        }
        return List.copyOf(ids);
    }

    private static List<String> normaliseBulletins(List<String> values) {
        TreeSet<String> ids = new TreeSet<>();
        for (String entry : split(values)) {
            String id = entry.toUpperCase(Locale.ROOT);
            if (!BULLETIN.matcher(id).matches()) {
                throw new IllegalArgumentException("patchproof.scope.bulletin: '" + entry
                        + "' is not a bulletin ID; use letters, digits and '-', e.g. MS08-067");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static String normaliseHostPattern(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String pattern = value.trim();
        if (pattern.chars().allMatch(c -> c == '*')) {
            return null;
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("patchproof.scope.hosts: the pattern is longer than "
                    + MAX_PATTERN_LENGTH + " characters");
        }
        if (pattern.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("patchproof.scope.hosts: the pattern contains a control character");
        }
        return pattern;
    }

    private static List<String> split(List<String> values) {
        List<String> entries = new ArrayList<>();
        if (values == null) {
            return entries;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return entries;
    }

    private static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (b >= 0 && KEY_SAFE.matcher(String.valueOf(c)).matches()) {
                sb.append(c);
            }
            else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
