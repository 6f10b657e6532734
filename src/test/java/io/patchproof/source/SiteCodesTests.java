package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchproof.testsupport.SiteDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class SiteCodesTests {

    @Test
    void aConfigMgrSiteDatabaseNamesItsSiteCodeAndHowManySystemsCarryIt() {
        long systems = new JdbcTemplate(SiteDatabases.smallDataSource()).queryForObject(
                "SELECT COUNT(DISTINCT ResourceID) FROM v_FullCollectionMembership WHERE CollectionID = 'SMS00001'", Long.class);

        SiteCodes.Result result = SiteCodes.read(SiteDatabases.smallDataSource(), SchemaProfile.CONFIGMGR);

        assertThat(result.counts()).containsExactly(new SiteCodes.Count("PP1", systems));
        assertThat(result.file().path()).isEqualTo("sql/configmgr/select_site_codes.sql");
    }

    @Test
    void anSms2003SiteDatabaseToo() {
        List<SiteCodes.Count> counts = SiteCodes.read(SiteDatabases.smallSms2003DataSource(), SchemaProfile.SMS2003).counts();
        assertThat(counts).extracting(SiteCodes.Count::siteCode).containsExactly("S03");
    }

    @Test
    void aDatabaseWithoutTheViewFailsNamingTheSqlFile() {
        DriverManagerDataSource empty = new DriverManagerDataSource("jdbc:h2:mem:no-site-codes;MODE=MSSQLServer");
        assertThatThrownBy(() -> SiteCodes.read(empty, SchemaProfile.CONFIGMGR))
                .isInstanceOf(SourceException.class).hasMessageContaining("select_site_codes.sql");
    }
}
