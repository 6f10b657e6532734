package io.patchproof.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies design.md's verdict table to one host × update pair. Plain Java, stateless after
 * construction and therefore thread-safe: partitions may share one instance.
 *
 * <p>Every time comparison is made in UTC. State-message times are UTC, inventory times are client
 * local (sccm-schema.md §8) and become UTC through the host's offset; with the offset unknown a
 * local time stands for an interval ({@link UtcInterval}) and only comparisons that hold for the
 * whole interval decide. The install time is itself an interval: released no earlier than
 * DatePosted, known to the site no later than LastStatusChangeTime, on the QFE day at the latest,
 * and within the enforcement margin of a state-9/10 message.
 */
public final class Reconciler {

    /**
     * The verdict rules' version (design.md, "rules version 2"): changes whenever a rule changes its
     * answer for some input, so that a manifest, a kept figure and a trend say which rules made them.
     */
    public static final String RULES_VERSION = "2";

    static final int STATUS_REQUIRED = 2;
    static final int STATUS_INSTALLED = 3;
    static final int STATE_PENDING_RESTART = 9;
    static final int STATE_INSTALLED = 10;
    static final int STATE_FAILED = 11;
    private static final int MAX_DOCUMENTED_STATE = 14;

    /** Pending file rename: antivirus and the spooler set it too, so it never decides alone. */
    private static final int WEAK_CLIENT_STATE = 2;

    private final RuleSettings settings;
    private final ExemptionRegister exemptions;
    private final RebootScope rebootScope;
    /** Per update (a few thousand at most): the classification, product and title patterns are matched once. */
    private final Map<UpdateFacts, Boolean> rebootDependent = new ConcurrentHashMap<>();
    /**
     * The evidence's boot text of the host this thread saw last: rows come host by host, and the
     * text (three formatted times) is the same for every row of a host. One entry per thread, so
     * memory does not grow with hosts.
     */
    private final ThreadLocal<Object[]> lastBootText = new ThreadLocal<>();

    /** The checks of the host this thread saw last: rows come host by host, so one entry per thread serves. */
    private final ThreadLocal<CheckedHost> lastChecked = new ThreadLocal<>();

    private record CheckedHost(HostFacts host, HostChecks checks) {
    }

    private HostChecks hostChecks(HostFacts host) {
        CheckedHost last = lastChecked.get();
        if (last != null && last.host() == host) {
            return last.checks();
        }
        HostChecks checks = HostChecks.of(host, settings);
        lastChecked.set(new CheckedHost(host, checks));
        return checks;
    }

    /** Whether findings carry their evidence line (the costliest part of a finding to make). */
    private final boolean evidence;

    public Reconciler(RuleSettings settings, ExemptionRegister exemptions) {
        this(settings, exemptions, true);
    }

