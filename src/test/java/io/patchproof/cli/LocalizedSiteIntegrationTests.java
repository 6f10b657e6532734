package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.BOOTED;
import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.demo.DemoSiteDatabase;
import io.patchproof.testsupport.Cli;
import io.patchproof.testsupport.FindingsCsv;
import io.patchproof.testsupport.ReportJson;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A German site names its update classifications in German ("Sicherheitsupdates"); the rules
 * match them by their WSUS classification GUIDs, so it gets the same verdicts, the same scope and
 * the same counts as the same site in English, end to end through the extract.
 */
class LocalizedSiteIntegrationTests {

    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;
    static final String[][] CLASSIFICATIONS = {
        // English, German, CategoryInstance_UniqueID
        {"Security Updates", "Sicherheitsupdates", "UpdateClassification:0fa1201d-4330-4fa8-8ae9-b877473b6441"},
        {"Critical Updates", "Kritische Updates", "UpdateClassification:e6cf1350-c01b-414d-a61f-263d14d133b4"},
        {"Update Rollups", "Updaterollups", "UpdateClassification:28bc880e-0592-4cbf-8f95-c79b17911d5f"},
        {"Definition Updates", "Definitionsupdates", "UpdateClassification:e0789628-ce08-4437-be74-2495b842f43b"},
        {"Updates", "Updates", "UpdateClassification:cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83"},
        {"Feature Packs", "Funktionspakete", "UpdateClassification:b54e7d24-7add-428f-8b75-90a396fa584f"},
    };
    static final String[] TITLES = {
        "2026-10 Security Update for Windows Server 2022 (KB5066101)",
        "2026-10 Critical Update for Windows Server 2022 (KB5066102)",
        "2026-10 Update Rollup for Windows Server 2022 (KB5066103)",
        // A definition update whose title matches the cumulative-update title pattern: never in scope.
        "Cumulative Update for Windows Defender definitions (KB2267602)",
        "2026-10 Cumulative Update for Windows Server 2022 (KB5066105)",
        "Feature Pack for Windows Server 2022 (KB5066106)",
    };

    @TempDir
    Path dir;

    private Run run(String name, int language) throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir.resolve(name));
        for (int u = 0; u < CLASSIFICATIONS.length; u++) {
            site.update(100 + u, "50661" + String.format("%02d", u), TITLES[u])
                    .classification(CLASSIFICATIONS[u][language], CLASSIFICATIONS[u][2]).add();
        }
        site.host(1, "SRV-REBOOTED").add();
        site.host(2, "SRV-UPTIME").bootLocal(LocalDateTime.of(2024, 3, 2, 4, 0)).add();
        site.host(3, "SRV-MISSING").add();
        for (int u = 0; u < CLASSIFICATIONS.length; u++) {
            site.compliance(1, 100 + u).add();
            site.compliance(2, 100 + u).add();
            site.compliance(3, 100 + u).status(2).lastStatusChange(BOOTED.plusDays(1)).add();
        }
        Cli cli = new Cli(dir.resolve(name).resolve("work"), dir.resolve("demo"));
        Cli.Result result = cli.run("run", "--patchproof.source.url=" + site.build(),
                "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> verdicts = new TreeMap<>();
        for (Map<String, String> row : FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv")).rows()) {
            verdicts.put(row.get("resource_id") + "/" + row.get("ci_id"), row.get("verdict") + " " + row.get("confidence"));
        }
        Map<String, Object> counts = ReportJson.object(ReportJson.object(ReportJson.parse(
                Files.readString(cli.output().resolve(STEM + ".manifest.json")))).get("counts"));
        return new Run(verdicts, counts);
    }

    record Run(Map<String, String> verdicts, Map<String, Object> counts) {
    }

    @Test
    void aGermanSiteGetsTheVerdictsOfTheSameSiteInEnglish() throws Exception {
        Run english = run("english", 0);
        Run german = run("german", 1);

        assertThat(english.verdicts().keySet()).as("security, critical, rollup and the cumulative update by title")
                .containsExactlyInAnyOrder("1/100", "1/101", "1/102", "1/104", "2/100", "2/101", "2/102", "2/104",
                        "3/100", "3/101", "3/102", "3/104");
        assertThat(german.verdicts()).isEqualTo(english.verdicts());
        assertThat(ReportJson.object(german.counts().get("outOfScopeByReason")))
                .isEqualTo(ReportJson.object(english.counts().get("outOfScopeByReason")))
                .containsEntry("not reboot-dependent", 6L);
        assertThat(german.counts().get("byVerdict")).isEqualTo(english.counts().get("byVerdict"));
    }
}
