package io.patchproof.exceptions;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.UpdateFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts what each register line covered, from a run's findings: every in-scope pair a line
 * matches (EXEMPT by the first active line; the pairs of an expired or not yet approved line are
 * those it would have covered) and the distinct hosts among them. Fed with every finding of the
 * run in one pass (the publish step's pass over the whole snapshot), so the counts do not depend
 * on how the reconcile step was partitioned or restarted. Memory: the hosts each line matched.
 * Not thread-safe: one pass, one thread.
 */
public final class ExceptionTally {

    private final ExceptionMatcher matcher;
    private final Map<Integer, HostFacts> hosts;
    private final Map<Integer, UpdateFacts> updates;
    private final long[] pairs;
    private final List<Set<Integer>> hostsOf;

    public ExceptionTally(ExceptionMatcher matcher, Map<Integer, HostFacts> hosts, Map<Integer, UpdateFacts> updates) {
        this.matcher = matcher;
        this.hosts = hosts;
        this.updates = updates;
        int n = matcher.lines().size();
        this.pairs = new long[n];
        this.hostsOf = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hostsOf.add(new HashSet<>());
        }
    }

    public void accept(Finding f) {
        if (pairs.length == 0 || !f.verdict().inScope()) {
            return;
        }
        HostFacts host = hosts.get(f.resourceId());
        UpdateFacts update = updates.get(f.ciId());
        matcher.matching(host, update, i -> {
            pairs[i]++;
            hostsOf.get(i).add(f.resourceId());
        });
    }

    /** What the register did in the run, every line in file order. */
    public ExceptionsRead result(java.time.LocalDate asOf) {
        ExceptionsRegister register = matcher.register();
        if (!register.present()) {
            return new ExceptionsRead(register.file(), null, List.of());
        }
        List<ExceptionUse> uses = new ArrayList<>();
        List<ExceptionLine> lines = matcher.lines();
        for (int i = 0; i < lines.size(); i++) {
            uses.add(new ExceptionUse(lines.get(i), ExceptionsRegister.state(lines.get(i), asOf), pairs[i],
                    hostsOf.get(i).size()));
        }
        return new ExceptionsRead(register.file(), register.sha256(), uses);
    }
}