    /**
     * @param evidence false for findings without their evidence line (null for in-scope findings;
     *                 an out-of-scope one keeps its reason): a step that needs verdicts and sort
     *                 keys only is spared the formatting. Every other field is the same.
     */
    public Reconciler(RuleSettings settings, ExemptionRegister exemptions, boolean evidence) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.exemptions = Objects.requireNonNull(exemptions, "exemptions");
        this.rebootScope = new RebootScope(settings);
        this.evidence = evidence;
    }

    /**
     * The verdict for one compliance row.
     *
     * @param row        the compliance row
     * @param host       its discovery/inventory record, or null when the site has none (orphan)
     * @param update     its update metadata, or null when v_UpdateInfo does not list it (orphan)
     * @param duplicate  true when the same (ResourceID, CI_ID) occurs more than once
     */
    public Finding reconcile(ComplianceFacts row, HostFacts host, UpdateFacts update, boolean duplicate) {
        return reconcile(row, host, update, duplicate, null);
    }

    /**
     * The verdict for one compliance row that may not be its pair's vote.
     *
     * @param notCounted  null for the row that answers for its pair; otherwise why it does not
     *                    ({@link OutOfScope#DUPLICATE_ROW}, {@link OutOfScope#OTHER_SCAN_TOOL}): the
     *                    row becomes OUT_OF_SCOPE with that reason, counted and listed, in no figure
     */
    public Finding reconcile(ComplianceFacts row, HostFacts host, UpdateFacts update, boolean duplicate, String notCounted) {
        Objects.requireNonNull(row, "row");
        Pair pair = new Pair(row, host, update, duplicate);
        if (notCounted != null) {
            if (notCounted.equals(OutOfScope.DUPLICATE_ROW) || notCounted.equals(OutOfScope.OTHER_SCAN_TOOL)) {
                // A row that does not vote adds nothing but its own count: its pair's voting row carries the flags.
                pair.flags.clear();
            }
            return pair.finding(new Outcome(Verdict.OUT_OF_SCOPE, Confidence.HIGH, "1", notCounted), null, null, null, notCounted);
        }
        String outOfScope = outOfScopeReason(pair);
        if (outOfScope != null) {
            return pair.finding(new Outcome(Verdict.OUT_OF_SCOPE, Confidence.HIGH, "1", outOfScope), null, null, null, outOfScope);
        }
        pair.observeHost();
        InstallWindow install = installWindow(pair);
        Optional<String> exemptReason = exemptions.exemptReason(host, update);
        Outcome outcome;
        if (exemptReason.isPresent()) {
            String without = "";
            if (evidence) {
                // What the other rules would say tells an auditor whether the exception is still needed.
                // Their quality flags stay off an EXEMPT finding, as before.
                Set<QualityFlag> before = EnumSet.noneOf(QualityFlag.class);
                before.addAll(pair.flags);
                Outcome rules = decide(pair, install);
                pair.flags.retainAll(before);
                without = "; without the exception: " + rules.verdict();
            }
            outcome = new Outcome(Verdict.EXEMPT, Confidence.HIGH, "2", "covered by exception: " + exemptReason.get() + without);
        } else {
            outcome = decide(pair, install);
        }
        return pair.finding(outcome, install.earliest(), install.latest(), exemptReason.orElse(null),
                evidence ? pair.evidence(outcome, install) : null);
    }

    private String outOfScopeReason(Pair pair) {
        if (pair.host == null) {
            return OutOfScope.NO_DISCOVERY_RECORD;
        }
        if (pair.update == null) {
            return OutOfScope.NO_UPDATE_METADATA;
        }
        if (pair.host.obsolete()) {
            return OutOfScope.HOST_OBSOLETE;
        }
        if (pair.host.decommissioned()) {
            return OutOfScope.HOST_DECOMMISSIONED;
        }
        if (pair.update.expired()) {
            return OutOfScope.UPDATE_EXPIRED;
        }
        if (!rebootDependent.computeIfAbsent(pair.update, rebootScope::isRebootDependent)) {
            return OutOfScope.NOT_REBOOT_DEPENDENT;
        }
        if (!pair.applicableStatus()) {
            return OutOfScope.STATUS_NOT_APPLICABLE;
        }
        return null;
    }

    /**
     * [earliest, latest] possible install time (rules 11 to 13), either end null when unknown; both
     * null when nothing says the update was installed at all (a required row without a state-9
     * message). m = the enforcement margin. earliest = the latest of DatePosted, AgentInstallDate − m
     * and a state-9 time − m; latest = the earliest of LastStatusChangeTime of an installed row, the
     * end of the QFE day, AgentInstallDate + m, the patch-state row's scan time and a state-9 time
     * + m. A state-10 time is not an install time: ConfigMgr raises it after the restart. Where the
     * bounds contradict each other (a QFE date before DatePosted happens: updates are revised), the
     * interval is the whole span from the smallest to the largest bound.
     */
    private InstallWindow installWindow(Pair pair) {
        Integer state = pair.state;
        boolean pending = state != null && state == STATE_PENDING_RESTART;
        if (pair.row.status() != STATUS_INSTALLED && !pending) {
            return InstallWindow.UNKNOWN;
        }
        Duration m = settings.enforcementMargin();
        List<Instant> lowers = new ArrayList<>(3);
        List<Instant> uppers = new ArrayList<>(5);
        addIfPresent(lowers, pair.update.datePosted());
        UtcInterval agent = pair.row.agentInstall();
        if (agent != null) {
            lowers.add(agent.earliest().minus(m));
            uppers.add(agent.latest().plus(m));
        }
        if (pending && pair.stateTime != null) {
            lowers.add(pair.stateTime.earliest().minus(m));
            uppers.add(pair.stateTime.latest().plus(m));
        }
        if (pair.row.status() == STATUS_INSTALLED) {
            addIfPresent(uppers, pair.row.lastStatusChangeUtc());
        }
        if (pair.qfe.present()) {
            uppers.add(qfeDayEnd(pair));
        }
        if (pair.row.scanTime() != null) {
            uppers.add(pair.row.scanTime().latest());
        }
        Instant earliest = lowers.stream().max(Instant::compareTo).orElse(null);
        Instant latest = uppers.stream().min(Instant::compareTo).orElse(null);
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            List<Instant> all = new ArrayList<>(lowers);
            all.addAll(uppers);
            return new InstallWindow(all.stream().min(Instant::compareTo).get(), all.stream().max(Instant::compareTo).get(),
                    "install time bounds contradict each other (latest " + Evidence.utc(latest) + " before earliest "
                            + Evidence.utc(earliest) + "): the whole span between them is used");
        }
        return new InstallWindow(earliest, latest, null);
    }

    private static void addIfPresent(List<Instant> list, Instant t) {
        if (t != null) {
            list.add(t);
        }
    }

    /**
     * The latest instant the QFE day may end: the local day end converted like a boot (the offset
     * of the inventory's time, ± the daylight-saving margin), or with the offset unknown the latest
     * instant it may stand for. A FILETIME's date may be a UTC date: the later end wins.
     */
    private Instant qfeDayEnd(Pair pair) {
        LocalDateTime dayEnd = pair.qfe.date().plusDays(1).atStartOfDay();
        Instant localEnd = UtcInterval.ofLocal(dayEnd, pair.offset, settings.unknownOffsetWindow(), settings.dstMargin()).latest();
        return pair.qfe.filetime() ? max(localEnd, dayEnd.toInstant(ZoneOffset.UTC)) : localEnd;
    }

    private Outcome decide(Pair pair, InstallWindow install) {
        Integer state = pair.state;
        int status = pair.row.status();
        if (state != null && state == STATE_FAILED && status != STATUS_INSTALLED) {
            return new Outcome(Verdict.FAILED, Confidence.HIGH, "3", "the last install attempt failed");
        }
        if (state != null && state == STATE_PENDING_RESTART) {
            return pendingRestart(pair);
        }
        if (state != null && state == STATE_INSTALLED) {
            return status == STATUS_INSTALLED ? verifiedInstall(pair)
                    : new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "8",
                            "successfully installed, yet required (Status 2): compliance not refreshed since, or the update was removed");
        }
        if (status == STATUS_REQUIRED) {
            return pair.strongClientState()
                    ? new Outcome(Verdict.MISSING, Confidence.HIGH, "9",
                            "required; the host reports a restart pending: an install made outside a deployment may be waiting for it")
                    : new Outcome(Verdict.MISSING, Confidence.HIGH, "9", "required and not installed");
        }
        return installed(pair, install);
    }

    /**
     * Rules 4 to 6: a "pending system restart" state (9) stands until a boot after it is seen. The
     * whole boot interval must lie before the message (rule 4) or after it (rules 5 and 6); any
     * other state-9 row is UNVERIFIED, whatever its Status.
     */
    private Outcome pendingRestart(Pair pair) {
        UtcInterval t = pair.stateTime;
        if (t == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "4-6", "restart pending, but the time of that state is unknown");
        }
        if (pair.boot == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "4-6", "restart pending, " + (pair.clockAnomaly != null
                    ? pair.clockAnomaly + ", so the boot time is not used" : "no boot time to set against it"));
        }
        if (pair.boot.whollyBefore(t)) {
            boolean confirmed = pair.inventory != null && pair.inventory.whollyAfter(t);
            return confirmed
                    ? new Outcome(Verdict.NOT_IN_EFFECT, Confidence.HIGH, "4",
                            "no boot since the restart-pending state, an inventory taken after it reports the same boot")
                    : new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM, "4",
                            "no boot since the restart-pending state, but no inventory taken after it confirms the boot");
        }
        if (pair.boot.whollyAfter(t)) {
            return pair.row.status() == STATUS_INSTALLED
                    ? new Outcome(Verdict.IN_EFFECT, Confidence.MEDIUM, "5",
                            "host booted after the restart-pending state, and the scan since reports the update installed")
                    : new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "6",
                            "host booted after the restart-pending state, yet still required: the state is stale");
        }
        return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "4-6", "last boot within the time ambiguity around the restart-pending state");
    }

    /**
     * Rule 7: state 10 with Status 3 is the post-restart scan's verdict, verified after any restart
     * the update needed. Unless an inventory taken after that message still reports a boot from
     * before the update's release: then the records disagree.
     */
    private Outcome verifiedInstall(Pair pair) {
        Instant released = pair.update.datePosted();
        Instant message = pair.row.enforcementTimeUtc();
        if (released != null && message != null && pair.boot != null && pair.inventory != null
                && pair.boot.endsBefore(released) && pair.inventory.startsAfter(message)) {
            pair.flags.add(QualityFlag.RECORDS_DISAGREE);
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "7",
                    "reported successfully installed, yet an inventory taken after that still reports a boot from before the "
                            + "release: the records disagree");
        }
        return new Outcome(Verdict.IN_EFFECT, Confidence.HIGH, "7", "verified after any restart it needed");
    }

    /** Rules 10 to 13: an installed row (Status 3) not decided by its enforcement state. */
    private Outcome installed(Pair pair, InstallWindow install) {
        if (pair.boot == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13", pair.clockAnomaly != null ? pair.clockAnomaly : "last boot unknown");
        }
        if (pair.inventory == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13", "inventory time unknown");
        }
        Instant released = pair.update.datePosted();
        if (released != null && pair.boot.endsBefore(released) && pair.inventory.startsAfter(released)) {
            return releasedAfterLastBoot(pair);
        }
        Instant earliest = install.earliest();
        Instant latest = install.latest();
        if (latest != null && pair.boot.startsAfter(latest)) {
            return new Outcome(Verdict.IN_EFFECT, pair.offset != null ? Confidence.HIGH : Confidence.MEDIUM, "11",
                    "installed by " + Evidence.utc(latest) + ", before the last boot, which an inventory after it reports");
        }
        if (earliest != null && pair.boot.endsBefore(earliest)) {
            if (latest != null && pair.inventory.startsAfter(latest)) {
                return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.HIGH, "12",
                        "installed after the last boot, and an inventory taken after the install reports the same boot");
            }
            if (pair.strongClientState()) {
                if (settings.clientStateCurrent()) {
                    return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM, "12",
                            "installed after the last boot, and the client reports a restart pending");
                }
                return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13",
                        "installed after the last boot; the client's restart flag is current state and does not speak for the as-of date");
            }
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13", latest == null
                    ? "installed after the last boot, but no latest install time to date the inventory against"
                    : "installed after the last boot, but the inventory is not wholly after the install");
        }
        if (earliest == null && latest == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13", "no install time bound");
        }
        return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "13", "install time inside the ambiguity window around the last boot");
    }

    /**
     * Rule 10, the story's proof: the update was released after the last boot, which an inventory
     * taken after the release still reports, so the running system predates the update. No install
     * time is needed. SMS 2003 reported such installs before the restart, by design; current
     * ConfigMgr counts an install waiting for its restart as required, so a Status 3 row here needs a
     * restart flag to be read as pending, and otherwise means the records disagree.
     */
    private Outcome releasedAfterLastBoot(Pair pair) {
        String fact = "released after the last boot, which an inventory taken after the release still reports";
        if (settings.siteKind() == SiteKind.SMS2003) {
            return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.HIGH, "10", fact + ": the running system predates the update");
        }
        if (pair.strongClientState() && settings.clientStateCurrent()) {
            return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM, "10", fact + ", and the client reports a restart pending");
        }
        pair.flags.add(QualityFlag.RECORDS_DISAGREE);
        return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "10",
                fact + ", yet the site reports it installed (Status 3) with no restart pending: the records disagree");
    }

    private long exposureDays(Instant from) {
        LocalDate start = LocalDate.ofInstant(from, ZoneOffset.UTC);
        return Math.max(0, ChronoUnit.DAYS.between(start, settings.asOf()));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : (b == null || a.isBefore(b) ? a : b);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : (b == null || a.isAfter(b) ? a : b);
    }

    /**
     * A rule's decision.
     *
     * @param rule       the design's rule number ("4-6" where a restart-pending row fits none of them)
     * @param conclusion the decision in plain words, the evidence's last part
     */
    private record Outcome(Verdict verdict, Confidence confidence, String rule, String conclusion) {

        String evidenceText() {
            return "rule " + rule + ": " + conclusion;
        }
    }

    /** The install interval; {@code note} says why it is wider than its bounds, else null. */
    private record InstallWindow(Instant earliest, Instant latest, String note) {

        static final InstallWindow UNKNOWN = new InstallWindow(null, null, null);
    }

    /** What one call knows about its pair: the inputs, cleaned up, and the flags raised so far. */
    private final class Pair {

        final ComplianceFacts row;
        final HostFacts host;
        final UpdateFacts update;
        final Integer state;
        final InstalledOnParser.InstalledOn qfe;
        final Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        /** What the rules make of the host's own records (null without a discovery record). */
        final HostChecks checks;
        /** The host's offset where plausible (−720 … +840 minutes), else null: unknown. */
        final Integer offset;
        /** The reported boot converted (± the daylight-saving margin, or ± the unknown-offset window). */
        final UtcInterval reportedBoot;
        /** The boot the rules use: the reported one, or null when unknown or a clock anomaly. */
        UtcInterval boot;
        final UtcInterval inventory;
        /** When a restart-pending or failed state was raised: its message time, else AgentInstallDate, else the scan time. */
        final UtcInterval stateTime;
        String clockAnomaly;

        Pair(ComplianceFacts row, HostFacts host, UpdateFacts update, boolean duplicate) {
            this.row = row;
            this.host = host;
            this.update = update;
            if (duplicate) {
                flags.add(QualityFlag.DUPLICATE_PAIR);
            }
            if (host == null) {
                flags.add(QualityFlag.ORPHAN_HOST);
            }
            if (update == null) {
                flags.add(QualityFlag.ORPHAN_UPDATE);
            }
            if (!applicableStatus()) {
                flags.add(QualityFlag.UNKNOWN_STATUS);
            }
            Integer s = row.enforcementState();
            if (s != null && (s < 0 || s > MAX_DOCUMENTED_STATE)) {
                flags.add(QualityFlag.UNKNOWN_ENFORCEMENT_STATE);
                s = null;
            }
            this.state = s;
            this.qfe = InstalledOnParser.parse(row.qfeInstalledOn());
            if (qfe.unparseable()) {
                flags.add(QualityFlag.UNPARSEABLE_QFE_DATE);
            }
            checks = host == null ? null : hostChecks(host);
            this.offset = checks == null ? null : checks.offset();
            reportedBoot = checks == null ? null : checks.reportedBoot();
            boot = reportedBoot;
            inventory = checks == null ? null : checks.inventory();
            if (row.enforcementTimeUtc() != null) {
                stateTime = UtcInterval.at(row.enforcementTimeUtc());
            }
            else if (s != null && (s == STATE_PENDING_RESTART || s == STATE_FAILED)) {
                stateTime = row.agentInstall() != null ? row.agentInstall() : row.scanTime();
            }
            else {
                stateTime = null;
            }
        }

        boolean applicableStatus() {
            return row.status() == STATUS_REQUIRED || row.status() == STATUS_INSTALLED;
        }

        /** Host-level observations, raised only on pairs in scope so that dead records add no noise. */
        void observeHost() {
            flags.addAll(checks.flags());
            clockAnomaly = checks.clockAnomaly();
            boot = checks.boot();
        }

        boolean strongClientState() {
            return HostChecks.restartPending(host.clientState());
        }

        String evidence(Outcome outcome, InstallWindow install) {
            Evidence e = new Evidence();
            e.add(statusText());
            e.add(enforcementText());
            if (row.lastErrorCode() != null && row.lastErrorCode() != 0) {
                e.add("last error " + Evidence.errorCode(row.lastErrorCode()));
            }
            e.add(update.datePosted() == null ? "release date unknown" : "released " + Evidence.utcDateOrTime(update.datePosted()));
            e.add(qfeText());
            e.add(bootText());
            if (outcome.verdict() != Verdict.EXEMPT && outcome.verdict() != Verdict.IN_EFFECT) {
                // A restart flag is current state: it can speak against an update being in effect, never for it.
                e.add(clientStateText());
            }
            e.add(install.note());
            e.add(outcome.evidenceText());
            return e.toString();
        }

        private String statusText() {
            String name = row.status() == STATUS_INSTALLED ? "installed" : "required";
            String changed = row.lastStatusChangeUtc() == null ? "" : ", changed " + Evidence.utc(row.lastStatusChangeUtc());
            return name + " (Status " + row.status() + changed + ")";
        }

        private String enforcementText() {
            Integer raw = row.enforcementState();
            if (raw == null) {
                return null;
            }
            if (state == null) {
                return "enforcement state " + raw + " undocumented, ignored";
            }
            String at = row.enforcementTimeUtc() == null ? ", time unknown" : " at " + Evidence.utc(row.enforcementTimeUtc());
            String text = "enforcement state " + state + " (" + Evidence.enforcementStateName(state) + at + ")";
            if (state == STATE_FAILED && row.status() == STATUS_INSTALLED) {
                text += ", an old failure: the site now reports it installed";
            }
            return text;
        }

        private String qfeText() {
            if (qfe.present()) {
                return "QFE installed on " + qfe.raw() + " (local date " + qfe.date() + ")";
            }
            return qfe.unparseable() ? "QFE date '" + qfe.raw() + "' unreadable, ignored" : null;
        }

        private String bootText() {
            Object[] last = lastBootText.get();
            if (last != null && last[0] == host) {
                return (String) last[1];
            }
            String text = newBootText();
            lastBootText.set(new Object[] {host, text});
            return text;
        }

        private String newBootText() {
            boolean bootInColumn = host.lastBootLocal() == null || reportedBoot != null;
            boolean inventoryInColumn = host.inventoryLocal() == null || inventory != null;
            if (offset != null && bootInColumn && inventoryInColumn) {
                // The boot and inventory times are the finding's own UTC columns: the evidence adds only
                // the offset they were converted with, and what is unknown.
                String text = "host offset " + Evidence.offset(offset);
                if (host.lastBootLocal() == null) {
                    text += ", last boot unknown";
                }
                return host.inventoryLocal() == null ? text + ", no inventory time" : text;
            }
            String inventoryText = host.inventoryLocal() == null ? "no inventory time"
                    : "per inventory of " + TimeText.minute(host.inventoryLocal());
            if (host.lastBootLocal() == null) {
                return "last boot unknown, " + inventoryText;
            }
            String zone;
            if (offset != null) {
                zone = " (" + Evidence.offset(offset) + ") = " + Evidence.utc(toUtc(host.lastBootLocal()));
            }
            else if (host.utcOffsetMinutes() != null) {
                zone = " (offset " + host.utcOffsetMinutes() + " min impossible, read as unknown: ±"
                        + settings.unknownOffsetWindow().toHours() + " h)";
            }
            else {
                zone = " (offset unknown, ±" + settings.unknownOffsetWindow().toHours() + " h)";
            }
            return "last boot " + Evidence.local(host.lastBootLocal()) + zone + " " + inventoryText;
        }

        /** A client-local time converted with the host's (plausible) offset: the point of the interval. */
        private Instant toUtc(LocalDateTime local) {
            return local.minusMinutes(offset).toInstant(ZoneOffset.UTC);
        }

        private String clientStateText() {
            Integer cs = host.clientState();
            if (cs == null || cs == 0) {
                return null;
            }
            List<String> meanings = new ArrayList<>();
            if ((cs & 1) != 0) {
                meanings.add("ConfigMgr");
            }
            if ((cs & 4) != 0) {
                meanings.add("Windows Update");
            }
            if ((cs & 8) != 0) {
                meanings.add("feature change");
            }
            String strong = meanings.isEmpty() ? "" : "restart pending: " + String.join(", ", meanings);
            String weak = (cs & WEAK_CLIENT_STATE) == 0 ? "" : "pending file rename, a weak signal";
            String joined = strong.isEmpty() ? weak : (weak.isEmpty() ? strong : strong + "; " + weak);
            return "ClientState " + cs + " (" + joined + ")";
        }

        Finding finding(Outcome outcome, Instant earliest, Instant latest, String exemptReason, String evidence) {
            Verdict verdict = outcome.verdict();
            Long exposure = null;
            if (verdict == Verdict.NOT_IN_EFFECT) {
                Instant from = earliest != null ? earliest : (stateTime != null ? stateTime.earliest() : null);
                exposure = from == null ? null : exposureDays(from);
            }
            else if (verdict == Verdict.MISSING && update.datePosted() != null) {
                exposure = exposureDays(update.datePosted());
            }
            boolean offsetKnown = offset != null;
            return new Finding(
                    row.seq(),
                    row.resourceId(),
                    host == null ? "" : nullToEmpty(host.name()),
                    host == null ? "" : nullToEmpty(host.siteCode()),
                    host != null && host.server(),
                    row.ciId(),
                    update == null ? "" : nullToEmpty(update.articleId()),
                    update == null ? "" : nullToEmpty(update.bulletinId()),
                    update == null ? "" : nullToEmpty(update.title()),
                    update == null || update.severity() == null ? Severity.UNSPECIFIED : update.severity(),
                    update == null ? "" : nullToEmpty(update.classification()),
                    update != null && update.superseded(),
                    row.status(),
                    row.enforcementState(),
                    verdict,
                    outcome.confidence(),
                    earliest,
                    latest,
                    offsetKnown && reportedBoot != null ? toUtc(host.lastBootLocal()) : null,
                    offsetKnown && inventory != null ? toUtc(host.inventoryLocal()) : null,
                    exposure,
                    exemptReason,
                    evidence,
                    Collections.unmodifiableSet(EnumSet.copyOf(flags)));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
