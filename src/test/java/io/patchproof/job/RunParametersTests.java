package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.source.SourceScope;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunParametersTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 16);
    private static final RunSite SITE = new RunSite("PP1", "site code PP1 of all 8450 systems in All Systems");

    private static RunParameters params(String scopeKey, long rerun, boolean demo) {
        SourceScope scope = new SourceScope("SMS00001", List.of("958644"), List.of("MS08-067"), "SRV*", 10, true,
                AS_OF.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return new RunParameters(SITE, AS_OF, "monthly", "configmgr", scopeKey, rerun, demo, Path.of("reports/out"),
                "collection SMS00001", scope);
    }

    @Test
    void firstRunHasNoSuffixAndRerunsCountFromTwo() {
        assertThat(params("", 0, false).stem()).isEqualTo("monthly-PP1-2026-11-16");
        assertThat(params("", 1, false).stem()).isEqualTo("monthly-PP1-2026-11-16-r2");
        assertThat(params("", 2, false).stem()).isEqualTo("monthly-PP1-2026-11-16-r3");
        assertThat(params("servers", 0, false).stem()).isEqualTo("monthly-PP1-2026-11-16-servers");
    }

    @Test
    void scopeKeysThatAreNoFileNamesGetAReadableHashedName() {
        String stem = params("hosts-SRV%2A", 0, false).stem();
        assertThat(stem).startsWith("monthly-PP1-2026-11-16-hosts-SRV2A-").matches("[A-Za-z0-9._-]+");
        assertThat(stem).isNotEqualTo(params("hosts-SRV.2A", 0, false).stem());
    }

    @Test
    void demoRunsReplaceTheirOwnFilesSoCarryNoSuffixAndNeverARealSetsName() {
        assertThat(params("", 7, true).stem()).isEqualTo("demo-monthly-PP1-2026-11-16");
        assertThat(params("", 0, true).stem()).isNotEqualTo(params("", 0, false).stem());
    }

    @Test
    void aDemoRunsIdentityIsNeverARealRunsIdentity() {
        var demo = params("", 0, true).toJobParameters().getIdentifyingParameters();
        assertThat(demo).extracting(p -> p.name()).contains("demo");
        assertThat(RunParameters.identity(SITE, AS_OF, "monthly", "configmgr", "", 0, true))
                .isNotEqualTo(RunParameters.identity(SITE, AS_OF, "monthly", "configmgr", "", 0, false));
        assertThat(RunParameters.of(params("", 0, true).toJobParameters())).isEqualTo(params("", 0, true));
    }

    @Test
    void jobParametersRoundTripTheWholeScope() {
        RunParameters original = params("k", 3, false);
        RunParameters back = RunParameters.of(original.toJobParameters());
        assertThat(back).isEqualTo(original);
    }

    @Test
    void onlyTheRunIdentityIsIdentifying() {
        var identifying = params("k", 0, false).toJobParameters().getIdentifyingParameters();
        assertThat(identifying).extracting(p -> p.name())
                .containsExactlyInAnyOrder("site", "asOf", "profile", "schema", "scope", "rerun");
    }

    @Test
    void aSiteWithoutASiteCodeIsNamedByServerAndDatabaseInAFileNameSafeForm() {
        RunSite site = RunSite.of(java.util.List.of(), "CM01.example.org", "CM_PP1");
        assertThat(site.key()).isEqualTo("cm01.example.org/CM_PP1");
        assertThat(site.siteCode()).isNull();
        RunParameters p = new RunParameters(site, AS_OF, "monthly", "configmgr", "", 0, false, Path.of("reports/out"),
                "all systems", params("", 0, false).scope());
        assertThat(p.stem()).matches("monthly-cm01\\.example\\.org_CM_PP1-[0-9a-f]{8}-2026-11-16");
        assertThat(RunParameters.of(p.toJobParameters())).isEqualTo(p);
    }

    @Test
    void theIdentityOfAnEarlierVersionIsTheSameWithoutTheSite() {
        var legacy = RunParameters.legacyIdentity(AS_OF, "monthly", "configmgr", "k", 0).getIdentifyingParameters();
        assertThat(legacy).extracting(p -> p.name()).containsExactlyInAnyOrder("asOf", "profile", "schema", "scope", "rerun");
        assertThat(RunParameters.identity(SITE, AS_OF, "monthly", "configmgr", "k", 0, false))
                .isEqualTo(new org.springframework.batch.core.job.parameters.JobParameters(
                        params("k", 0, false).toJobParameters().getIdentifyingParameters()));
    }
}
