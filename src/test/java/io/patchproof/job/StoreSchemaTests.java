package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.source.SnapshotTable;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The local store's schema script: it creates a new store and upgrades one written before a column existed. */
class StoreSchemaTests {

    @Test
    void aStoreWrittenBeforeTheStateNameColumnGainsItAndKeepsItsRows() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:store-upgrade;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("""
                CREATE TABLE pp_snap_compliance (
                    snapshot_id BIGINT NOT NULL, seq BIGINT NOT NULL,
                    resourceId INT, ciId INT, status INT, lastStatusChangeTime TIMESTAMP,
                    enforcementState INT, enforcementTime TIMESTAMP, lastErrorCode INT, qfeInstalledOn VARCHAR,
                    PRIMARY KEY (snapshot_id, seq))""");
        jdbc.update("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status) VALUES (1, 1, 42, 1001, 3)");

        ResourceDatabasePopulator populator = new ResourceDatabasePopulator(new ClassPathResource("store/schema.sql"));
        populator.execute(ds);
        populator.execute(ds);

        List<String> columns = jdbc.queryForList("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE UPPER(TABLE_NAME) = 'PP_SNAP_COMPLIANCE' ORDER BY ORDINAL_POSITION", String.class);
        assertThat(columns.stream().map(String::toLowerCase).toList())
                .containsAll(SnapshotTable.COMPLIANCE.columnNames().stream().map(String::toLowerCase).toList());
        assertThat(jdbc.queryForList("SELECT status, stateName FROM pp_snap_compliance"))
                .singleElement().satisfies(row -> assertThat(row.values()).containsExactly(3, null));
    }
}
