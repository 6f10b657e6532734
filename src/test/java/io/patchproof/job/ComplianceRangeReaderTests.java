package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.LocalStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The reconcile step's reader: pages of a snapshot's compliance rows, each with its host's QFE date of the same KB. */
class ComplianceRangeReaderTests {

    private JdbcTemplate jdbc;

    @BeforeEach
    void store() {
        jdbc = new JdbcTemplate(LocalStore.fresh());
    }

    private void compliance(long snapshot, long seq, Integer resourceId, Integer ciId, String ownQfeDate) {
        jdbc.update("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status, qfeInstalledOn)"
                + " VALUES (?, ?, ?, ?, 3, ?)", snapshot, seq, resourceId, ciId, ownQfeDate);
    }

    private void update(long snapshot, long seq, int ciId, String articleId) {
        jdbc.update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, articleId) VALUES (?, ?, ?, ?)", snapshot, seq,
                ciId, articleId);
    }

    private void qfe(long snapshot, long seq, int resourceId, String hotFixId, String installedOn) {
        jdbc.update("INSERT INTO pp_snap_qfe (snapshot_id, seq, resourceId, hotFixId, installedOn) VALUES (?, ?, ?, ?, ?)",
                snapshot, seq, resourceId, hotFixId, installedOn);
    }

    private List<String> read(long snapshot, long first, long last, int pageSize) {
        ComplianceRangeReader reader = new ComplianceRangeReader(jdbc, snapshot, first, last, pageSize);
        reader.doOpen();
        List<String> rows = new ArrayList<>();
        for (SnapshotComplianceRow row = reader.doRead(); row != null; row = reader.doRead()) {
            rows.add(row.facts().seq() + ":" + row.facts().resourceId() + "/" + row.facts().ciId() + "="
                    + row.facts().qfeInstalledOn());
        }
        return rows;
    }

    @Test
    void eachRowGetsItsHostsQfeDateOfTheKbOfItsUpdateAndNoOtherHostsOrSnapshots() {
        update(1, 1, 100, "5066001");
        update(1, 2, 200, "5066002");
        update(1, 3, 300, "5066003");
        qfe(1, 1, 7, "KB5066001", "10/15/2026");
        qfe(1, 2, 7, "KB5066002", "20261016");
        qfe(1, 3, 8, "KB5066001", "10/17/2026");
        qfe(2, 1, 7, "KB5066003", "10/18/2026");
        compliance(1, 1, 7, 100, null);
        compliance(1, 2, 7, 200, null);
        compliance(1, 3, 8, 100, null);
        compliance(1, 4, 8, 200, null);
        compliance(1, 5, 7, 300, null);
        compliance(1, 6, 7, 999, null);
        compliance(1, 7, null, 100, null);

        assertThat(read(1, 1, 7, 3)).containsExactly("1:7/100=10/15/2026", "2:7/200=20261016", "3:8/100=10/17/2026",
                "4:8/200=null", "5:7/300=null", "6:7/999=null", "7:0/100=null");
    }

    @Test
    void aDateTheSnapshotRowCarriesItselfWinsAndDuplicatesNeverAddARow() {
        update(1, 1, 100, "5066001");
        update(1, 2, 100, "5066009");
        qfe(1, 1, 7, "KB5066001", "10/15/2026");
        qfe(1, 2, 7, "KB5066001", "10/01/2026");
        qfe(1, 3, 7, "KB5066009", "10/02/2026");
        compliance(1, 1, 7, 100, null);
        compliance(1, 2, 7, 100, "9/30/2026");

        assertThat(read(1, 1, 2, 10)).as("the first update row and the first QFE row by sequence, as RunStore keeps them")
                .containsExactly("1:7/100=10/15/2026", "2:7/100=9/30/2026");
    }
}
