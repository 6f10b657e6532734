package io.patchproof.job;

import static io.patchproof.testsupport.HostFactsBuilder.aHost;
import static io.patchproof.testsupport.UpdateFactsBuilder.anUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ExemptionRegister;
import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.HostFacts;
import io.patchproof.reconcile.Reconciler;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.patchproof.testsupport.LocalStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every finding worked out again from the snapshot, on a thread of its own, handed over in order. */
class SnapshotFindingsTests {

    static final long SNAPSHOT = 4;
    static final int ROWS = 2 * SnapshotFindings.PAGE + 123;

    RunStore store;
    Map<Integer, HostFacts> hosts = new HashMap<>();
    Map<Integer, UpdateFacts> updates = new HashMap<>();

    @BeforeEach
    void snapshot() {
        store = new RunStore(LocalStore.fresh(), false);
        for (int h = 1; h <= 40; h++) {
            hosts.put(h, aHost().withResourceId(h).bootedAt(h % 3 == 0 ? "2026-10-01T08:00" : "2026-11-20T08:00").build());
        }
        for (int u = 1; u <= 5; u++) {
            updates.put(100 + u, anUpdate().withCiId(100 + u).build());
        }
        List<Object[]> rows = new ArrayList<>();
        for (int seq = 1; seq <= ROWS; seq++) {
            rows.add(new Object[] {SNAPSHOT, seq, 1 + seq % 41, 101 + seq % 5, seq % 4 == 0 ? 2 : 3,
                    LocalDateTime.parse("2026-11-01T10:00").plusMinutes(seq)});
        }
        store.jdbc().batchUpdate("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status,"
                + " lastStatusChangeTime) VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    ReconcileItemProcessor processor(Map<Integer, HostFacts> hostMap) {
        return new ReconcileItemProcessor(new Reconciler(RuleSettings.defaults(LocalDate.of(2026, 11, 30)),
                ExemptionRegister.NONE), hostMap, updates, Set.of(), StateNames.of(null, Duration.ofHours(14)));
    }

    private static long findingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("patchproof-findings")).count();
    }

    @Test
    void everyRowGivesItsFindingInSnapshotOrderOnTheCallingThread() {
        ReconcileItemProcessor processor = processor(hosts);
        List<Finding> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();

        new SnapshotFindings(store, SNAPSHOT, processor).forEach(f -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(f);
        });

        assertThat(seen).hasSize(ROWS);
        List<Finding> serial = new ArrayList<>();
        ComplianceRangeReader reader = new ComplianceRangeReader(store.jdbc(), SNAPSHOT, 1, ROWS, 777);
        reader.doOpen();
        for (SnapshotComplianceRow row = reader.doRead(); row != null; row = reader.doRead()) {
            serial.add(processor.finding(row));
        }
        assertThat(seen).isEqualTo(serial);
        assertThat(seen.stream().map(Finding::verdict).distinct()).contains(Verdict.IN_EFFECT, Verdict.MISSING,
                Verdict.OUT_OF_SCOPE);
        assertThat(findingThreads()).isZero();
    }

    @Test
    void aFailingSinkEndsTheReadingThreadToo() {
        int[] seen = {0};
        assertThatThrownBy(() -> new SnapshotFindings(store, SNAPSHOT, processor(hosts)).forEach(f -> {
            if (++seen[0] == SnapshotFindings.BATCH + 500) {
                throw new IllegalStateException("disk full");
            }
        })).hasMessage("disk full");

        assertThat(findingThreads()).isZero();
    }

    @Test
    void aRowThatCannotBeWorkedOutFailsTheCallAfterTheFindingsBeforeIt() {
        Map<Integer, HostFacts> failing = new HashMap<>(hosts) {
            @Override
            public HostFacts get(Object key) {
                if (seenRows() > 3_000 && Integer.valueOf(17).equals(key)) {
                    throw new IllegalStateException("row of host 17 unreadable");
                }
                return super.get(key);
            }
        };
        List<Finding> seen = new ArrayList<>();
        assertThatThrownBy(() -> new SnapshotFindings(store, SNAPSHOT, processor(failing)).forEach(seen::add))
                .hasMessage("row of host 17 unreadable");

        assertThat(seen).isNotEmpty().hasSizeLessThan(ROWS);
        assertThat(seen.get(seen.size() - 1).seq()).isEqualTo(seen.size());
        assertThat(findingThreads()).isZero();
    }

    private int rows;

    private int seenRows() {
        return ++rows;
    }
}
