package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputNamesTests {

    private static final LocalDate AS_OF = LocalDate.parse("2026-11-30");

    @Test
    void theConsoleNamesTheSignatureBesideTheWorkbookOnlyWhenItIsThere(@TempDir Path dir) throws IOException {
        Path workbook = dir.resolve("audit-PP1-2026-11-30.xlsx");
        assertThat(OutputNames.companions(workbook)).isEqualTo("(+ .findings.csv, .manifest.json)");

        Files.writeString(dir.resolve("audit-PP1-2026-11-30.manifest.json.sig"), "signature");
        assertThat(OutputNames.companions(workbook)).isEqualTo("(+ .findings.csv, .manifest.json, .manifest.json.sig)");
        assertThat(OutputNames.companions(dir.resolve("audit-PP1-2026-11-30-r2.xlsx")))
                .as("another set's signature is not this set's").isEqualTo("(+ .findings.csv, .manifest.json)");
    }

    @Test
    void aFirstRunOverAllSystemsIsNamedByProfileSiteAndDate() {
        assertThat(OutputNames.stem("monthly", "PP1", AS_OF, null, 0)).isEqualTo("monthly-PP1-2026-11-30");
        assertThat(OutputNames.stem("monthly", "PP1", AS_OF, "", 0)).isEqualTo("monthly-PP1-2026-11-30");
    }

    @Test
    void twoSitesNeverShareAName() {
        assertThat(OutputNames.stem("monthly", "PP1", AS_OF, null, 0))
                .isNotEqualTo(OutputNames.stem("monthly", "PP2", AS_OF, null, 0));
    }

    @Test
    void aScopeKeyFollowsTheDate() {
        assertThat(OutputNames.stem("audit", "PP1", AS_OF, "SMS00001", 0)).isEqualTo("audit-PP1-2026-11-30-SMS00001");
    }

    @Test
    void theFirstRerunWritesR2AndTheNextR3() {
        assertThat(OutputNames.stem("monthly", "PP1", AS_OF, null, 1)).isEqualTo("monthly-PP1-2026-11-30-r2");
        assertThat(OutputNames.stem("cio", "PP1", AS_OF, "servers", 2)).isEqualTo("cio-PP1-2026-11-30-servers-r3");
    }

    @Test
    void theThreeFilesShareTheStem() {
        assertThat(OutputNames.workbook("monthly-PP1-2026-11-30")).isEqualTo("monthly-PP1-2026-11-30.xlsx");
        assertThat(OutputNames.findings("monthly-PP1-2026-11-30")).isEqualTo("monthly-PP1-2026-11-30.findings.csv");
        assertThat(OutputNames.manifest("monthly-PP1-2026-11-30")).isEqualTo("monthly-PP1-2026-11-30.manifest.json");
        assertThat(OutputNames.stemOf("monthly-PP1-2026-11-30.findings.csv")).isEqualTo("monthly-PP1-2026-11-30");
    }

    @Test
    void partsThatCouldEscapeTheDirectoryAreRefused() {
        assertThatThrownBy(() -> OutputNames.stem("monthly", "PP1", AS_OF, "../x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope key");
        assertThatThrownBy(() -> OutputNames.stem("a/b", "PP1", AS_OF, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile");
        assertThatThrownBy(() -> OutputNames.stem("monthly", "cm01/CM_PP1", AS_OF, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site");
        assertThatThrownBy(() -> OutputNames.stem("monthly", null, AS_OF, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputNames.stem("monthly", "PP1", AS_OF, null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputNames.stem("monthly", "PP1", null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
