package io.patchproof.report;

import io.patchproof.exceptions.ExceptionUse;
import io.patchproof.exceptions.ExceptionsRead;
import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes {@code manifest.json}: what an auditor needs to trust the workbook and the CSV without
 * trusting the tool — who ran what, against which source, when, with which SQL (hashes and rows
 * read), whether the counts reconcile, and the hashes of the template and of every output file.
 *
 * <p>The counts are checked here, not just printed: {@code reconciles} is computed from the
 * checks, and when one fails the manifest is refused with a {@link CountMismatchException}, so
 * that a set whose counts do not add up is never published. Passwords never appear: parameters
 * whose name suggests a secret are redacted, and so is any password left in the source URL.
 * Keys are written in a fixed order; maps are sorted. Stateless and thread-safe.
 */
public final class ManifestWriter {

    static final int MANIFEST_VERSION = 1;
    static final String REDACTED = "(redacted)";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|pwd|secret|token|credential|api[-_.]?key|private[-_.]?key).*");
    private static final Pattern URL_SECRET = Pattern.compile("(?i)((?:password|passwd|pwd)\\s*=)[^;&]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@;]+):[^@/;]*@");

    /**
     * What a manifest describes.
     *
     * @param outputs the workbook and the CSV as written (the manifest cannot hash itself)
     */
    public record Content(RunDescription run, Metrics metrics, ReportTemplate template, WorkbookStats workbook,
                          long findingsCsvRows, List<PublishedFile> outputs, ExceptionsRead exceptions) {

        /** A manifest of a run without an exceptions register. */
        public Content(RunDescription run, Metrics metrics, ReportTemplate template, WorkbookStats workbook,
                long findingsCsvRows, List<PublishedFile> outputs) {
            this(run, metrics, template, workbook, findingsCsvRows, outputs, ExceptionsRead.NONE);
        }
    }

    /**
     * @throws CountMismatchException when the counts do not add up; nothing is returned then
     */
    public String render(Content content) {
        return render(content, null);
    }

    /**
     * The manifest of a set signed by {@code signer} (null: unsigned). It names the signer's
     * certificate by its SHA-256 fingerprint; the signature itself cannot be in the bytes it signs,
     * so it goes beside them ({@code .manifest.json.sig}).
     *
     * @throws CountMismatchException when the counts do not add up; nothing is returned then
     */
    public String render(Content content, ManifestSigner.Signer signer) {
        Metrics metrics = content.metrics();
        ReportProfile profile = ReportProfile.of(content.run().profile());
        List<CountChecks.Check> checks = CountChecks.ofReport(metrics, content.workbook(), content.findingsCsvRows(),
                profile);
        if (!CountChecks.allHold(checks)) {
            throw new CountMismatchException("counts do not reconcile, the report is not published: "
                    + checks.stream().filter(c -> !c.holds()).map(CountChecks.Check::describe).collect(Collectors.joining("; ")));
        }
        RunDescription run = content.run();
        JsonWriter json = new JsonWriter().beginObject();
        json.field("manifestVersion", MANIFEST_VERSION);
        json.name("tool").beginObject().field("name", "patchproof").field("version", run.toolVersion()).endObject();
        json.field("ruleVersion", run.ruleVersion());

        json.name("run").beginObject()
                .field("demo", run.demo())
                .field("site", run.site())
                .field("siteIdentifiedBy", run.siteIdentifiedBy())
                .field("profile", run.profile())
                .field("asOf", run.asOf() == null ? null : run.asOf().toString())
                .field("schema", run.schemaProfile())
                .field("scope", run.scope())
                .field("rerun", run.rerun())
                .field("jobInstanceId", run.jobInstanceId())
                .field("jobExecutionId", run.jobExecutionId());
        json.name("snapshotId");
        if (run.snapshotId() == null) {
            json.nullValue();
        } else {
            json.value(run.snapshotId());
        }
        json.field("renderedFromKeptSnapshot", run.renderedFromProfile() != null)
                .field("runProfile", run.renderedFromProfile() == null ? run.profile() : run.renderedFromProfile());
        json.name("parameters").beginObject();
        new TreeMap<>(run.parameters() == null ? Map.<String, String>of() : run.parameters())
                .forEach((k, v) -> json.field(k, redactParameter(k, v)));
        json.endObject().endObject();

        json.name("schemaProfile").beginObject()
                .field("name", run.schemaProfile())
                .field("reason", run.schemaReason())
                .endObject();

        json.name("source").beginObject()
                .field("url", redactUrl(run.sourceUrl()))
                .field("server", run.sourceServer())
                .field("database", run.sourceDatabase())
                .field("siteCode", run.siteCode())
                .field("login", run.sourceLogin())
                .endObject();

        json.name("freshness").beginObject()
                .field("asOf", run.asOf() == null ? null : run.asOf().toString())
                .field("sourceReadAtUtc", run.sourceReadAt() == null ? null : run.sourceReadAt().toString());
        json.name("sourceReadDaysAfterAsOf");
        if (run.sourceReadAt() == null || run.asOf() == null) {
            json.nullValue();
        } else {
            json.value(ChronoUnit.DAYS.between(run.asOf(), run.sourceReadAt().atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        json.field("newestInventoryClientLocal", run.newestInventory() == null ? null : run.newestInventory().toString())
                .field("newestStateMessageUtc", run.newestStateMessage() == null ? null : run.newestStateMessage().toString())
                .endObject();

        json.name("sqlFiles").beginArray();
        for (RunDescription.SqlFileInfo sql : run.sqlFiles() == null ? List.<RunDescription.SqlFileInfo>of() : run.sqlFiles()) {
            json.beginObject().field("path", sql.path()).field("sha256", sql.sha256()).field("rowsRead", sql.rowsRead()).endObject();
        }
        json.endArray();

        json.name("absentOptionalColumns").beginArray();
        for (RunDescription.SqlFileInfo sql : run.sqlFiles() == null ? List.<RunDescription.SqlFileInfo>of() : run.sqlFiles()) {
            for (String column : sql.absentOptionalColumns()) {
                json.beginObject().field("file", sql.path()).field("column", column).endObject();
            }
        }
        json.endArray();

        json.name("snapshotCounts").beginObject();
        new TreeMap<>(run.snapshotCounts() == null ? Map.<String, Long>of() : run.snapshotCounts())
                .forEach((table, n) -> json.field(table, n == null ? 0 : n));
        json.endObject();

        json.name("counts").beginObject()
                .field("rowsRead", metrics.rowsRead())
                .field("outOfScope", CountChecks.outOfScope(metrics));
        json.name("outOfScopeByReason").beginObject();
        new TreeMap<>(metrics.outOfScopeReasons() == null ? Map.<String, Long>of() : metrics.outOfScopeReasons())
                .forEach((reason, n) -> json.field(reason, n == null ? 0 : n));
        json.endObject();
        json.field("inScope", CountChecks.inScope(metrics));
        json.name("byVerdict").beginObject();
        for (Verdict v : Verdict.values()) {
            json.field(v.name(), CountChecks.count(metrics, v));
        }
        json.endObject();
        json.field("supersededExcludedFromHeadline", metrics.supersededExcluded())
                .field("applicableInHeadline", MonthlyLayout.figuresOf(metrics.overall()).applicable())
                .field("findingsCsvRows", content.findingsCsvRows());
        headline(json, MonthlyLayout.figuresOf(metrics.overall()));
        json.name("workbookRows").beginObject();
        if (profile == ReportProfile.MONTHLY) {
            for (String sheet : MonthlyLayout.DATA_SHEET_FIELDS.keySet().stream().sorted(
                    java.util.Comparator.comparingInt(MonthlyLayout.SHEETS::indexOf)).toList()) {
                json.field(sheet, content.workbook().rows(sheet));
            }
        } else {
            List<String> order = content.workbook().sheetNames();
            content.workbook().dataRows().keySet().stream()
                    .sorted(java.util.Comparator.comparingInt((String sheet) -> order.indexOf(sheet) < 0 ? Integer.MAX_VALUE
                            : order.indexOf(sheet)).thenComparing(java.util.Comparator.naturalOrder()))
                    .forEach(sheet -> json.field(sheet, content.workbook().rows(sheet)));
        }
        json.endObject();
        json.name("checks").beginArray();
        for (CountChecks.Check check : checks) {
            json.beginObject().field("check", check.name()).field("expected", check.expected())
                    .field("actual", check.actual()).field("holds", check.holds()).endObject();
        }
        json.endArray();
        json.field("reconciles", CountChecks.allHold(checks));
        json.endObject();

        json.name("workbook").beginObject();
        json.name("sheets").beginArray();
        content.workbook().sheetNames().forEach(json::value);
        json.endArray();
        json.field("truncatedCells", content.workbook().truncatedCells())
                .field("quotePrefixedCells", content.workbook().quotePrefixedCells())
                .field("replacedCharacters", content.workbook().replacedCharacters())
                .endObject();

        json.name("template").beginObject()
                .field("path", content.template().location())
                .field("sha256", content.template().sha256())
                .field("size", content.template().size())
                .endObject();

        exceptions(json, content.exceptions() == null ? ExceptionsRead.NONE : content.exceptions());

        json.name("outputs").beginArray();
        for (PublishedFile file : content.outputs()) {
            json.beginObject()
                    .field("role", file.role())
                    .field("name", file.path().getFileName().toString())
                    .field("size", file.size())
                    .field("sha256", file.sha256())
                    .endObject();
        }
        json.endArray();

        json.field("signed", signer != null);
        if (signer != null) {
            json.name("signer").beginObject()
                    .field("certificateSha256", signer.certificateSha256())
                    .field("subject", signer.subject())
                    .field("algorithm", signer.algorithm())
                    .field("certificateNotAfter", signer.notAfter().toString())
                    .endObject();
        }
        return json.endObject().toJson();
    }

    /**
     * The exceptions register as the run read it: its file name as configured, the SHA-256 of its
     * bytes, its lines and how many were active, expired, not yet approved and unused on the as-of
     * date, and the pairs they made EXEMPT; {@code "none"} when the run had no register.
     */
    private static void exceptions(JsonWriter json, ExceptionsRead read) {
        if (!read.present()) {
            json.field("exceptions", "none");
            return;
        }
        long active = 0;
        long expired = 0;
        long notYet = 0;
        long unused = 0;
        for (ExceptionUse use : read.uses()) {
            switch (use.state()) {
                case ACTIVE -> active++;
                case EXPIRED -> expired++;
                case NOT_YET_APPROVED -> notYet++;
            }
            unused += use.unused() ? 1 : 0;
        }
        json.name("exceptions").beginObject()
                .field("file", read.file())
                .field("sha256", read.sha256())
                .field("lines", read.uses().size())
                .field("active", active)
                .field("expired", expired)
                .field("notYetApproved", notYet)
                .field("unused", unused)
                .endObject();
    }

    /** Renders and writes UTF-8 (no BOM); the stream is flushed, not closed. */
    public void write(Content content, OutputStream out) throws IOException {
        out.write(render(content).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A run parameter as the manifest and the Evidence sheet show it: a secret's value redacted, a URL's password removed. */
    static String redactParameter(String name, String value) {
        return SECRET_NAME.matcher(name).matches() ? REDACTED : redactUrl(value);
    }

    /** Removes a password a JDBC URL may still carry ({@code password=...}, {@code user:pw@host}). */
    static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String redacted = URL_SECRET.matcher(url).replaceAll("$1" + REDACTED);
        return URL_USERINFO.matcher(redacted).replaceAll("$1:" + REDACTED + "@");
    }

    /**
     * The counts behind the Summary's headline figures, each figure being its count ÷ applicable:
     * reported installed, reported compliance and effective compliance without exceptions (EXEMPT
     * not counted), and with them (EXEMPT counted as compliant: {@code reportedCompliantOrExempt},
     * {@code inEffect + exempt}). The same counts the findings CSV rebuilds from its non-superseded
     * rows, so a reader checks the Summary's percentages against the manifest and the CSV alike.
     */
    private static void headline(JsonWriter json, ComplianceFigures f) {
        json.name("headline").beginObject()
                .field("applicable", f.applicable())
                .field("reportedInstalled", f.siteInstalled())
                .field("reportedCompliant", f.reportedInstalled())
                .field("reportedCompliantOrExempt", f.reportedInstalledOrExempt())
                .field("inEffect", f.inEffect())
                .field("exempt", f.exempt())
                .endObject();
    }
}
