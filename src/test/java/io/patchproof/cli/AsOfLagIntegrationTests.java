package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site database holds the current state only (issue 10, item 8): a run as of a date more than
 * patchproof.max-as-of-lag before the newest data in the rows read would report figures that never
 * existed, so it is refused with one line and exit code 2, publishing nothing and keeping none of
 * the rows it copied. A date within the lag runs.
 */
class AsOfLagIntegrationTests {

    static final int KB_CI = 100;

    @TempDir
    static Path dir;

    /** A site whose newest state message is of 2026-11-30 10:00 UTC (its inventory is older). */
    static String stateSite;
    /** A site whose newest inventory is of 2026-11-30 10:00 client local time (its states are older). */
    static String inventorySite;

    @BeforeAll
    static void sites() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir.resolve("state"));
        site.update(KB_CI, "5066001", "2026-10 Cumulative Update for Windows Server 2022 (KB5066001)").add();
        site.host(1, "SRV-01").add();
        site.host(2, "SRV-02").add();
        site.compliance(1, KB_CI).add();
        site.compliance(2, KB_CI).lastStatusChange(LocalDateTime.of(2026, 11, 30, 10, 0)).add();
        stateSite = site.build();

        SiteDatabaseBuilder other = aSiteDatabase(dir.resolve("inventory"));
        other.update(KB_CI, "5066001", "2026-10 Cumulative Update for Windows Server 2022 (KB5066001)").add();
        other.host(1, "SRV-01").inventoryLocal(LocalDateTime.of(2026, 11, 30, 10, 0)).add();
        other.compliance(1, KB_CI).add();
        inventorySite = other.build();
    }

    private static List<Path> published(Cli cli) throws IOException {
        if (!Files.isDirectory(cli.output())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cli.output())) {
            return files.toList();
        }
    }

    @Test
    void anAsOfDateMoreThanTheLagBeforeTheNewestStateIsRefusedWithOneLineAndNothingKept() throws IOException {
        Cli cli = new Cli(dir.resolve("refused"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + stateSite, "--patchproof.as-of=2026-11-01");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).as(result.toString()).containsExactly("patchproof: the site database has"
                + " moved past the as-of date 2026-11-01: its newest data (a state message of 2026-11-30 10:00 UTC) is more"
                + " than 7 days (patchproof.max-as-of-lag) later, and a site database keeps no history, so figures as of"
                + " 2026-11-01 would describe a state it no longer holds. Omit --patchproof.as-of to report as of today, or"
                + " give a date on or after 2026-11-23");
        assertThat(published(cli)).as("nothing published").isEmpty();
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM pp_snapshot")).as("no snapshot kept").containsExactly(0L);
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM pp_snap_host")).containsExactly(0L);
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM pp_snap_compliance")).containsExactly(0L);

        // A restart of the refused run reads the site again and is refused again, the same way.
        Cli.Result again = cli.run("restart", "--patchproof.source.url=" + stateSite, "--patchproof.as-of=2026-11-01");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).isEqualTo(result.err());
        assertThat(published(cli)).isEmpty();
    }

    @Test
    void theFirstDateTheRefusalOffersRunsAndPublishes() throws IOException {
        Cli cli = new Cli(dir.resolve("within"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + stateSite, "--patchproof.as-of=2026-11-23");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(published(cli)).hasSize(3);
        assertThat(cli.run("run", "--patchproof.source.url=" + stateSite, "--patchproof.as-of=2026-11-22").exitCode())
                .as("one day earlier").isEqualTo(2);
    }

    @Test
    void aLongerLagLetsAnEarlierDateRun() {
        Cli cli = new Cli(dir.resolve("longer"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + stateSite, "--patchproof.as-of=2026-11-01",
                "--patchproof.max-as-of-lag=30d");

        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void aNewerInventoryRefusesTooCountingFromTheEarliestInstantItMayStandFor() {
        Cli cli = new Cli(dir.resolve("inventory"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + inventorySite, "--patchproof.as-of=2026-11-01");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        // 2026-11-30 10:00 client local is 2026-11-29 20:00 UTC at the earliest (UTC+14).
        assertThat(result.err()).contains("its newest data (an inventory of 2026-11-30 10:00 client local time)")
                .contains("give a date on or after 2026-11-22");
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM pp_snapshot")).containsExactly(0L);
    }
}
