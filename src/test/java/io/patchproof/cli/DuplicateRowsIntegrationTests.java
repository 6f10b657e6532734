package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.reconcile.OutOfScope;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pair, one vote (issue 11, item 2), end to end: a site that returns one compliance row a
 * thousand times must report exactly what the same site reports with the row once. The copies are
 * counted under Data quality's out-of-scope reasons and in no figure, whatever the partitioning.
 */
class DuplicateRowsIntegrationTests {

    static final int KB_CI = 100;
    static final int COPIES = 1_000;

    @TempDir
    static Path dir;

    static Run once;
    static Run copied;
    static Run copiedInPartitions;

    /** One run's outputs. */
    record Run(Cli cli, Path findings, Map<String, Object> counts) {

        Path workbook() {
            return findings.resolveSibling(findings.getFileName().toString().replace(".findings.csv", ".xlsx"));
        }
    }

    @BeforeAll
    static void runTheSameSiteWithTheRowOnceAndAThousandTimes() throws Exception {
        once = run(site("once", 1), "once");
        String copies = site("copies", COPIES);
        copied = run(copies, "copied");
        copiedInPartitions = run(copies, "partitioned", "--patchproof.rules.partitions=4");
    }

    /** Four hosts and one update; host 1's row is returned {@code copies} times. */
    static String site(String name, int copies) throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir.resolve(name));
        site.update(KB_CI, "5066001", "2026-10 Cumulative Update for Windows Server 2022 (KB5066001)").add();
        site.host(1, "SRV-01").add();
        site.host(2, "SRV-02").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        site.host(3, "SRV-03").add();
        site.host(4, "SRV-04").add();
        for (int i = 0; i < copies; i++) {
            site.compliance(1, KB_CI).add();
        }
        site.compliance(2, KB_CI).add();
        site.compliance(3, KB_CI).status(2).enforcement(null, null).add();
        site.compliance(4, KB_CI).add();
        return site.build();
    }

    static Run run(String url, String name, String... more) throws IOException {
        Cli cli = new Cli(dir.resolve(name), dir.resolve("demo"));
        String[] args = Stream.concat(Stream.of("run", "--patchproof.source.url=" + url,
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF), Stream.of(more)).toArray(String[]::new);
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path findings = only(cli.output(), ".findings.csv");
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(Files.readString(only(cli.output(),
                ".manifest.json"))));
        return new Run(cli, findings, ReportJson.object(manifest.get("counts")));
    }

    static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("%s files in %s", suffix, folder).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void aThousandCopiesOfOneRowCountOnceInEveryFigure() throws IOException {
        assertThat(Files.readAllBytes(copied.findings())).as("every finding the same as with the row once")
                .isEqualTo(Files.readAllBytes(once.findings()));
        for (String figure : List.of("inScope", "applicableInHeadline", "findingsCsvRows", "supersededExcludedFromHeadline")) {
            assertThat(copied.counts().get(figure)).as(figure).isEqualTo(once.counts().get(figure));
        }
        Map<String, Object> verdicts = new LinkedHashMap<>(ReportJson.object(copied.counts().get("byVerdict")));
        assertThat(verdicts.remove("OUT_OF_SCOPE")).isEqualTo((long) COPIES - 1);
        Map<String, Object> verdictsOnce = new LinkedHashMap<>(ReportJson.object(once.counts().get("byVerdict")));
        assertThat(verdictsOnce.remove("OUT_OF_SCOPE")).isEqualTo(0L);
        assertThat(verdicts).as("every in-scope verdict").isEqualTo(verdictsOnce);
        assertThat(((Number) copied.counts().get("inScope")).longValue()).isEqualTo(4);
        try (TestWorkbook withCopies = TestWorkbook.open(copied.workbook());
                TestWorkbook without = TestWorkbook.open(once.workbook())) {
            for (String label : List.of("In effect", "Not in effect", "Unverified", "Missing", "Failed")) {
                // the verdict table: label in A, then meaning, in the figures, superseded, all (E)
                String all = withCopies.addressOf("Summary", label).replace("A", "E");
                assertThat(withCopies.cell("Summary", all).number()).as("Summary: %s", label)
                        .isEqualTo(without.cell("Summary", without.addressOf("Summary", label).replace("A", "E")).number());
            }
            for (String sheet : List.of("Updates", "Hosts", "Not in effect", "Missing", "Reboot plan")) {
                assertThat(withCopies.rows(sheet)).as(sheet).isEqualTo(without.rows(sheet));
            }
            assertThat(withCopies.rows("Updates")).as("one update, with its four pairs").hasSize(2);
        }
    }

    @Test
    void theCopiesAreCountedUnderDataQualitysOutOfScopeReasons() {
        assertThat(((Number) copied.counts().get("rowsRead")).longValue()).isEqualTo(COPIES + 3);
        assertThat(ReportJson.object(copied.counts().get("outOfScopeByReason")))
                .containsEntry(OutOfScope.DUPLICATE_ROW, (long) COPIES - 1);
        assertThat(ReportJson.object(once.counts().get("outOfScopeByReason"))).doesNotContainKey(OutOfScope.DUPLICATE_ROW);
        try (TestWorkbook workbook = TestWorkbook.open(copied.workbook())) {
            Map<String, Long> figures = new LinkedHashMap<>();
            for (List<Object> row : workbook.rows("Data quality")) {
                if (row.size() >= 3 && row.get(1) instanceof Number n) {
                    figures.put(row.get(0) + ": " + row.get(2), n.longValue());
                }
            }
            assertThat(figures).containsEntry("Rows out of scope by reason: " + OutOfScope.DUPLICATE_ROW, (long) COPIES - 1)
                    .containsEntry("Pairs by quality flag: DUPLICATE_PAIR", 1L);
            workbook.cellNextTo("Data quality", "Compliance rows read").hasNumber(COPIES + 3);
        }
    }

    @Test
    void theRowsThatDoNotVoteAreTheSameInEveryPartitioning() throws IOException {
        assertThat(Files.readAllBytes(copiedInPartitions.findings())).isEqualTo(Files.readAllBytes(copied.findings()));
        assertThat(copiedInPartitions.counts()).isEqualTo(copied.counts());
    }
}
