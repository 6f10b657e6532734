package io.patchproof.job;

import static io.patchproof.testsupport.SiteDatabaseBuilder.aSiteDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.patchproof.source.SourceException;
import io.patchproof.source.SourceSettings;
import io.patchproof.testsupport.SiteDatabaseBuilder;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting to the site database: a refused login is reported from the driver's own answer,
 * not after the pool has retried until its connection timeout.
 */
class SourceConnectorTests {

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordIsReportedFromTheDriversAnswerNotFromThePoolGivingUp() throws Exception {
        SiteDatabaseBuilder site = aSiteDatabase(dir.resolve("site")).withLogin("reporter", "right-one");
        site.host(1, "SRV01").add();
        String url = site.build();
        SourceSettings wrong = new SourceSettings(url, "reporter", "wrong-one", "auto", 1000, Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofMinutes(10), false);

        try (SourceConnector connector = new SourceConnector()) {
            SourceException e = catchThrowableOfType(SourceException.class, () -> connector.connect(wrong));

            assertThat(e).hasMessageContaining("login failed for user 'reporter'");
            assertThat(e).as("the pool's time-out (after 35 s of retries) is not what reports it")
                    .hasNoSuppressedExceptions().cause().isNotInstanceOf(SQLTransientConnectionException.class);
            assertThat(connector.connected()).isFalse();
        }
    }
}
