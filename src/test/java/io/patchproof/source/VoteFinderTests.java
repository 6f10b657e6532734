package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Duplicated (ResourceID, CI_ID) pairs among many, found through bucket files, each sorted on its own. */
class DuplicatePairFinderTests {

    private static Set<Path> pairDirectories() throws Exception {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new HashSet<>(entries.filter(p -> p.getFileName().toString().startsWith("patchproof-pairs-")).toList());
        }
    }

    @Test
    void findsExactlyTheKeysAddedMoreThanOnceWhereverTheyFallAndLeavesNoFile() throws Exception {
        Set<Path> before = pairDirectories();
        Random random = new Random(11);
        Map<Long, Integer> counts = new HashMap<>();
        try (DuplicatePairFinder finder = new DuplicatePairFinder()) {
            for (int i = 0; i < 200_000; i++) {
                // few enough hosts and updates that some pairs repeat; negative ids too
                long key = DuplicatePairFinder.pairKey(random.nextInt(-50, 5_000), random.nextInt(-3, 60));
                finder.add(key);
                counts.merge(key, 1, Integer::sum);
            }
            assertThat(pairDirectories()).hasSize(before.size() + 1);

            Set<Long> expected = new HashSet<>();
            counts.forEach((k, n) -> {
                if (n > 1) {
                    expected.add(k);
                }
            });
            assertThat(expected).isNotEmpty().hasSizeLessThan(counts.size());
            assertThat(finder.duplicates()).isEqualTo(expected);
            assertThatThrownBy(finder::duplicates).isInstanceOf(IllegalStateException.class);
        }
        assertThat(pairDirectories()).isEqualTo(before);
    }

    @Test
    void aNullIdReadsAsZeroAndTheKeyKeepsBothIds() {
        assertThat(DuplicatePairFinder.pairKey(null, 5)).isEqualTo(DuplicatePairFinder.pairKey(0, 5));
        assertThat(DuplicatePairFinder.pairKey(7, null)).isEqualTo(DuplicatePairFinder.pairKey(7, 0));
        long key = DuplicatePairFinder.pairKey(-3, -200);
        assertThat((int) (key >> 32)).isEqualTo(-3);
        assertThat((int) key).isEqualTo(-200);
        assertThat(DuplicatePairFinder.pairKey(1, 2)).isNotEqualTo(DuplicatePairFinder.pairKey(2, 1));
    }

    @Test
    void noKeysNoDuplicates() {
        try (DuplicatePairFinder finder = new DuplicatePairFinder()) {
            assertThat(finder.duplicates()).isEmpty();
        }
    }
}
