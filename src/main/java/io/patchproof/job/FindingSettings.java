package io.patchproof.job;

import io.patchproof.source.BulletinSeverities;
import io.patchproof.reconcile.RuleSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings that decide a finding (the rules, how SMS 2003 state names are read, the SMS 2003
 * bulletin severities by the file's SHA-256, and what the run's snapshot makes of them: the kind of
 * site and whether ClientState speaks for the as-of date), by property name. A run's findings are worked out twice, by the reconcile step (the sheets' ones,
 * staged) and by the publish step (every one, again from the snapshot, {@link SnapshotFindings}),
 * possibly in different processes when a run is restarted: the two must use the same settings or
 * the workbook's sheets and the findings CSV would disagree. The first step of a run to work out
 * findings records them beside the run ({@code pp_run.finding_settings}); later steps and restarts
 * check them against the settings of their own process.
 */
public final class FindingSettings {

    private FindingSettings() {
    }

    /** The settings of this process, in a fixed order. */
    static Map<String, String> of(PatchproofProperties properties) {
        PatchproofProperties.Rules r = properties.rules();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("patchproof.rules.enforcement-margin", String.valueOf(r.enforcementMargin()));
        s.put("patchproof.rules.unknown-offset-window", String.valueOf(r.unknownOffsetWindow()));
        s.put("patchproof.rules.inventory-stale-after", String.valueOf(r.inventoryStaleAfter()));
        s.put("patchproof.rules.reboot-classifications", String.valueOf(r.rebootClassifications()));
        s.put("patchproof.rules.reboot-products", String.valueOf(r.rebootProducts()));
        s.put("patchproof.rules.reboot-titles", String.valueOf(r.rebootTitles()));
        s.put("patchproof.rules.superseded-in-headline", String.valueOf(r.supersededInHeadline()));
        s.put("patchproof.rules.sla", String.valueOf(r.sla()));
        s.put("patchproof.rules.dst-margin", String.valueOf(r.dstMargin()));
        s.put("patchproof.rules.scan-stale-after", String.valueOf(r.scanStaleAfter()));
        PatchproofProperties.Source.Sms2003 sms = properties.source().sms2003();
        s.put("patchproof.source.sms2003.state-names",
                String.valueOf(sms == null || sms.stateNames() == null ? Map.of() : new TreeMap<>(sms.stateNames())));
        s.put("patchproof.source.sms2003.agent-install-date-zone", sms == null ? "null" : String.valueOf(sms.agentInstallDateZone()));
        s.put(BulletinSeverities.PROPERTY, bulletinSeverity(sms));
        s.put("patchproof.max-as-of-lag", String.valueOf(properties.maxAsOfLag()));
        return s;
    }

    /** As {@link #of(PatchproofProperties)}, with what the run's snapshot made of them. */
    static Map<String, String> of(PatchproofProperties properties, RuleSettings rules) {
        Map<String, String> s = of(properties);
        s.put("site kind (from the schema profile)", String.valueOf(rules.siteKind()));
        s.put("ClientState speaks for the as-of date", String.valueOf(rules.clientStateCurrent()));
        return s;
    }

    /** The bulletin-severity file by its content (a file edited in place is another file), or why it cannot be read. */
    private static String bulletinSeverity(PatchproofProperties.Source.Sms2003 sms) {
        try {
            return "sha256:" + BulletinSeverities.load(sms == null ? null : sms.bulletinSeverity()).sha256();
        } catch (IllegalArgumentException e) {
            return "unreadable";
        }
    }

    /**
     * Records this process's settings for the run the first time they are asked for; afterwards
     * refuses to go on when they differ from the recorded ones, naming each setting that changed.
     */
    static void keepOrCheck(RunStore store, long jobInstanceId, PatchproofProperties properties, RuleSettings rules) {
        Map<String, String> current = of(properties, rules);
        String recorded = store.findingSettings(jobInstanceId);
        if (recorded == null) {
            store.recordFindingSettings(jobInstanceId, text(current));
            return;
        }
        check(jobInstanceId, parse(recorded), current);
    }

    /** Refuses ({@link UsageException}) when this process's settings differ from those the run recorded, if any. */
    public static void checkRecorded(RunStore store, long jobInstanceId, PatchproofProperties properties) {
        String recorded = store.findingSettings(jobInstanceId);
        if (recorded != null) {
            check(jobInstanceId, parse(recorded), of(properties));
        }
    }

    private static void check(long jobInstanceId, Map<String, String> recorded, Map<String, String> current) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : current.entrySet()) {
            String was = recorded.get(e.getKey());
            if (was != null && !was.equals(e.getValue())) {
                changed.add(e.getKey() + " is " + e.getValue() + " now but was " + was);
            }
        }
        if (!changed.isEmpty()) {
            throw new UsageException("the settings that decide a finding changed since job instance " + jobInstanceId
                    + " began working out its findings: " + String.join("; ", changed) + ". One report must rest on one"
                    + " set of rules: set them back to resume this run with `restart`, or start afresh with `run --rerun`");
        }
    }

    /** One line per setting, {@code name=value}, with backslashes and line breaks escaped. */
    static String text(Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(k).append('=')
                .append(v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")).append('\n'));
        return b.toString();
    }

    static Map<String, String> parse(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                settings.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
            }
        }
        return settings;
    }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
