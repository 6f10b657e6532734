package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.HostFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the state name a site reports instead of topic 500/402 codes (SMS 2003's
 * {@code v_GS_PatchStatusEx.LastStateName}) into the status and enforcement state the rules read,
 * through the mapping configured under {@code patchproof.source.sms2003.state-names} on top of
 * {@link #DEFAULTS}. The rules, the reports and the history never see the name: a row that went
 * through here looks like any other compliance row, and only its evidence says which name it had.
 *
 * <p>Why configurable: the full list of SMS 2003 state names is not confirmed (sccm-schema.md
 * section 12; only 'Install Verified' and 'Reboot pending' were seen in community reports). Names
 * match ignoring case, spaces and punctuation ("Reboot Pending" = "reboot pending"), so a key that
 * Spring Boot's binding stripped of its spaces still matches.
 *
 * <p>An unknown (or empty) name is never taken for installed: the row counts as required (status
 * 2, no enforcement state), so it stays in the applicable pairs and against compliance, and is
 * flagged {@link io.patchproof.reconcile.QualityFlag#UNKNOWN_STATE_NAME} for the Data quality
 * sheet. Dropping it out of scope instead would remove it from the denominator and could raise the
 * reported figures; an auditor expects the opposite.
 *
 * <p>AgentInstallDate (when the SMS agent installed the update) dates the install like a topic-402
 * "successfully installed" (10) or "pending system restart" (9) message. Its zone is not confirmed:
 * by default it is read as client local time, like all inventory, and converted with the host's
 * offset; where the offset is unknown it stands for an interval of ± the unknown-offset window and
 * only bounds the install from above. {@code agent-install-date-zone: utc} reads it as UTC.
 *
 * <p>Immutable and thread-safe.
 */
final class StateNames {

    /** What a state name says about a host × update pair, and the status and state it becomes. */
    enum Meaning {
        /** Reported installed (Status 3); AgentInstallDate dates it like state 10. */
        INSTALLED("installed", 3, 10),
        /** Installed, waiting for a restart (Status 2 with state 9, as ConfigMgr reports it). */
        PENDING_RESTART("pending-restart", 2, 9),
        /** Required, not installed (Status 2). */
        REQUIRED("required", 2, null),
        /** The install failed (Status 2 with state 11). */
        FAILED("failed", 2, 11),
        /** Not applicable to the host (Status 1): out of scope, counted by reason. */
        NOT_APPLICABLE("not-applicable", 1, null);

        final String id;
        final int status;
        final Integer enforcementState;

        Meaning(String id, int status, Integer enforcementState) {
            this.id = id;
            this.status = status;
            this.enforcementState = enforcementState;
        }

        static Meaning parse(String property, String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
            for (Meaning m : values()) {
                if (m.id.equals(t)) {
                    return m;
                }
            }
            throw new UsageException(property + ": '" + text + "' is not a state meaning; use installed, "
                    + "pending-restart, required, failed or not-applicable");
        }
    }

    /**
     * The names known without configuration: the two seen in community SMS 2003 reports ('Install
     * Verified', 'Reboot pending') and the plausible others of ITMU and the Software Updates
     * Installation Agent. Configured names are added to these and win where both name one state.
     */
    static final Map<String, Meaning> DEFAULTS;

    static {
        Map<String, Meaning> d = new LinkedHashMap<>();
        d.put("Install Verified", Meaning.INSTALLED);
        d.put("Installed", Meaning.INSTALLED);
        d.put("Reboot pending", Meaning.PENDING_RESTART);
        d.put("Restart pending", Meaning.PENDING_RESTART);
        d.put("Reboot required", Meaning.PENDING_RESTART);
        d.put("Applicable", Meaning.REQUIRED);
        d.put("Install Pending", Meaning.REQUIRED);
        d.put("Retry Pending", Meaning.REQUIRED);
        d.put("Not Installed", Meaning.REQUIRED);
        d.put("Missing", Meaning.REQUIRED);
        d.put("Failed", Meaning.FAILED);
        d.put("Install Failed", Meaning.FAILED);
        d.put("Not Applicable", Meaning.NOT_APPLICABLE);
        d.put("Not Required", Meaning.NOT_APPLICABLE);
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    static final String PROPERTY = "patchproof.source.sms2003.state-names";
    static final String ZONE_PROPERTY = "patchproof.source.sms2003.agent-install-date-zone";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final Map<String, Meaning> byKey;
    private final boolean agentInstallDateUtc;
    private final Duration unknownOffsetWindow;

    private StateNames(Map<String, Meaning> byKey, boolean agentInstallDateUtc, Duration unknownOffsetWindow) {
        this.byKey = byKey;
        this.agentInstallDateUtc = agentInstallDateUtc;
        this.unknownOffsetWindow = unknownOffsetWindow;
    }

    /**
     * The defaults with the configured names on top.
     *
     * @throws UsageException naming the property when a meaning or the zone is not one we know
     */
    static StateNames of(PatchproofProperties.Source.Sms2003 config, Duration unknownOffsetWindow) {
        Map<String, Meaning> byKey = new LinkedHashMap<>();
        DEFAULTS.forEach((name, meaning) -> byKey.put(key(name), meaning));
        Map<String, String> configured = config == null || config.stateNames() == null ? Map.of() : config.stateNames();
        configured.forEach((name, meaning) -> {
            if (key(name).isEmpty()) {
                throw new UsageException(PROPERTY + ": a state name must contain a letter or a digit");
            }
            byKey.put(key(name), Meaning.parse(PROPERTY + ".[" + name + "]", meaning));
        });
        String zone = config == null || config.agentInstallDateZone() == null ? "local"
                : config.agentInstallDateZone().trim().toLowerCase(Locale.ROOT);
        if (!zone.equals("local") && !zone.equals("utc")) {
            throw new UsageException(ZONE_PROPERTY + ": '" + config.agentInstallDateZone()
                    + "' is not a zone; use local (client local time, the default) or utc");
        }
        return new StateNames(Map.copyOf(byKey), zone.equals("utc"), unknownOffsetWindow);
    }

    /** The meaning of a name, or null when neither the defaults nor the configuration know it. */
    Meaning meaning(String stateName) {
        return stateName == null ? null : byKey.get(key(stateName));
    }

    /**
     * Reads one row: {@code row} as the snapshot holds it (status and enforcement state unset,
     * AgentInstallDate in {@code enforcementTimeUtc} as written, zone unapplied) and its state
     * name, on {@code host} (null for a row without a discovery record).
     */
    Reading read(ComplianceFacts row, String stateName, HostFacts host) {
        Meaning meaning = meaning(stateName);
        Instant raw = row.enforcementTimeUtc();
        Instant at = null;
        Instant latest = null;
        String dated;
        if (raw == null) {
            dated = "no AgentInstallDate (not installed by the SMS agent)";
        }
        else if (agentInstallDateUtc) {
            at = raw;
            dated = "AgentInstallDate " + MINUTE.format(raw.atOffset(ZoneOffset.UTC)) + "Z";
        }
        else {
            LocalDateTime local = LocalDateTime.ofInstant(raw, ZoneOffset.UTC);
            Integer offset = host == null ? null : host.utcOffsetMinutes();
            if (offset != null) {
                at = local.minusMinutes(offset).toInstant(ZoneOffset.UTC);
                dated = "AgentInstallDate " + MINUTE.format(local) + " local";
            }
            else {
                latest = local.plus(unknownOffsetWindow).toInstant(ZoneOffset.UTC);
                dated = "AgentInstallDate " + MINUTE.format(local) + " local, offset unknown: no later than "
                        + MINUTE.format(latest.atOffset(ZoneOffset.UTC)) + "Z";
            }
        }
        String shown = stateName == null || stateName.isBlank() ? "no site state (LastStateName empty)"
                : "site state '" + stateName + "'";
        if (meaning == null) {
            ComplianceFacts facts = new ComplianceFacts(row.seq(), row.resourceId(), row.ciId(), 2, null, null, null,
                    row.lastErrorCode(), row.qfeInstalledOn());
            return new Reading(facts, null, shown + " is not in " + PROPERTY
                    + ": counted as required, never as installed");
        }
        Integer state = meaning.enforcementState;
        Instant stateTime = null;
        Instant lastChange = null;
        switch (meaning) {
            case INSTALLED -> {
                // Without a point in time the install is only bounded from above.
                state = at == null ? null : state;
                stateTime = at;
                lastChange = latest;
            }
            case PENDING_RESTART, FAILED -> stateTime = at;
            default -> {
            }
        }
        ComplianceFacts facts = new ComplianceFacts(row.seq(), row.resourceId(), row.ciId(), meaning.status, lastChange,
                state, stateTime, row.lastErrorCode(), row.qfeInstalledOn());
        boolean datesInstall = meaning == Meaning.INSTALLED || meaning == Meaning.PENDING_RESTART;
        return new Reading(facts, meaning, shown + " read as " + meaning.id + (datesInstall ? ", " + dated : ""));
    }

    /** Lower-case letters and digits only. */
    static String key(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * A row as the rules will see it.
     *
     * @param facts     status and enforcement state set from the name, the install dated
     * @param meaning   null when the name is unknown
     * @param evidence  how the name was read, for the finding's evidence
     */
    record Reading(ComplianceFacts facts, Meaning meaning, String evidence) {

        boolean unknown() {
            return meaning == null;
        }
    }
}
