package io.patchproof.report;

import io.patchproof.exceptions.ExceptionState;
import io.patchproof.exceptions.ExceptionUse;
import io.patchproof.exceptions.ExceptionsRead;
import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Metrics;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The values behind the audit template's placeholders: every monthly placeholder
 * ({@link SummaryValues}: figures, verdict counts, run, freshness) and the audit's own (the
 * register, the template's hash, how the source was read, the counts that must add up), and the
 * rows of its regions (SQL files, settings, checks, data-quality counts).
 */
final class AuditValues {

    /** What the Evidence sheet says about protection; also the test's reference. */
    static final String PROTECTION = "Every sheet of this workbook is protected against accidental edits (cells locked,"
            + " sheets cannot be added, removed, renamed or moved), and no password is set: it opens and reads as any"
            + " workbook, filters work, and anyone can lift the protection on purpose (Excel: Review > Unprotect Sheet,"
            + " and Review > Protect Workbook to unlock the structure; no password is asked). Protection is not proof"
            + " of integrity: the SHA-256 of this file in the manifest beside it is.";

    static final String NO_REGISTER = "No exceptions register was read: no host update is EXEMPT, and every figure with"
            + " exceptions equals the figure without.";

    /** What a value is worked out from. */
    record Context(RunDescription run, Supplier<Metrics> metrics, ReportTemplate template, ExceptionsRead exceptions,
                   Supplier<Long> allFindingsRows) {

        ComplianceFigures overall() {
            return MonthlyLayout.figuresOf(metrics.get().overall());
        }
    }

    private static final Map<String, Function<Context, Object>> DEFINITIONS = definitions();

    private AuditValues() {
    }

    /** Every fixed placeholder name an audit template may use. */
    static Set<String> names() {
        Set<String> names = new LinkedHashSet<>(SummaryValues.names());
        names.addAll(DEFINITIONS.keySet());
        return Collections.unmodifiableSet(names);
    }

    /** The fixed values, each worked out when first read (the metrics only by a placeholder that needs them). */
    static Map<String, Object> lazy(Map<String, Object> monthly, Context context) {
        Map<String, Object> cache = new HashMap<>();
        return new AbstractMap<>() {
            @Override
            public Object get(Object key) {
                Function<Context, Object> f = DEFINITIONS.get(key);
                if (f == null) {
                    return monthly.get(key);
                }
                if (!cache.containsKey(key)) {
                    cache.put((String) key, f.apply(context));
                }
                return cache.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return DEFINITIONS.containsKey(key) || monthly.containsKey(key);
            }

            @Override
            public Set<Map.Entry<String, Object>> entrySet() {
                Map<String, Object> all = new LinkedHashMap<>();
                names().forEach(name -> all.put(name, get(name)));
                return all.entrySet();
            }
        };
    }

    private static Map<String, Function<Context, Object>> definitions() {
        Map<String, Function<Context, Object>> m = new LinkedHashMap<>();
        m.put("site", c -> c.run().site());
        m.put("siteIdentifiedBy", c -> c.run().siteIdentifiedBy());
        m.put("sourceServer", c -> c.run().sourceServer());
        m.put("sourceDatabase", c -> c.run().sourceDatabase());
        m.put("siteCode", c -> blank(c.run().siteCode()) ? "none read" : c.run().siteCode());
        m.put("sourceLogin", c -> blank(c.run().sourceLogin()) ? "integrated authentication or none given" : c.run().sourceLogin());
        m.put("sourceUrl", c -> ManifestWriter.redactUrl(c.run().sourceUrl()));
        m.put("schemaProfile", c -> c.run().schemaProfile());
        m.put("schemaReason", c -> c.run().schemaReason());
        m.put("jobInstanceId", c -> c.run().jobInstanceId());
        m.put("jobExecutionId", c -> c.run().jobExecutionId());
        m.put("snapshotId", c -> c.run().snapshotId() == null ? "not named" : c.run().snapshotId());
        m.put("renderedFrom", c -> c.run().renderedFromProfile() == null ? "published by the run itself"
                : "rendered afterwards from the kept snapshot of the " + c.run().renderedFromProfile()
                        + " run, without reading the site database again");
        m.put("readVsAsOf", AuditValues::readVsAsOf);
        m.put("templateLocation", c -> c.template().location());
        m.put("templateSha256", c -> c.template().sha256());
        m.put("exceptionsFile", c -> c.exceptions().present() ? c.exceptions().file() : "none read");
        m.put("exceptionsSha256", c -> c.exceptions().present() ? c.exceptions().sha256() : "none: no register was read");
        m.put("exceptionsNote", AuditValues::exceptionsNote);
        m.put("exceptionLines", c -> (long) c.exceptions().uses().size());
        m.put("exceptionsActive", c -> count(c.exceptions(), ExceptionState.ACTIVE));
        m.put("exceptionsExpired", c -> count(c.exceptions(), ExceptionState.EXPIRED));
        m.put("exceptionsNotYetApproved", c -> count(c.exceptions(), ExceptionState.NOT_YET_APPROVED));
        m.put("exceptionsUnused", c -> c.exceptions().uses().stream().filter(ExceptionUse::unused).count());
        m.put("reportedInstalledOrExempt", c -> c.overall().reportedInstalledOrExempt());
        m.put("inEffectOrExempt", c -> c.overall().inEffect() + c.overall().exempt());
        m.put("gapWithExceptions", c -> c.overall().applicable() == 0 ? SummaryValues.NOT_APPLICABLE
                : new Values.Points(c.overall().reportedWithExceptionsPct() - c.overall().effectiveWithExceptionsPct()));
        m.put("reconcileEquation", c -> reconcileEquation(c.metrics().get()));
        m.put("allFindingsRows", c -> c.allFindingsRows().get());
        m.put("protection", c -> PROTECTION);
        return Collections.unmodifiableMap(m);
    }

