package io.patchproof.reconcile;

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

    static final int STATUS_REQUIRED = 2;
    static final int STATUS_INSTALLED = 3;
    static final int STATE_PENDING_RESTART = 9;
    static final int STATE_INSTALLED = 10;
    static final int STATE_FAILED = 11;
    private static final int MAX_DOCUMENTED_STATE = 14;

    /** ClientState bits that speak for a restart pending since the last boot (sccm-schema.md §5.4). */
    private static final int STRONG_CLIENT_STATE = 1 | 4 | 8;
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
        String outOfScope = notCounted != null ? notCounted : outOfScopeReason(pair);
        if (outOfScope != null) {
            return pair.finding(new Outcome(Verdict.OUT_OF_SCOPE, Confidence.HIGH, outOfScope), null, null, null, outOfScope);
        }
        pair.observeHost();
        InstallWindow install = installWindow(pair);
        Optional<String> exemptReason = exemptions.exemptReason(host, update);
        Outcome outcome = exemptReason
                .map(reason -> new Outcome(Verdict.EXEMPT, Confidence.HIGH, "covered by exception: " + reason))
                .orElseGet(() -> decide(pair, install.earliest(), install.latest()));
        return pair.finding(outcome, install.earliest(), install.latest(), exemptReason.orElse(null),
                evidence ? pair.evidence(outcome) : null);
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
     * [earliest, latest] possible install time, either end null when unknown; both null when
     * nothing says the update was installed at all (a required row without a state-9/10 message).
     */
    private InstallWindow installWindow(Pair pair) {
        Integer state = pair.state;
        boolean enforcementDated = (state != null && (state == STATE_PENDING_RESTART || state == STATE_INSTALLED));
        if (pair.row.status() != STATUS_INSTALLED && !enforcementDated) {
            return InstallWindow.UNKNOWN;
        }
        Instant lower = pair.update.datePosted();
        Instant upper = null;
        if (pair.row.status() == STATUS_INSTALLED) {
            upper = pair.row.lastStatusChangeUtc();
        }
        if (pair.qfe.present()) {
            upper = min(upper, qfeDayEnd(pair));
        }
        Instant t = pair.row.enforcementTimeUtc();
        if (enforcementDated && t != null) {
            lower = max(lower, t.minus(settings.enforcementMargin()));
            upper = min(upper, t.plus(settings.enforcementMargin()));
        }
        return new InstallWindow(lower, upper);
    }

    /**
     * The latest instant the QFE day may end: the local day end in UTC, or with the offset unknown
     * the latest instant it may stand for. A FILETIME's date may be a UTC date: the later end wins.
     */
    private Instant qfeDayEnd(Pair pair) {
        LocalDateTime dayEnd = pair.qfe.date().plusDays(1).atStartOfDay();
        Instant localEnd = UtcInterval.ofLocal(dayEnd, pair.host.utcOffsetMinutes(), settings.unknownOffsetWindow()).latest();
        return pair.qfe.filetime() ? max(localEnd, dayEnd.toInstant(ZoneOffset.UTC)) : localEnd;
    }

    private Outcome decide(Pair pair, Instant earliest, Instant latest) {
        Integer state = pair.state;
        int status = pair.row.status();
        if (state != null && state == STATE_FAILED && status != STATUS_INSTALLED) {
            return new Outcome(Verdict.FAILED, Confidence.HIGH, "the last install attempt failed");
        }
        if (state != null && state == STATE_PENDING_RESTART) {
            return pendingRestart(pair);
        }
        if (status == STATUS_REQUIRED) {
            return new Outcome(Verdict.MISSING, Confidence.HIGH, "required and not installed");
        }
        return installed(pair, earliest, latest);
    }

    /** Rules 4 and 5: a "pending system restart" message stands until a boot after it is seen. */
    private Outcome pendingRestart(Pair pair) {
        Instant t = pair.row.enforcementTimeUtc();
        if (t == null) {
            return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM, "restart pending, message time unknown");
        }
        if (pair.boot == null || pair.clockAnomaly != null) {
            String why = pair.clockAnomaly != null ? pair.clockAnomaly + ", so the boot time is not used" : "no boot time to set against it";
            return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM, "restart pending, " + why);
        }
        if (pair.boot.endsBefore(t)) {
            boolean confirmed = pair.inventory != null && !pair.inventory.earliest().isBefore(t);
            return confirmed
                    ? new Outcome(Verdict.NOT_IN_EFFECT, Confidence.HIGH,
                            "no boot since the restart-pending message, inventory after the message reports the same boot")
                    : new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM,
                            "no boot since the restart-pending message, but no inventory taken after the message confirms it");
        }
        if (pair.boot.startsAfter(t)) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "host booted after the restart-pending message: the state is stale");
        }
        return new Outcome(Verdict.UNVERIFIED, Confidence.LOW,
                "last boot within the offset ambiguity around the restart-pending message");
    }

    /** Rules 7 to 9 for Status 3. */
    private Outcome installed(Pair pair, Instant earliest, Instant latest) {
        if (pair.clockAnomaly != null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, pair.clockAnomaly);
        }
        if (pair.boot == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "last boot unknown");
        }
        if (pair.inventory == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "inventory time unknown");
        }
        if (earliest != null && latest != null && latest.isBefore(earliest)) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW,
                    "install time bounds contradict each other (latest " + Evidence.utc(latest) + " before earliest "
                            + Evidence.utc(earliest) + ")");
        }
        if (latest != null && latest.isBefore(pair.boot.earliest())) {
            return new Outcome(Verdict.IN_EFFECT, pair.boot.isPoint() ? Confidence.HIGH : Confidence.MEDIUM,
                    "installed by " + Evidence.utc(latest) + ", before the last boot, which an inventory after it reports");
        }
        if (earliest != null && earliest.isAfter(pair.boot.latest())) {
            boolean inventoryAfterInstall = latest != null && !pair.inventory.earliest().isBefore(latest);
            if (inventoryAfterInstall) {
                return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.HIGH,
                        "install after last boot, inventory after install reports the same boot");
            }
            if (pair.strongClientState()) {
                return new Outcome(Verdict.NOT_IN_EFFECT, Confidence.MEDIUM,
                        "install after last boot, and the client reports a restart pending");
            }
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, latest == null
                    ? "install after last boot, but no latest install time to date the inventory against"
                    : "install after last boot, but the inventory is older than the install");
        }
        if (earliest == null && latest == null) {
            return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "no install time bound");
        }
        return new Outcome(Verdict.UNVERIFIED, Confidence.LOW, "install time inside the ambiguity window around the last boot");
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

    private record Outcome(Verdict verdict, Confidence confidence, String conclusion) {
    }

    private record InstallWindow(Instant earliest, Instant latest) {

        static final InstallWindow UNKNOWN = new InstallWindow(null, null);
    }

    /** What one call knows about its pair: the inputs, cleaned up, and the flags raised so far. */
    private final class Pair {

        final ComplianceFacts row;
        final HostFacts host;
        final UpdateFacts update;
        final Integer state;
        final InstalledOnParser.InstalledOn qfe;
        final Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        final UtcInterval boot;
        final UtcInterval inventory;
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
            boot = host == null || host.lastBootLocal() == null ? null
                    : UtcInterval.ofLocal(host.lastBootLocal(), host.utcOffsetMinutes(), settings.unknownOffsetWindow());
            inventory = host == null || host.inventoryLocal() == null ? null
                    : UtcInterval.ofLocal(host.inventoryLocal(), host.utcOffsetMinutes(), settings.unknownOffsetWindow());
        }

        boolean applicableStatus() {
            return row.status() == STATUS_REQUIRED || row.status() == STATUS_INSTALLED;
        }

        /** Host-level observations, raised only on pairs in scope so that dead records add no noise. */
        void observeHost() {
            if (host.utcOffsetMinutes() == null) {
                flags.add(QualityFlag.OFFSET_UNKNOWN);
            }
            if (boot == null) {
                flags.add(QualityFlag.BOOT_TIME_MISSING);
            }
            if (inventory != null) {
                LocalDateTime staleBefore = settings.asOf().plusDays(1).atStartOfDay().minus(settings.inventoryStaleAfter());
                if (host.inventoryLocal().isBefore(staleBefore)) {
                    flags.add(QualityFlag.INVENTORY_STALE);
                }
            }
            if (boot != null && host.inventoryLocal() != null && host.lastBootLocal().isAfter(host.inventoryLocal())) {
                clockAnomaly = "boot later than the inventory that reports it";
            }
            else if (boot != null && boot.startsAfter(settings.asOfEnd())) {
                clockAnomaly = "boot after the as-of date";
            }
            if (clockAnomaly != null) {
                flags.add(QualityFlag.CLOCK_ANOMALY);
            }
        }

        boolean strongClientState() {
            return host.clientState() != null && (host.clientState() & STRONG_CLIENT_STATE) != 0;
        }

        String evidence(Outcome outcome) {
            Evidence e = new Evidence();
            e.add(statusText());
            e.add(enforcementText());
            if (row.lastErrorCode() != null && row.lastErrorCode() != 0) {
                e.add("last error " + Evidence.errorCode(row.lastErrorCode()));
            }
            e.add(update.datePosted() == null ? "release date unknown" : "released " + Evidence.utcDateOrTime(update.datePosted()));
            e.add(qfeText());
            e.add(bootText());
            if (outcome.verdict() != Verdict.EXEMPT && row.status() == STATUS_INSTALLED) {
                e.add(clientStateText());
            }
            e.add(outcome.conclusion());
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
            Integer offset = host.utcOffsetMinutes();
            String inventoryText = host.inventoryLocal() == null ? "no inventory time" : "per inventory " + Evidence.local(host.inventoryLocal());
            if (host.lastBootLocal() == null) {
                return "last boot unknown, " + inventoryText;
            }
            String zone = offset == null
                    ? " (offset unknown, ±" + settings.unknownOffsetWindow().toHours() + " h)"
                    : " (" + Evidence.offset(offset) + ") = " + Evidence.utc(boot.earliest());
            return "last boot " + Evidence.local(host.lastBootLocal()) + zone + " " + inventoryText;
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
                Instant from = earliest != null ? earliest : row.enforcementTimeUtc();
                exposure = from == null ? null : exposureDays(from);
            }
            else if (verdict == Verdict.MISSING && update.datePosted() != null) {
                exposure = exposureDays(update.datePosted());
            }
            boolean offsetKnown = host != null && host.utcOffsetMinutes() != null;
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
                    offsetKnown && boot != null ? boot.earliest() : null,
                    offsetKnown && inventory != null ? inventory.earliest() : null,
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
