package io.patchproof.job;

import io.patchproof.reconcile.RuleSettings;
import io.patchproof.source.BulletinSeverities;
import io.patchproof.source.SchemaProfile;
import io.patchproof.source.SourceScope;
import io.patchproof.source.SourceSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One run, checked: every property parsed and validated before anything starts, so that a bad
 * value ends in one line naming the property (exit 2) rather than a failed run.
 *
 * @param demo       the demo: its output is demo data and each run replaces it
 * @param rerun      --rerun: run a completed identity again with suffixed files
 */
public record RunRequest(
        LocalDate asOf,
        String profile,
        SourceSettings source,
        SourceScope scope,
        PatchproofProperties.Scope scopeText,
        Path outputDir,
        String template,
        boolean demo,
        boolean rerun,
        Double failUnder,
        RuleSettings rules,
        int chunkSize) {

    static final Set<String> PROFILES = Set.of("monthly", "cio", "audit");
    static final Set<String> IMPLEMENTED_PROFILES = Set.of("monthly", "cio", "audit");
    /** SMS 2003, the oldest site database patchproof reads, was released in 2003: no site holds patch status before. */
    public static final LocalDate EARLIEST_AS_OF = LocalDate.of(2003, 1, 1);

    /** {@link #from(PatchproofProperties, SourceSettings, LocalDate, boolean, LocalDate)} as of today (UTC). */
    public static RunRequest from(PatchproofProperties p, SourceSettings source, LocalDate defaultAsOf, boolean demo) {
        return from(p, source, defaultAsOf, demo, today(Clock.systemUTC()));
    }

    /**
     * @param defaultAsOf the as-of date when none is given (today; the demo: its own date)
     * @param today       today (UTC): a given as-of date may be at most one day later (a time zone
     *                    east of UTC is a day ahead), or the default, whichever is later
     */
    public static RunRequest from(PatchproofProperties p, SourceSettings source, LocalDate defaultAsOf, boolean demo,
            LocalDate today) {
        if (p.asOf() != null) {
            LocalDate latest = today.plusDays(1).isAfter(defaultAsOf) ? today.plusDays(1) : defaultAsOf;
            if (p.asOf().isAfter(latest)) {
                throw new UsageException("patchproof.as-of: " + p.asOf() + " is in the future (today is " + today
                        + " UTC); a report is dated today or earlier, and the site database holds no later state");
            }
            if (p.asOf().isBefore(EARLIEST_AS_OF)) {
                throw new UsageException("patchproof.as-of: " + p.asOf() + " is before " + EARLIEST_AS_OF.getYear()
                        + ", when SMS 2003, the oldest site database patchproof reads, was released; give the date the"
                        + " report is for (ISO, such as 2026-11-16)");
            }
        }
        LocalDate asOf = p.asOf() != null ? p.asOf() : defaultAsOf;
        String profile = p.report().profile() == null ? "monthly" : p.report().profile().trim().toLowerCase(Locale.ROOT);
        if (!PROFILES.contains(profile)) {
            throw new UsageException("patchproof.report.profile: '" + p.report().profile()
                    + "' is not a report profile; use monthly, cio or audit");
        }
        if (!IMPLEMENTED_PROFILES.contains(profile)) {
            throw new UsageException("patchproof.report.profile: the " + profile
                    + " profile is not in this version; use monthly, cio or audit");
        }
        try {
            SchemaProfile.parse(source.schema());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (source.fetchSize() < 1) {
            throw new UsageException("patchproof.source.fetch-size: must be at least 1 (default 1000)");
        }
        PatchproofProperties.Retry retry = p.source().retry();
        if (retry.attempts() < 1) {
            throw new UsageException("patchproof.source.retry.attempts: must be at least 1 (default 3; 1 = no retry)");
        }
        if (retry.backoff() == null || retry.backoff().isNegative()) {
            throw new UsageException("patchproof.source.retry.backoff: must not be negative (default 2s)");
        }
        if (p.failUnder() != null && !(p.failUnder() >= 0 && p.failUnder() <= 100)) {
            // NaN fails both comparisons: a gate of NaN would never trip.
            throw new UsageException("--fail-under: " + p.failUnder() + " is not a percentage between 0 and 100");
        }
        PatchproofProperties.Rules r = p.rules();
        if (r.chunkSize() < 1) {
            throw new UsageException("patchproof.rules.chunk-size: must be at least 1 (default 2000)");
        }
        if (r.partitions() < 0) {
            throw new UsageException("patchproof.rules.partitions: must be 0 (one per processor where it pays) or more");
        }
        if (r.enforcementMargin().isNegative() || r.unknownOffsetWindow().isNegative() || r.inventoryStaleAfter().isNegative()) {
            throw new UsageException("patchproof.rules: durations must not be negative");
        }
        if (p.maxAsOfLag() == null || p.maxAsOfLag().isNegative()) {
            throw new UsageException("patchproof.max-as-of-lag: must not be negative (default 7d)");
        }
        StateNames.of(p.source().sms2003(), r.unknownOffsetWindow());
        bulletinSeverities(p.source().sms2003());
        RuleSettings rules = new RuleSettings(asOf, r.enforcementMargin(), r.unknownOffsetWindow(), r.inventoryStaleAfter(),
                r.rebootClassifications(), r.rebootProducts(), r.rebootTitles(), r.supersededInHeadline(),
                SlaPresets.preset(r.sla()));
        SourceScope scope = scope(p.scope(), rules);
        return new RunRequest(asOf, profile, source, scope, p.scope(), p.output().dir(), p.report().template(), demo,
                p.rerun(), p.failUnder(), rules, r.chunkSize());
    }

    private static SourceScope scope(PatchproofProperties.Scope s, RuleSettings rules) {
        Integer minSeverity = null;
        if (blank(s.minSeverity()) == null) {
            minSeverity = null;
        } else {
            try {
                minSeverity = SourceScope.severityCode(s.minSeverity());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try {
            return new SourceScope(blank(s.collection()), list(s.article()), list(s.bulletin()), blank(s.hosts()),
                    minSeverity, s.serversOnly(), rules.asOfEnd());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** Reads the bulletin-severity file now, so that a bad one is refused (naming file and line) before a run starts. */
    private static void bulletinSeverities(PatchproofProperties.Source.Sms2003 sms2003) {
        try {
            BulletinSeverities.load(sms2003 == null ? null : sms2003.bulletinSeverity());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<String> list(String s) {
        if (blank(s) == null) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** Today in UTC, the default as-of date of a run. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /** The identity key of the scope ("" for all systems). */
    public String scopeKey() {
        return scope.key();
    }
}
