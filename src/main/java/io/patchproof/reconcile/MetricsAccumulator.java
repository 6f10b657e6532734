package io.patchproof.reconcile;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds {@link Metrics} in one pass over the findings, in any order. Not thread-safe: one
 * instance per publishing thread.
 *
 * <p>Memory grows with hosts and updates, never with findings: each finding is folded into its
 * host's and its update's counters and then forgotten. Per-collection and per-host-class figures
 * are summed from the host counters when {@link #result()} is called, so a host may be registered
 * after some of its findings. Updates should be registered before their findings: the SLA needs
 * the release date, and a finding of an unknown update is never counted overdue.
 *
 * <p>The headline slices (overall, servers, workstations, by severity, by collection, each host's
 * figures and hosts fully patched) leave superseded updates out unless
 * {@link RuleSettings#supersededInHeadline()}; the per-update figures include every update.
 */
public final class MetricsAccumulator {

    private final RuleSettings settings;
    private final Map<Integer, HostEntry> hosts = new HashMap<>();
    private final Map<Integer, UpdateEntry> updates = new HashMap<>();
    private final Map<Verdict, Long> verdictCounts = new EnumMap<>(Verdict.class);
    private final Map<String, Long> outOfScopeReasons = new TreeMap<>();
    private final Map<QualityFlag, Long> qualityFlags = new EnumMap<>(QualityFlag.class);
    private final Map<Severity, FiguresTally> bySeverity = new EnumMap<>(Severity.class);
    private final FiguresTally overall = new FiguresTally();
    private long rowsRead;
    private long supersededExcluded;
    private final Map<Verdict, Long> supersededVerdicts = new EnumMap<>(Verdict.class);

    public MetricsAccumulator(RuleSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Registers a host, before or after its findings, with the collections read for it (those with
     * a maintenance window or a software-update deployment). Only registered hosts get a
     * {@link HostSummary} and count in {@code byCollection}.
     */
    public void registerHost(HostFacts host, List<String> collectionIds) {
        Objects.requireNonNull(host, "host");
        HostEntry entry = hosts.computeIfAbsent(host.resourceId(), id -> new HostEntry());
        entry.facts = host;
        entry.server = host.server();
        entry.collections = collectionIds == null ? List.of() : List.copyOf(collectionIds);
    }

    /** Registers an update before its findings: its release date decides the SLA. */
    public void registerUpdate(UpdateFacts update) {
        Objects.requireNonNull(update, "update");
        updates.computeIfAbsent(update.ciId(), id -> new UpdateEntry()).facts = update;
    }

    public void accept(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        rowsRead++;
        verdictCounts.merge(finding.verdict(), 1L, Long::sum);
        for (QualityFlag flag : finding.qualityFlags()) {
            qualityFlags.merge(flag, 1L, Long::sum);
        }
        HostEntry host = hosts.computeIfAbsent(finding.resourceId(), id -> new HostEntry());
        host.findings++;
        if (host.facts == null) {
            host.server = finding.server();
        }
        if (!finding.verdict().inScope()) {
            outOfScopeReasons.merge(finding.evidence(), 1L, Long::sum);
            return;
        }
        UpdateEntry update = updates.computeIfAbsent(finding.ciId(), id -> new UpdateEntry());
        if (update.firstFinding == null) {
            update.firstFinding = finding;
        }
        boolean overdue = slaOverdue(finding, update.facts);
        boolean siteInstalled = siteInstalled(finding);
        update.figures.add(finding, overdue, siteInstalled);
        if (finding.superseded() && !settings.supersededInHeadline()) {
            supersededExcluded++;
            supersededVerdicts.merge(finding.verdict(), 1L, Long::sum);
            if (finding.verdict() == Verdict.NOT_IN_EFFECT) {
                host.supersededNotInEffect++;
            }
            return;
        }
        // The reboot plan ranks by the same pairs as the headline: a superseded update's exposure
        // is already carried by the update that supersedes it.
        if (finding.verdict() == Verdict.NOT_IN_EFFECT) {
            if (finding.severity() == Severity.CRITICAL) {
                host.criticalNotInEffect++;
            }
            if (finding.exposureDays() != null) {
                long exposure = finding.exposureDays();
                host.riskScore += (double) finding.severity().weight() * exposure;
                host.maxExposureDays = host.maxExposureDays == null ? exposure : Math.max(host.maxExposureDays, exposure);
            }
        }
        overall.add(finding, overdue, siteInstalled);
        bySeverity.computeIfAbsent(finding.severity(), s -> new FiguresTally()).add(finding, overdue, siteInstalled);
        host.figures.add(finding, overdue, siteInstalled);
        host.headlinePairs++;
        if (finding.severity() == Severity.CRITICAL) {
            host.criticalPairs++;
            host.allCriticalReported &= finding.reportedInstalled();
            host.allCriticalInEffect &= finding.verdict() == Verdict.IN_EFFECT;
            host.allCriticalInEffectOrExempt &= finding.verdict() == Verdict.IN_EFFECT || finding.verdict() == Verdict.EXEMPT;
        }
    }

    /**
     * "Reported installed": Status 3, or on a ConfigMgr site an enforcement state 9 (installed,
     * pending restart) or 10: what deployment reports and most people read as done. SMS 2003's
     * agent states are no such report: there it is Status 3 alone (design.md, Metrics).
     */
    private boolean siteInstalled(Finding finding) {
        if (finding.reportedInstalled()) {
            return true;
        }
        Integer state = finding.enforcementState();
        return settings.siteKind() == SiteKind.CONFIGMGR && state != null && (state == 9 || state == 10);
    }

    public Metrics result() {
        Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, verdictCounts.getOrDefault(v, 0L));
        }
        Map<Verdict, Long> superseded = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            if (v.inScope()) {
                superseded.put(v, supersededVerdicts.getOrDefault(v, 0L));
            }
        }
        Map<QualityFlag, Long> flags = new EnumMap<>(QualityFlag.class);
        for (QualityFlag f : QualityFlag.values()) {
            flags.put(f, qualityFlags.getOrDefault(f, 0L));
        }
        Map<Severity, ComplianceFigures> severities = new LinkedHashMap<>();
        for (int i = Severity.values().length - 1; i >= 0; i--) {
            Severity s = Severity.values()[i];
            FiguresTally tally = bySeverity.get(s);
            severities.put(s, tally == null ? ComplianceFigures.EMPTY : tally.toFigures());
        }
        FiguresTally servers = new FiguresTally();
        FiguresTally workstations = new FiguresTally();
        Map<String, FiguresTally> collections = new TreeMap<>();
        PatchedCount serversPatched = new PatchedCount();
        PatchedCount workstationsPatched = new PatchedCount();
        List<HostSummary> hostSummaries = new ArrayList<>();
        for (HostEntry host : hosts.values()) {
            (host.server ? servers : workstations).addAll(host.figures);
            for (String collection : host.collections) {
                collections.computeIfAbsent(collection, c -> new FiguresTally()).addAll(host.figures);
            }
            if (host.headlinePairs > 0) {
                (host.server ? serversPatched : workstationsPatched).add(host);
            }
            if (host.facts != null && host.findings > 0) {
                hostSummaries.add(summary(host));
            }
        }
        hostSummaries.sort(Comparator.comparingDouble(HostSummary::riskScore).reversed()
                .thenComparing(HostSummary::name, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(HostSummary::resourceId));
        Map<String, ComplianceFigures> byCollection = new LinkedHashMap<>();
        collections.forEach((id, tally) -> byCollection.put(id, tally.toFigures()));
        PatchedCount allPatched = new PatchedCount();
        allPatched.addAll(serversPatched);
        allPatched.addAll(workstationsPatched);
        return new Metrics(
                settings.asOf(),
                rowsRead,
                Collections.unmodifiableMap(verdicts),
                Collections.unmodifiableMap(new LinkedHashMap<>(outOfScopeReasons)),
                Collections.unmodifiableMap(flags),
                supersededExcluded,
                Collections.unmodifiableMap(superseded),
                overall.toFigures(),
                servers.toFigures(),
                workstations.toFigures(),
                Collections.unmodifiableMap(severities),
                Collections.unmodifiableMap(byCollection),
                serversPatched.toFigures(),
                workstationsPatched.toFigures(),
                allPatched.toFigures(),
                List.copyOf(hostSummaries),
                updateSummaries());
    }

    /** Counted against the release date and the severity's SLA; no SLA or no release date, never overdue. */
    private boolean slaOverdue(Finding finding, UpdateFacts update) {
        if (finding.verdict() == Verdict.IN_EFFECT || finding.verdict() == Verdict.EXEMPT) {
            return false;
        }
        Integer sla = settings.slaDays().get(finding.severity());
        if (sla == null || update == null || update.datePosted() == null) {
            return false;
        }
        LocalDate released = LocalDate.ofInstant(update.datePosted(), ZoneOffset.UTC);
        return ChronoUnit.DAYS.between(released, settings.asOf()) > sla;
    }

    private HostSummary summary(HostEntry entry) {
        HostFacts h = entry.facts;
        UtcInterval boot = h.lastBootLocal() == null ? null
                : UtcInterval.ofLocal(h.lastBootLocal(), h.utcOffsetMinutes(), settings.unknownOffsetWindow());
        boolean offsetKnown = h.utcOffsetMinutes() != null;
        Long uptime = null;
        if (boot != null) {
            LocalDate bootDate = offsetKnown ? LocalDate.ofInstant(boot.earliest(), ZoneOffset.UTC) : h.lastBootLocal().toLocalDate();
            long days = ChronoUnit.DAYS.between(bootDate, settings.asOf());
            uptime = days < 0 ? null : days;
        }
        String os = h.osCaption() != null && !h.osCaption().isBlank() ? h.osCaption() : h.osName();
        return new HostSummary(
                h.resourceId(), h.name(), h.domain(), h.siteCode(), h.server(), os,
                h.lastBootLocal(), h.utcOffsetMinutes(), offsetKnown && boot != null ? boot.earliest() : null,
                h.inventoryLocal(), uptime, h.clientState(),
                entry.figures.toFigures(), entry.riskScore, entry.criticalNotInEffect, entry.maxExposureDays,
                entry.supersededNotInEffect, entry.collections);
    }

    private List<UpdateSummary> updateSummaries() {
        List<UpdateSummary> result = new ArrayList<>();
        for (Map.Entry<Integer, UpdateEntry> e : updates.entrySet()) {
            UpdateEntry entry = e.getValue();
            if (entry.firstFinding == null) {
                continue;
            }
            UpdateFacts u = entry.facts;
            Finding f = entry.firstFinding;
            result.add(u != null
                    ? new UpdateSummary(u.ciId(), u.articleId(), u.bulletinId(), u.title(), u.severity(), u.classification(),
                            u.datePosted(), u.superseded(), entry.figures.toFigures())
                    : new UpdateSummary(f.ciId(), f.articleId(), f.bulletinId(), f.title(), f.severity(), f.classification(),
                            null, f.superseded(), entry.figures.toFigures()));
        }
        result.sort(Comparator.comparing(UpdateSummary::datePosted, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(UpdateSummary::articleId, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(UpdateSummary::ciId));
        return List.copyOf(result);
    }

    /** One host's running state; also kept for findings whose host was never registered. */
    private static final class HostEntry {
        HostFacts facts;
        boolean server;
        List<String> collections = List.of();
        long supersededNotInEffect;
        long findings;
        long headlinePairs;
        final FiguresTally figures = new FiguresTally();
        double riskScore;
        long criticalNotInEffect;
        Long maxExposureDays;
        long criticalPairs;
        boolean allCriticalReported = true;
        boolean allCriticalInEffect = true;
        boolean allCriticalInEffectOrExempt = true;
    }

    private static final class UpdateEntry {
        UpdateFacts facts;
        Finding firstFinding;
        final FiguresTally figures = new FiguresTally();
    }

    private static final class PatchedCount {
        long hosts;
        long reported;
        long effective;
        long effectiveWithExceptions;
        long criticalPairs;

        void add(HostEntry host) {
            hosts++;
            criticalPairs += host.criticalPairs;
            reported += host.allCriticalReported ? 1 : 0;
            effective += host.allCriticalInEffect ? 1 : 0;
            effectiveWithExceptions += host.allCriticalInEffectOrExempt ? 1 : 0;
        }

        void addAll(PatchedCount other) {
            hosts += other.hosts;
            reported += other.reported;
            effective += other.effective;
            effectiveWithExceptions += other.effectiveWithExceptions;
            criticalPairs += other.criticalPairs;
        }

        HostsFullyPatched toFigures() {
            return new HostsFullyPatched(hosts, reported, effective, effectiveWithExceptions, criticalPairs);
        }
    }
}
