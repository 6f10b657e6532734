package io.patchproof.job;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.Finding;
import io.patchproof.reconcile.Metrics;
import io.patchproof.reconcile.RuleSettings;
import io.patchproof.reconcile.Verdict;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The metrics come out of the CSV's pass over the findings, or out of a pass of their own when
 * they are asked for first: the same figures either way, never those of an interrupted pass.
 */
class StoreReportDataTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);
    static final long INSTANCE = 42;
    static final long SNAPSHOT = 3;

    RunStore store;
    List<Finding> written = new ArrayList<>();

    @BeforeEach
    void storeWithFindings() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("store/schema.sql")).execute(ds);
        store = new RunStore(ds, false);
        for (int host = 1; host <= 3; host++) {
            store.jdbc().update("INSERT INTO pp_snap_host (snapshot_id, seq, resourceId, name, osName) VALUES (?, ?, ?, ?, ?)",
                    SNAPSHOT, host, host, "HOST" + host, host == 1 ? "Microsoft Windows NT Server 10.0" : "Microsoft Windows NT Workstation 10.0");
        }
        for (int ci = 1; ci <= 2; ci++) {
            store.jdbc().update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, articleId, severity) VALUES (?, ?, ?, ?, ?)",
                    SNAPSHOT, ci, 100 + ci, "50000" + ci, ci == 1 ? 10 : 6);
        }
        store.createFindingTable(INSTANCE);
        long seq = 0;
        for (int host = 1; host <= 3; host++) {
            for (int ci = 1; ci <= 2; ci++) {
                var builder = switch ((host + ci) % 4) {
                    case 0 -> aNotInEffectFinding();
                    case 1 -> aMissingFinding();
                    case 2 -> anInEffectFinding();
                    default -> anInEffectFinding().verdict(Verdict.OUT_OF_SCOPE);
                };
                written.add(builder.seq(++seq).resourceId(host).host("HOST" + host).ciId(100 + ci).article("50000" + ci).build());
            }
        }
        for (Finding f : written) {
            store.jdbc().update(RunStore.insertFinding(INSTANCE), RunStore.findingRow(f));
        }
    }

    StoreReportData data() {
        return new StoreReportData(store, INSTANCE, SNAPSHOT, RuleSettings.defaults(AS_OF), null);
    }

    @Test
    void theCsvPassGivesTheMetricsOfAPassOfTheirOwnAndOnlyTheFindingsInScope() {
        StoreReportData first = data();
        Metrics own = first.metrics();
        List<Long> inScopeAfterOwnPass = new ArrayList<>();
        first.forEachFindingInScope(f -> inScopeAfterOwnPass.add(f.seq()));

        StoreReportData fused = data();
        List<Long> inScope = new ArrayList<>();
        fused.forEachFindingInScope(f -> inScope.add(f.seq()));

        assertThat(fused.metrics()).isEqualTo(own);
        assertThat(own.rowsRead()).isEqualTo(written.size());
        assertThat(inScope).isEqualTo(inScopeAfterOwnPass)
                .containsExactlyElementsOf(written.stream().filter(f -> f.verdict().inScope()).map(Finding::seq).toList());
        assertThat(inScope).hasSizeLessThan(written.size());
    }

    @Test
    void anInterruptedPassLeavesNoPartialMetrics() {
        Metrics complete = data().metrics();
        StoreReportData data = data();
        int[] seen = {0};
        assertThatThrownBy(() -> data.forEachFindingInScope(f -> {
            if (++seen[0] == 2) {
                throw new IllegalStateException("stop requested");
            }
        })).hasMessage("stop requested");

        assertThat(data.metrics()).isEqualTo(complete);
    }
}
