package io.patchproof.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.junit.jupiter.api.Test;

class TransientErrorsTests {

    @ParameterizedTest(name = "error {0}, SQLState {1}: transient = {2}")
    @CsvSource({
            "1205, 40001, true",   // chosen as deadlock victim
            "1205, S0001, true",   // the same by error number alone
            "1222, S00051, true",  // lock request time-out
            "0, 08S01, true",      // connection reset / broken link
            "0, 08001, true",      // could not (re)connect
            "40001, 40001, true",  // H2: deadlock
            "229, S0005, false",   // permission denied
            "230, S0005, false",   // column permission denied
            "208, S0002, false",   // invalid object name
            "207, S0001, false",   // invalid column name
            "18456, S0001, false", // login failed
            "0, HY008, false",     // query timed out: a second run would take as long
    })
    void classifiesByErrorNumberAndSqlState(int code, String state, boolean expected) {
        SQLException e = new SQLException("driver says no", state, code);
        assertThat(TransientErrors.isTransient(e)).isEqualTo(expected);
        assertThat(TransientErrors.isTransient(SourceErrors.queryFailed("sql/configmgr/select_hosts.sql", e)))
                .as("also when wrapped").isEqualTo(expected);
    }

    @Test
    void springsTranslationAndJdbcTypesCount() {
        assertThat(TransientErrors.isTransient(new CannotAcquireLockException("lock"))).isTrue();
        assertThat(TransientErrors.isTransient(new BadSqlGrammarException("x", "SELECT", new SQLException("bad", "42000", 156))))
                .isFalse();
        assertThat(TransientErrors.isTransient(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(TransientErrors.isTransient(new IllegalStateException("not SQL at all"))).isFalse();
    }

    @Test
    void aChainedNextExceptionCounts() {
        SQLException top = new SQLException("batch failed", "S0001", 3621);
        top.setNextException(new SQLException("deadlock", "40001", 1205));
        assertThat(TransientErrors.isTransient(top)).isTrue();
    }
}
