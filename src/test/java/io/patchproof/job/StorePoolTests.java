package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class StorePoolTests {

    @Test
    void partitionsThatRunAtOnceLeaveTwoConnectionsFree() {
        for (int pool = 3; pool <= 40; pool++) {
            for (int partitions = 1; partitions <= 64; partitions++) {
                int threads = StorePool.threads(partitions, pool);
                assertThat(threads).isBetween(1, partitions);
                assertThat(threads + StorePool.RESERVED).as("pool %d, %d partitions", pool, partitions).isLessThanOrEqualTo(pool);
            }
        }
        assertThat(StorePool.threads(16, 8)).isEqualTo(6);
        assertThat(StorePool.threads(2, 8)).isEqualTo(2);
    }

    @Test
    void theDefaultPoolRunsEveryPartitionOfThisProcessAtOnce() {
        for (int processors : new int[] {1, 2, 16, 64}) {
            for (int configured : new int[] {0, 1, 2, 16, 32}) {
                int pool = StorePool.defaultSize(configured, processors);
                int partitions = configured > 0 ? configured : processors;
                assertThat(StorePool.threads(partitions, pool)).as("%d partitions on %d processors", partitions, processors)
                        .isEqualTo(partitions);
            }
        }
        assertThat(StorePool.defaultSize(0, 2)).isEqualTo(StorePool.MINIMUM);
        assertThat(StorePool.defaultSize(32, 2)).isEqualTo(34);
    }

    @Test
    void aConfiguredPoolSizeIsKept() {
        try (HikariDataSource pinned = new HikariDataSource(); HikariDataSource sized = new HikariDataSource()) {
            pinned.setMaximumPoolSize(8);
            StorePool.sizing(new MockEnvironment().withProperty(StorePool.POOL_SIZE_PROPERTY, "8")
                    .withProperty("patchproof.rules.partitions", "32")).postProcessAfterInitialization(pinned, "dataSource");
            StorePool.sizing(new MockEnvironment().withProperty("patchproof.rules.partitions", "32"))
                    .postProcessAfterInitialization(sized, "dataSource");
            assertThat(pinned.getMaximumPoolSize()).isEqualTo(8);
            assertThat(sized.getMaximumPoolSize()).isEqualTo(StorePool.defaultSize(32, Runtime.getRuntime().availableProcessors()));
            assertThat(StorePool.maximumSize(pinned)).isEqualTo(8);
        }
    }
}
