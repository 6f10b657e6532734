package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk a store takes stays bounded: it keeps the newest {@code patchproof.store.keep-snapshots}
 * snapshots and says which it deleted, and the temporary files POI leaves when a run is killed are
 * removed at the next start, and only those.
 */
class StoreHousekeepingIntegrationTests {

    static final int HOSTS = 30;

    @TempDir
    static Path demoDir;

    @TempDir
    Path work;

    @BeforeAll
    static void buildDemoDatabase() {
        DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED);
    }

    private static String demo(Cli cli, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "demo";
        args[1] = "--patchproof.demo.hosts=" + HOSTS;
        System.arraycopy(more, 0, args, 2, more.length);
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    @Test
    void theStoreKeepsTheNewestSnapshotsItIsToldToAndSaysWhichItDeleted() throws IOException {
        Cli cli = new Cli(work, demoDir);
        demo(cli, "--patchproof.store.keep-snapshots=2");
        demo(cli, "--patchproof.store.keep-snapshots=2");
        assertThat(LocalStore.longs(cli, "SELECT snapshot_id FROM pp_snapshot ORDER BY snapshot_id")).containsExactly(1L, 2L);
        assertThat(Files.readString(cli.logFile())).doesNotContain("deleted snapshot").doesNotContain("compacted");

        demo(cli, "--patchproof.store.keep-snapshots=2");
        assertThat(LocalStore.longs(cli, "SELECT snapshot_id FROM pp_snapshot ORDER BY snapshot_id")).containsExactly(2L, 3L);
        assertThat(LocalStore.longs(cli, "SELECT COUNT(*) FROM pp_snap_compliance WHERE snapshot_id = 1")).containsExactly(0L);
        assertThat(Files.readString(cli.logFile())).contains("history: deleted snapshot 1 (as-of " + DemoSiteDatabase.AS_OF)
                .contains("to keep the newest 2 (patchproof.store.keep-snapshots)")
                .contains("(job instances [1]) stay, but they can no longer be rendered again")
                .containsPattern("compacted the local store after deleting old snapshots: \\d+ MB to \\d+ MB in");
        Path trace = cli.store().resolve("patchproof.trace.db");
        if (Files.exists(trace)) {
            assertThat(Files.readString(trace)).as("the compaction leaves no error in the store's trace file").isEmpty();
        }

        demo(cli);
        assertThat(LocalStore.longs(cli, "SELECT snapshot_id FROM pp_snapshot ORDER BY snapshot_id"))
                .as("the default keeps three").containsExactly(2L, 3L, 4L);
    }

    @Test
    void keepingNoSnapshotIsRefusedBeforeAnythingRuns() {
        Cli.Result result = new Cli(work, demoDir).run("demo", "--patchproof.demo.hosts=" + HOSTS,
                "--patchproof.store.keep-snapshots=0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.store.keep-snapshots").contains("give 1 or more");
    }

    @Test
    void aMisspeltStorePropertyIsRefusedWithTheKnownName() {
        Cli.Result result = new Cli(work, demoDir).run("status", "--patchproof.store.keep-snapshot=2");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("patchproof.store.keep-snapshots");
    }

    @Test
    void temporaryWorkbookFilesAKilledRunLeftAreRemovedAtTheNextStartAndNoOneElses(@TempDir Path tmp) throws IOException {
        String tmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            Cli cli = new Cli(work, demoDir);
            demo(cli);
            String tag = (String) LocalStore.column(cli, "SELECT store_tag FROM pp_store").get(0);
            Path ours = tmp.resolve("poifiles").resolve("patchproof-" + tag);
            assertThat(ours).as("a completed run leaves nothing").doesNotExist();
            // What a run killed while it streamed a sheet leaves, and what others keep beside it.
            Files.createDirectories(ours);
            Path leftover = Files.writeString(ours.resolve("poi-sxssf-sheet4711.xml"), "<row/>".repeat(1000));
            Path shared = Files.writeString(tmp.resolve("poifiles").resolve("poi-sxssf-sheet815.xml"), "another program's");
            Path otherStore = Files.createDirectories(tmp.resolve("poifiles").resolve("patchproof-0therst0re"));
            Path theirs = Files.writeString(otherStore.resolve("poi-sxssf-sheet42.xml"), "another store's run in progress");

            assertThat(new Cli(work, demoDir).run("status").exitCode()).isZero();

            assertThat(leftover).doesNotExist();
            assertThat(shared).exists();
            assertThat(theirs).exists();
            assertThat(Files.readString(cli.logFile())).contains("removed 1 temporary workbook files (6,000 bytes) that an"
                    + " interrupted run left in " + ours);
            demo(cli);
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
            org.apache.poi.util.TempFile.setTempFileCreationStrategy(new org.apache.poi.util.DefaultTempFileCreationStrategy());
        }
    }
}
