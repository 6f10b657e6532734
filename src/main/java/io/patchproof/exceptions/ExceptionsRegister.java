package io.patchproof.exceptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The exceptions register as read from its file: where from, the SHA-256 of its bytes, its text
 * (kept with a run, so that a restart and the {@code report} command never read the file again)
 * and every line, validated.
 *
 * <p>The file: UTF-8 (a byte-order mark is allowed), RFC 4180 fields (a field may be quoted, a
 * quote inside a quoted field is doubled; a field never spans lines), a header line
 * {@value #HEADER}, then one exception per line. Blank lines and lines starting with {@code #}
 * are allowed and not counted. Every line is checked before anything runs, and every problem is
 * collected (up to {@value #MAX_ERRORS}, then how many more): a bad line is never skipped.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExceptionsRegister {

    /** The property that names the register file. */
    public static final String PROPERTY = "patchproof.exceptions.file";
    /** Where the register is looked for when {@link #PROPERTY} is not given. */
    public static final String DEFAULT_LOCATION = "config/exceptions.csv";
    public static final String HEADER = "host,update,reason,compensating_control,approver,approved_on,expires_on";
    static final List<String> COLUMNS = List.of(HEADER.split(","));
    static final int MAX_ERRORS = 20;

    static final Pattern COLLECTION_ID = Pattern.compile("[A-Z0-9]{8}");
    static final Pattern KB = Pattern.compile("(?i)(?:KB)?(\\d{4,8})");
    static final Pattern BULLETIN = Pattern.compile("(?i)MS\\d{2}-\\d{3}");
    /** A host name (NetBIOS or DNS characters) with the {@code *} and {@code ?} wildcards. */
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9*?][A-Za-z0-9._$*?-]{0,254}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final String file;
    private final String sha256;
    private final String text;
    private final List<ExceptionLine> lines;

    private ExceptionsRegister(String file, String sha256, String text, List<ExceptionLine> lines) {
        this.file = file;
        this.sha256 = sha256;
        this.text = text;
        this.lines = List.copyOf(lines);
    }

    /** No register: the default file is absent. {@code file} is the location looked at. */
    public static ExceptionsRegister absent(String file) {
        return new ExceptionsRegister(file, null, null, List.of());
    }

    /**
     * Reads the register at {@code location} ({@code classpath:}, {@code file:} or a plain path,
     * relative to the working folder); null or blank = {@link #DEFAULT_LOCATION}.
     *
     * @param explicit whether the location was configured: an explicitly configured file that does
     *                 not exist is an error, the default one being absent means no register
     * @throws ExceptionsFileException naming the file, and every bad line with its column and fix
     */
    public static ExceptionsRegister load(String location, boolean explicit) {
        String where = location == null || location.isBlank() ? DEFAULT_LOCATION : location.trim();
        boolean configured = explicit && location != null && !location.isBlank();
        Resource resource = new DefaultResourceLoader().getResource(where.contains(":") && !where.matches("[A-Za-z]:[\\\\/].*")
                ? where : "file:" + where);
        if (!resource.exists()) {
            if (!configured) {
                return absent(where);
            }
            throw new ExceptionsFileException(PROPERTY + ": " + where + " does not exist; give the register's location"
                    + " (a CSV file with the header " + HEADER + "), or leave " + PROPERTY + " unset to run without one",
                    List.of());
        }
        byte[] bytes;
        try (InputStream in = resource.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ExceptionsFileException(PROPERTY + ": " + where + " cannot be read (" + e.getMessage()
                    + "); check that the file is readable by this user", List.of());
        }
        return parse(where, bytes);
    }

    /**
     * Parses a register's bytes.
     *
     * @param file the register's name as configured, for messages and the manifest
     * @throws ExceptionsFileException when the bytes are not UTF-8 or any line is bad
     */
    public static ExceptionsRegister parse(String file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ExceptionsFileException(PROPERTY + ": " + file + " is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in"
                    + " Excel)", List.of());
        }
        return parse(file, sha256(bytes), text);
    }

    /** Parses a register kept with a run: its text as read and the SHA-256 of its bytes then. */
    public static ExceptionsRegister parse(String file, String sha256, String text) {
        if (sha256 == null) {
            return absent(file);
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> errors = new ArrayList<>();
        List<ExceptionLine> lines = new ArrayList<>();
        String[] raw = body.split("\r\n|\n|\r", -1);
        boolean header = false;
        for (int i = 0; i < raw.length; i++) {
            int number = i + 1;
            String line = raw[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields == null) {
                errors.add("line " + number + ": a quoted field is not closed on its line (unbalanced \"); close the quote,"
                        + " and write a quote inside a quoted field as \"\"");
                if (!header) {
                    header = true;
                }
                continue;
            }
            if (!header) {
                header = true;
                List<String> names = fields.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
                if (!names.equals(COLUMNS)) {
                    errors.add("line " + number + ": the header is '" + line.strip() + "'; the first line that is not a"
                            + " comment must be exactly " + HEADER);
                }
                continue;
            }
            if (fields.size() != COLUMNS.size()) {
                errors.add("line " + number + ": " + fields.size() + " columns, " + COLUMNS.size() + " expected ("
                        + HEADER + "); quote a field that holds a comma (\"a, b\")");
                continue;
            }
            ExceptionLine parsed = line(number, fields, errors);
            if (parsed != null) {
                lines.add(parsed);
            }
        }
        if (!header) {
            errors.add("line 1: the file has no header; its first line must be " + HEADER);
        }
        duplicates(lines, errors);
        if (!errors.isEmpty()) {
            throw new ExceptionsFileException(summary(file, errors), errors);
        }
        return new ExceptionsRegister(file, sha256, text, lines);
    }

    private static String summary(String file, List<String> errors) {
        StringBuilder b = new StringBuilder(PROPERTY + ": " + file + " has " + errors.size() + " problem"
                + (errors.size() == 1 ? "" : "s") + "; nothing was run. Correct the register and run again:");
        for (int i = 0; i < Math.min(MAX_ERRORS, errors.size()); i++) {
            b.append(System.lineSeparator()).append("  ").append(errors.get(i));
        }
        if (errors.size() > MAX_ERRORS) {
            b.append(System.lineSeparator()).append("  ... and ").append(errors.size() - MAX_ERRORS).append(" more");
        }
        return b.toString();
    }

    private static ExceptionLine line(int number, List<String> raw, List<String> errors) {
        List<String> f = raw.stream().map(String::strip).toList();
        int before = errors.size();
        for (String required : List.of("host", "update", "reason", "approver", "approved_on", "expires_on")) {
            if (f.get(COLUMNS.indexOf(required)).isEmpty()) {
                errors.add(at(number, required) + "is empty; " + fix(required));
            }
        }
        String host = f.get(0);
        if (!host.isEmpty()) {
            host = host(number, host, errors);
        }
        String update = f.get(1);
        if (!update.isEmpty()) {
            update = update(number, update, errors);
        }
        LocalDate approved = f.get(5).isEmpty() ? null : date(number, "approved_on", f.get(5), errors);
        LocalDate expires = f.get(6).isEmpty() ? null : date(number, "expires_on", f.get(6), errors);
        if (approved != null && expires != null && expires.isBefore(approved)) {
            errors.add(at(number, "expires_on") + expires + " is before approved_on " + approved
                    + "; an exception expires on or after the day it is approved: correct either date");
        }
        if ("*".equals(host) && "*".equals(update)) {
            errors.add(at(number, "host") + "'*' with update '*' would exempt every host from every update; an auditor"
                    + " would not accept it: name the hosts (a pattern or collection:<CollectionID>) or the update");
        }
        if (errors.size() > before) {
            return null;
        }
        return new ExceptionLine(number, host, update, f.get(2), f.get(3), f.get(4), approved, expires);
    }

    private static String host(int number, String host, List<String> errors) {
        if (host.regionMatches(true, 0, "collection:", 0, "collection:".length())) {
            String id = host.substring("collection:".length()).strip().toUpperCase(Locale.ROOT);
            if (!COLLECTION_ID.matcher(id).matches()) {
                errors.add(at(number, "host") + "'" + host + "' is not a CollectionID; write collection: and the 8 letters"
                        + " or digits of the CollectionID (collection:SMS00001)");
                return host;
            }
            return "collection:" + id;
        }
        if (!HOST.matcher(host).matches()) {
            errors.add(at(number, "host") + "'" + host + "' is not a host name; give a name (SRV-DB01), a pattern with *"
                    + " and ? (SRV-DB*) or collection:<CollectionID>");
        }
        return host;
    }

    private static String update(int number, String update, List<String> errors) {
        if (update.equals("*")) {
            return update;
        }
        if (KB.matcher(update).matches()) {
            return "KB" + update.replaceFirst("(?i)^KB", "");
        }
        if (BULLETIN.matcher(update).matches()) {
            return update.toUpperCase(Locale.ROOT);
        }
        errors.add(at(number, "update") + "'" + update + "' is not a KB number or bulletin ID; give a KB number (958644"
                + " or KB958644), a bulletin ID (MS08-067) or * for every update");
        return update;
    }

    private static LocalDate date(int number, String column, String value, List<String> errors) {
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            errors.add(at(number, column) + "'" + value + "' is not a date; write it as yyyy-MM-dd (2026-12-31)");
            return null;
        }
    }

    private static String at(int number, String column) {
        return "line " + number + ", column " + column + ": ";
    }

    private static String fix(String column) {
        return switch (column) {
            case "host" -> "give a host name, a pattern with * and ?, or collection:<CollectionID>";
            case "update" -> "give a KB number, a bulletin ID or *";
            case "reason" -> "say why the update is accepted as not in effect";
            case "approver" -> "name who approved the exception";
            default -> "give the date as yyyy-MM-dd";
        };
    }

    /**
     * Two lines for the same host and update whose dates overlap: either would decide, so the
     * register would say two things about one pair. A renewal (a new line after the old one's
     * expiry) is not a duplicate.
     */
    private static void duplicates(List<ExceptionLine> lines, List<String> errors) {
        for (int j = 1; j < lines.size(); j++) {
            ExceptionLine b = lines.get(j);
            for (int i = 0; i < j; i++) {
                ExceptionLine a = lines.get(i);
                if (a.host().equalsIgnoreCase(b.host()) && a.update().equalsIgnoreCase(b.update())
                        && !a.expiresOn().isBefore(b.approvedOn()) && !b.expiresOn().isBefore(a.approvedOn())) {
                    errors.add("line " + b.lineNumber() + ": duplicates line " + a.lineNumber() + " (host " + b.host()
                            + ", update " + b.update() + ", overlapping dates); remove one, or end the older one before"
                            + " the newer one is approved");
                    break;
                }
            }
        }
    }

    /** The RFC 4180 fields of one line; null when a quoted field does not close on it. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            // leading blanks before an opening quote are allowed
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        return null;
                    }
                    if (line.charAt(i) != ' ') {
                        field.append(line.charAt(i));
                    }
                    i++;
                }
            } else {
                i = start;
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        return null;
                    }
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The register's location as configured (or looked at, when absent). */
    public String file() {
        return file;
    }

    /** The file name without its folder, for text that must not name a machine's folders. */
    public String fileName() {
        return fileNameOf(file);
    }

    /** A register's location without its folders ({@code exceptions.csv}), as findings and sheets name it. */
    static String fileNameOf(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }

    /** The SHA-256 of the file's bytes, lower-case hex; null when there is no register. */
    public String sha256() {
        return sha256;
    }

    /** The text as read; null when there is no register. */
    public String text() {
        return text;
    }

    public boolean present() {
        return sha256 != null;
    }

    /** Every exception line, in file order. */
    public List<ExceptionLine> lines() {
        return lines;
    }

    /** The CollectionIDs that {@code collection:} lines name, sorted. */
    public Set<String> collectionIds() {
        Set<String> ids = new TreeSet<>();
        for (ExceptionLine l : lines) {
            if (l.host().startsWith("collection:")) {
                ids.add(l.host().substring("collection:".length()));
            }
        }
        return ids;
    }

    /** A line's standing on {@code asOf}. */
    public static ExceptionState state(ExceptionLine line, LocalDate asOf) {
        if (line.approvedOn().isAfter(asOf)) {
            return ExceptionState.NOT_YET_APPROVED;
        }
        return line.expiresOn().isBefore(asOf) ? ExceptionState.EXPIRED : ExceptionState.ACTIVE;
    }
}
