package io.patchproof.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.store.StoreDialect;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class QuartzTablesTests {

    @Test
    void quartzsSqlServerScriptRunsBatchByBatchWithoutItsUseLineAndWithoutDbo() throws Exception {
        String script;
        try (InputStream in = new ClassPathResource(StoreDialect.SQL_SERVER.quartzTablesScript()).getInputStream()) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).contains("USE [enter_db_name_here]").contains("[dbo].");

        List<String> batches = QuartzTables.sqlServerBatches(script);

        assertThat(batches).noneMatch(b -> b.startsWith("USE")).noneMatch(b -> b.contains("[dbo]."))
                .noneMatch(b -> b.lines().anyMatch(l -> l.strip().equals("GO")))
                .noneMatch(b -> b.lines().anyMatch(l -> l.strip().startsWith("--")));
        assertThat(batches).anyMatch(b -> b.startsWith("CREATE TABLE [QRTZ_TRIGGERS]"))
                .anyMatch(b -> b.startsWith("CREATE TABLE [QRTZ_LOCKS]"));
    }
}
