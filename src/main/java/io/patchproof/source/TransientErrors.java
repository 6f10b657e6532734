package io.patchproof.source;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Tells a failure that may pass if the same read is tried again from one that will fail the same
 * way every time. Only the first kind is retried (reliability-facts §1.6, §2.1).
 *
 * <p>Transient: SQL Server 1205 (chosen as deadlock victim) and 1222 (lock request time-out), as
 * Spring's SQL Server error codes translate them ({@link TransientDataAccessException}); SQLState
 * class {@code 08} (connection exception: connection reset, broken link, {@code 08S01}); SQLState
 * {@code 40001} (serialization failure, also what H2 reports for a deadlock); and the JDBC
 * {@link SQLTransientException} / {@link SQLRecoverableException} types, which include a pool
 * that timed out waiting for a connection.
 *
 * <p>Never transient: 229/230 (permission denied), 208/207 (missing view or column), 18456
 * (login failed), a query timeout, a certificate failure: those are reported at once.
 *
 * <p>Stateless and thread-safe.
 */
public final class TransientErrors {

    private static final SQLErrorCodeSQLExceptionTranslator SQL_SERVER =
            new SQLErrorCodeSQLExceptionTranslator("Microsoft SQL Server");

    private TransientErrors() {
    }

    /** True when any exception in the cause chain (or a chained SQLException) is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (isTransient(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A few words for the log: "SQL Server error 1205, SQLState 40001", or the exception type when
     * no SQLException is involved.
     */
    public static String describe(Throwable failure) {
        SQLException sql = SourceErrors.find(failure, SQLException.class);
        if (sql == null) {
            return failure.getClass().getSimpleName();
        }
        return "error " + sql.getErrorCode() + ", SQLState " + sql.getSQLState();
    }

    private static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState().toUpperCase(Locale.ROOT);
        if (state.startsWith("08") || state.equals("40001")) {
            return true;
        }
        DataAccessException translated = SQL_SERVER.translate("extract", null, e);
        return translated instanceof TransientDataAccessException || translated instanceof RecoverableDataAccessException;
    }
}
