package io.patchproof.report;

import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The completeness checks a report carries: every row read has exactly one verdict, and what
 * the files list equals what was counted. The Summary shows them; the manifest records them and
 * refuses to be written when one fails.
 */
final class CountChecks {

    private CountChecks() {
    }

    /** One equation; {@code expected} is the side that was counted first. */
    record Check(String name, long expected, long actual) {
        boolean holds() {
            return expected == actual;
        }

        String describe() {
            return String.format(Locale.ROOT, "%s: %d %s %d", name, expected, holds() ? "=" : "\u2260", actual);
        }
    }

    static long count(Metrics metrics, Verdict verdict) {
        Map<Verdict, Long> counts = metrics.verdictCounts();
        Long n = counts == null ? null : counts.get(verdict);
        return n == null ? 0 : n;
    }

    static long outOfScope(Metrics metrics) {
        return count(metrics, Verdict.OUT_OF_SCOPE);
    }

    /** Σ of the verdicts that are findings (all but OUT_OF_SCOPE). */
    static long inScope(Metrics metrics) {
        long sum = 0;
        for (Verdict v : Verdict.values()) {
            if (v.inScope()) {
                sum += count(metrics, v);
            }
        }
        return sum;
    }

    static long outOfScopeByReasons(Metrics metrics) {
        return metrics.outOfScopeReasons() == null ? 0
                : metrics.outOfScopeReasons().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The checks that need only the figures. */
    static List<Check> ofMetrics(Metrics metrics) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("rows read = out of scope + \u03a3 verdicts in scope",
                metrics.rowsRead(), outOfScope(metrics) + inScope(metrics)));
        checks.add(new Check("out of scope = \u03a3 out-of-scope reasons",
                outOfScope(metrics), outOfScopeByReasons(metrics)));
        return checks;
    }

    /**
     * Adds the checks that compare the written files with the figures: the CSV for every profile;
     * the sheets that list the findings one by one only where the profile's workbook has them
     * ({@link ReportProfile#listsSheetFindings()}).
     */
    static List<Check> ofReport(Metrics metrics, WorkbookStats workbook, long csvRows, ReportProfile profile) {
        List<Check> checks = new ArrayList<>(ofMetrics(metrics));
        checks.add(new Check("findings.csv rows = \u03a3 verdicts in scope", inScope(metrics), csvRows));
        if (profile == ReportProfile.AUDIT) {
            checks.add(allFindings(metrics, workbook.rows(AuditLayout.ALL_FINDINGS)));
        }
        if (!profile.listsSheetFindings()) {
            return checks;
        }
        checks.add(new Check("workbook '" + MonthlyLayout.NOT_IN_EFFECT + "' rows = NOT_IN_EFFECT",
                count(metrics, Verdict.NOT_IN_EFFECT), workbook.rows(MonthlyLayout.NOT_IN_EFFECT)));
        checks.add(new Check("workbook '" + MonthlyLayout.MISSING + "' rows = MISSING",
                count(metrics, Verdict.MISSING), workbook.rows(MonthlyLayout.MISSING)));
        return checks;
    }

    /** The audit workbook lists every finding in scope once: its All findings rows, continuation sheets included. */
    static Check allFindings(Metrics metrics, long rows) {
        return new Check("workbook '" + AuditLayout.ALL_FINDINGS + "' rows = \u03a3 verdicts in scope", inScope(metrics), rows);
    }

    static boolean allHold(List<Check> checks) {
        return checks.stream().allMatch(Check::holds);
    }
}
