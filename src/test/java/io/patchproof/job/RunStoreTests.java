package io.patchproof.job;

import static io.patchproof.testsupport.FindingBuilder.aFinding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.reconcile.ComplianceFacts;
import io.patchproof.reconcile.MaintenanceWindow;
import io.patchproof.reconcile.OutOfScope;
import io.patchproof.reconcile.Severity;
import io.patchproof.reconcile.UpdateFacts;
import io.patchproof.reconcile.Verdict;
import io.patchproof.source.SnapshotExtractor;
import io.patchproof.source.SnapshotTable;
import io.patchproof.source.SqlFile;
import io.patchproof.testsupport.LocalStore;
import io.patchproof.testsupport.SiteDatabases;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the local store works out from a snapshot and keeps beside it. */
class RunStoreTests {

    RunStore store;

    @BeforeEach
    void store() {
        store = new RunStore(LocalStore.fresh(), false);
    }

    private void snapshot(long snapshot, String schema) {
        store.jdbc().update("INSERT INTO pp_snapshot (snapshot_id, snapshot_key, job_instance_id, schema_profile, status,"
                + " started_at) VALUES (?, 'k', ?, ?, 'COMPLETE', CURRENT_TIMESTAMP)", snapshot, snapshot, schema);
    }

    private void compliance(long snapshot, long seq, Integer resourceId, Integer ciId) {
        store.jdbc().update("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status) VALUES (?, ?, ?, ?, 3)",
                snapshot, seq, resourceId, ciId);
    }

    @Test
    void duplicatePairsAreFoundOnceAndKeptBesideTheirSnapshotUntilItIsDeleted() {
        compliance(1, 1, 7, 100);
        compliance(1, 2, 7, 101);
        compliance(1, 3, 8, 100);
        compliance(1, 4, 7, 100);
        compliance(1, 5, -3, -200);
        compliance(1, 6, -3, -200);
        compliance(1, 7, null, 5);
        compliance(1, 8, 0, 5);
        compliance(2, 1, 7, 101);
        compliance(2, 2, 7, 101);

        // A NULL ResourceID joins nothing: not a host stored under 0, so not the pair (0, 5) either.
        assertThat(store.duplicatePairs(1)).containsExactlyInAnyOrder(RunStore.pairKey(7, 100), RunStore.pairKey(-3, -200));
        assertThat(store.duplicatePairs(2)).containsExactly(RunStore.pairKey(7, 101));

        // Kept: a later call (the publish step's, perhaps in another process) reads them, not the snapshot.
        store.jdbc().update("DELETE FROM pp_snap_compliance WHERE snapshot_id = 1 AND seq = 4");
        assertThat(store.duplicatePairs(1)).contains(RunStore.pairKey(7, 100)).hasSize(2);

        ExtractTasklet.deleteSnapshot(store.jdbc(), 1);
        for (String table : RunStore.SNAPSHOT_SIDE_TABLES) {
            assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = 1", Long.class))
                    .as(table).isZero();
        }
        assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM pp_snap_duplicate WHERE snapshot_id = 2", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aSnapshotWithoutDuplicatesIsScannedOnce() {
        compliance(1, 1, 7, 100);
        compliance(1, 2, 7, 101);

        assertThat(store.duplicatePairs(1)).isEmpty();
        compliance(1, 3, 7, 100);
        assertThat(store.duplicatePairs(1)).as("the scan's answer is kept, not worked out again").isEmpty();
    }

