package io.patchproof.history;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * History through the real job: runs of two sites into one local store, a rerun of one as-of
 * date, and a later month. Each site keeps its own trend, the rerun replaces its date's point,
 * and a pair still not in effect a month later keeps its first date.
 */
class HistoryIntegrationTests {

    static final LocalDate NOV = LocalDate.of(2026, 11, 16);
    static final LocalDate LATE_NOV = LocalDate.of(2026, 11, 30);

    @TempDir
    Path work;

    /** One server whose install waits for a restart that never came (state 9): one NOT_IN_EFFECT pair. */
    private static String site(SiteDatabaseBuilder site) throws SQLException {
        site.update(1, "5066001", "2026-10 Cumulative Update for Windows Server 2022").add();
        site.host(1, "SRV-01").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        site.compliance(1, 1).status(2).enforcement(9, SiteDatabaseBuilder.INSTALLED).add();
        return site.build();
    }

    private static void ok(Cli cli, String url, LocalDate asOf, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + asOf));
        args.addAll(List.of(more));
        Cli.Result result = cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static List<String> firstSeen(HistoryStore history, HistoryKey key) {
        List<String> out = new ArrayList<>();
        history.firstSeen(key, (r, c, d) -> out.add(r + ":" + c + " since " + d));
        return out;
    }

    @Test
    void twoSitesARerunAndALaterMonthKeepOnePointPerSiteAndDate() throws Exception {
        String pp1 = site(aSiteDatabase(work.resolve("a"), "cm_pp1"));
        String pp2 = site(aSiteDatabase(work.resolve("b"), "cm_pp2").withSiteCode("PP2"));
        Cli cli = new Cli(work, work.resolve("demo"));

        ok(cli, pp1, NOV);
        ok(cli, pp2, LATE_NOV);
        ok(cli, pp1, NOV, "--rerun");
        ok(cli, pp1, LATE_NOV);

        List<Long> instances = LocalStore.longs(cli, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE ORDER BY JOB_INSTANCE_ID");
        assertThat(instances).hasSize(4);
        DriverManagerDataSource store = new DriverManagerDataSource(
                "jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "");
        HistoryStore history = new HistoryStore(new JdbcTemplate(store));
        HistoryKey keyPp1 = new HistoryKey("PP1", "configmgr", "");
        HistoryKey keyPp2 = new HistoryKey("PP2", "configmgr", "");
        assertThat(history.keys()).containsExactly(keyPp1, keyPp2);
        assertThat(history.trend(keyPp1)).extracting(HistoryPoint::asOf, HistoryPoint::jobInstanceId, HistoryPoint::rerun)
                .as("the rerun (rerun number 1, files -r2) holds November 16").containsExactly(tuple(NOV, instances.get(2), 1L),
                        tuple(LATE_NOV, instances.get(3), 0L));
        assertThat(history.trend(keyPp2)).extracting(HistoryPoint::asOf).containsExactly(LATE_NOV);
        HistoryPoint latest = history.trend(keyPp1).get(1);
        assertThat(latest.detailed()).isTrue();
        assertThat(latest.overall().applicable()).isEqualTo(1);
        assertThat(latest.overall().notInEffect()).isEqualTo(1);
        assertThat(latest.serversFullyPatched().complete()).isPresent();
        assertThat(firstSeen(history, keyPp1)).singleElement().asString().endsWith(" since " + NOV);
        assertThat(firstSeen(history, keyPp2)).singleElement().asString().endsWith(" since " + LATE_NOV);
        assertThat(LocalStore.longs(cli, "SELECT MAX(version) FROM pp_store_version")).containsExactly((long) io.patchproof.store.StoreSchema.VERSION);
    }

    @Test
    void aStoreWrittenByALaterReleaseIsRefusedBeforeAnyRun() throws Exception {
        String pp1 = site(aSiteDatabase(work.resolve("a"), "cm_pp1"));
        Cli cli = new Cli(work, work.resolve("demo"));
        ok(cli, pp1, NOV);
        DriverManagerDataSource store = new DriverManagerDataSource(
                "jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(), "sa", "");
        new JdbcTemplate(store).update("INSERT INTO pp_store_version (version, description, applied_at)"
                + " VALUES (" + (io.patchproof.store.StoreSchema.VERSION + 1) + ", 'a later release', CURRENT_TIMESTAMP)");

        Cli.Result refused = cli.run("run", "--patchproof.source.url=" + pp1, "--patchproof.as-of=" + LATE_NOV);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("store version " + (io.patchproof.store.StoreSchema.VERSION + 1)).contains("reads versions up to " + io.patchproof.store.StoreSchema.VERSION);
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).containsExactly(1L);
    }
}
