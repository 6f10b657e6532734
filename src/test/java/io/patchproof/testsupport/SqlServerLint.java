package io.patchproof.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Constructs SQL Server refuses, found in a statement's text: what a lint of the store's SQL for
 * SQL Server looks for, since there is no SQL Server to run it on here. String literals are left
 * out before looking.
 */
public final class SqlServerLint {

    private static final List<Rule> RULES = List.of(
            new Rule("IF NOT EXISTS (SQL Server has it in DROP ... IF EXISTS only)", "\\bIF\\s+NOT\\s+EXISTS\\b"),
            new Rule("ADD COLUMN (SQL Server writes ALTER TABLE t ADD c)", "\\bADD\\s+COLUMN\\b"),
            new Rule("BOOLEAN (SQL Server has BIT)", "\\bBOOLEAN\\b"),
            new Rule("TIMESTAMP (SQL Server's TIMESTAMP is a row version)", "\\bTIMESTAMP\\b"),
            new Rule("VARCHAR without a length (one character on SQL Server)", "\\bN?VARCHAR\\b(?!\\s*\\()"),
            new Rule("LIMIT", "\\bLIMIT\\b"),
            new Rule("FETCH FIRST (SQL Server has OFFSET ... FETCH NEXT)", "\\bFETCH\\s+FIRST\\b"),
            new Rule("a TRUE/FALSE literal (SQL Server has no boolean literals)", "\\b(TRUE|FALSE)\\b"),
            new Rule("MERGE", "\\bMERGE\\b"),
            new Rule("|| concatenation (SQL Server concatenates with + or CONCAT)", "\\|\\|"),
            new Rule("GENERATED ... AS IDENTITY (SQL Server has IDENTITY(1,1))", "\\bGENERATED\\b"));

    private static final Pattern LENGTH = Pattern.compile("(?i)\\b(N?)VARCHAR\\s*\\(\\s*(\\d+)\\s*\\)");

    private SqlServerLint() {
    }

    /** What SQL Server would refuse in {@code sql}, one line each; empty when nothing. */
    public static List<String> problems(String sql) {
        String text = sql.replaceAll("'[^']*'", "''");
        List<String> found = new ArrayList<>();
        for (Rule r : RULES) {
            if (r.pattern().matcher(text).find()) {
                found.add(r.what());
            }
        }
        Matcher m = LENGTH.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            long max = m.group(1).isEmpty() ? 8000 : 4000;
            if (n > max) {
                found.add(m.group() + ": above SQL Server's " + max + " (use MAX)");
            }
        }
        return found;
    }

    private record Rule(String what, Pattern pattern) {
        Rule(String what, String regex) {
            this(what, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }
    }
}
