package io.patchproof.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static rules for the SQL files: the T-SQL subset that runs unchanged on SQL Server and on H2 in
 * {@code MODE=MSSQLServer} (design.md, "SQL that runs on both"), one read-only statement over
 * {@code v_*} views, and a header comment that lists exactly the parameters used.
 *
 * <p>It works on tokens (comments and string literals are never matched), so a rule does not
 * fire on a word inside a comment or a quoted value. A green lint does not prove the SQL runs on
 * SQL Server; it catches the constructs known to break one of the two.
 */
final class SqlDialectLint {

    private static final Map<String, String> FORBIDDEN_WORDS = Map.ofEntries(
            Map.entry("INSERT", "writes are not allowed: one read-only SELECT"),
            Map.entry("UPDATE", "writes are not allowed: one read-only SELECT"),
            Map.entry("DELETE", "writes are not allowed: one read-only SELECT"),
            Map.entry("MERGE", "writes are not allowed: one read-only SELECT"),
            Map.entry("TRUNCATE", "writes are not allowed: one read-only SELECT"),
            Map.entry("DROP", "DDL is not allowed: one read-only SELECT"),
            Map.entry("CREATE", "DDL is not allowed: one read-only SELECT"),
            Map.entry("ALTER", "DDL is not allowed: one read-only SELECT"),
            Map.entry("GRANT", "DCL is not allowed: one read-only SELECT"),
            Map.entry("REVOKE", "DCL is not allowed: one read-only SELECT"),
            Map.entry("EXEC", "procedures are not allowed: one read-only SELECT"),
            Map.entry("EXECUTE", "procedures are not allowed: one read-only SELECT"),
            Map.entry("INTO", "SELECT INTO creates a table (and fails on H2)"),
            Map.entry("SET", "SET is a batch statement (SET NOCOUNT fails on H2): one SELECT only"),
            Map.entry("DECLARE", "DECLARE fails on H2: bind a parameter instead"),
            Map.entry("OPTION", "OPTION (...) query hints fail on H2"),
            Map.entry("GO", "GO separates batches: one statement per file"),
            Map.entry("APPLY", "CROSS/OUTER APPLY fails on H2: use ROW_NUMBER() OVER (...)"),
            Map.entry("PIVOT", "PIVOT fails on H2"),
            Map.entry("UNPIVOT", "UNPIVOT fails on H2"),
            Map.entry("LIMIT", "LIMIT is not T-SQL: use TOP"),
            Map.entry("TRUE", "TRUE is not a T-SQL literal: compare with 1"),
            Map.entry("FALSE", "FALSE is not a T-SQL literal: compare with 0"),
            Map.entry("RECURSIVE", "WITH RECURSIVE is not T-SQL"),
            Map.entry("ILIKE", "ILIKE is not T-SQL"),
            Map.entry("QUALIFY", "QUALIFY is not T-SQL"),
            Map.entry("CURRENT_TIMESTAMP", "the current time must be a bound parameter"),
            Map.entry("CURRENT_DATE", "the current date must be a bound parameter"));

    private static final Map<String, String> FORBIDDEN_FUNCTIONS = Map.ofEntries(
            Map.entry("GETDATE", "GETDATE(): now must be a bound parameter"),
            Map.entry("GETUTCDATE", "GETUTCDATE() fails on H2: now must be a bound parameter"),
            Map.entry("SYSDATETIME", "SYSDATETIME(): now must be a bound parameter"),
            Map.entry("SYSUTCDATETIME", "SYSUTCDATETIME() fails on H2: now must be a bound parameter"),
            Map.entry("SYSDATETIMEOFFSET", "SYSDATETIMEOFFSET(): now must be a bound parameter"),
            Map.entry("NOW", "NOW() is not T-SQL: now must be a bound parameter"),
            Map.entry("IIF", "IIF fails on H2: use CASE"),
            Map.entry("FORMAT", "FORMAT fails on H2: format in Java"),
            Map.entry("TRY_CONVERT", "TRY_CONVERT fails on H2"),
            Map.entry("TRY_CAST", "TRY_CAST fails on H2"),
            Map.entry("TRY_PARSE", "TRY_PARSE fails on H2"),
            Map.entry("EOMONTH", "EOMONTH fails on H2"));

