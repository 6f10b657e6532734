package io.patchproof.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a statement as it was sent to the site database (placeholders already {@code ?}) and
 * says whether it is one read-only SELECT over {@code v_*} views, and which views it reads. Used
 * on what the source tap recorded during whole runs; built on {@link SqlDialectLint}'s tokenizer,
 * so comments and string literals never count.
 */
final class SentStatements {

    private static final Set<String> WRITES_AND_BATCH_WORDS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "TRUNCATE",
            "DROP", "CREATE", "ALTER", "GRANT", "REVOKE", "DENY", "EXEC", "EXECUTE", "CALL", "INTO", "SET", "DECLARE",
            "OPENROWSET", "OPENQUERY", "OPENDATASOURCE", "BULK", "BACKUP", "RESTORE", "SHUTDOWN", "KILL", "DBCC",
            "WAITFOR", "RECONFIGURE", "USE", "GO");

    private SentStatements() {
    }

    /** Why the statement is not a plain SELECT over views; empty when it is one. */
    static List<String> problems(String sql) {
        List<String> problems = new ArrayList<>();
        List<SqlDialectLint.Token> tokens = SqlDialectLint.tokenize(sql);
        if (tokens.isEmpty() || !(tokens.get(0).isWord("SELECT") || tokens.get(0).isWord("WITH"))) {
            problems.add("does not start with SELECT or WITH");
        }
        Set<String> ctes = cteNames(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            SqlDialectLint.Token t = tokens.get(i);
            if (t.is(";")) {
                problems.add("more than one statement");
            }
            if (t.kind() == SqlDialectLint.Kind.WORD && WRITES_AND_BATCH_WORDS.contains(t.upper())) {
                problems.add("contains " + t.upper());
            }
            if ((t.isWord("FROM") || t.isWord("JOIN")) && i + 1 < tokens.size()) {
                SqlDialectLint.Token source = tokens.get(i + 1);
                boolean qualified = i + 2 < tokens.size() && tokens.get(i + 2).is(".");
                if (source.is("(")) {
                    continue;
                }
                if (!source.isName() || qualified) {
                    problems.add("reads something that is not a plain name after " + t.upper());
                } else if (!isView(source.name()) && !ctes.contains(source.name().toUpperCase(Locale.ROOT))) {
                    problems.add("reads " + source.name() + ", which is not a v_* view");
                }
            }
        }
        return problems;
    }

    /** The v_* views a statement reads. */
    static Set<String> views(String sql) {
        List<SqlDialectLint.Token> tokens = SqlDialectLint.tokenize(sql);
        Set<String> views = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if ((tokens.get(i).isWord("FROM") || tokens.get(i).isWord("JOIN")) && tokens.get(i + 1).isName()
                    && isView(tokens.get(i + 1).name())) {
                views.add(tokens.get(i + 1).name());
            }
        }
        return views;
    }

    private static boolean isView(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("v_");
    }

    private static Set<String> cteNames(List<SqlDialectLint.Token> tokens) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isName() && tokens.get(i + 1).isWord("AS") && tokens.get(i + 2).is("(")) {
                names.add(tokens.get(i).name().toUpperCase(Locale.ROOT));
            }
        }
        return names;
    }
}
