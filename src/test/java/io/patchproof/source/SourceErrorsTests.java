package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Connection failures as the pool reports them: "connection is not available, request timed
 * out" with the driver's last failure as the cause. The message must name what the driver said,
 * not the pool's wait.
 */
class SourceErrorsTests {

    static final SourceSettings SETTINGS = new SourceSettings("jdbc:sqlserver://127.0.0.1:1433;databaseName=CM_PP1",
            "reporter", "s3cret!", "auto", 1000, Duration.ofSeconds(2), Duration.ofMinutes(30), Duration.ofMinutes(10), false);

    static SQLException pool(SQLException driver) {
        return new SQLTransientConnectionException("patchproof-source - Connection is not available, request timed out after"
                + " 7003ms (total=0, active=0, idle=0, waiting=0)", driver == null ? null : driver.getSQLState(), driver);
    }

    @Test
    void aLoginTheServerRefusesIsALoginFailureNotATimeout() {
        String message = SourceErrors.connectFailed(SETTINGS, pool(new SQLException("Login failed for user 'reporter'.",
                "S0001", 18456))).getMessage();
        assertThat(message).startsWith("source: login failed for user 'reporter' on jdbc:sqlserver://127.0.0.1:1433")
                .doesNotContain("s3cret!");
    }

    @Test
    void aRefusedConnectionSaysSo() {
        String message = SourceErrors.connectFailed(SETTINGS, pool(new SQLException("The TCP/IP connection to the host"
                + " 127.0.0.1, port 1433 has failed. Error: \"Connection refused. Verify the connection properties.\"",
                "08S01", 0))).getMessage();
        assertThat(message).startsWith("source: cannot reach jdbc:sqlserver://127.0.0.1:1433").contains("Connection refused");
    }

    @Test
    void aServerThatNeverAnswersIsNamedWithTheLoginTimeout() {
        String silent = "Prelogin error: host 127.0.0.1 port 1433 Error reading prelogin response: Read timed out";
        for (SQLException failure : new SQLException[] {pool(new SQLException(silent, "08S01", 0)), pool(null)}) {
            assertThat(SourceErrors.connectFailed(SETTINGS, failure).getMessage())
                    .startsWith("source: no answer from jdbc:sqlserver://127.0.0.1:1433;databaseName=CM_PP1 within the login"
                            + " timeout (2 s)");
        }
    }

    @Test
    void aDriverErrorOfAnotherKindIsQuoted() {
        String message = SourceErrors.connectFailed(SETTINGS, pool(new SQLException("Admin rights are required for this"
                + " operation", "90040", 90040))).getMessage();
        assertThat(message).contains("Admin rights are required").doesNotContain("timed out");
    }
}