    private static final Set<String> CLAUSE_WORDS = Set.of("WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL",
            "CROSS", "ON", "GROUP", "ORDER", "HAVING", "UNION", "EXCEPT", "INTERSECT", "WITH", "SELECT", "AND", "OR");

    private static final Set<String> PATTERN_END = Set.of("ESCAPE", "AND", "OR", "THEN", "WHEN", "ELSE", "END",
            "WHERE", "GROUP", "ORDER", "HAVING", "UNION", "JOIN", "LEFT", "INNER", "ON");

    private static final Pattern HEADER_PARAMETER = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

    private SqlDialectLint() {
    }

    /** Every rule the file breaks, each as one line naming the file; empty when the file is clean. */
    static List<String> check(String fileName, String sql) {
        List<String> problems = new ArrayList<>();
        checkHeader(sql, problems);
        checkDeclarations(sql, problems);
        List<Token> tokens;
        try {
            tokens = tokenize(sql);
        }
        catch (IllegalArgumentException ex) {
            problems.add(ex.getMessage());
            return prefixed(fileName, problems);
        }
        checkTokens(tokens, problems);
        return prefixed(fileName, problems);
    }

    private static List<String> prefixed(String fileName, List<String> problems) {
        return problems.stream().map(p -> fileName + ": " + p).toList();
    }

    private static void checkHeader(String sql, List<String> problems) {
        StringBuilder header = new StringBuilder();
        for (String line : sql.split("\\R", -1)) {
            String t = line.strip();
            if (!t.startsWith("--")) {
                break;
            }
            header.append(t.substring(2)).append('\n');
        }
        if (header.isEmpty()) {
            problems.add("no header comment: start with '--' lines naming the query and listing its parameters");
            return;
        }
        if (!header.toString().contains("Parameters:")) {
            problems.add("the header has no 'Parameters:' line (write 'Parameters: none' when there are none)");
        }
        Set<String> listed = new TreeSet<>();
        Matcher m = HEADER_PARAMETER.matcher(header);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> used = new TreeSet<>(SqlFile.scanParameterNames(sql));
        for (String name : used) {
            if (!listed.contains(name)) {
                problems.add("the header does not list :" + name);
            }
        }
        for (String name : listed) {
            if (!used.contains(name)) {
                problems.add("the header lists :" + name + " but the statement does not use it");
            }
        }
        if (used.isEmpty() && !header.toString().contains("Parameters: none")) {
            problems.add("the statement takes no parameters: say 'Parameters: none' in the header");
        }
    }

