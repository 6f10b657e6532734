package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.job.UsageException;
import io.patchproof.testsupport.StoreFileSystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is checked of the local store's file before it is opened, and who holds it. */
class LocalStoreFileTests {

    @TempDir
    Path dir;

    @BeforeAll
    static void fileSystems() {
        StoreFileSystems.register();
    }

    private LocalStoreFile store(String url) {
        return LocalStoreFile.of(url).orElseThrow();
    }

    @Test
    void onlyALocalH2FileIsAStoreFile() {
        assertThat(LocalStoreFile.of("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(LocalStoreFile.of("jdbc:h2:tcp://localhost/~/store")).isEmpty();
        assertThat(LocalStoreFile.of("jdbc:sqlserver://db:1433")).isEmpty();
        assertThat(LocalStoreFile.of(null)).isEmpty();
        assertThat(store("jdbc:h2:file:./data/store/patchproof;DB_CLOSE_ON_EXIT=FALSE").display())
                .isEqualTo(Path.of("data/store/patchproof.mv.db").toString());
    }

    @Test
    void aMissingFolderIsCreated() {
        Path folder = dir.resolve("x/store");
        store("jdbc:h2:file:" + folder.resolve("patchproof")).checkBeforeStart(p -> Long.MAX_VALUE);
        assertThat(folder).isDirectory();
    }

    @Test
    void aFullDiskIsRefusedBeforeTheStoreIsOpenedAndSaysDiskFull() {
        LocalStoreFile store = store("jdbc:h2:file:" + dir.resolve("patchproof"));
        assertThatThrownBy(() -> store.checkBeforeStart(p -> 5L * 1024 * 1024)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("disk full: the disk holding the local store " + dir.resolve("patchproof.mv.db"))
                .hasMessageContaining("5 MB free").hasMessageContaining("spring.datasource.url");
        assertThat(dir.resolve("patchproof.mv.db")).as("nothing created").doesNotExist();
    }

    @Test
    void aStoreOnAReadOnlyFileSystemIsRefused() throws IOException {
        Files.writeString(dir.resolve("patchproof.mv.db"), "");
        assertThatThrownBy(() -> store(StoreFileSystems.readOnlyUrl(dir.resolve("patchproof"))).checkBeforeStart(p -> Long.MAX_VALUE))
                .isInstanceOf(UsageException.class).hasMessageContaining("read-only")
                .hasMessageContaining(dir.resolve("patchproof.mv.db").toString());
        assertThatThrownBy(() -> store(StoreFileSystems.readOnlyUrl(dir.resolve("new/patchproof"))).checkBeforeStart(p -> Long.MAX_VALUE))
                .isInstanceOf(UsageException.class).hasMessageContaining("cannot be created")
                .hasMessageContaining("read-only file system");
    }

    @Test
    void aFolderThatIsAFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("store"), "x");
        assertThatThrownBy(() -> store("jdbc:h2:file:" + dir.resolve("store/patchproof")).checkBeforeStart(p -> Long.MAX_VALUE))
                .isInstanceOf(UsageException.class).hasMessageContaining("the local store's folder");
    }

    @Test
    void theOwnerFileNamesALiveProcessAndNoOtherAndNeverThisOne() throws IOException {
        LocalStoreFile store = store("jdbc:h2:file:" + dir.resolve("patchproof"));
        store.claim("demo");
        assertThat(store.liveHolder()).as("this process is not 'another process'").isEmpty();
        Path owner = dir.resolve("patchproof.owner");
        String mine = Files.readString(owner);
        assertThat(mine).contains("command=demo").contains("pid=" + ProcessHandle.current().pid());

        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        Files.writeString(owner, "pid=" + parent.pid() + "\ncommand=run\nstarted="
                + parent.info().startInstant().orElseThrow().toString().replace(":", "\\:") + "\n");
        assertThat(store.liveHolder()).hasValueSatisfying(h -> assertThat(h)
                .contains("patchproof `run`, process " + parent.pid()));

        Files.writeString(owner, "pid=" + parent.pid() + "\ncommand=run\nstarted=2001-01-01T00\\:00\\:00Z\n");
        assertThat(store.liveHolder()).as("same id, another start: the id was reused").isEmpty();

        store.release();
        assertThat(owner).as("release removes only this process's own file").exists();
        store.claim("demo");
        store.release();
        assertThat(owner).doesNotExist();
    }
}
