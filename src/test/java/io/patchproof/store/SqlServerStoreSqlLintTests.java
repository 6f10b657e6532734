package io.patchproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.testsupport.SqlServerLint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A lint of every store script as the SQL Server dialect runs it: the baseline and every
 * migration file on the class path (so a migration added later is linted without touching this
 * test), each statement planned by {@link StoreDdl} for SQL Server and refused if it has a
 * construct SQL Server rejects ({@link SqlServerLint}). The statements sent while a run works are
 * linted by {@link SqlServerModeStoreTests}; Spring Batch's and Quartz's SQL Server scripts are
 * their vendors'.
 */
class SqlServerStoreSqlLintTests {

    @Test
    void everyStoreScriptAsSqlServerRunsItHasNothingSqlServerRefuses() throws IOException {
        List<String> scripts = scripts();
        assertThat(scripts).contains(StoreSchema.BASELINE, "store/migrations/V3__exceptions_register.sql");

        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (String script : scripts) {
            for (String statement : StoreDdl.statements(script)) {
                String sql = StoreDdl.plan(StoreDialect.SQL_SERVER, statement).sql();
                List<String> found = SqlServerLint.problems(sql);
                if (!found.isEmpty()) {
                    problems.put(script + ": " + sql, found);
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theLintFindsWhatSqlServerRefusesInTheScriptsAsWritten() {
        List<String> found = new ArrayList<>();
        for (String statement : StoreDdl.statements(StoreSchema.BASELINE)) {
            found.addAll(SqlServerLint.problems(statement));
        }
        for (String statement : StoreDdl.statements("store/migrations/V3__exceptions_register.sql")) {
            found.addAll(SqlServerLint.problems(statement));
        }

        assertThat(String.join("\n", found)).contains("IF NOT EXISTS", "BOOLEAN", "TIMESTAMP", "VARCHAR without a length",
                "ADD COLUMN", "VARCHAR(1000000): above SQL Server's 8000");
        assertThat(SqlServerLint.problems("SELECT * FROM pp_x WHERE a = TRUE ORDER BY b FETCH FIRST 1 ROW ONLY LIMIT 1"))
                .hasSize(3);
        assertThat(SqlServerLint.problems("MERGE INTO pp_x KEY (a) VALUES ('x' || 'y')")).hasSize(2);
        assertThat(SqlServerLint.problems("SELECT 'TRUE' FROM pp_x WHERE v = 'LIMIT'")).isEmpty();
    }

    @Test
    void everyMigrationFileIsOneTheStoreApplies() throws IOException {
        List<String> listed = StoreSchema.MIGRATIONS.stream().map(StoreSchema.Migration::script).toList();
        List<String> files = scripts().stream().filter(s -> s.startsWith("store/migrations/")).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
    }

    /** The baseline and every migration file on the class path. */
    static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>(List.of(StoreSchema.BASELINE));
        Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:store/migrations/*.sql");
        for (Resource r : found) {
            scripts.add("store/migrations/" + r.getFilename());
        }
        return scripts;
    }
}
