package io.patchproof.report;

import static io.patchproof.testsupport.FindingBuilders.aMissingFinding;
import static io.patchproof.testsupport.FindingBuilders.aNotInEffectFinding;
import static io.patchproof.testsupport.FindingBuilders.anInEffectFinding;
import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportJson.array;
import static io.patchproof.testsupport.ReportJson.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ReportPublisherTests {

    private static final ReportTemplate TEMPLATE = ReportTemplate.monthlyFromClasspath();
    private static final String STEM = "monthly-PS1-2008-11-30";
    private static final Set<String> FAILABLE = Set.of("createDirectories", "create", "force", "read", "size", "move");

    @TempDir
    Path dir;

    private static ReportData data() {
        return aReport().with(aNotInEffectFinding().build(), aMissingFinding().host("WS-1").build(), anInEffectFinding().host("SRV-2").build()).build();
    }

    private static ReportPublisher publisher(FaultyFileSystem fs) {
        return new ReportPublisher(new MonthlyWorkbookWriter(), new FindingsCsvWriter(), new ManifestWriter(), fs);
    }

    /** Name → SHA-256 of every file in a directory, hidden ones included. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.exists(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    files.put(p.getFileName().toString(), Sha256.hex(Files.readAllBytes(p)));
                }
            }
        }
        return files;
    }

    /** The same run described as one of the cio profile. */
    static RunDescription asCio(RunDescription r) {
        return new RunDescription(r.toolVersion(), r.ruleVersion(), "cio", r.asOf(), r.schemaProfile(), r.schemaReason(),
                r.scope(), r.rerun(), r.parameters(), r.sourceUrl(), r.sourceServer(), r.sourceDatabase(), r.siteCode(),
                r.sourceLogin(), r.sourceReadAt(), r.newestInventory(), r.newestStateMessage(), r.jobInstanceId(),
                r.jobExecutionId(), r.sqlFiles(), r.snapshotCounts(), r.site(), r.siteIdentifiedBy(), r.demo(), 7L, null);
    }

    @Test
    void eachReportIsWrittenByItsOwnProfilesWriterWithTheCsvAndManifestOfEveryProfile() throws IOException {
        ReportData monthly = data();
        ReportData cio = aReport().with(aNotInEffectFinding().build(), aMissingFinding().host("WS-1").build(),
                anInEffectFinding().host("SRV-2").build()).withRun(asCio(monthly.run())).build();
        ReportPublisher publisher = new ReportPublisher();

        PublishedSet cioSet = publisher.publish(cio, ReportTemplate.cioFromClasspath(), dir, "cio-PS1-2008-11-30");
        PublishedSet monthlySet = publisher.publish(monthly, TEMPLATE, dir, STEM);

        try (TestWorkbook wb = TestWorkbook.open(cioSet.workbook().path())) {
            assertThat(wb.sheetNames()).contains("Executive summary").doesNotContain("Not in effect", "Missing");
        }
        try (TestWorkbook wb = TestWorkbook.open(monthlySet.workbook().path())) {
            assertThat(wb.sheetNames()).contains("Not in effect", "Missing");
        }
        assertThat(Files.readAllBytes(cioSet.findings().path())).isEqualTo(Files.readAllBytes(monthlySet.findings().path()));
        Map<String, Object> manifest = object(ReportJson.parse(Files.readString(cioSet.manifest().path())));
        assertThat(object(manifest.get("run"))).containsEntry("profile", "cio").containsEntry("snapshotId", 7L);
        assertThat(object(manifest.get("counts"))).containsEntry("reconciles", true).containsEntry("findingsCsvRows", 3L);
    }

    @Test
    void aSetIsPublishedAsThreeFilesWhoseHashesAreTheFilesOwn() throws IOException {
        PublishedSet set = new ReportPublisher().publish(data(), TEMPLATE, dir, STEM);

        assertThat(contents(dir).keySet()).containsExactly(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");
        for (PublishedFile file : List.of(set.workbook(), set.findings(), set.manifest())) {
            assertThat(file.sha256()).as(file.role()).isEqualTo(Sha256.hex(Files.readAllBytes(file.path())));
            assertThat(file.size()).as(file.role()).isEqualTo(Files.size(file.path()));
        }
        Map<String, Object> manifest = object(ReportJson.parse(Files.readString(set.manifest().path())));
        List<Object> outputs = array(manifest.get("outputs"));
        assertThat(object(outputs.get(0))).containsEntry("name", STEM + ".xlsx").containsEntry("sha256", set.workbook().sha256())
                .containsEntry("size", set.workbook().size());
        assertThat(object(outputs.get(1))).containsEntry("name", STEM + ".findings.csv").containsEntry("sha256", set.findings().sha256());
        assertThat(object(manifest.get("counts"))).containsEntry("reconciles", true).containsEntry("findingsCsvRows", 3L);
        assertThat(set.findingsRows()).isEqualTo(3);
        try (TestWorkbook wb = TestWorkbook.open(set.workbook().path())) {
            assertThat(wb.rows("Not in effect")).hasSize(2);
        }
        assertThat(Files.readString(set.findings().path(), StandardCharsets.UTF_8)).startsWith("\uFEFF" + FindingsCsvWriter.HEADER + "\r\n");
    }

    @Test
    void filesAreWrittenToHiddenTempFilesInTheSameDirectoryForcedToDiskCsvFirstThenMovedWithTheManifestLast() {
        FaultyFileSystem fs = new FaultyFileSystem();
        publisher(fs).publish(data(), TEMPLATE, dir, STEM);

        List<FaultyFileSystem.Call> creates = fs.calls.stream().filter(c -> c.op().equals("create")).toList();
        assertThat(creates).hasSize(3).allSatisfy(c -> {
            assertThat(c.path().getParent()).isEqualTo(dir);
            assertThat(c.path().getFileName().toString()).startsWith("." + STEM).endsWith(".tmp")
                    .matches(ReportPublisher.TEMP_FILE);
        });
        List<String> order = fs.calls.stream().filter(c -> Set.of("force", "move", "forceDirectory").contains(c.op()))
                .map(c -> c.op() + " " + c.path().getFileName().toString().replaceAll("\\.[0-9a-z]+\\.[0-9a-z]+\\.tmp$", ".tmp"))
                .toList();
        assertThat(order).containsExactly(
                "force ." + STEM + ".findings.csv.tmp",
                "force ." + STEM + ".xlsx.tmp",
                "force ." + STEM + ".manifest.json.tmp",
                "move " + STEM + ".xlsx",
                "move " + STEM + ".findings.csv",
                "move " + STEM + ".manifest.json",
                "forceDirectory " + dir.getFileName());
    }

    @TestFactory
    Stream<DynamicTest> aFailureAtAnyStepLeavesNoFileOfTheSetAndKeepsEarlierSets() {
        FaultyFileSystem recorder = new FaultyFileSystem();
        publisher(recorder).publish(data(), TEMPLATE, dir.resolve("clean-run"), STEM);
        List<FaultyFileSystem.Call> calls = new ArrayList<>(recorder.calls);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            FaultyFileSystem.Call call = calls.get(i);
            if (!FAILABLE.contains(call.op())) {
                continue;
            }
            int index = i;
            tests.add(DynamicTest.dynamicTest("disk full at call " + i + ": " + call, () -> {
                Path out = dir.resolve("failure-" + index);
                new ReportPublisher().publish(data(), TEMPLATE, out, "monthly-PS1-2008-10-31");
                Map<String, String> before = contents(out);

                FaultyFileSystem fs = new FaultyFileSystem().failAtCall(index, FaultyFileSystem.diskFull(call.path()));
                assertThatThrownBy(() -> publisher(fs).publish(data(), TEMPLATE, out, STEM))
                        .isInstanceOf(PublishException.class)
                        .hasMessageMatching("cannot write \\Q" + out + "\\E(/" + STEM + "\\.(xlsx|findings\\.csv|manifest\\.json))?: No space left on device");

                assertThat(contents(out)).as("only the earlier set, unchanged; no temp file").isEqualTo(before);
            }));
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests.stream();
    }

    @Test
    void aDiskThatFillsUpWhileTheWorkbookIsWrittenLeavesNothingBehind() {
        FaultyFileSystem fs = new FaultyFileSystem().failWritesAfter(4096);
        assertThatThrownBy(() -> publisher(fs).publish(data(), TEMPLATE, dir, STEM))
                .isInstanceOf(PublishException.class)
                .hasMessage("cannot write " + dir.resolve(STEM + ".xlsx") + ": No space left on device");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aDiskThatFillsUpWhileTheCsvIsWrittenOnItsThreadIsNamedAndLeavesNothingBehind() {
        FaultyFileSystem fs = new FaultyFileSystem().failWritesAfter(100, ".findings.csv");
        assertThatThrownBy(() -> publisher(fs).publish(data(), TEMPLATE, dir, STEM))
                .isInstanceOf(PublishException.class)
                .hasMessage("cannot write " + dir.resolve(STEM + ".findings.csv") + ": No space left on device");
        assertThat(dir).isEmptyDirectory();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals("patchproof-csv"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aWorkbookFailureAbandonsTheCsvBeingWrittenOnItsThreadAndLeavesNoFile() {
        ReportData base = data();
        java.util.concurrent.CountDownLatch csvStarted = new java.util.concurrent.CountDownLatch(1);
        io.patchproof.reconcile.Finding finding = aNotInEffectFinding().build();
        ReportData endlessCsv = new ForwardingReportData(base) {
            @Override
            public void forEachFindingInScope(java.util.function.Consumer<io.patchproof.reconcile.Finding> sink) {
                while (true) { // ends only when the publisher abandons the CSV
                    sink.accept(finding);
                    csvStarted.countDown();
                }
            }
        };
        WorkbookWriter failing = (d, template, out) -> {
            try {
                csvStarted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the workbook failed");
        };
        ReportPublisher publisher = new ReportPublisher(failing, new FindingsCsvWriter(), new ManifestWriter(),
                new FaultyFileSystem());

        assertThatThrownBy(() -> publisher.publish(endlessCsv, TEMPLATE, dir, STEM)).hasMessage("the workbook failed");

        assertThat(dir).isEmptyDirectory();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals("patchproof-csv"));
    }

    @Test
    void aDirectoryThatIsNotWritableIsNamedInTheMessage() {
        FaultyFileSystem fs = new FaultyFileSystem().failOn("create", new AccessDeniedException(dir.resolve(".x.tmp").toString()));
        assertThatThrownBy(() -> publisher(fs).publish(data(), TEMPLATE, dir, STEM))
                .isInstanceOf(PublishException.class)
                .hasMessage("cannot write " + dir.resolve(STEM + ".findings.csv") + ": access denied (not writable)");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aPublishedSetIsNeverOverwritten() throws IOException {
        ReportPublisher publisher = new ReportPublisher();
        publisher.publish(data(), TEMPLATE, dir, STEM);
        Map<String, String> before = contents(dir);

        assertThatThrownBy(() -> publisher.publish(aReport().with(aNotInEffectFinding().build()).build(), TEMPLATE, dir, STEM))
                .isInstanceOf(AlreadyPublishedException.class)
                .hasMessageStartingWith(dir.resolve(STEM + ".manifest.json") + " exists")
                .hasMessageContaining("--rerun");
        assertThat(contents(dir)).isEqualTo(before);
        assertThat(publisher.isPublished(dir, STEM)).isTrue();
    }

    @Test
    void aPublishedSetIsReplacedOnlyWhenAskedTo() throws IOException {
        ReportPublisher publisher = new ReportPublisher();
        PublishedSet first = publisher.publish(data(), TEMPLATE, dir, STEM);
        PublishedSet second = publisher.publish(aReport().with(aNotInEffectFinding().build()).build(), TEMPLATE, dir, STEM, true);

        assertThat(second.findings().sha256()).isNotEqualTo(first.findings().sha256());
        assertThat(contents(dir)).containsEntry(STEM + ".findings.csv", second.findings().sha256())
                .containsEntry(STEM + ".manifest.json", second.manifest().sha256())
                .containsEntry(STEM + ".xlsx", second.workbook().sha256())
                .hasSize(3);
    }

    @Test
    void aFileAtAFinalNameWithoutAManifestIsNeverReplaced() throws IOException {
        Files.writeString(dir.resolve(STEM + ".findings.csv"), "another store's csv, its publish in progress");
        Map<String, String> before = contents(dir);

        assertThatThrownBy(() -> new ReportPublisher().publish(data(), TEMPLATE, dir, STEM))
                .isInstanceOf(NameTakenException.class)
                .hasMessageStartingWith(dir.resolve(STEM + ".findings.csv") + " exists")
                .hasMessageContaining("never replaced");
        assertThat(contents(dir)).as("nothing written, nothing replaced").isEqualTo(before);
    }

    @Test
    void aFileThatAppearsAtAFinalNameWhileTheSetIsPutInPlaceIsNeverReplaced() throws IOException {
        // Another store's publish takes the CSV's name between this one's check and its move.
        PublisherFileSystem racing = ForwardingFileSystem.atCall(PublisherFileSystem.NIO, "move:2",
                (op, path) -> Files.writeString(path, "another store's csv"));
        ReportPublisher publisher = new ReportPublisher(new MonthlyWorkbookWriter(), new FindingsCsvWriter(),
                new ManifestWriter(), racing);

        assertThatThrownBy(() -> publisher.publish(data(), TEMPLATE, dir, STEM))
                .isInstanceOf(NameTakenException.class)
                .hasMessageStartingWith(dir.resolve(STEM + ".findings.csv") + " exists");

        assertThat(Files.readString(dir.resolve(STEM + ".findings.csv"))).as("the other file, intact")
                .isEqualTo("another store's csv");
        assertThat(contents(dir).keySet()).as("the workbook already in place is withdrawn; no temporary file")
                .containsExactly(STEM + ".findings.csv");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aPublishInProgressOfAnotherStoreIsNotTouchedByThisStoresCleanUpAndPublish() throws Exception {
        // Store B has written its three temporary files and is about to move them into place.
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        PublisherFileSystem paused = ForwardingFileSystem.atCall(PublisherFileSystem.NIO, "move:1", (op, path) -> {
            written.countDown();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ReportPublisher storeB = new ReportPublisher(paused).owned("storeb");
        java.util.concurrent.FutureTask<PublishedSet> b = new java.util.concurrent.FutureTask<>(
                () -> storeB.publish(data(), TEMPLATE, dir, "monthly-PP2-2008-11-30"));
        new Thread(b, "store-b").start();
        written.await();
        Map<String, String> bTemps = contents(dir);
        assertThat(bTemps).hasSize(3);

        // Store A starts a run into the same folder: it cleans up its own leftovers, then publishes.
        ReportPublisher storeA = new ReportPublisher().owned("storea");
        assertThat(storeA.cleanLeftovers(dir)).as("nothing of store B's is a leftover of store A").isEmpty();
        storeA.publish(data(), TEMPLATE, dir, STEM);
        assertThat(contents(dir)).as("store B's temporary files, byte for byte").containsAllEntriesOf(bTemps);

        resume.countDown();
        PublishedSet setB = b.get();
        assertThat(contents(dir).keySet()).containsExactlyInAnyOrder(
                STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx",
                "monthly-PP2-2008-11-30.findings.csv", "monthly-PP2-2008-11-30.manifest.json", "monthly-PP2-2008-11-30.xlsx");
        assertThat(setB.workbook().sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(setB.workbook().path())));
    }

    @Test
    void countsThatDoNotAddUpPublishNothing() {
        ReportData broken = aReport().with(aNotInEffectFinding().build()).withRowsRead(999).build();
        assertThatThrownBy(() -> new ReportPublisher().publish(broken, TEMPLATE, dir, STEM))
                .isInstanceOf(CountMismatchException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aDirectoryThatCannotBeSyncedDoesNotFailThePublish() {
        FaultyFileSystem fs = new FaultyFileSystem().failOn("forceDirectory", new IOException("fsync of a directory is not supported"));
        PublishedSet set = publisher(fs).publish(data(), TEMPLATE, dir, STEM);
        assertThat(set.manifest().path()).exists();
    }

    @Test
    void theOutputDirectoryIsCreatedWhenMissing() {
        Path nested = dir.resolve("reports/out");
        new ReportPublisher().publish(data(), TEMPLATE, nested, STEM);
        assertThat(nested.resolve(STEM + ".manifest.json")).exists();
    }

    @Test
    void cleanLeftoversRemovesOnlyTheTemporaryFilesOfItsOwnStore() throws IOException {
        Path mine1 = Files.writeString(dir.resolve("." + STEM + ".xlsx.storea.k3j2h1.tmp"), "x");
        Path mine2 = Files.writeString(dir.resolve("." + STEM + ".manifest.json.storea.0a.tmp"), "x");
        Files.writeString(dir.resolve("." + STEM + ".xlsx.storeb.k3j2h1.tmp"), "another store's, in progress");
        Files.writeString(dir.resolve("." + STEM + ".findings.csv.9z8y7x.tmp"), "an earlier version's: whose?");
        Files.writeString(dir.resolve(STEM + ".xlsx"), "final");
        Files.writeString(dir.resolve(".keep"), "");
        Files.writeString(dir.resolve(".notes.txt.storea.1.tmp"), "someone else's");

        List<Path> removed = new ReportPublisher().owned("storea").cleanLeftovers(dir);

        assertThat(removed).containsExactlyInAnyOrder(mine1, mine2);
        assertThat(contents(dir).keySet()).containsExactlyInAnyOrder("." + STEM + ".findings.csv.9z8y7x.tmp", "." + STEM
                + ".xlsx.storeb.k3j2h1.tmp", ".keep", ".notes.txt.storea.1.tmp", STEM + ".xlsx");
        assertThat(new ReportPublisher().cleanLeftovers(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void aPublishInterruptedBetweenItsMovesIsUndoneByItsOwnersCleanUp() throws IOException {
        // Killed after the workbook was put in place: its final name is a second name of its temporary file.
        Path temp = Files.writeString(dir.resolve("." + STEM + ".xlsx.storea.k3j2h1.tmp"), "our workbook");
        Files.writeString(dir.resolve("." + STEM + ".findings.csv.storea.k3j2h2.tmp"), "our csv");
        Files.createLink(dir.resolve(STEM + ".xlsx"), temp);
        Files.writeString(dir.resolve("monthly-PP2-2008-11-30.xlsx"), "another set's workbook, no manifest yet");

        assertThat(new ReportPublisher().owned("storeb").cleanLeftovers(dir)).as("not store B's").isEmpty();
        new ReportPublisher().owned("storea").cleanLeftovers(dir);

        assertThat(contents(dir).keySet()).as("only what is not store A's").containsExactly("monthly-PP2-2008-11-30.xlsx");
        PublishedSet set = new ReportPublisher().owned("storea").publish(data(), TEMPLATE, dir, STEM);
        assertThat(set.manifest().path()).exists();
    }

    @Test
    void aPublishInterruptedAfterItsManifestWasInPlaceKeepsItsPublishedFiles() throws IOException {
        for (String suffix : List.of(".xlsx", ".findings.csv", ".manifest.json")) {
            Path temp = Files.writeString(dir.resolve("." + STEM + suffix + ".storea.k3" + suffix.length() + ".tmp"), suffix);
            Files.createLink(dir.resolve(STEM + suffix), temp);
        }

        new ReportPublisher().owned("storea").cleanLeftovers(dir);

        assertThat(contents(dir).keySet()).as("the published set; only the temporary names gone")
                .containsExactly(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");
    }

    @Test
    void temporaryFilesCarryTheOwnersTagAndNoSecondNameRemainsOnceTheSetIsPublished() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem();
        publisher(fs).owned("storea").publish(data(), TEMPLATE, dir, STEM);

        assertThat(fs.calls.stream().filter(c -> c.op().equals("create")).map(c -> c.path().getFileName().toString()))
                .hasSize(3).allMatch(n -> n.matches("\\." + STEM + "\\.(xlsx|findings\\.csv|manifest\\.json)\\.storea\\.[0-9a-z]+\\.tmp"));
        assertThat(contents(dir).keySet()).containsExactly(STEM + ".findings.csv", STEM + ".manifest.json", STEM + ".xlsx");
    }

    @Test
    void aStemThatIsNotAPlainFileNameIsRefused() {
        for (String stem : List.of("../monthly", "a/b", ".hidden", "", "x\u0000y")) {
            assertThatThrownBy(() -> new ReportPublisher().publish(data(), TEMPLATE, dir, stem))
                    .as(stem).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir).isEmptyDirectory();
    }
}
