package io.patchproof.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.source.SiteCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSiteTests {

    @Test
    void aSiteDatabaseWithOneSiteCodeIsThatSite() {
        RunSite site = RunSite.of(List.of(new SiteCodes.Count("PP1", 8450)), "cm01.example.org", "CM_PP1");
        assertThat(site.key()).isEqualTo("PP1");
        assertThat(site.siteCode()).isEqualTo("PP1");
        assertThat(site.fileLabel()).isEqualTo("PP1");
        assertThat(site.how()).contains("site code PP1").contains("8450");
    }

    @Test
    void theSameSiteReachedUnderAnotherNameIsTheSameSite() {
        assertThat(RunSite.of(List.of(new SiteCodes.Count("pp1 ", 10)), "cm01", "CM_PP1").key())
                .isEqualTo(RunSite.of(List.of(new SiteCodes.Count("PP1", 10)), "listener.example.org", "CM_PP1").key());
    }

    @Test
    void withoutASiteCodeTheServerAndDatabaseNameTheSite() {
        RunSite site = RunSite.of(List.of(), "CM01.example.org", "CM_PP1");
        assertThat(site.key()).isEqualTo("cm01.example.org/CM_PP1");
        assertThat(site.how()).contains("no system in All Systems carries a site code");
        assertThat(site.fileLabel()).startsWith("cm01.example.org_CM_PP1-").matches("[A-Za-z0-9][A-Za-z0-9._-]*");
    }

    @Test
    void severalSiteCodesAsAtACentralAdministrationSiteAreNamedByServerAndDatabaseNotTheLargest() {
        RunSite site = RunSite.of(List.of(new SiteCodes.Count("PP1", 8000), new SiteCodes.Count("PP2", 450)), "cas01", "CM_CAS");
        assertThat(site.key()).isEqualTo("cas01/CM_CAS");
        assertThat(site.how()).contains("2 site codes").contains("PP1: 8000").contains("PP2: 450");
    }

    @Test
    void fileLabelsOfDifferentServersAndDatabasesDiffer() {
        assertThat(RunSite.of(List.of(), "a b", "c").fileLabel()).isNotEqualTo(RunSite.of(List.of(), "a_b", "c").fileLabel());
        assertThat(RunSite.of(List.of(), "local H2 stand-in", "SITE").fileLabel()).matches("local_h2_stand-in_SITE-[0-9a-f]{8}");
    }
}