    @Test
    void theRowsOfAnOlderSnapshotThatDoNotVoteAreWorkedOutOnceFromItsRowsAndKept() {
        snapshot(1, "configmgr");
        compliance(1, 1, 7, 100);
        compliance(1, 2, 7, 101);
        compliance(1, 3, 7, 100);
        compliance(1, 4, 8, 100);
        compliance(1, 5, 7, 100);
        compliance(1, 6, null, 5);
        compliance(1, 7, 0, 5);

        store.ensureVotes(1);

        assertThat(store.notVoting(1, 1, 7)).containsExactlyInAnyOrderEntriesOf(Map.of(3L, OutOfScope.DUPLICATE_ROW,
                5L, OutOfScope.DUPLICATE_ROW, 7L, OutOfScope.DUPLICATE_ROW));
        assertThat(store.notVoting(1, 4, 6)).as("a page reads its own range").containsExactly(Map.entry(5L,
                OutOfScope.DUPLICATE_ROW));
        compliance(1, 8, 8, 100);
        store.ensureVotes(1);
        assertThat(store.notVoting(1, 1, 8)).as("kept, not worked out again").hasSize(3);
        assertThat(store.jdbc().queryForObject("SELECT preferred_scan_agents FROM pp_snap_vote_scan WHERE snapshot_id = 1",
                String.class)).isEmpty();
    }

    @Test
    void anSms2003SnapshotIsReadOnlyWithTheScanToolsItsRowsWereSortedBy() {
        snapshot(1, "sms2003");
        snapshot(2, "sms2003");
        snapshot(3, "sms2003");
        store.jdbc().update("INSERT INTO pp_snap_vote_scan (snapshot_id, preferred_scan_agents) VALUES (1, '*Microsoft Updates*')");
        store.jdbc().update("INSERT INTO pp_snap_vote_scan (snapshot_id, preferred_scan_agents) VALUES (2, 'MBSA*')");

        store.ensureVotes(1);
        assertThatThrownBy(() -> store.ensureVotes(2)).isInstanceOf(UsageException.class)
                .hasMessageContaining("patchproof.source.sms2003.preferred-scan-agents=MBSA*")
                .hasMessageContaining("*Microsoft Updates*").hasMessageContaining("--rerun");
        assertThatThrownBy(() -> store.ensureVotes(3)).as("copied before the scan status was read")
                .isInstanceOf(UsageException.class).hasMessageContaining("scan status").hasMessageContaining("--rerun");
        assertThat(new RunStore(LocalStore.fresh(), false, new PatchproofProperties.Source.Sms2003(null, "local",
                List.of("MBSA*", "*Microsoft Updates*"), null)).preferredScanAgents()).containsExactly("MBSA*",
                        "*Microsoft Updates*");
    }

    @Test
    void anSms2003UpdateTakesItsBulletinsPublishedSeverityAndAConfigMgrOneKeepsItsOwn() {
        snapshot(1, "sms2003");
        snapshot(2, "configmgr");
        for (long s = 1; s <= 2; s++) {
            int seq = 1;
            for (Object[] u : List.of(new Object[] {1001, "MS08-067", null}, new Object[] {1002, "ms08-068", null},
                    new Object[] {1003, "", null}, new Object[] {1004, "MS99-999", null}, new Object[] {1005, "MS08-067", 6})) {
                store.jdbc().update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, articleId, bulletinId, title,"
                        + " severity, isExpired, isSuperseded) VALUES (?, ?, ?, '1', ?, 't', ?, 0, 0)", s, seq++, u[0], u[1], u[2]);
            }
        }

        Map<Integer, UpdateFacts> sms2003 = store.updates(1);
        Map<Integer, UpdateFacts> configMgr = store.updates(2);