    /**
     * The header's {@code needs:} and {@code optional:} lists ({@link SqlFile}): well formed, and
     * each optional column referred to in the statement, never inside {@code OVER (...)}, where the
     * {@code NULL} that replaces it on a site without it is a constant SQL Server rejects.
     */
    private static void checkDeclarations(String sql, List<String> problems) {
        List<SqlFile.Column> optional;
        try {
            optional = SqlFile.declarations("", sql).get(1);
        }
        catch (IllegalArgumentException ex) {
            problems.add(ex.getMessage().substring(2));
            return;
        }
        String marker = "optional_column_reference_";
        for (SqlFile.Column c : optional) {
            String marked = SqlFile.replaceReference(sql, c.reference(), marker);
            if (marked.equals(sql)) {
                problems.add("the header's optional column " + c.name() + " is never referred to as '" + c.reference()
                        + "' in the statement");
                continue;
            }
            List<Token> tokens;
            try {
                tokens = tokenize(marked);
            }
            catch (IllegalArgumentException ex) {
                return;
            }
            int overDepth = -1;
            int depth = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.is("(")) {
                    depth++;
                    if (overDepth < 0 && i > 0 && tokens.get(i - 1).isWord("OVER")) {
                        overDepth = depth;
                    }
                }
                else if (t.is(")")) {
                    if (depth == overDepth) {
                        overDepth = -1;
                    }
                    depth--;
                }
                else if (overDepth >= 0 && t.kind == Kind.WORD && t.text.equals(marker)) {
                    problems.add("the optional column " + c.name() + " is used inside OVER (...): a NULL in its place"
                            + " fails on SQL Server; make it needed, or order by something else");
                }
            }
        }
    }

    private static void checkTokens(List<Token> tokens, List<String> problems) {
        Set<String> reported = new LinkedHashSet<>();
        if (tokens.isEmpty()) {
            problems.add("no statement");
            return;
        }
        Token first = tokens.get(0);
        if (!first.isWord("SELECT") && !first.isWord("WITH")) {
            reported.add("the statement must start with SELECT or WITH, not '" + first.text + "'");
        }
        Set<String> cteNames = new HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isName() && tokens.get(i + 1).isWord("AS") && tokens.get(i + 2).is("(")) {
                cteNames.add(tokens.get(i).name().toUpperCase(Locale.ROOT));
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (t.kind) {
                case WORD -> {
                    String upper = t.upper();
                    String reason = FORBIDDEN_WORDS.get(upper);
                    if (reason != null) {
                        reported.add(upper + ": " + reason);
                    }
                    if (next != null && next.is("(") && FORBIDDEN_FUNCTIONS.containsKey(upper)) {
                        reported.add(FORBIDDEN_FUNCTIONS.get(upper));
                    }
                    if (upper.equals("CONVERT") && next != null && next.is("(") && topLevelCommas(tokens, i + 1) >= 2) {
                        reported.add("CONVERT(..., style) fails on H2: CAST, and format dates in Java");
                    }
                    if (upper.equals("FETCH") && next != null && next.isWord("FIRST")) {
                        reported.add("FETCH FIRST is not T-SQL: use TOP (or OFFSET ... FETCH NEXT)");
                    }
                    if (upper.equals("DBO") && next != null && next.is(".")) {
                        reported.add("dbo. prefix fails on H2: name the view alone");
                    }
                    if (upper.equals("TIMESTAMP") && i > 0 && tokens.get(i - 1).is(".")) {
                        reported.add("write [TimeStamp] in brackets: H2 reads TIMESTAMP as a type");
                    }
                    if (upper.equals("LIKE") && parameterPatternWithoutEscape(tokens, i + 1)) {
                        reported.add("LIKE with a parameter in the pattern needs ESCAPE '\\': H2 escapes with a "
                                + "backslash by default, SQL Server does not, so the two would match differently");
                    }
                    if ((upper.equals("FROM") || upper.equals("JOIN")) && next != null) {
                        checkSource(tokens, i + 1, cteNames, reported);
                    }
                }
                case BRACKETED -> {
                    if (t.name().equalsIgnoreCase("dbo") && next != null && next.is(".")) {
                        reported.add("dbo. prefix fails on H2: name the view alone");
                    }
                }
                case SYMBOL -> {
                    switch (t.text) {
                        case ";" -> reported.add("';': one statement per file, without a terminator");
                        case "||" -> reported.add("'||' is H2 concatenation: use +");
                        case "::" -> reported.add("'::' is a PostgreSQL/H2 cast: use CAST");
                        case "@" -> reported.add("'@' variables need DECLARE: bind a :parameter");
                        case "#" -> reported.add("'#' temporary tables are not allowed: one SELECT");
                        case "&" -> reported.add("'&': Spring reads &name as a parameter; test bits in Java");
                        case "?" -> reported.add("'?': use :named parameters");
                        default -> {
                        }
                    }
                }
                case QUOTED -> reported.add("\"" + t.text + "\": double-quoted identifiers depend on "
                        + "QUOTED_IDENTIFIER; use [brackets]");
                default -> {
                }
            }
        }
        problems.addAll(reported);
    }

    /** What follows FROM or JOIN: a subquery, a CTE name or a v_* view, alone and unqualified. */
    private static void checkSource(List<Token> tokens, int at, Set<String> cteNames, Set<String> reported) {
        Token source = tokens.get(at);
        if (source.is("(")) {
            return;
        }
        if (!source.isName()) {
            reported.add("FROM/JOIN must name a view: found '" + source.text + "'");
            return;
        }
        int i = at + 1;
        if (i < tokens.size() && tokens.get(i).is(".")) {
            reported.add("'" + source.text + ".': schema-qualified names fail on H2; name the v_* view alone");
            return;
        }
        String name = source.name();
        if (!name.toLowerCase(Locale.ROOT).startsWith("v_") && !cteNames.contains(name.toUpperCase(Locale.ROOT))) {
            reported.add("reads '" + name + "': only v_* views (and CTEs) may be read, never base tables");
        }
        if (i < tokens.size() && tokens.get(i).isWord("AS")) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).isName() && !CLAUSE_WORDS.contains(tokens.get(i).upper())) {
            i++;
        }
        if (i + 1 < tokens.size() && tokens.get(i).isWord("WITH") && tokens.get(i + 1).is("(")) {
            int depth = 0;
            do {
                if (tokens.get(i).is("(")) {
                    depth++;
                }
                else if (tokens.get(i).is(")")) {
                    depth--;
                }
                i++;
            }
            while (i < tokens.size() && depth > 0);
        }
        if (i < tokens.size() && tokens.get(i).is(",")) {
            reported.add("comma-separated FROM list after '" + name + "': use JOIN ... ON");
        }
    }

    /** Whether the pattern after LIKE contains a :parameter and no ESCAPE clause follows it. */
    private static boolean parameterPatternWithoutEscape(List<Token> tokens, int start) {
        int depth = 0;
        boolean parameter = false;
        for (int i = start; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            }
            else if (t.is(")")) {
                if (--depth < 0) {
                    break;
                }
            }
            else if (depth == 0 && t.kind == Kind.WORD && PATTERN_END.contains(t.upper())) {
                if (t.upper().equals("ESCAPE")) {
                    return false;
                }
                break;
            }
            else if (t.kind == Kind.PARAMETER) {
                parameter = true;
            }
        }
        return parameter;
    }

    private static int topLevelCommas(List<Token> tokens, int openParen) {
        int depth = 0;
        int commas = 0;
        for (int i = openParen; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            }
            else if (t.is(")")) {
                if (--depth == 0) {
                    break;
                }
            }
            else if (t.is(",") && depth == 1) {
                commas++;
            }
        }
        return commas;
    }

    // ---------------------------------------------------------------------------------------

    enum Kind { WORD, BRACKETED, QUOTED, STRING, NUMBER, PARAMETER, SYMBOL }

    record Token(Kind kind, String text) {

        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.BRACKETED;
        }

        String name() {
            return kind == Kind.BRACKETED ? text.substring(1, text.length() - 1) : text;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            }
            else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated /* comment");
                }
                i = end + 2;
            }
            else if (c == '\'' || ((c == 'N' || c == 'n') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
                int j = c == '\'' ? i + 1 : i + 2;
                while (true) {
                    if (j >= n) {
                        throw new IllegalArgumentException("unterminated string literal");
                    }
                    if (sql.charAt(j) == '\'') {
                        if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                tokens.add(new Token(Kind.STRING, sql.substring(i, j + 1)));
                i = j + 1;
            }
            else if (c == '[') {
                int end = sql.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated [identifier]");
                }
                tokens.add(new Token(Kind.BRACKETED, sql.substring(i, end + 1)));
                i = end + 1;
            }
            else if (c == '"' || c == '`') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quoted identifier");
                }
                tokens.add(new Token(Kind.QUOTED, sql.substring(i, end + 1)));
                i = end + 1;
            }
            else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.PARAMETER, sql.substring(i, j)));
                i = j;
            }
            else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            }
            else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, j)));
                i = j;
            }
            else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("||") || two.equals("::") || two.equals("<>") || two.equals("<=") || two.equals(">=")
                        || two.equals("!=")) {
                    tokens.add(new Token(Kind.SYMBOL, two));
                    i += 2;
                }
                else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        return tokens;
    }
}
