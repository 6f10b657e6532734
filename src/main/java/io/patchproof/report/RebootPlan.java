package io.patchproof.report;

import io.patchproof.reconcile.HostChecks;
import io.patchproof.reconcile.HostSummary;
import io.patchproof.reconcile.MaintenanceWindow;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which hosts to restart, grouped by the maintenance window each restarts in: the Reboot plan's rows
 * and the Summary's "by window" table, worked out once so that both say the same.
 *
 * <p>A host needs a restart when it has installs not in effect (NOT_IN_EFFECT pairs in the
 * headline: superseded updates only where they count there), or when its ConfigMgr client reports
 * a restart pending while updates are still required (an install made outside a deployment may be
 * waiting for it). Its window is the enabled maintenance window, for all deployments or for
 * software updates, of any of its collections that opens first after the as-of date (ConfigMgr
 * lets a client use every window of every collection it is in). A window that is disabled is
 * left out and counted; a host with no enabled window is in the group "No maintenance window".
 * Groups come in the order their window opens (undecodable schedules after, then "No maintenance
 * window"); hosts within a group riskiest first, then by name.
 *
 * <p>Risk = Σ over the host's updates waiting for a restart of severity weight × days waiting.
 */
final class RebootPlan {

    static final String NO_WINDOW = "No maintenance window";
    static final String RISK_FORMULA = "Risk = sum, over the host's installed updates waiting for a restart, of severity"
            + " weight \u00d7 days waiting (Critical 10, Important 5, Moderate 2, Low 1, severity unknown 5).";

    /** One window (or "no window") and the hosts that restart in it. */
    static final class Group {
        final String window;
        final String collection;
        final LocalDateTime nextStart;
        final String clock;
        final String schedule;
        long hosts;
        long servers;
        long workstations;
        long waiting;
        long critical;
        double risk;

        Group(String window, String collection, LocalDateTime nextStart, String clock, String schedule) {
            this.window = window;
            this.collection = collection;
            this.nextStart = nextStart;
            this.clock = clock;
            this.schedule = schedule;
        }

        boolean noWindow() {
            return NO_WINDOW.equals(window) && collection == null;
        }

        Map<String, Object> values() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", window);
            v.put("collection", collection);
            v.put("next", nextStart != null ? nextStart : noWindow() ? "restart by arrangement" : "see the console");
            v.put("clock", clock);
            v.put("schedule", schedule);
            v.put("hosts", hosts);
            v.put("servers", servers);
            v.put("workstations", workstations);
            v.put("waiting", waiting);
            v.put("critical", critical);
            v.put("risk", risk);
            return v;
        }
    }

    /** One host's line: its group, its rank within the group, its collections named. */
    record Entry(Group group, int rank, HostSummary host, String collections, String why) {
    }

    /** Where a host restarts: its window (null: none enabled), that window's collection and next start. */
    record Assignment(MaintenanceWindow window, String collection, LocalDateTime nextStart) {
        String label() {
            return window == null ? NO_WINDOW : window.name();
        }
    }

    private final Map<String, List<MaintenanceWindow>> byCollection;
    private final Map<MaintenanceWindow, Optional<LocalDateTime>> next;
    private final WindowData data;
    private final List<Group> groups;
    private final List<Entry> entries;
    private final List<MaintenanceWindow> disabledWindows;
    private final List<MaintenanceWindow> otherTypeWindows;
    private final long pendingOnly;

    private RebootPlan(Map<String, List<MaintenanceWindow>> byCollection, Map<MaintenanceWindow, Optional<LocalDateTime>> next,
                       WindowData data, List<Group> groups, List<Entry> entries, List<MaintenanceWindow> disabledWindows,
                       List<MaintenanceWindow> otherTypeWindows, long pendingOnly) {
        this.byCollection = byCollection;
        this.next = next;
        this.data = data;
        this.groups = groups;
        this.entries = entries;
        this.disabledWindows = disabledWindows;
        this.otherTypeWindows = otherTypeWindows;
        this.pendingOnly = pendingOnly;
    }

    static RebootPlan of(List<HostSummary> hosts, WindowData windowData, LocalDate asOf) {
        WindowData data = windowData == null ? WindowData.NONE : windowData;
        LocalDateTime after = asOf == null ? LocalDateTime.MIN : asOf.atStartOfDay().minusSeconds(1);
        Map<String, List<MaintenanceWindow>> byCollection = new LinkedHashMap<>();
        List<MaintenanceWindow> disabled = new ArrayList<>();
        List<MaintenanceWindow> otherType = new ArrayList<>();
        for (MaintenanceWindow w : data.windows()) {
            if (!w.isEnabled()) {
                disabled.add(w);
            } else if (!w.appliesToUpdates()) {
                otherType.add(w);
            } else {
                byCollection.computeIfAbsent(w.collectionId(), k -> new ArrayList<>()).add(w);
            }
        }
        Map<MaintenanceWindow, Optional<LocalDateTime>> next = new LinkedHashMap<>();
        byCollection.values().forEach(list -> list.forEach(w -> next.put(w, w.nextStart(after))));

        Map<Object, Group> groups = new LinkedHashMap<>();
        List<Entry> unranked = new ArrayList<>();
        long pendingOnly = 0;
        for (HostSummary host : hosts == null ? List.<HostSummary>of() : hosts) {
            long notInEffect = host.figures() == null ? 0 : host.figures().notInEffect();
            boolean pending = restartPending(host);
            if (notInEffect == 0 && !pending) {
                continue;
            }
            if (notInEffect == 0) {
                pendingOnly++;
            }
            MaintenanceWindow window = choose(host, byCollection, next);
            Group group = groups.computeIfAbsent(window == null ? NO_WINDOW : window, k -> window == null
                    ? new Group(NO_WINDOW, null, null, null, "none of the host's collections has an enabled window")
                    : new Group(window.name(), data.collectionLabel(window.collectionId()), next.get(window).orElse(null),
                            window.gmt() == null ? "unknown" : window.gmt() ? "UTC" : "host local",
                            window.scheduleText()));
            group.hosts++;
            if (host.server()) {
                group.servers++;
            } else {
                group.workstations++;
            }
            group.waiting += notInEffect;
            group.critical += host.criticalNotInEffect();
            group.risk += host.riskScore();
            String collections = host.collectionIds().stream().map(data::collectionLabel).collect(Collectors.joining(", "));
            unranked.add(new Entry(group, 0, host, collections, why(notInEffect, pending)));
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparing((Group g) -> g.noWindow() ? 2 : g.nextStart == null ? 1 : 0)
                .thenComparing(g -> g.nextStart, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(g -> g.window, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                .thenComparing(g -> g.collection, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)));
        Map<Group, Integer> groupOrder = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            groupOrder.put(ordered.get(i), i);
        }
        unranked.sort(Comparator.comparing((Entry e) -> groupOrder.get(e.group()))
                .thenComparing(Comparator.comparingDouble((Entry e) -> e.host().riskScore()).reversed())
                .thenComparing(e -> e.host().name(), Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                .thenComparingInt(e -> e.host().resourceId()));
        List<Entry> entries = new ArrayList<>(unranked.size());
        Group current = null;
        int rank = 0;
        for (Entry e : unranked) {
            rank = e.group() == current ? rank + 1 : 1;
            current = e.group();
            entries.add(new Entry(e.group(), rank, e.host(), e.collections(), e.why()));
        }
        return new RebootPlan(byCollection, next, data, List.copyOf(ordered), List.copyOf(entries), List.copyOf(disabled),
                List.copyOf(otherType), pendingOnly);
    }

    private static MaintenanceWindow choose(HostSummary host, Map<String, List<MaintenanceWindow>> byCollection,
                                            Map<MaintenanceWindow, Optional<LocalDateTime>> next) {
        MaintenanceWindow chosen = null;
        for (String collectionId : host.collectionIds()) {
            for (MaintenanceWindow w : byCollection.getOrDefault(collectionId, List.of())) {
                if (chosen == null || earlier(next.get(w), next.get(chosen), w, chosen)) {
                    chosen = w;
                }
            }
        }
        return chosen;
    }

    /** The window any host (on the plan or not) would restart in, by the same choice as the plan's. */
    Assignment assignment(HostSummary host) {
        MaintenanceWindow w = choose(host, byCollection, next);
        return w == null ? new Assignment(null, null, null)
                : new Assignment(w, data.collectionLabel(w.collectionId()), next.get(w).orElse(null));
    }

    /** The host's collections by name, the ID beside each. */
    String collections(HostSummary host) {
        return host.collectionIds().stream().map(data::collectionLabel).collect(Collectors.joining(", "));
    }

    private static boolean earlier(Optional<LocalDateTime> a, Optional<LocalDateTime> b, MaintenanceWindow wa,
                                   MaintenanceWindow wb) {
        if (a.isPresent() != b.isPresent()) {
            return a.isPresent();
        }
        if (a.isPresent() && !a.get().equals(b.get())) {
            return a.get().isBefore(b.get());
        }
        return String.CASE_INSENSITIVE_ORDER.compare(String.valueOf(wa.name()), String.valueOf(wb.name())) < 0;
    }

    /**
     * The client itself reports a restart pending (a strong ClientState bit) while updates are
     * still required: an install made outside a deployment may be waiting for the restart.
     */
    static boolean restartPending(HostSummary host) {
        return HostChecks.restartPending(host.clientState()) && host.figures() != null && host.figures().missing() > 0;
    }

    /** Why a host is on the plan, in the words of the meeting. */
    static String why(long notInEffect, boolean pending) {
        if (notInEffect > 0 && pending) {
            return "installed updates wait; the client also flags a restart";
        }
        if (notInEffect > 0) {
            return "installed updates wait for a restart";
        }
        return pending ? "the client flags a restart; updates still required" : null;
    }

    List<Group> groups() {
        return groups;
    }

    List<Entry> entries() {
        return entries;
    }

    long hosts() {
        return entries.size();
    }

    long servers() {
        return groups.stream().mapToLong(g -> g.servers).sum();
    }

    long workstations() {
        return groups.stream().mapToLong(g -> g.workstations).sum();
    }

    long waiting() {
        return groups.stream().mapToLong(g -> g.waiting).sum();
    }

    long critical() {
        return groups.stream().mapToLong(g -> g.critical).sum();
    }

    double risk() {
        return groups.stream().mapToDouble(g -> g.risk).sum();
    }

    long pendingOnly() {
        return pendingOnly;
    }

    long serversWithoutWindow() {
        return groups.stream().filter(Group::noWindow).mapToLong(g -> g.servers).sum();
    }

    List<MaintenanceWindow> disabledWindows() {
        return disabledWindows;
    }

    List<MaintenanceWindow> otherTypeWindows() {
        return otherTypeWindows;
    }

    /** What was left out, in one sentence: disabled windows by name, and windows not for updates. */
    String leftOut() {
        List<String> parts = new ArrayList<>();
        if (!disabledWindows.isEmpty()) {
            parts.add(disabledWindows.size() + " disabled window" + (disabledWindows.size() == 1 ? "" : "s") + " left out ("
                    + disabledWindows.stream().map(w -> w.name() + " on " + data.collectionLabel(w.collectionId()))
                            .collect(Collectors.joining("; ")) + ")");
        }
        if (!otherTypeWindows.isEmpty()) {
            parts.add(otherTypeWindows.size() + " window" + (otherTypeWindows.size() == 1 ? "" : "s")
                    + " for task sequences only left out");
        }
        return parts.isEmpty() ? "No window was left out." : String.join("; ", parts) + ".";
    }
}
