package io.patchproof.job;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.UtcInterval;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an SMS 2003 patch-state row (Inventory Tool for Microsoft Updates, {@code v_GS_PatchStatusEx})
 * into the status and enforcement state the rules read (design.md, "SMS 2003 (ITMU)"). The rules,
 * the reports and the history never see the names: a row that went through here looks like any
 * other compliance row, and only its evidence says how it was read.
 *
 * <p><b>The scan decides first.</b> The row's scan status ({@code Status} of
 * Win32_PatchState_Extended) says installed or required: {@code Installed} → Status 3,
 * {@code Applicable} → Status 2, anything else (none included) → Status 1, out of scope and counted.
 * A hand or Windows Update install has a scan status and no agent state name, and is installed
 * like any other: exactly the story's population.
 *
 * <p><b>The agent's state name refines it.</b> {@code LastStateName} comes from the SMS agent's own
 * messages, through the mapping configured under {@code patchproof.source.sms2003.state-names} on
 * top of {@link #DEFAULTS}: restart-pending names → enforcement state 9, failure names → state 11;
 * every other name, 'Install Verified' included, is no state (the meanings installed, required and
 * not-applicable are still accepted in configuration, so older files keep working, and add no
 * state). A name the mapping does not know is no state either, and is flagged
 * {@link io.patchproof.reconcile.QualityFlag#UNKNOWN_STATE_NAME} for the Data quality sheet; the
 * scan status still decides whether the pair is installed or required. Names match ignoring case,
 * spaces and punctuation ("Reboot Pending" = "reboot pending"), so a key that Spring Boot's binding
 * stripped of its spaces still matches. Why configurable: the full list of SMS 2003 state names is
 * not confirmed (sccm-schema.md section 12).
 *
 * <p><b>Times.</b> {@code AgentInstallDate} (when the SMS agent installed the update) becomes
 * {@link ComplianceFacts#agentInstall()}: read as client local time by default, like all inventory,
 * and converted with the host's offset (the one in force at inventory time, so ± the daylight-saving
 * margin; an unknown or impossible offset widens it to ± the unknown-offset window), or as UTC with
 * {@code agent-install-date-zone: utc} (a point). {@code ScanDateTime} becomes
 * {@link ComplianceFacts#scanTime()}: an inventory time whose zone is not confirmed, so the interval
 * between its UTC and local readings. The enforcement message time stays unset: the rules time a
 * state 9 or 11 by the AgentInstallDate, else by the scan time, and bound an install by both.
 *
 * <p>Immutable and thread-safe.
 */
final class StateNames {

    /** What an agent state name says; only a restart-pending or failure name gives a state. */
    enum Meaning {
        /** Installed by the agent: no state of its own (the scan status says installed). */
        INSTALLED("installed", null),
        /** Installed, waiting for a restart: state 9, as ConfigMgr reports it. */
        PENDING_RESTART("pending-restart", 9),
        /** Required, not installed: no state of its own. */
        REQUIRED("required", null),
        /** The install failed: state 11. */
        FAILED("failed", 11),
        /** Not applicable to the host: no state of its own (the scan status decides scope). */
        NOT_APPLICABLE("not-applicable", null);

        final String id;
        final Integer enforcementState;

        Meaning(String id, Integer enforcementState) {
            this.id = id;
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

    static final int STATUS_INSTALLED = 3;
    static final int STATUS_REQUIRED = 2;
    static final int STATUS_OUT_OF_SCOPE = 1;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);

    private final Map<String, Meaning> byKey;
    private final boolean agentInstallDateUtc;
    private final Duration unknownOffsetWindow;
    private final Duration dstMargin;

    private StateNames(Map<String, Meaning> byKey, boolean agentInstallDateUtc, Duration unknownOffsetWindow,
            Duration dstMargin) {
        this.byKey = byKey;
        this.agentInstallDateUtc = agentInstallDateUtc;
        this.unknownOffsetWindow = unknownOffsetWindow;
        this.dstMargin = dstMargin;
    }

    /** The mapping with the default daylight-saving margin (checking a configuration, say). */
    static StateNames of(PatchproofProperties.Source.Sms2003 config, Duration unknownOffsetWindow) {
        return of(config, unknownOffsetWindow, RuleSettings.DEFAULT_DST_MARGIN);
    }

    /**
     * The defaults with the configured names on top.
     *
     * @param dstMargin how far a local AgentInstallDate converted with the inventory's offset may be
     *                  off (patchproof.rules.dst-margin)
     * @throws UsageException naming the property when a meaning or the zone is not one we know
     */
    static StateNames of(PatchproofProperties.Source.Sms2003 config, Duration unknownOffsetWindow, Duration dstMargin) {
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
        return new StateNames(Map.copyOf(byKey), zone.equals("utc"), unknownOffsetWindow,
                dstMargin == null ? RuleSettings.DEFAULT_DST_MARGIN : dstMargin);
    }

    /** The meaning of a name, or null when neither the defaults nor the configuration know it. */
    Meaning meaning(String stateName) {
        return stateName == null ? null : byKey.get(key(stateName));
    }

    /** The Status a scan status reads as: 3 for Installed, 2 for Applicable, 1 (out of scope) for anything else. */
    static int status(String scanStatus) {
        String k = scanStatus == null ? "" : key(scanStatus);
        return k.equals("installed") ? STATUS_INSTALLED : k.equals("applicable") ? STATUS_REQUIRED : STATUS_OUT_OF_SCOPE;
    }

    /**
     * Reads one row as the snapshot holds it (status and enforcement state unset, AgentInstallDate in
     * {@code enforcementTimeUtc} as stored) on {@code host} (null for a row without a discovery record).
     */
    Reading read(SnapshotComplianceRow item, HostFacts host) {
        ComplianceFacts row = item.facts();
        Integer offset = host == null || !UtcInterval.plausibleOffset(host.utcOffsetMinutes()) ? null
                : host.utcOffsetMinutes();
        int status = status(item.scanStatus());
        String name = item.stateName() == null ? "" : item.stateName().strip();
        Meaning meaning = name.isEmpty() ? null : meaning(name);
        boolean unknownName = !name.isEmpty() && meaning == null;
        Integer state = meaning == null ? null : meaning.enforcementState;

        UtcInterval agentInstall = null;
        String dated;
        LocalDateTime raw = row.enforcementTimeUtc() == null ? null
                : LocalDateTime.ofInstant(row.enforcementTimeUtc(), ZoneOffset.UTC);
        if (raw == null) {
            dated = "no AgentInstallDate";
        } else if (agentInstallDateUtc) {
            agentInstall = UtcInterval.at(raw.toInstant(ZoneOffset.UTC));
            dated = "AgentInstallDate " + MINUTE.format(raw) + "Z";
        } else {
            agentInstall = UtcInterval.ofLocal(raw, offset, unknownOffsetWindow, dstMargin);
            dated = "AgentInstallDate " + MINUTE.format(raw) + " local"
                    + (offset == null ? " (offset unknown, ±" + hours(unknownOffsetWindow) + ")" : "");
        }
        UtcInterval scanTime = item.scanTime() == null ? null
                : UtcInterval.ofInventoryTime(item.scanTime(), offset, unknownOffsetWindow);

        ComplianceFacts facts = new ComplianceFacts(row.seq(), row.resourceId(), row.ciId(), status, null, state, null,
                row.lastErrorCode(), row.qfeInstalledOn(), agentInstall, scanTime);
        return new Reading(facts, meaning, unknownName, scanText(item, status) + "; " + stateText(name, meaning, unknownName)
                + ", " + dated);
    }

    private static String scanText(SnapshotComplianceRow item, int status) {
        String by = item.scanAgent() == null || item.scanAgent().isBlank() ? "scan tool unknown" : item.scanAgent().strip();
        String at = item.scanTime() == null ? "scan time unknown" : "scanned " + MINUTE.format(item.scanTime());
        String read = switch (status) {
            case STATUS_INSTALLED -> "read as installed (Status 3)";
            case STATUS_REQUIRED -> "read as required (Status 2)";
            default -> "neither Installed nor Applicable: out of scope";
        };
        String shown = item.scanStatus() == null || item.scanStatus().isBlank() ? "no scan status"
                : "scan status '" + item.scanStatus().strip() + "'";
        return shown + " (" + by + ", " + at + ") " + read;
    }

    private static String stateText(String name, Meaning meaning, boolean unknownName) {
        if (name.isEmpty()) {
            return "no SMS agent state";
        }
        if (unknownName) {
            return "agent state '" + name + "' is not in " + PROPERTY + ": no state";
        }
        return "agent state '" + name + "' read as " + meaning.id
                + (meaning.enforcementState == null ? " (no state)" : " (state " + meaning.enforcementState + ")");
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
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
     * @param facts        status from the scan, enforcement state from the name, the times as intervals
     * @param meaning      the name's meaning; null when the row has no name or one the mapping does not know
     * @param unknownName  the row has a name the mapping does not know (flagged under Data quality)
     * @param evidence     how the row was read, for the finding's evidence
     */
    record Reading(ComplianceFacts facts, Meaning meaning, boolean unknownName, String evidence) {

        boolean unknown() {
            return unknownName;
        }
    }
}
