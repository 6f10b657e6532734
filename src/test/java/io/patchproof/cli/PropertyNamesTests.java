package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which property names are refused as unknown, and which known name is offered instead. */
class PropertyNamesTests {

    private final PropertyNames names = PropertyNames.current();

    @Test
    void everyPropertyOfTheHelpTextIsKnown() {
        for (String line : HelpText.TEXT.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("patchproof.") || trimmed.startsWith("spring.datasource.")) {
                String name = trimmed.split("\\s+")[0].replace(".[NAME]", ".[Install Verified]");
                assertThat(names.isUnknown(name)).as(name).isFalse();
            }
        }
    }

    @Test
    void relaxedFormsListIndexesAndMapKeysAreKnown() {
        assertThat(names.isUnknown("patchproof.asOf")).isFalse();
        assertThat(names.isUnknown("patchproof.AS-OF")).isFalse();
        assertThat(names.isUnknown("patchproof.rules.reboot-titles[0]")).isFalse();
        assertThat(names.isUnknown("patchproof.source.sms2003.state-names.[Uninstall Pending]")).isFalse();
        assertThat(names.isUnknown("patchproof.source.sms2003.state-names.Failed")).isFalse();
        assertThat(names.isUnknown("spring.datasource.hikari.maximum-pool-size")).isFalse();
        assertThat(names.isUnknown("spring.datasource.hikari.data-source-properties.cachePrepStmts")).isFalse();
        assertThat(names.isUnknown("spring.batch.jdbc.initialize-schema")).as("other spring names are Spring's").isFalse();
        assertThat(names.isUnknown("logging.level.root")).isFalse();
        assertThat(names.isUnknown("patchproof.test.pause-after-chunks")).as("test hooks").isFalse();
    }

    @Test
    void theScheduleNamesAreKnownAndAMisspeltOneIsOfferedTheRightName() {
        assertThat(names.isUnknown("patchproof.schedule.monthly")).isFalse();
        assertThat(names.isUnknown("patchproof.schedule.quarterly")).isFalse();
        assertThat(names.isUnknownVariable("PATCHPROOF_SCHEDULE_MONTHLY")).isFalse();
        assertThat(names.isUnknown("patchproof.schedule.montly")).isTrue();
        assertThat(names.nearest("patchproof.schedule.montly")).isEqualTo("patchproof.schedule.monthly");
        assertThat(names.isUnknown("patchproof.schedule.weekly")).isTrue();
    }

    @Test
    void misspeltNamesAreUnknownAndTheNearestKnownNameIsOffered() {
        assertThat(names.isUnknown("patchproof.as-off")).isTrue();
        assertThat(names.nearest("patchproof.as-off")).isEqualTo("patchproof.as-of");
        assertThat(names.isUnknown("patchproof.scope.host")).isTrue();
        assertThat(names.nearest("patchproof.scope.host")).isEqualTo("patchproof.scope.hosts");
        assertThat(names.isUnknown("patchproof.rules.chunksize2")).isTrue();
        assertThat(names.nearest("patchproof.hosts")).as("right segment, wrong parent")
                .isEqualTo("patchproof.scope.hosts or patchproof.demo.hosts");
        assertThat(names.nearest("patchproof.outputdir")).isEqualTo("patchproof.output.dir");
        assertThat(names.isUnknown("patchproof.rules.reboot-title[0]")).isTrue();
        assertThat(names.nearest("patchproof.something-else-entirely")).isNull();
    }

    @Test
    void misspeltDatasourceNamesAreUnknown() {
        assertThat(names.isUnknown("spring.datasourse.url")).isTrue();
        assertThat(names.nearest("spring.datasourse.url")).isEqualTo("spring.datasource.url");
        assertThat(names.isUnknown("spring.data-source.url")).as("relaxed form of the right name").isFalse();
        assertThat(names.isUnknown("spring.datasource.urll")).isTrue();
        assertThat(names.nearest("spring.datasource.urll")).isEqualTo("spring.datasource.url");
        assertThat(names.isUnknown("spring.datasource.hikari.maximum-pool-sise")).isTrue();
        assertThat(names.nearest("spring.datasource.hikari.maximum-pool-sise")).isEqualTo("spring.datasource.hikari.maximum-pool-size");
    }

    @Test
    void environmentVariablesAreComparedWithoutTheirUnderscores() {
        assertThat(names.isUnknownVariable("PATCHPROOF_SOURCE_PASSWORD")).isFalse();
        assertThat(names.isUnknownVariable("PATCHPROOF_AS_OF")).isFalse();
        assertThat(names.isUnknownVariable("PATCHPROOF_SOURCE_SMS2003_STATENAMES_FAILED")).isFalse();
        assertThat(names.isUnknownVariable("PATCHPROOF_AS_OFF")).isTrue();
        assertThat(names.isUnknownVariable("PATH")).isFalse();
    }
}
