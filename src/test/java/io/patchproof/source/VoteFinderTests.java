package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.source.VoteFinder.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pair, one vote: the rows that answer for no pair, found through bucket files read back once. */
class VoteFinderTests {

    private static final List<String> ITMU_FIRST = List.of("*Microsoft Updates*");
    private static final String ITMU = "Microsoft Updates Tool";
    private static final String MBSA = "Security Updates Tool";
    private static final String ESUIT = "Extended Security Updates Tool";

    /** The bucket folders are counted in a folder of this test's own: other builds share the JVM's temporary folder. */
    @TempDir
    Path temp;

    private Set<Path> voteDirectories() throws Exception {
        try (var entries = Files.list(temp)) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().startsWith("patchproof-votes-")).toList());
        }
    }

    @Test
    void everyCopyAfterTheFirstOfAPairDoesNotVoteWhereverItFallsAndNoFileIsLeft() throws Exception {
        Set<Path> before = voteDirectories();
        Random random = new Random(11);
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Reason> expected = new TreeMap<>();
        Map<Long, Reason> actual = new TreeMap<>();
        Set<Long> duplicated;
        try (VoteFinder finder = new VoteFinder(null, temp)) {
            for (long seq = 1; seq <= 200_000; seq++) {
                // few enough hosts and updates that some pairs repeat; negative ids and NULLs too
                Integer host = random.nextInt(100) == 0 ? null : random.nextInt(-50, 5_000);
                int ci = random.nextInt(-3, 60);
                long key = VoteFinder.pairKey(host, ci);
                if (counts.merge(key, 1, Integer::sum) > 1) {
                    expected.put(seq, Reason.DUPLICATE_ROW);
                }
                // scan columns are ignored without preferred agents (a ConfigMgr snapshot)
                finder.add(seq, host, ci, "MS08-067", null, seq % 2 == 0 ? ITMU : MBSA);
            }
            assertThat(voteDirectories()).hasSize(before.size() + 1);

            duplicated = finder.finish(actual::put);
            assertThatThrownBy(() -> finder.finish((s, r) -> { })).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> finder.add(300_000, 1, 1, null, null, null)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(expected).isNotEmpty().hasSizeLessThan(100_000);
        assertThat(actual).isEqualTo(expected);
        Set<Long> expectedPairs = new HashSet<>();
        counts.forEach((k, n) -> {
            if (n > 1) {
                expectedPairs.add(k);
            }
        });
        assertThat(duplicated).isEqualTo(expectedPairs);
        assertThat(voteDirectories()).isEqualTo(before);
    }

    @Test
    void aMillionCopiesOfOneRowLeaveOneVote() {
        long[] notVoting = {0};
        Set<Long> duplicated;
        try (VoteFinder finder = new VoteFinder(ITMU_FIRST)) {
            for (long seq = 1; seq <= 1_000_000; seq++) {
                finder.add(seq, 42, 1001, "MS08-067", "958644", ITMU);
            }
            duplicated = finder.finish((seq, reason) -> {
                assertThat(seq).isGreaterThan(1);
                assertThat(reason).isEqualTo(Reason.DUPLICATE_ROW);
                notVoting[0]++;
            });
        }
        assertThat(notVoting[0]).isEqualTo(999_999);
        assertThat(duplicated).containsExactly(VoteFinder.pairKey(42, 1001));
    }

    @Test
    void perHostAndBulletinThePreferredToolAnswersAndOtherToolsDoNotVote() {
        Map<Long, Reason> notVoting = new TreeMap<>();
        try (VoteFinder finder = new VoteFinder(ITMU_FIRST)) {
            // host 1, MS08-067: the older tool's row comes first, ITMU's answers all the same
            finder.add(1, 1, 5001, "MS08-067", "958644", MBSA);
            finder.add(2, 1, 1001, "ms08-067 ", "958644", ITMU);
            // host 1, MS08-068: only the older tool reports it, so its row answers
            finder.add(3, 1, 5002, "MS08-068", "957097", MBSA);
            // host 2, MS08-067: two ITMU updates of one bulletin (two KBs) both vote; MBSA and ESUIT do not
            finder.add(4, 2, 1001, "MS08-067", "958644", ITMU);
            finder.add(5, 2, 1002, "MS08-067", "958645", ITMU.toUpperCase());
            finder.add(6, 2, 5001, "MS08-067", "958644", MBSA);
            finder.add(7, 2, 6001, "MS08-067", "958644", ESUIT);
            // a copy of a row that does not vote is a duplicate, not another tool
            finder.add(8, 2, 5001, "MS08-067", "958644", MBSA);
            // host 3, no bulletin: the KB is the question, written either way
            finder.add(9, 3, 5003, "", "KB890830", MBSA);
            finder.add(10, 3, 1003, null, "890830", ITMU);
            // host 4, neither bulletin nor KB: each UpdateID is its own question
            finder.add(11, 4, 5004, null, null, MBSA);
            finder.add(12, 4, 1004, null, null, ITMU);
            // host 5, no preferred tool: among equals the first row's tool answers
            finder.add(13, 5, 6001, "MS08-067", "958644", ESUIT);
            finder.add(14, 5, 5001, "MS08-067", "958644", MBSA);
            // host 6, a row without a tool beside ITMU's
            finder.add(15, 6, 1001, "MS08-067", "958644", ITMU);
            finder.add(16, 6, 7001, "MS08-067", "958644", null);
            finder.finish(notVoting::put);
        }
        assertThat(notVoting).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                1L, Reason.OTHER_SCAN_TOOL, 6L, Reason.OTHER_SCAN_TOOL, 7L, Reason.OTHER_SCAN_TOOL,
                8L, Reason.DUPLICATE_ROW, 9L, Reason.OTHER_SCAN_TOOL, 14L, Reason.OTHER_SCAN_TOOL,
                16L, Reason.OTHER_SCAN_TOOL)));
    }

    @Test
    void withoutPreferredAgentsScanToolsDecideNothing() {
        Map<Long, Reason> notVoting = new TreeMap<>();
        try (VoteFinder finder = new VoteFinder(null)) {
            finder.add(1, 1, 5001, "MS08-067", "958644", MBSA);
            finder.add(2, 1, 1001, "MS08-067", "958644", ITMU);
            finder.finish(notVoting::put);
        }
        assertThat(notVoting).isEmpty();
    }

    @Test
    void rowsMustComeInSnapshotOrder() {
        try (VoteFinder finder = new VoteFinder(null)) {
            finder.add(5, 1, 1, null, null, null);
            assertThatThrownBy(() -> finder.add(5, 1, 2, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("snapshot order");
        }
    }

    @Test
    void scanAgentPatternsMatchWildcardsInAnyCase() {
        assertThat(VoteFinder.matches(ITMU_FIRST, " microsoft updates tool ")).isTrue();
        assertThat(VoteFinder.matches(ITMU_FIRST, MBSA)).isFalse();
        assertThat(VoteFinder.matches(List.of("Security Update? Tool"), MBSA)).isTrue();
        assertThat(VoteFinder.matches(List.of("a.b"), "axb")).as("a dot is a dot").isFalse();
        assertThat(VoteFinder.matches(List.of(), ITMU)).isFalse();
    }

    @Test
    void aNullIdReadsAsZeroAndTheKeyKeepsBothIds() {
        assertThat(VoteFinder.pairKey(null, 5)).isEqualTo(VoteFinder.pairKey(0, 5));
        assertThat(VoteFinder.pairKey(7, null)).isEqualTo(VoteFinder.pairKey(7, 0));
        long key = VoteFinder.pairKey(-3, -200);
        assertThat((int) (key >> 32)).isEqualTo(-3);
        assertThat((int) key).isEqualTo(-200);
        assertThat(VoteFinder.pairKey(1, 2)).isNotEqualTo(VoteFinder.pairKey(2, 1));
    }

    @Test
    void noRowsNoneThatDoNotVote() {
        try (VoteFinder finder = new VoteFinder(ITMU_FIRST)) {
            assertThat(finder.finish((s, r) -> {
                throw new AssertionError("no row was added");
            })).isEmpty();
        }
    }
}
