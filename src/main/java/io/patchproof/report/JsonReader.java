package io.patchproof.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for the JSON that {@link JsonWriter} writes (and any other RFC 8259 text):
 * objects become ordered maps, arrays lists, integers {@code Long}, other numbers {@code Double},
 * plus {@code String}, {@code Boolean} and {@code null}. Anything malformed (a trailing comma, a
 * duplicate key, an unescaped control character, text after the value) is refused with a
 * {@link Malformed} naming the line and column. No JSON library comes with the starters in use,
 * and a manifest needs nothing more. Stateless entry point; thread-safe. Public because the tests of
 * other packages read the manifests they check with this same reader.
 */
public final class JsonReader {

    /** Deeper nesting than any manifest has: refused rather than risk the stack. */
    private static final int MAX_DEPTH = 64;

    private final String s;
    private int i;
    private int depth;

    private JsonReader(String s) {
        this.s = s;
    }

    /** Why a text is not JSON, and where. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * @throws Malformed when the text is not one JSON value
     */
    public static Object parse(String json) {
        JsonReader reader = new JsonReader(json);
        reader.whitespace();
        Object value = reader.value();
        reader.whitespace();
        if (reader.i != json.length()) {
            throw reader.error("text after the end of the JSON value");
        }
        return value;
    }

    private Object value() {
        if (i >= s.length()) {
            throw error("the text ends where a value should be");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + printable(c) + "' where a value should be");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        whitespace();
        if (peek() == '}') {
            i++;
            depth--;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            whitespace();
            if (peek() != '"') {
                throw error("expected a quoted member name");
            }
            int at = i;
            String name = string();
            whitespace();
            expect(':');
            whitespace();
            Object value = value();
            if (map.containsKey(name)) {
                i = at;
                throw error("the member \"" + name + "\" appears twice");
            }
            map.put(name, value);
            whitespace();
            char c = peek();
            i++;
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                i--;
                throw error("expected ',' or '}' after a member");
            }
        }
    }

    private List<Object> array() {
        enter();
        i++;
        List<Object> list = new ArrayList<>();
        whitespace();
        if (peek() == ']') {
            i++;
            depth--;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            whitespace();
            list.add(value());
            whitespace();
            char c = peek();
            i++;
            if (c == ']') {
                depth--;
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                i--;
                throw error("expected ',' or ']' after an element");
            }
        }
    }

    private String string() {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("a string is not closed");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                i--;
                throw error("a control character inside a string must be escaped");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("a string is not closed");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case '/' -> b.append('/');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(s.charAt(i + k), 16);
                        if (digit < 0) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    i += 4;
                    b.append((char) code);
                }
                default -> {
                    i--;
                    throw error("'\\" + printable(e) + "' is not a JSON escape");
                }
            }
        }
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                i++;
            }
        } else {
            throw error("a number needs a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            i++;
            if (!isDigit(peek())) {
                throw error("a number needs a digit after '.'");
            }
            while (isDigit(peek())) {
                i++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs a digit in its exponent");
            }
            while (isDigit(peek())) {
                i++;
            }
        }
        String text = s.substring(start, i);
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                i = start;
                throw error("the number " + text + " is too large");
            }
        }
        return Double.parseDouble(text);
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw error("unexpected '" + printable(s.charAt(i)) + "' where a value should be");
        }
        i += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    /** The next character, or NUL at the end (which no valid position holds). */
    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void whitespace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Malformed error(String what) {
        int line = 1;
        int column = 1;
        for (int k = 0; k < Math.min(i, s.length()); k++) {
            if (s.charAt(k) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Malformed(what + " (line " + line + ", column " + column + ")");
    }
}
