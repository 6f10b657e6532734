package io.patchproof.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OutputNamesTests {

    private static final LocalDate AS_OF = LocalDate.parse("2026-11-30");

    @Test
    void aFirstRunOverAllSystemsIsNamedByProfileAndDate() {
        assertThat(OutputNames.stem("monthly", AS_OF, null, 0)).isEqualTo("monthly-2026-11-30");
        assertThat(OutputNames.stem("monthly", AS_OF, "", 0)).isEqualTo("monthly-2026-11-30");
    }

    @Test
    void aScopeKeyFollowsTheDate() {
        assertThat(OutputNames.stem("audit", AS_OF, "SMS00001", 0)).isEqualTo("audit-2026-11-30-SMS00001");
    }

    @Test
    void theFirstRerunWritesR2AndTheNextR3() {
        assertThat(OutputNames.stem("monthly", AS_OF, null, 1)).isEqualTo("monthly-2026-11-30-r2");
        assertThat(OutputNames.stem("cio", AS_OF, "servers", 2)).isEqualTo("cio-2026-11-30-servers-r3");
    }

    @Test
    void theThreeFilesShareTheStem() {
        assertThat(OutputNames.workbook("monthly-2026-11-30")).isEqualTo("monthly-2026-11-30.xlsx");
        assertThat(OutputNames.findings("monthly-2026-11-30")).isEqualTo("monthly-2026-11-30.findings.csv");
        assertThat(OutputNames.manifest("monthly-2026-11-30")).isEqualTo("monthly-2026-11-30.manifest.json");
    }

    @Test
    void partsThatCouldEscapeTheDirectoryAreRefused() {
        assertThatThrownBy(() -> OutputNames.stem("monthly", AS_OF, "../x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope key");
        assertThatThrownBy(() -> OutputNames.stem("a/b", AS_OF, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile");
        assertThatThrownBy(() -> OutputNames.stem("monthly", AS_OF, null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputNames.stem("monthly", null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
