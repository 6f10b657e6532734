package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.job.UsageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder's pre-flight: every way it can be unusable ends in one line naming it. */
class OutputFolderTests {

    @TempDir
    Path dir;

    /** A disk whose write check and free space the test decides. */
    private static OutputFolder.Disk disk(IOException writeFailure, long free) {
        return new OutputFolder.Disk() {
            @Override
            public void probeWrite(Path folder) throws IOException {
                if (writeFailure != null) {
                    throw writeFailure;
                }
            }

            @Override
            public long usableSpace(Path folder) {
                return free;
            }
        };
    }

    @Test
    void aMissingFolderIsCreated() {
        Path out = dir.resolve("a/b/out");
        OutputFolder.check(out, OutputFolder.NIO);
        assertThat(out).isDirectory();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aFileIsNoFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "x");
        assertThatThrownBy(() -> OutputFolder.check(file, OutputFolder.NIO)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("patchproof.output.dir: " + file).hasMessageContaining("is not a folder");
    }

    @Test
    void aFolderUnderAFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "x");
        assertThatThrownBy(() -> OutputFolder.check(file.resolve("sub"), OutputFolder.NIO)).isInstanceOf(UsageException.class)
                .hasMessageContaining("patchproof.output.dir").hasMessageContaining("cannot be created");
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefusedWithTheFileSystemsReason() {
        assertThatThrownBy(() -> OutputFolder.check(dir, disk(new FileSystemException(dir.toString(), null,
                "Read-only file system"), Long.MAX_VALUE)))
                .isInstanceOf(UsageException.class).hasMessageContaining("patchproof.output.dir: " + dir)
                .hasMessageContaining("cannot be written").hasMessageContaining("Read-only file system");
        assertThatThrownBy(() -> OutputFolder.check(dir, disk(new AccessDeniedException(dir.toString()), Long.MAX_VALUE)))
                .isInstanceOf(UsageException.class).hasMessageContaining("cannot be written");
    }

    @Test
    void aFullDiskIsRefusedAndSaysDiskFull() {
        assertThatThrownBy(() -> OutputFolder.check(dir, disk(null, 3L * 1024 * 1024)))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("disk full: the output folder " + dir)
                .hasMessageContaining("3 MB free").hasMessageContaining("patchproof.output.dir");
    }

    @Test
    void aWritableFolderWithRoomPasses() {
        OutputFolder.check(dir, disk(null, OutputFolder.MIN_FREE_BYTES));
        OutputFolder.check(dir, OutputFolder.NIO);
        assertThat(dir).as("the write check leaves nothing behind").isEmptyDirectory();
    }
}
