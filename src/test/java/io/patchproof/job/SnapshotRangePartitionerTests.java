package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class SnapshotRangePartitionerTests {

    @Test
    void rangesAreContiguousAndCoverEverySequenceNumberOnce() {
        Map<String, ExecutionContext> parts = new SnapshotRangePartitioner(1, 1_000_003, 4).partition(1);
        assertThat(parts).containsOnlyKeys("partition0", "partition1", "partition2", "partition3");
        List<long[]> ranges = new ArrayList<>();
        parts.values().forEach(c -> ranges.add(new long[] {c.getLong(SnapshotRangePartitioner.FIRST_SEQ),
                c.getLong(SnapshotRangePartitioner.LAST_SEQ)}));
        assertThat(ranges.get(0)[0]).isEqualTo(1);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1] + 1);
        }
        assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(1_000_003);
        assertThat(ranges).allSatisfy(r -> assertThat(r[1] - r[0] + 1).isBetween(250_000L, 250_001L));
    }

    @Test
    void automaticPartitionsAreOnePerProcessorOnlyWhereEachGetsEnoughRows() {
        assertThat(SnapshotRangePartitioner.partitions(636_078, 0, 2)).isEqualTo(2);
        assertThat(SnapshotRangePartitioner.partitions(150_000, 0, 2)).isEqualTo(1);
        assertThat(SnapshotRangePartitioner.partitions(18_000, 0, 8)).isEqualTo(1);
        assertThat(SnapshotRangePartitioner.partitions(0, 0, 8)).isEqualTo(1);
    }

    @Test
    void configuredPartitionsAreKeptWhileThereAreRows() {
        assertThat(SnapshotRangePartitioner.partitions(18_000, 3, 2)).isEqualTo(3);
        assertThat(SnapshotRangePartitioner.partitions(2, 3, 2)).isEqualTo(2);
    }

    @Test
    void theRunsNumberOfPartitionsIsKeptWhateverGridSizeSpringBatchPasses() {
        assertThat(new SnapshotRangePartitioner(1, 9_000, 3).partition(16)).containsOnlyKeys("partition0", "partition1",
                "partition2");
        assertThat(new SnapshotRangePartitioner(1, 9_000, 3).partition(1)).isEqualTo(new SnapshotRangePartitioner(1, 9_000, 3)
                .partition(6));
    }

    @Test
    void anEmptySnapshotIsOneEmptyPartition() {
        Map<String, ExecutionContext> parts = new SnapshotRangePartitioner(1, 0, 0).partition(1);
        assertThat(parts).hasSize(1);
        ExecutionContext only = parts.get("partition0");
        assertThat(only.getLong(SnapshotRangePartitioner.LAST_SEQ)).isLessThan(only.getLong(SnapshotRangePartitioner.FIRST_SEQ));
    }
}
