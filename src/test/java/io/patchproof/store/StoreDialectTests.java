package io.patchproof.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class StoreDialectTests {

    @Test
    void theDialectIsReadFromTheProductNamesTheDriversGive() {
        assertThat(StoreDialect.ofProduct("H2")).isEqualTo(StoreDialect.H2);
        assertThat(StoreDialect.ofProduct("PostgreSQL")).isEqualTo(StoreDialect.POSTGRESQL);
        assertThat(StoreDialect.ofProduct("Microsoft SQL Server")).isEqualTo(StoreDialect.SQL_SERVER);
    }

    @Test
    void anotherDatabaseIsRefusedNamingTheOnesTheStoreRunsOn() {
        assertThatThrownBy(() -> StoreDialect.ofProduct("MySQL")).hasMessageContaining("MySQL")
                .hasMessageContaining("PostgreSQL").hasMessageContaining("spring.datasource.url");
    }

    @Test
    void onlyAServerDatabaseIsSharedAndEachHasQuartzsScriptInItsJar() {
        assertThat(StoreDialect.H2.shared()).isFalse();
        assertThat(StoreDialect.POSTGRESQL.shared()).isTrue();
        assertThat(StoreDialect.SQL_SERVER.shared()).isTrue();
        for (StoreDialect d : StoreDialect.values()) {
            assertThat(new ClassPathResource(d.quartzTablesScript()).exists()).as(d.quartzTablesScript()).isTrue();
        }
        assertThat(StoreDialect.POSTGRESQL.quartzDelegate()).endsWith("PostgreSQLDelegate");
    }
}
