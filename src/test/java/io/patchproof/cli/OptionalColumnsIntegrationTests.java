package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import io.patchproof.testsupport.TestWorkbook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sites differ by version and inventory settings: a site database without the columns the SQL
 * files can do without is read (exit 0) and every absent column is named in the manifest and on
 * the Data quality sheet; one without a column a file needs is refused before a run starts
 * (exit 2), naming the view, the column and the file.
 */
class OptionalColumnsIntegrationTests {

    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;

    @TempDir
    Path dir;

    @Test
    void aSiteWithoutTheOptionalColumnsIsReadAndTheReportNamesThem() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir)
                .withoutColumn("v_GS_WORKSTATION_STATUS", "TimeZoneOffset")
                .withoutColumn("v_ServiceWindow", "IsGMT")
                .withoutColumn("v_R_System", "Decommissioned0")
                .withoutColumn("v_CombinedDeviceResources", "ClientState");
        site.update(100, "5066001", "2026-10 Cumulative Update for Windows Server 2022 (KB5066001)").add();
        site.host(1, "SRV01").add();
        site.compliance(1, 100).add();
        site.host(2, "SRV02").offsetMinutes(null).add();
        site.compliance(2, 100).add();
        String url = site.build();
        Cli cli = new Cli(dir.resolve("work"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv")).rows()).hasSize(2);
        Map<String, Object> manifest = ReportJson.object(ReportJson.parse(
                Files.readString(cli.output().resolve(STEM + ".manifest.json"))));
        assertThat(ReportJson.array(manifest.get("absentOptionalColumns")).stream().map(ReportJson::object)
                .map(o -> o.get("file") + " " + o.get("column")))
                .containsExactlyInAnyOrder(
                        "sql/configmgr/select_hosts.sql v_R_System.Decommissioned0",
                        "sql/configmgr/select_hosts.sql v_GS_WORKSTATION_STATUS.TimeZoneOffset",
                        "sql/configmgr/select_hosts.sql v_CombinedDeviceResources.ClientState",
                        "sql/configmgr/select_maintenance_windows.sql v_ServiceWindow.IsGMT");
        assertThat(ReportJson.array(manifest.get("sqlFiles")).stream().map(ReportJson::object)
                .filter(f -> f.get("path").equals("sql/configmgr/select_hosts.sql")).map(f -> f.get("sha256")))
                .as("the file's own hash, not the statement's")
                .containsExactly(io.patchproof.source.SqlFile.load("configmgr", "select_hosts").sha256());
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            List<String> absent = new ArrayList<>();
            for (List<Object> row : workbook.rows("Data quality")) {
                if (!row.isEmpty() && "Absent optional column".equals(row.get(0)) && row.size() >= 4) {
                    absent.add(String.valueOf(row.get(3)));
                }
            }
            assertThat(absent).containsExactlyInAnyOrder(
                    "v_R_System.Decommissioned0 is not in the site database: sql/configmgr/select_hosts.sql read it as NULL",
                    "v_GS_WORKSTATION_STATUS.TimeZoneOffset is not in the site database: sql/configmgr/select_hosts.sql"
                            + " read it as NULL",
                    "v_CombinedDeviceResources.ClientState is not in the site database: sql/configmgr/select_hosts.sql"
                            + " read it as NULL",
                    "v_ServiceWindow.IsGMT is not in the site database: sql/configmgr/select_maintenance_windows.sql"
                            + " read it as NULL");
        }
    }

    @Test
    void aSiteWithoutANeededColumnIsRefusedBeforeTheRunNamingIt() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir).withoutColumn("v_UpdateComplianceStatus", "LastEnforcementMessageID");
        site.update(100, "5066001", "2026-10 Cumulative Update for Windows Server 2022 (KB5066001)").add();
        site.host(1, "SRV01").add();
        site.compliance(1, 100).add();
        String url = site.build();
        Cli cli = new Cli(dir.resolve("work"), dir.resolve("demo"));

        Cli.Result result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out() + result.err()).contains("sql/configmgr/select_compliance.sql needs"
                + " v_UpdateComplianceStatus.LastEnforcementMessageID, missing from the site database");
        assertThat(cli.output().resolve(STEM + ".manifest.json")).doesNotExist();
    }
}
