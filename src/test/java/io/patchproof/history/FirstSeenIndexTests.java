package io.patchproof.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FirstSeenIndexTests {

    @Test
    void everyPairAddedIsFoundWithItsDateAcrossGrowthAndOthersAreNot() {
        FirstSeenIndex index = new FirstSeenIndex(4);
        Map<Long, LocalDate> expected = new HashMap<>();
        Random random = new Random(13);
        LocalDate base = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 50_000; i++) {
            int resource = random.nextBoolean() ? 16_777_216 + random.nextInt(200_000) : random.nextInt();
            int ci = random.nextInt(40_000) - 100;
            LocalDate d = base.plusDays(random.nextInt(700));
            index.accept(resource, ci, d);
            expected.put(FirstSeenIndex.pair(resource, ci), d);
        }

        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((pair, d) -> assertThat(index.get((int) (pair >> 32), (int) (long) pair)).isEqualTo(d));
        assertThat(index.get(1, 1)).isNull();
        assertThat(index.getOrDefault(1, 1, base)).isEqualTo(base);
    }

    @Test
    void aHostAndAnUpdateWithTheSameNumbersAreDifferentPairs() {
        FirstSeenIndex index = new FirstSeenIndex();
        index.accept(7, 70, LocalDate.of(2026, 9, 16));
        index.accept(70, 7, LocalDate.of(2026, 10, 16));
        index.accept(-1, 5, LocalDate.of(2026, 11, 16));

        assertThat(index.get(7, 70)).isEqualTo(LocalDate.of(2026, 9, 16));
        assertThat(index.get(70, 7)).isEqualTo(LocalDate.of(2026, 10, 16));
        assertThat(index.get(-1, 5)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(index.get(5, -1)).isNull();
    }
}