        assertThat(List.of(1001, 1002, 1003, 1004, 1005).stream().map(ci -> sms2003.get(ci).severity()).toList())
                .containsExactly(Severity.CRITICAL, Severity.IMPORTANT, Severity.UNSPECIFIED, Severity.UNSPECIFIED,
                        Severity.MODERATE);
        assertThat(List.of(1001, 1002, 1005).stream().map(ci -> configMgr.get(ci).severity()).toList())
                .containsExactly(Severity.UNSPECIFIED, Severity.UNSPECIFIED, Severity.MODERATE);
    }

    @Test
    void aStagedSheetRowKeepsTheScanColumnsItsFindingIsWorkedOutAgainFrom() {
        store.createSheetTable(7, 1);
        SnapshotComplianceRow row = new SnapshotComplianceRow(new ComplianceFacts(12, 42, 1001, 0, null, null,
                LocalDateTime.parse("2008-10-24T05:00").toInstant(java.time.ZoneOffset.UTC), null, null), "Reboot pending",
                "Installed", "Microsoft Updates Tool", LocalDateTime.parse("2008-11-10T09:40"), null);

        store.insertSheetRows(7, List.of(new ReconciledRow(row, aFinding().onHost(42, "SRV1").forUpdate(1001, "958644")
                .installed().notInEffect(22).build())));
        List<SnapshotComplianceRow> read = new ArrayList<>();
        store.forEachSheetRow(7, Verdict.NOT_IN_EFFECT, "seq", r -> read.add(r.row()));

        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r).extracting(SnapshotComplianceRow::stateName, SnapshotComplianceRow::scanStatus,
                    SnapshotComplianceRow::scanAgent, SnapshotComplianceRow::scanTime, SnapshotComplianceRow::notVoting)
                    .containsExactly("Reboot pending", "Installed", "Microsoft Updates Tool",
                            LocalDateTime.parse("2008-11-10T09:40"), null);
            assertThat(r.facts().enforcementTimeUtc()).isEqualTo(row.facts().enforcementTimeUtc());
        });
    }

    @Test
    void anOldSnapshotIsPrunedSliceBySliceFromEveryTableAndTheOthersKeepTheirRows() {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long snapshot = 1; snapshot <= 2; snapshot++) {
            for (int seq = 1; seq <= 2 * RunStore.PRUNE_SLICE + 17; seq++) {
                rows.add(new Object[] {snapshot, seq, seq % 50, 100 + seq % 7});
            }
            store.jdbc().update("INSERT INTO pp_snapshot (snapshot_id, snapshot_key, job_instance_id, schema_profile, status,"
                    + " started_at) VALUES (?, 'k', ?, 'configmgr', 'COMPLETE', CURRENT_TIMESTAMP)", snapshot, snapshot);
            store.jdbc().update("INSERT INTO pp_snap_host (snapshot_id, seq, resourceId, name) VALUES (?, 1, 1, 'A')", snapshot);
            store.jdbc().update("INSERT INTO pp_snap_query (snapshot_id, file_path, sha256, rows_read) VALUES (?, 'q.sql', 'x', 1)",
                    snapshot);
            store.recordDuplicatePairs(snapshot, java.util.Set.of(RunStore.pairKey(1, 101)));
            store.jdbc().update("INSERT INTO pp_snap_vote_scan (snapshot_id, preferred_scan_agents) VALUES (?, '')", snapshot);
            store.jdbc().update("INSERT INTO pp_snap_not_voting (snapshot_id, seq, reason) VALUES (?, 50, 'DUPLICATE_ROW')",
                    snapshot);
            store.jdbc().update("INSERT INTO pp_snap_qfe (snapshot_id, seq, resourceId, hotFixId, installedOn)"
                    + " VALUES (?, 1, 1, 'KB1', '1/2/2026')", snapshot);
            store.jdbc().update("INSERT INTO pp_snap_absent_column (snapshot_id, file_path, column_name)"
                    + " VALUES (?, 'q.sql', 'v_X.Y')", snapshot);
        }
        store.jdbc().batchUpdate("INSERT INTO pp_snap_compliance (snapshot_id, seq, resourceId, ciId, status)"
                + " VALUES (?, ?, ?, ?, 3)", rows);

        store.pruneSnapshot(1);

        for (String table : List.of("pp_snap_compliance", "pp_snap_host", "pp_snap_query", "pp_snapshot", "pp_snap_duplicate",
                "pp_snap_duplicate_scan", "pp_snap_vote_scan", "pp_snap_not_voting", "pp_snap_qfe", "pp_snap_absent_column")) {
            assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = 1", Long.class))
                    .as(table).isZero();
            assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = 2", Long.class))
                    .as(table).isPositive();
        }
        assertThat(store.jdbc().queryForObject("SELECT COUNT(*) FROM pp_snap_compliance", Long.class))
                .isEqualTo(2L * RunStore.PRUNE_SLICE + 17);
        store.pruneSnapshot(1);
    }

    @Test
    void anUpdateCarriesItsClassificationInTheSitesLanguageAndItsGuidInLowerCaseWithoutThePrefix() {
        store.jdbc().update("INSERT INTO pp_snap_update (snapshot_id, seq, ciId, articleId, title) VALUES (1, 1, 100, '1', 'a'),"
                + " (1, 2, 101, '2', 'b'), (1, 3, 102, '3', 'c'), (1, 4, 103, '4', 'd')");
        store.jdbc().update("INSERT INTO pp_snap_category (snapshot_id, seq, ciId, categoryType, categoryName, categoryId) VALUES"
                + " (1, 1, 100, 'UpdateClassification', 'Sicherheitsupdates', 'UpdateClassification:0FA1201D-4330-4FA8-8AE9-B877473B6441'),"
                + " (1, 2, 100, 'Product', 'Windows Server 2022', 'Product:8b4e84f6-595f-41ed-854f-4ca886e317a5'),"
                + " (1, 3, 101, 'UpdateClassification', 'Kritische Updates', '{E6CF1350-C01B-414D-A61F-263D14D133B4}'),"
                + " (1, 4, 102, 'UpdateClassification', 'Security Updates', NULL),"
                + " (1, 5, 103, 'Product', 'Windows 11', 'Product:72e7624a-5b00-45d2-b92f-e561c0a6a160')");

        java.util.Map<Integer, io.patchproof.reconcile.UpdateFacts> updates = store.updates(1);

        assertThat(updates.get(100).classification()).isEqualTo("Sicherheitsupdates");
        assertThat(updates.get(100).classificationId()).isEqualTo("0fa1201d-4330-4fa8-8ae9-b877473b6441");
        assertThat(updates.get(101).classificationId()).isEqualTo("e6cf1350-c01b-414d-a61f-263d14d133b4");
        assertThat(updates.get(102).classificationId()).as("SMS 2003 and sites without the column").isNull();
        assertThat(updates.get(103).classificationId()).as("a product's GUID is not a classification's").isNull();
    }

    @Test
    void aBootIsDatedOnlyByItsOwnOperatingSystemRowAndTheScanStateIsKept() {
        store.jdbc().update("INSERT INTO pp_snap_host (snapshot_id, seq, resourceId, name, lastBootLocal, osInventoryLocal,"
                + " hwScanLocal, lastScanTime, lastScanState) VALUES"
                + " (1, 1, 1, 'WITH-OS-ROW', '2026-10-01 08:00:00', '2026-11-10 09:00:00', '2026-11-15 09:00:00',"
                + " '2026-11-15 10:00:00', 5),"
                + " (1, 2, 2, 'HW-SCAN-ONLY', NULL, NULL, '2026-11-15 09:00:00', '2026-11-15 10:00:00', 3),"
                + " (1, 3, 3, 'NEVER-SCANNED', NULL, NULL, NULL, NULL, NULL)");

        java.util.Map<Integer, io.patchproof.reconcile.HostFacts> hosts = store.hosts(1);

        assertThat(hosts.get(1).inventoryLocal()).as("the OS row's TimeStamp, not the newer LastHWScan")
                .isEqualTo(java.time.LocalDateTime.parse("2026-11-10T09:00"));
        assertThat(hosts.get(2).inventoryLocal()).as("LastHWScan alone dates no boot").isNull();
        assertThat(hosts.get(1).lastScanState()).isEqualTo(5);
        assertThat(hosts.get(2).lastScanState()).isEqualTo(3);
        assertThat(hosts.get(3).lastScanState()).isNull();
    }
    @Test
    void theDemoSitesWindowsAndCollectionNamesAreReadFromItsSnapshot() {
        DataSource site = SiteDatabases.smallDataSource();
        DataSource local = LocalStore.fresh();
        RunStore demo = new RunStore(local, false);
        for (SnapshotTable t : List.of(SnapshotTable.MEMBERS, SnapshotTable.COLLECTIONS, SnapshotTable.WINDOWS)) {
            SnapshotExtractor.copy(site, local, 3, t, SqlFile.load("configmgr", t.query()), Map.of(), 100);
        }

        List<MaintenanceWindow> windows = demo.maintenanceWindows(3);
        Map<String, String> names = demo.collectionNames(3);
        Map<Integer, List<String>> collections = demo.collections(3);

        assertThat(windows).extracting(MaintenanceWindow::name).containsExactly("Patch Group A - Saturday 02:00",
                "Patch Group B - Sunday 02:00", "Domain Controllers - Third Wednesday 22:00 UTC", "Pilot - Daily 12:00",
                "Production - Daily 19:00", "Production - Friday 22:00 (retired)");
        assertThat(windows).filteredOn(w -> !w.isEnabled()).extracting(MaintenanceWindow::name)
                .containsExactly("Production - Friday 22:00 (retired)");
        assertThat(windows).allSatisfy(w -> assertThat(w.scheduleProblem()).isEmpty());
        assertThat(windows.get(2)).satisfies(dc -> {
            assertThat(dc.collectionName()).isEqualTo("Servers - Domain Controllers");
            assertThat(dc.gmt()).isTrue();
            assertThat(dc.enabled()).isTrue();
            assertThat(dc.windowType()).isEqualTo(1);
            assertThat(dc.recurrenceType()).isEqualTo(4);
            assertThat(dc.durationMinutes()).isEqualTo(180);
            assertThat(dc.startTime()).isEqualTo(LocalDateTime.of(2024, 1, 17, 22, 0));
            assertThat(dc.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).contains(LocalDateTime.of(2026, 11, 18, 22, 0));
        });
        assertThat(names).containsEntry("PP100017", "Servers - Manual Patching")
                .containsEntry("PP100011", "Servers - Patch Group A (Saturday 02:00)").doesNotContainKey("PP100014");
        assertThat(collections.values().stream().flatMap(List::stream)).as("every collection a host is in has its name")
                .isSubsetOf(names.keySet()).contains("PP100011", "PP100015");
    }

    @Test
    void aSnapshotTakenBeforeTokensAndCollectionNamesWereReadStillNamesItsWindowsCollections() {
        store.jdbc().update("INSERT INTO pp_snap_window (snapshot_id, seq, collectionId, collectionName, windowName,"
                + " startTime, durationMinutes, isGmt, isEnabled, windowType, recurrenceType) VALUES"
                + " (4, 1, 'PP100011', 'Servers - Patch Group A', 'Saturday', TIMESTAMP '2024-01-06 02:00:00', 240, NULL,"
                + " NULL, 4, 3)");

        List<MaintenanceWindow> windows = store.maintenanceWindows(4);

        assertThat(store.collectionNames(4)).containsExactly(Map.entry("PP100011", "Servers - Patch Group A"));
        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.schedules()).isNull();
            assertThat(w.enabled()).isNull();
            assertThat(w.isEnabled()).isTrue();
            assertThat(w.gmt()).isNull();
            assertThat(w.nextStart(LocalDateTime.of(2026, 11, 16, 0, 0))).isEmpty();
            assertThat(w.scheduleText()).startsWith("Weekly from 2024-01-06 02:00").endsWith("see the console");
        });
    }
}