    private static long count(ExceptionsRead read, ExceptionState state) {
        return read.uses().stream().filter(u -> u.state() == state).count();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** "1,234 = 200 out of scope + 1,034 in scope: yes" — the sentence that shows nothing was dropped. */
    static String reconcileEquation(Metrics metrics) {
        long read = metrics.rowsRead();
        long out = CountChecks.outOfScope(metrics);
        long in = CountChecks.inScope(metrics);
        return String.format(Locale.ROOT, "%,d rows read = %,d out of scope + %,d in scope (\u03a3 verdicts): %s", read,
                out, in, read == out + in ? "they add up" : "they do NOT add up, " + (read - out - in) + " unaccounted");
    }

    private static String readVsAsOf(Context c) {
        RunDescription run = c.run();
        if (run.sourceReadAt() == null || run.asOf() == null) {
            return "read time unknown";
        }
        long days = ChronoUnit.DAYS.between(run.asOf(), run.sourceReadAt().atOffset(ZoneOffset.UTC).toLocalDate());
        if (days == 0) {
            return "read on the as-of date";
        }
        String n = String.format(Locale.ROOT, "%,d day%s", Math.abs(days), Math.abs(days) == 1 ? "" : "s");
        return days > 0 ? "read " + n + " after the as-of date (the site database holds the current state only)"
                : "read " + n + " before the as-of date";
    }

    private static String exceptionsNote(Context c) {
        ExceptionsRead read = c.exceptions();
        if (!read.present()) {
            return NO_REGISTER;
        }
        List<ExceptionUse> uses = read.uses();
        if (uses.isEmpty()) {
            return "The register holds no exception line: no host update is EXEMPT.";
        }
        long active = count(read, ExceptionState.ACTIVE);
        long unused = uses.stream().filter(ExceptionUse::unused).count();
        long exempt = uses.stream().filter(u -> u.state() == ExceptionState.ACTIVE).mapToLong(ExceptionUse::pairs).sum();
        return String.format(Locale.ROOT, "%,d line%s read: %,d active on %s (%,d of them unused), %,d expired, %,d not yet"
                + " approved. Active lines match %,d host updates, which are EXEMPT (rule 2 decides before every other"
                + " rule); a host update matched by two lines counts on both lines and once in the figures.",
                uses.size(), uses.size() == 1 ? "" : "s", active, c.run().asOf(), unused,
                count(read, ExceptionState.EXPIRED), count(read, ExceptionState.NOT_YET_APPROVED), exempt);
    }

    /** Rows of a region, in display order. */
    static List<Map<String, Object>> region(String prefix, Context c, List<DataQualityEntry> dataQuality,
                                            List<CountChecks.Check> checks) {
        return switch (prefix) {
            case AuditLayout.SQL_FILE_REGION -> sqlFiles(c.run());
            case AuditLayout.SETTING_REGION -> settings(c.run());
            case AuditLayout.CHECK_REGION -> checks.stream().map(AuditValues::checkRow).toList();
            case AuditLayout.COUNT_REGION -> SummaryValues.region(prefix, c.metrics().get(), dataQuality, null, null)
                    .stream().map(MonthlyLayout.RegionRow::values).toList();
            default -> throw new IllegalArgumentException("no region " + prefix);
        };
    }

    private static List<Map<String, Object>> sqlFiles(RunDescription run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunDescription.SqlFileInfo f : run.sqlFiles() == null ? List.<RunDescription.SqlFileInfo>of() : run.sqlFiles()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", f.path());
            row.put("sha256", f.sha256());
            row.put("rowsRead", f.rowsRead());
            row.put("absentColumns", f.absentOptionalColumns().isEmpty() ? "none" : String.join(", ", f.absentOptionalColumns()));
            rows.add(row);
        }
        return rows;
    }

    /** Every run parameter and rule setting, by name, a secret's value never shown (as in the manifest). */
    private static List<Map<String, Object>> settings(RunDescription run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        new TreeMap<>(run.parameters() == null ? Map.<String, String>of() : run.parameters()).forEach((name, value) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("value", ManifestWriter.redactParameter(name, value));
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, Object> checkRow(CountChecks.Check check) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", check.name());
        row.put("expected", check.expected());
        row.put("actual", check.actual());
        row.put("holds", check.holds() ? "yes" : "NO");
        return row;
    }
}
