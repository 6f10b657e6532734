package io.patchproof.report;

import io.patchproof.reconcile.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a report set atomically: {@code <stem>.xlsx}, {@code <stem>.findings.csv} and
 * {@code <stem>.manifest.json} in one directory.
 *
 * <p>Each file is first written to a hidden temporary file in the same directory
 * ({@code .<name>.<owner>.<random>.tmp}), flushed to the device, and hashed from disk. Only when
 * all three are complete (and the manifest has confirmed that the counts add up) are they put
 * at their final names atomically — workbook, CSV, and the manifest last — the temporary names
 * removed, and the directory synced (best effort). A set counts as published once its manifest
 * exists, so readers never see a published set with a missing or partial file. On any failure
 * every temporary file and every file this call had already put in place is deleted, and a
 * {@link PublishException} names the file and the reason.
 *
 * <p>A signed set ({@link #signedWith}) has a fourth file, {@code <stem>.manifest.json.sig}, the
 * detached signature of the manifest's exact bytes, staged and sealed like the others and put in
 * place just before the manifest; before the set, the folder's {@code README.txt} is renewed
 * ({@link OutputReadme}) by one atomic rename. The key is opened before anything is written.
 *
 * <p>A file is never replaced. A published set (its manifest exists) is refused with
 * {@link AlreadyPublishedException}; a file at one of the final names without a manifest, or one
 * that appears there while this call writes, is refused with {@link NameTakenException}: it may
 * be another store's publish in progress. The one exception is {@code replace} (the demo, whose
 * own output is demo data): its old files are deleted first, the manifest first, so that a
 * failure in between leaves an unpublished leftover, never a manifest describing other files.
 *
 * <p>The owner in the temporary names is the local store's tag ({@link #owned}): several stores
 * may publish into one folder, and {@link #cleanLeftovers} removes only what an interrupted
 * publish of this owner left, never another's files in progress.
 *
 * <p>Thread-safe as long as two calls do not publish the same stem at the same time; the job's
 * run identity prevents that within one store, and the refusal to replace between stores.
 */
public final class ReportPublisher {

    private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

    /** Temporary files of a publish: hidden, the final name, the owner's tag, a random part, ".tmp". */
    static final Pattern TEMP_FILE = Pattern.compile(
            "\\.(.+(?:\\.xlsx|\\.findings\\.csv|\\.manifest\\.json|\\.manifest\\.json\\.sig)|README\\.txt)"
                    + "\\.([0-9a-z]{1,32})\\.([0-9a-z]+)\\.tmp");
    /** Temporary files of earlier versions, which carried no owner: whose they are cannot be told. */
    static final Pattern UNOWNED_TEMP_FILE = Pattern.compile("\\..+(\\.xlsx|\\.findings\\.csv|\\.manifest\\.json)\\.[0-9a-z]+\\.tmp");
    private static final Pattern OWNER = Pattern.compile("[0-9a-z]{1,32}");

    /** The writer of every workbook; null: each report's profile's own ({@link ReportProfile#writer()}). */
    private final WorkbookWriter workbookWriter;
    private final FindingsCsvWriter csvWriter;
    private final ManifestWriter manifestWriter;
    private final PublisherFileSystem fs;
    private final String owner;
    /** Whether sets are signed, and with which key ({@link ManifestSigning#NONE}: unsigned). */
    private final ManifestSigning signing;
    private final SecureRandom random = new SecureRandom();

    /** Publishes each report's own profile ({@link RunDescription#profile()}, {@link ReportProfile}). */
    public ReportPublisher() {
        this(PublisherFileSystem.NIO);
    }

    /** Publishes each report's own profile through the given file system (the real one, or a test's faulty one). */
    public ReportPublisher(PublisherFileSystem fs) {
        this(null, new FindingsCsvWriter(), new ManifestWriter(), fs);
    }

    /** Publishes every report with the given workbook writer, whatever its profile. */
    public ReportPublisher(WorkbookWriter workbookWriter) {
        this(workbookWriter, new FindingsCsvWriter(), new ManifestWriter(), PublisherFileSystem.NIO);
    }

    ReportPublisher(WorkbookWriter workbookWriter, FindingsCsvWriter csvWriter, ManifestWriter manifestWriter,
                    PublisherFileSystem fs) {
        this(workbookWriter, csvWriter, manifestWriter, fs, randomTag(new SecureRandom()), ManifestSigning.NONE);
    }

    private ReportPublisher(WorkbookWriter workbookWriter, FindingsCsvWriter csvWriter, ManifestWriter manifestWriter,
                            PublisherFileSystem fs, String owner, ManifestSigning signing) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("'" + owner + "' is not an owner tag: 1 to 32 of [0-9a-z]");
        }
        this.workbookWriter = workbookWriter;
        this.csvWriter = csvWriter;
        this.manifestWriter = manifestWriter;
        this.fs = fs;
        this.owner = owner;
        this.signing = signing == null ? ManifestSigning.NONE : signing;
    }

    /** The writer of a report's workbook: the one given, else its profile's (null: monthly). */
    private WorkbookWriter writerFor(ReportData data) {
        if (workbookWriter != null) {
            return workbookWriter;
        }
        return ReportProfile.of(data.run() == null ? null : data.run().profile()).writer();
    }

    /**
     * This publisher, naming its temporary files with {@code owner} (the local store's tag), so
     * that {@link #cleanLeftovers} removes those and no other. Without it, a publisher's tag is
     * random, its own.
     */
    public ReportPublisher owned(String owner) {
        return new ReportPublisher(workbookWriter, csvWriter, manifestWriter, fs, owner, signing);
    }

    /**
     * This publisher, signing each manifest it publishes with {@code signing}'s key
     * ({@link ManifestSigning#NONE}: unsigned): a detached signature {@code <stem>.manifest.json.sig}
     * is published with the set, before its manifest, and the folder's {@code README.txt} names the
     * certificate's fingerprint and how to verify ({@link OutputReadme}).
     */
    public ReportPublisher signedWith(ManifestSigning signing) {
        return new ReportPublisher(workbookWriter, csvWriter, manifestWriter, fs, owner, signing);
    }

    /**
     * Opens the signing key as a publish would, now: for the checks before a run.
     *
     * @return the signer, or null when sets are not signed
     * @throws SigningException when the signing configuration cannot be used
     */
    public ManifestSigner.Signer checkSigning() {
        ManifestSigner signer = signing.load(Instant.now());
        return signer == null ? null : signer.signer();
    }

    /** The tag in this publisher's temporary file names. */
    public String owner() {
        return owner;
    }

    /** A new random tag: 10 characters of [0-9a-z], about 51 bits. */
    public static String randomTag(SecureRandom random) {
        StringBuilder tag = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            tag.append(Character.forDigit(random.nextInt(36), 36));
        }
        return tag.toString();
    }

    /** Publishes a new set; refuses if a set of that stem is already published. */
    public PublishedSet publish(ReportData data, ReportTemplate template, Path outputDir, String stem) {
        return publish(data, template, outputDir, stem, false);
    }

    /**
     * @param replace replace a published set of the same stem (demo output only)
     * @throws AlreadyPublishedException when the set is published and {@code replace} is false
     * @throws NameTakenException        when a file is at one of the set's names, or appears there
     *                                   before this call puts its own there, and {@code replace} is false
     * @throws PublishException          when a file cannot be written or moved
     * @throws CountMismatchException    when the counts do not add up
     * @throws TemplateException         when the template does not fit
     */
    public PublishedSet publish(ReportData data, ReportTemplate template, Path outputDir, String stem, boolean replace) {
        Path workbook = outputDir.resolve(OutputNames.workbook(stem));
        Path findings = outputDir.resolve(OutputNames.findings(stem));
        Path manifest = outputDir.resolve(OutputNames.manifest(stem));
        Path signature = outputDir.resolve(OutputNames.signature(stem));
        Path readme = outputDir.resolve(OutputNames.README);
        // The key before anything is written: a keystore that cannot be used publishes nothing.
        ManifestSigner signer = signing.load(Instant.now());
        try {
            fs.createDirectories(outputDir);
        } catch (IOException e) {
            throw failure(outputDir, e);
        }
        boolean published = fs.exists(manifest);
        if (published && !replace) {
            throw new AlreadyPublishedException(manifest);
        }
        if (!replace) {
            for (Path name : List.of(workbook, findings, signature)) {
                if (fs.exists(name)) {
                    throw new NameTakenException(name);
                }
            }
        }

        List<Path> temps = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        Path current = findings;
        try {
            // The CSV on a thread of its own while this one writes the workbook: two passes over the
            // findings at once, one per core. Both temporary files are created here, CSV first, and
            // sealed here, CSV first, so the order of file-system calls does not depend on timing.
            Path workbookTemp = tempFor(workbook);
            Path findingsTemp = tempFor(findings);
            temps.add(workbookTemp);
            temps.add(findingsTemp);
            OutputStream csv = fs.create(findingsTemp);
            AtomicBoolean abandoned = new AtomicBoolean();
            long started = System.nanoTime();
            FutureTask<Long> csvTask = new FutureTask<>(() -> {
                try (csv) {
                    long lines = csvWriter.write(new Abandonable(data, abandoned), csv);
                    log.info("findings CSV written: {} lines in {} s", lines, seconds(started));
                    return lines;
                }
            });
            Thread csvThread = new Thread(csvTask, "patchproof-csv");
            csvThread.setDaemon(true);
            csvThread.start();
            WorkbookStats stats;
            long csvRows;
            try {
                current = workbook;
                try (OutputStream out = fs.create(workbookTemp)) {
                    stats = writerFor(data).write(data, template, out);
                }
                log.info("workbook written: {} rows in {} s", stats.dataRows().values().stream().mapToLong(Long::longValue).sum(),
                        seconds(started));
                current = findings;
                csvRows = await(csvTask);
            } catch (IOException | RuntimeException | Error e) {
                abandoned.set(true);
                awaitQuietly(csvThread);
                throw e;
            }
            current = findings;
            PublishedFile findingsFile = seal("findings", findingsTemp, findings);
            current = workbook;
            PublishedFile workbookFile = seal("workbook", workbookTemp, workbook);

            current = manifest;
            byte[] manifestBytes = manifestWriter.render(new ManifestWriter.Content(data.run(), data.metrics(), template,
                    stats, csvRows, List.of(workbookFile, findingsFile), data.exceptions()), signer == null ? null : signer.signer())
                    .getBytes(StandardCharsets.UTF_8);
            List<Path> targets = new ArrayList<>(List.of(workbook, findings));
            PublishedFile signatureFile = null;
            Path readmeTemp = null;
            if (signer != null) {
                // The signature of the manifest's exact bytes, published before the manifest: a set
                // that says it is signed never lacks its signature. The README first of all.
                current = signature;
                Path signatureTemp = tempFor(signature);
                temps.add(signatureTemp);
                targets.add(signature);
                try (OutputStream sig = fs.create(signatureTemp)) {
                    sig.write(signer.sign(manifest.getFileName().toString(), manifestBytes));
                }
                signatureFile = seal("signature", signatureTemp, signature);
                current = readme;
                readmeTemp = tempFor(readme);
                temps.add(readmeTemp);
                try (OutputStream note = fs.create(readmeTemp)) {
                    note.write(OutputReadme.render(readText(readme), signer.signer(), Instant.now())
                            .getBytes(StandardCharsets.UTF_8));
                }
                fs.force(readmeTemp);
            }
            current = manifest;
            Path manifestTemp = tempFor(manifest);
            temps.add(manifestTemp);
            targets.add(manifest);
            try (OutputStream m = fs.create(manifestTemp)) {
                m.write(manifestBytes);
            }
            PublishedFile manifestFile = seal("manifest", manifestTemp, manifest);

            if (replace) {
                if (published) {
                    log.info("replacing the published report set {}", manifest);
                }
                for (Path old : List.of(manifest, signature, workbook, findings)) {
                    current = old;
                    fs.deleteIfExists(old);
                }
            }
            if (readmeTemp != null) {
                // The folder's note may name this certificate before a set signed with it is in place;
                // never the other way round.
                current = readme;
                fs.replaceAtomically(readmeTemp, readme);
            }
            List<Path> setTemps = temps.stream().filter(t -> !t.getFileName().toString()
                    .startsWith("." + OutputNames.README + ".")).toList();
            for (int i = 0; i < setTemps.size(); i++) {
                current = targets.get(i);
                try {
                    fs.moveAtomically(setTemps.get(i), current);
                } catch (FileAlreadyExistsException e) {
                    throw new NameTakenException(current);
                }
                moved.add(current);
            }
            // Published: from here on nothing is undone. The temporary names go (a failure leaves
            // them to cleanLeftovers, which keeps the files of a published set).
            List<Path> secondNames = List.copyOf(temps);
            temps.clear();
            moved.clear();
            for (Path temp : secondNames) {
                try {
                    fs.deleteIfExists(temp);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot delete the temporary name {} of a published file: {}", temp, e.toString());
                }
            }
            syncDirectory(outputDir);
            log.info("published {} in {}: {} findings, workbook {} bytes, sha256 {}", stem, outputDir, csvRows,
                    workbookFile.size(), workbookFile.sha256());
            if (signatureFile != null) {
                log.info("signed {} with the certificate sha256 {} ({})", manifest.getFileName(),
                        signer.signer().certificateSha256(), signer.signer().subject());
            }
            return new PublishedSet(stem, outputDir, workbookFile, findingsFile, manifestFile, stats, csvRows);
        } catch (IOException e) {
            cleanUp(temps, moved);
            throw failure(current, e);
        } catch (UncheckedIOException e) {
            cleanUp(temps, moved);
            throw failure(current, e.getCause());
        } catch (RuntimeException | Error e) {
            cleanUp(temps, moved);
            IOException io = ioCause(e);
            if (io != null && !(e instanceof PublishException) && !(e instanceof TemplateException)) {
                throw failure(current, io);
            }
            throw e;
        }
    }

    /** True when a set of that stem is published (its manifest exists). */
    public boolean isPublished(Path outputDir, String stem) {
        return fs.exists(outputDir.resolve(OutputNames.manifest(stem)));
    }

    /** True when a file is at any of the set's names: a published set, or files no manifest claims. */
    public boolean isTaken(Path outputDir, String stem) {
        return takenName(outputDir, stem) != null;
    }

    /** The refusal for the first of the set's names that a file holds, or null when all are free. */
    public NameTakenException takenName(Path outputDir, String stem) {
        for (String name : List.of(OutputNames.workbook(stem), OutputNames.findings(stem), OutputNames.manifest(stem),
                OutputNames.signature(stem))) {
            if (fs.exists(outputDir.resolve(name))) {
                return new NameTakenException(outputDir.resolve(name));
            }
        }
        return null;
    }

    /**
     * Deletes what an interrupted publish of this owner left in {@code outputDir}: its temporary
     * files, and a file at a final name that is the same file as one of them (put in place before
     * the process died) unless its set's manifest is in place, i.e. the set was published. Files
     * of other owners (another local store may be publishing into the same folder right now) and
     * temporary files of earlier versions, which carry no owner, are left alone. Call it when no
     * publish of this owner is running (the local store is opened by one process at a time).
     *
     * @return the files removed
     */
    public List<Path> cleanLeftovers(Path outputDir) {
        if (!fs.exists(outputDir)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        int others = 0;
        try {
            for (Path file : fs.list(outputDir)) {
                String name = file.getFileName().toString();
                Matcher temp = TEMP_FILE.matcher(name);
                if (!temp.matches() || !temp.group(2).equals(owner)) {
                    if (temp.matches() || UNOWNED_TEMP_FILE.matcher(name).matches()) {
                        others++;
                    }
                    continue;
                }
                Path target = outputDir.resolve(temp.group(1));
                Path manifest = outputDir.resolve(OutputNames.stemOf(temp.group(1)) + OutputNames.MANIFEST_SUFFIX);
                if (fs.exists(target) && fs.isSameFile(file, target) && !fs.exists(manifest)) {
                    fs.deleteIfExists(target);
                    removed.add(target);
                }
                fs.deleteIfExists(file);
                removed.add(file);
            }
        } catch (IOException e) {
            throw new PublishException("cannot clean temporary files in " + outputDir + ": " + reason(e), e);
        }
        if (!removed.isEmpty()) {
            log.info("removed {} files left by an interrupted publish of this store in {}", removed.size(), outputDir);
        }
        if (others > 0) {
            log.info("left {} temporary files of other stores or earlier versions in {} alone", others, outputDir);
        }
        return removed;
    }

    private static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.2f", (System.nanoTime() - startedNanos) / 1e9);
    }

    /** The CSV's line count once its thread has ended; its failure as this thread's own. */
    private static long await(FutureTask<Long> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while the findings CSV was written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PublishException("the findings CSV could not be written: " + cause, cause);
        }
    }

    /** Waits for an abandoned CSV thread to end (it stops at its next finding), so its file can be deleted. */
    private static void awaitQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The report data, ending the CSV's pass at its next finding once the workbook has failed. */
    private static final class Abandonable extends ForwardingReportData {

        private final AtomicBoolean abandoned;

        Abandonable(ReportData data, AtomicBoolean abandoned) {
            super(data);
            this.abandoned = abandoned;
        }

        @Override
        public void forEachFindingInScope(Consumer<Finding> sink) {
            super.forEachFindingInScope(f -> {
                if (abandoned.get()) {
                    throw new CancellationException("the workbook failed; the findings CSV is abandoned");
                }
                sink.accept(f);
            });
        }
    }

    /** A file's text, or null when there is none (or it cannot be read: it is then written afresh). */
    private String readText(Path file) {
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.read(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("cannot read {} ({}); it is written afresh", file, reason(e));
            return null;
        }
    }

    private Path tempFor(Path target) {
        String random = Long.toString(this.random.nextLong() & Long.MAX_VALUE, 36);
        return target.resolveSibling("." + target.getFileName() + "." + owner + "." + random + ".tmp");
    }

    /** Flushes the temp file to the device, then measures and hashes what is on disk. */
    private PublishedFile seal(String role, Path temp, Path target) throws IOException {
        fs.force(temp);
        long size = fs.size(temp);
        String sha256;
        try (InputStream in = fs.read(temp)) {
            sha256 = Sha256.hex(in);
        }
        return new PublishedFile(role, target, size, sha256);
    }

    private void syncDirectory(Path dir) {
        try {
            fs.forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot sync directory {} ({}); renames are atomic but may not yet be durable", dir, e.toString());
        }
    }

    private void cleanUp(List<Path> temps, List<Path> moved) {
        List<Path> all = new ArrayList<>(temps);
        all.addAll(moved);
        for (Path file : all) {
            try {
                fs.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot delete {} after a failed publish: {}", file, e.toString());
            }
        }
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static PublishException failure(Path path, IOException e) {
        return new PublishException("cannot write " + path + ": " + reason(e), e);
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            if (e instanceof AccessDeniedException) {
                return "access denied (not writable)";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "file already exists";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName().toLowerCase(Locale.ROOT) : message;
    }
}
