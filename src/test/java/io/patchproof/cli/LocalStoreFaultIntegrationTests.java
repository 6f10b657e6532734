package io.patchproof.cli;

import static io.patchproof.testsupport.LocalStore.outputFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.StoreFileSystems;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store's own faults each end in one line that names the store and the way out:
 * damaged (truncated or garbled), on a read-only file system, on a disk that fills up. A
 * read-only file system and a filling disk come from {@link StoreFileSystems}, H2 file-system
 * prefixes over the real disk. In-process, each test with its own store and output folder.
 */
class LocalStoreFaultIntegrationTests {

    static final int HOSTS = 240;

    @TempDir
    static Path demoDir;

    static String demoUrl;

    @TempDir
    Path work;

    @BeforeAll
    static void setUp() {
        demoUrl = DemoSiteDatabase.jdbcUrl(DemoSiteDatabase.ensure(demoDir, HOSTS, DemoSiteDatabase.DEFAULT_SEED));
        StoreFileSystems.register();
    }

    @AfterEach
    void roomAgain() {
        StoreFileSystems.freeSpace();
    }

    private String[] run(String... more) {
        String[] base = {"run", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertOneLine(Cli.Result result) {
        assertThat(result.err().lines().toList()).as(result.toString()).hasSize(1).allMatch(l -> l.startsWith("patchproof: "));
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void aTruncatedOrGarbledStoreIsRefusedSayingHowToMoveItAsideAndThePublishedFilesStayValid() throws IOException {
        Cli cli = new Cli(work, demoDir);
        Cli.Result first = cli.run(run());
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Map<String, String> published = outputFiles(cli);
        Path file = cli.store().resolve("patchproof.mv.db");
        byte[] intact = Files.readAllBytes(file);

        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(2000);
        }
        Cli.Result truncated = cli.run(run("--rerun"));
        assertThat(truncated.exitCode()).as(truncated.toString()).isEqualTo(2);
        assertOneLine(truncated);
        assertThat(truncated.err()).contains("the local store " + file + " is damaged")
                .contains("mv " + file + " " + file + ".damaged").contains("Files already published stay valid");

        Files.write(file, intact);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            // Both copies of the store's header (blocks 0 and 1): a garbled file, whatever was written last.
            for (int block = 0; block < 2; block++) {
                f.seek(block * 4096L);
                f.write("garbled-garbled-garbled-garbled-garbled-garbled-garbled-garbled".getBytes());
            }
        }
        Cli.Result garbled = cli.run(run("--rerun"));
        assertThat(garbled.exitCode()).as(garbled.toString()).isEqualTo(2);
        assertOneLine(garbled);
        assertThat(garbled.err()).contains("is damaged").contains(".damaged");
        assertThat(outputFiles(cli)).as("the published files, untouched").isEqualTo(published);

        // As the line says: move it aside and run again. A new store starts, and the published set is still
        // never overwritten: the same run is refused by its files.
        Files.move(file, file.resolveSibling("patchproof.mv.db.damaged"));
        Cli.Result again = cli.run(run());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("already published");
        assertThat(outputFiles(cli)).isEqualTo(published);
    }

    @Test
    void aStoreOnAReadOnlyFileSystemIsRefusedBeforeAnythingRuns() {
        Cli cli = new Cli(work, demoDir);
        // A store that exists: created by a command that stops at the missing source.
        assertThat(cli.run("run").err()).contains("no site database configured");
        Path store = cli.store().resolve("patchproof");

        Cli.Result result = cli.run(run("--spring.datasource.url=" + StoreFileSystems.readOnlyUrl(store)));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertOneLine(result);
        assertThat(result.err()).contains("the local store " + store + ".mv.db is read-only").contains("spring.datasource.url");
        assertThat(cli.output()).doesNotExist();
    }

    @Test
    void aDiskThatFillsDuringARunEndsItSayingDiskFullAndRestartCompletesItOnceThereIsRoom() throws IOException {
        Cli cli = new Cli(work, demoDir);
        String store = "--spring.datasource.url=" + StoreFileSystems.diskFullUrl(cli.store().resolve("patchproof"));
        assertThat(cli.run("run", store).err()).as("the store is created").contains("no site database configured");

        // Room for starting the run, not for its snapshot (about 2 MB for this estate).
        StoreFileSystems.fillAfter(300_000);
        Cli.Result full = cli.run(run(store));

        assertThat(full.exitCode()).as(full.toString()).isEqualTo(1);
        assertThat(full.err().lines().filter(l -> l.startsWith("patchproof: ")).toList()).as(full.toString())
                .last().asString().startsWith("patchproof: ").contains("disk full").contains(cli.store().resolve("patchproof.mv.db").toString())
                .contains("`restart`");
        assertThat(full.err()).doesNotContain("\tat ");
        assertThat(outputFiles(cli)).as("nothing published").isEmpty();

        StoreFileSystems.freeSpace();
        Cli.Result restarted = cli.run("restart", "--patchproof.source.url=" + demoUrl, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF,
                store);
        assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
        assertThat(outputFiles(cli).keySet()).anyMatch(n -> n.endsWith(".xlsx")).anyMatch(n -> n.endsWith(".manifest.json"));
    }
}
