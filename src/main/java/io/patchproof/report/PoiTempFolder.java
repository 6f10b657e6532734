package io.patchproof.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where POI keeps the temporary files of a workbook being streamed (SXSSF writes each sheet's rows
 * to {@code poi-sxssf-sheet<random>.xml} until the workbook is written out): a folder of the local
 * store's own, {@code <java.io.tmpdir>/poifiles/patchproof-<store tag>}, instead of POI's shared
 * {@code <java.io.tmpdir>/poifiles}.
 *
 * <p>POI deletes these files when the workbook is disposed; a run that is killed (SIGKILL, a
 * power cut, an out-of-memory end) leaves them, a few hundred MB at 100,000 hosts. The folder is
 * emptied when a process opens the store ({@link #claim}): the store is opened by one process at
 * a time, so nothing in its folder can belong to a run in progress, and other programs' POI files
 * (and other stores') are in other folders and never touched.
 *
 * <p>POI's strategy is one per JVM; patchproof opens one store per process.
 */
public final class PoiTempFolder {

    private static final Logger log = LoggerFactory.getLogger(PoiTempFolder.class);

    private final Path folder;

    private PoiTempFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Makes {@code <tmpRoot>/poifiles/patchproof-<owner>} POI's temporary folder for this process,
     * after deleting what an earlier, interrupted process of the same owner left there.
     */
    public static PoiTempFolder claim(Path tmpRoot, String owner) {
        Path folder = tmpRoot.resolve(DefaultTempFileCreationStrategy.POIFILES).resolve("patchproof-" + owner);
        long files = 0;
        long bytes = 0;
        try {
            Files.createDirectories(folder);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder)) {
                for (Path file : leftovers) {
                    if (Files.isRegularFile(file)) {
                        long size = Files.size(file);
                        Files.delete(file);
                        files++;
                        bytes += size;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the workbook's temporary folder " + folder + ": " + e.getMessage()
                    + "; check the JVM's temporary folder (-Djava.io.tmpdir) is writable and has room", e);
        }
        if (files > 0) {
            log.info("removed {} temporary workbook files ({}) that an interrupted run left in {}", files, size(bytes), folder);
        }
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile()));
        return new PoiTempFolder(folder);
    }

    /** Removes the folder when nothing is left in it (a process that ends normally leaves nothing behind). */
    public void close() {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // Not empty (a workbook not disposed) or not removable now: the next start empties it.
            log.debug("temporary folder {} left in place: {}", folder, e.toString());
        }
    }

    /** The folder POI writes its temporary files to. */
    public Path folder() {
        return folder;
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%,d bytes", bytes)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
