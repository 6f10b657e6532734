package io.patchproof.report;

import static io.patchproof.testsupport.ReportDataBuilder.aReport;
import static io.patchproof.testsupport.ReportRowBuilders.aHostSummary;
import static io.patchproof.testsupport.ReportRowBuilders.anUpdateSummary;
import static io.patchproof.testsupport.ReportRowBuilders.figures;

import io.patchproof.reconcile.ComplianceFigures;
import io.patchproof.reconcile.HostsFullyPatched;
import io.patchproof.reconcile.Severity;
import io.patchproof.testsupport.FindingBuilders;
import io.patchproof.testsupport.ReportDataBuilder;
import io.patchproof.testsupport.ReportRunBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quarter's CIO report for tests: a site with a year of monthly runs kept, the last one this
 * run (as of 2026-09-30, the end of 2026 Q3), the end of 2026 Q2 among them, and the three oldest
 * kept before fully-patched counts were kept.
 */
final class CioFixtures {

    static final LocalDate AS_OF = LocalDate.parse("2026-09-30");
    static final LocalDate PREVIOUS_QUARTER_END = LocalDate.parse("2026-06-30");

    static final ComplianceFigures OVERALL = figures(700, 200, 30, 40, 20, 10, 25);
    static final HostsFullyPatched SERVERS = new HostsFullyPatched(450, 430, 12, 15, 500);
    static final HostsFullyPatched WORKSTATIONS = new HostsFullyPatched(8000, 7600, 6100, 6150, 9000);

    private CioFixtures() {
    }

    /** Twelve month-end points, 2025-10-31 to 2026-09-30; the oldest three without fully-patched counts. */
    static List<CioHistory.TrendPoint> aYearOfPoints() {
        List<CioHistory.TrendPoint> points = new ArrayList<>();
        LocalDate month = LocalDate.parse("2025-10-01");
        for (int i = 0; i < 12; i++) {
            LocalDate end = month.plusMonths(i + 1).minusDays(1);
            if (i == 11) {
                points.add(new CioHistory.TrendPoint(end, OVERALL, SERVERS, WORKSTATIONS,
                        Map.of(Severity.CRITICAL, figures(300, 150, 10, 20, 5, 5, 20))));
                continue;
            }
            ComplianceFigures f = figures(400 + 25L * i, 300 - 8L * i, 30, 60 - 2L * i, 20, 10, 25);
            HostsFullyPatched servers = i < 3 ? null : new HostsFullyPatched(450, 400 + i, 5 + i, 6 + i, 500);
            HostsFullyPatched workstations = i < 3 ? null : new HostsFullyPatched(8000, 7000 + 50L * i, 5000 + 100L * i, 5050, 9000);
            points.add(new CioHistory.TrendPoint(end, f, servers, workstations, Map.of()));
        }
        return points;
    }

    static CioHistory aYearOfHistory() {
        List<CioHistory.TrendPoint> points = aYearOfPoints();
        CioHistory.TrendPoint previous = points.stream().filter(p -> p.asOf().equals(PREVIOUS_QUARTER_END)).findFirst().orElseThrow();
        return new CioHistory(points, CioHistory.Quarter.endingOnOrBefore(AS_OF), previous);
    }

    static CioHistory withoutPreviousQuarter() {
        List<CioHistory.TrendPoint> points = aYearOfPoints().subList(9, 12);
        return new CioHistory(points, CioHistory.Quarter.endingOnOrBefore(AS_OF), null);
    }

    /** The quarter's report: the year of history, three severities, hosts and updates with installs waiting. */
    static ReportDataBuilder aQuarter() {
        return aReport()
                .withRun(ReportRunBuilder.aRun().asOf(AS_OF).build())
                .withHistory(aYearOfHistory())
                .withFullyPatched(SERVERS, WORKSTATIONS, new HostsFullyPatched(8450, 8030, 6112, 6165, 9500))
                .withOverall(OVERALL)
                .withSeverity(Severity.MODERATE, figures(250, 30, 5, 10, 2, 0, 0))
                .withWindows(new WindowData(List.of(), Map.of("PP100011", "Servers - Patch Group A",
                        "PP100020", "Workstations - Ring 1")));
    }

    /**
     * Hosts and updates with installs waiting: SRV-DC01 has 3 (two critical), SRV-FILE01 and
     * SRV-SQL01 2 each (SQL01 riskier), WKS-0001 1. Update 101 is waiting on 4 hosts, 102 on 3,
     * 103 on 1.
     */
    static ReportDataBuilder withInstallsWaiting(ReportDataBuilder report) {
        return report
                .withHosts(
                        aHostSummary().resourceId(1).name("SRV-DC01").risk(900, 400L).inCollections("PP100011", "PP100020")
                                .figures(figures(10, 3, 0, 0, 0, 0, 0)).build(),
                        aHostSummary().resourceId(2).name("SRV-FILE01").risk(300, 100L).inCollections()
                                .figures(figures(20, 2, 0, 0, 0, 0, 0)).build(),
                        aHostSummary().resourceId(3).name("SRV-SQL01").risk(500, 120L).inCollections("PP100011")
                                .figures(figures(8, 2, 0, 0, 0, 0, 0)).build(),
                        aHostSummary().resourceId(4).name("WKS-0001").workstation().risk(50, 10L).inCollections("PP100020")
                                .figures(figures(30, 1, 0, 0, 0, 0, 0)).build())
                .withUpdates(
                        anUpdateSummary().article("4100001", 101).title("Cumulative Update A").severity(Severity.CRITICAL)
                                .released(Instant.parse("2026-07-14T17:00:00Z")).figures(figures(6, 4, 0, 0, 0, 0, 0)).build(),
                        anUpdateSummary().article("4100002", 102).title("Cumulative Update B").severity(Severity.IMPORTANT)
                                .released(Instant.parse("2026-08-11T17:00:00Z")).figures(figures(7, 3, 0, 0, 0, 0, 0)).build(),
                        anUpdateSummary().article("4100003", 103).title("=HYPERLINK(\"x\")").severity(Severity.MODERATE)
                                .released(Instant.parse("2026-09-08T17:00:00Z")).figures(figures(9, 1, 0, 0, 0, 0, 0)).build())
                .with(
                        waiting(1, "SRV-DC01", true, 101, Severity.CRITICAL, 80),
                        waiting(1, "SRV-DC01", true, 102, Severity.IMPORTANT, 50),
                        waiting(1, "SRV-DC01", true, 103, Severity.CRITICAL, 20),
                        waiting(2, "SRV-FILE01", true, 101, Severity.CRITICAL, 10),
                        waiting(2, "SRV-FILE01", true, 102, Severity.IMPORTANT, 10),
                        waiting(3, "SRV-SQL01", true, 101, Severity.CRITICAL, 60),
                        waiting(3, "SRV-SQL01", true, 102, Severity.IMPORTANT, 40),
                        waiting(4, "WKS-0001", false, 101, Severity.CRITICAL, 5));
    }

    static io.patchproof.reconcile.Finding waiting(int resourceId, String host, boolean server, int ciId, Severity severity,
                                                   long days) {
        FindingBuilders.FindingBuilder f = FindingBuilders.aNotInEffectFinding().resourceId(resourceId).host(host).ciId(ciId)
                .article(String.valueOf(4100000 + ciId - 100)).title("Cumulative Update " + ciId).severity(severity)
                .exposureDays(days);
        return (server ? f : f.workstation()).build();
    }
}
