package io.patchproof.cli;

import static io.patchproof.testsupport.SiteDatabaseBuilder.INSTALLED;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad rows end to end: a small site database holding every kind of odd record the rules know
 * (missing, future and zone-skewed boot times, missing install times, duplicate host names,
 * obsolete and decommissioned records, undocumented state codes, QFE dates in every format the
 * site may hold), run through the command line. Each is classified by the rules and never made
 * compliant by default, each is counted under Data quality, and none is dropped: every
 * compliance row inserted is read, and the manifest's counts add up to it.
 */
class BadRowsIntegrationTests {

    static final int KB_CI = 100;
    static final String KB = "5066001";
    static final String STEM = "monthly-PP1-" + DemoSiteDatabase.AS_OF;

    /** Expected verdict per "resourceId/ciId"; OUT_OF_SCOPE rows are counted, not listed. */
    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    @TempDir
    static Path dir;

    static Cli.Result result;
    static Cli cli;
    static int inserted;
    static Map<String, String> verdicts;
    static Map<String, String> evidence;
    static Map<String, Object> counts;
    static Map<String, Object> manifest;

    @BeforeAll
    static void runAgainstAHostileSite() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir);
        site.update(KB_CI, KB, "2026-10 Cumulative Update for Windows Server 2022 (KB" + KB + ")").add();
        site.update(101, "5066002", "Withdrawn update").expired().add();
        site.update(102, "2267602", "Security Intelligence Update for Microsoft Defender").classification("Definition Updates").add();

        // A sound host: the one IN_EFFECT the rules may give, as a control.
        site.host(1, "GOOD-01").add();
        expect(site.compliance(1, KB_CI), "IN_EFFECT");
        expect(site.compliance(1, 101), "OUT_OF_SCOPE");   // expired update
        expect(site.compliance(1, 102), "OUT_OF_SCOPE");   // not reboot-dependent
        expect(site.compliance(1, 777), "OUT_OF_SCOPE");   // no update metadata
        expect(site.compliance(999, KB_CI), "OUT_OF_SCOPE"); // no discovery record

        // Boot times: none, in the future, after the as-of date, zone unknown, zone far from UTC.
        site.host(2, "NOBOOT-01").bootLocal(null).add();
        expect(site.compliance(2, KB_CI), "UNVERIFIED");
        site.host(3, "FUTURE-01").bootLocal(LocalDateTime.of(2027, 1, 5, 8, 0)).add();
        expect(site.compliance(3, KB_CI), "UNVERIFIED");
        site.host(4, "FUTURE-02").bootLocal(LocalDateTime.of(2026, 11, 20, 8, 0))
                .inventoryLocal(LocalDateTime.of(2026, 11, 21, 8, 0)).add();
        expect(site.compliance(4, KB_CI), "UNVERIFIED");
        // Local boot 7 h after the install (UTC): in effect only if the clock were UTC, unknown here.
        site.host(5, "SKEW-01").offsetMinutes(null).bootLocal(INSTALLED.plusHours(7)).add();
        expect(site.compliance(5, KB_CI), "UNVERIFIED");
        // UTC+10: local 09:00 is 23:00 UTC the day before, i.e. before the install at 01:00 UTC.
        site.host(6, "SKEW-02").offsetMinutes(600).bootLocal(INSTALLED.plusHours(8)).add();
        expect(site.compliance(6, KB_CI), "UNVERIFIED");

        // No install time at all: installed, but the site never said when.
        site.host(7, "NOINSTALL-01").add();
        expect(site.compliance(7, KB_CI).lastStatusChange(null), "UNVERIFIED");

        // One name, two records: the current one booted before the update was installed (and
        // waits for its restart), the obsolete one (a re-imaged machine) after the install; its
        // boot must not be borrowed.
        site.host(8, "DUP-SRV").bootLocal(LocalDateTime.of(2026, 10, 10, 3, 0)).add();
        expect(site.compliance(8, KB_CI).status(2).enforcement(9, INSTALLED), "NOT_IN_EFFECT");
        site.host(9, "DUP-SRV").obsolete().bootLocal(LocalDateTime.of(2026, 11, 1, 3, 0)).add();
        expect(site.compliance(9, KB_CI), "OUT_OF_SCOPE");
        site.host(10, "DECOM-01").decommissioned().add();
        expect(site.compliance(10, KB_CI), "OUT_OF_SCOPE");

        // Undocumented codes: Status 4, enforcement state 42 (ignored, so nothing dates the install).
        site.host(11, "STATE-01").add();
        expect(site.compliance(11, KB_CI).status(4), "OUT_OF_SCOPE");
        site.host(12, "STATE-02").add();
        expect(site.compliance(12, KB_CI).lastStatusChange(null).enforcement(42, INSTALLED), "UNVERIFIED");

        // InstalledOn0 in every format the site may hold; the QFE day is the only install time.
        Map<String, String> qfeFormats = new LinkedHashMap<>();
        qfeFormats.put("10/15/2026", "IN_EFFECT");         // M/d/yyyy
        qfeFormats.put("11/2/2026", "IN_EFFECT");          // M/d/yyyy without leading zeros
        qfeFormats.put("11/02/2026", "IN_EFFECT");         // MM/dd/yyyy
        qfeFormats.put("20261016", "IN_EFFECT");           // yyyyMMdd
        qfeFormats.put(filetime(Instant.parse("2026-10-17T00:00:00Z")), "IN_EFFECT"); // FILETIME
        qfeFormats.put("", "UNVERIFIED");                  // empty
        qfeFormats.put("last Tuesday", "UNVERIFIED");      // garbage
        qfeFormats.put("13/45/2026", "UNVERIFIED");        // looks like a date, is none
        int id = 20;
        for (Map.Entry<String, String> format : qfeFormats.entrySet()) {
            site.host(id, "QFE-" + id).bootLocal(LocalDateTime.of(2026, 11, 10, 3, 0)).add();
            site.qfe(id, KB, format.getKey());
            expect(site.compliance(id, KB_CI).lastStatusChange(null), format.getValue());
            id++;
        }

        inserted = site.complianceRows();
        String url = site.build();
        cli = new Cli(dir.resolve("work"), dir.resolve("demo"));
        result = cli.run("run", "--patchproof.source.url=" + url, "--patchproof.as-of=" + DemoSiteDatabase.AS_OF);
        assertThat(result.exitCode()).as(result.toString()).isZero();

        verdicts = new LinkedHashMap<>();
        evidence = new LinkedHashMap<>();
        for (Map<String, String> row : FindingsCsv.read(cli.output().resolve(STEM + ".findings.csv")).rows()) {
            verdicts.put(row.get("resource_id") + "/" + row.get("ci_id"), row.get("verdict"));
            evidence.put(row.get("resource_id") + "/" + row.get("ci_id"), row.get("evidence"));
        }
        manifest = ReportJson.object(ReportJson.parse(Files.readString(cli.output().resolve(STEM + ".manifest.json"))));
        counts = ReportJson.object(manifest.get("counts"));
    }

    static void expect(SiteDatabaseBuilder.ComplianceRow row, String verdict) {
        row.add();
        EXPECTED.put(row.key(), verdict);
    }

    @Test
    void everyRowIsClassifiedByTheRulesAndNoneIsCompliantByDefault() {
        Map<String, String> inScope = new LinkedHashMap<>();
        EXPECTED.forEach((k, v) -> {
            if (!v.equals("OUT_OF_SCOPE")) {
                inScope.put(k, v);
            }
        });
        assertThat(verdicts).as("every in-scope row, with the verdict the rules give it").isEqualTo(inScope);
        assertThat(evidence.get("2/" + KB_CI)).contains("last boot unknown");
        assertThat(evidence.get("3/" + KB_CI)).contains("boot later than the inventory");
        assertThat(evidence.get("4/" + KB_CI)).contains("boot after the as-of date");
        assertThat(evidence.get("5/" + KB_CI)).contains("offset unknown");
        assertThat(evidence.get("12/" + KB_CI)).contains("enforcement state 42 undocumented, ignored");
        assertThat(evidence.get("27/" + KB_CI)).contains("QFE date '13/45/2026' unreadable, ignored");
        assertThat(evidence.get("24/" + KB_CI)).contains("(local date 2026-10-17)");
    }

    @Test
    void noRowIsDroppedAndTheManifestCountsAddUp() {
        assertThat(inserted).isEqualTo(EXPECTED.size());
        assertThat(((Number) counts.get("rowsRead")).longValue()).as("rows read = compliance rows inserted")
                .isEqualTo(inserted);
        Map<String, Object> byVerdict = ReportJson.object(counts.get("byVerdict"));
        long sum = byVerdict.entrySet().stream().filter(e -> !e.getKey().equals("OUT_OF_SCOPE"))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        long outOfScope = ((Number) counts.get("outOfScope")).longValue();
        assertThat(outOfScope + sum).as("rows read = out of scope + Σ verdicts").isEqualTo(inserted);
        assertThat(outOfScope).isEqualTo(EXPECTED.values().stream().filter("OUT_OF_SCOPE"::equals).count());
        assertThat(ReportJson.object(counts.get("outOfScopeByReason"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "host decommissioned", 1L, "host obsolete", 1L, "no discovery record", 1L, "no update metadata", 1L,
                "not reboot-dependent", 1L, "status not applicable", 1L, "update expired", 1L));
        assertThat(counts.get("reconciles")).isEqualTo(true);
        assertThat(ReportJson.array(manifest.get("sqlFiles")).stream().map(ReportJson::object)
                .filter(f -> f.get("path").toString().endsWith("select_compliance.sql"))
                .map(f -> ((Number) f.get("rowsRead")).longValue()))
                .as("what the site database returned").containsExactly((long) inserted);
    }

    @Test
    void everyOddRecordIsCountedOnTheDataQualitySheet() {
        try (TestWorkbook workbook = TestWorkbook.open(cli.output().resolve(STEM + ".xlsx"))) {
            Map<String, Long> figures = new LinkedHashMap<>();
            List<String> listed = new ArrayList<>();
            boolean records = false;
            for (List<Object> row : workbook.rows("Data quality")) {
                if (!row.isEmpty() && "Category".equals(row.get(0))) {
                    records = true;
                } else if (!records && row.size() >= 3 && row.get(1) instanceof Number n) {
                    figures.put(row.get(0) + ": " + row.get(2), n.longValue());
                } else if (records && row.size() >= 2 && row.get(1) instanceof Number resourceId) {
                    listed.add(row.get(0) + " " + resourceId.intValue());
                }
            }
            assertThat(figures).containsAllEntriesOf(Map.ofEntries(
                    Map.entry("Records by category: No boot time", 1L),
                    Map.entry("Records by category: Clock anomaly", 2L),
                    Map.entry("Records by category: Unknown time zone", 1L),
                    Map.entry("Records by category: Duplicate host name", 2L),
                    Map.entry("Records by category: Obsolete record", 1L),
                    Map.entry("Records by category: Decommissioned record", 1L),
                    Map.entry("Pairs by quality flag: BOOT_TIME_MISSING", 1L),
                    Map.entry("Pairs by quality flag: CLOCK_ANOMALY", 2L),
                    Map.entry("Pairs by quality flag: OFFSET_UNKNOWN", 1L),
                    Map.entry("Pairs by quality flag: UNKNOWN_STATUS", 1L),
                    Map.entry("Pairs by quality flag: UNKNOWN_ENFORCEMENT_STATE", 1L),
                    Map.entry("Pairs by quality flag: UNPARSEABLE_QFE_DATE", 2L),
                    Map.entry("Pairs by quality flag: ORPHAN_HOST", 1L),
                    Map.entry("Pairs by quality flag: ORPHAN_UPDATE", 1L),
                    Map.entry("Rows out of scope by reason: host obsolete", 1L),
                    Map.entry("Rows out of scope by reason: host decommissioned", 1L),
                    Map.entry("Rows out of scope by reason: status not applicable", 1L)));
            assertThat(listed).containsExactlyInAnyOrder("No boot time 2", "Clock anomaly 3", "Clock anomaly 4", "Unknown time zone 5",
                    "Duplicate host name 8", "Duplicate host name 9", "Obsolete record 9", "Decommissioned record 10");
            workbook.cellNextTo("Data quality", "Compliance rows read").hasNumber(inserted);
        }
    }

    /** 100-ns ticks since 1601-01-01 as 16 hex digits, as older clients store InstalledOn. */
    static String filetime(Instant instant) {
        long ticks = (instant.getEpochSecond() + 11_644_473_600L) * 10_000_000L;
        return String.format("%016x", ticks);
    }
}
