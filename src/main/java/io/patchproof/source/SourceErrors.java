package io.patchproof.source;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns driver exceptions into one-line messages that name the problem and the fix. Knows the
 * SQL Server error numbers (18456 login failed, 4060 cannot open database, 208 invalid object,
 * 207 invalid column, 229/230 permission denied) and H2's equivalents, used by the stand-in.
 */
public final class SourceErrors {

    private SourceErrors() {
    }

    /** For failures while opening a connection. */
    public static SourceException connectFailed(SourceSettings settings, Throwable failure) {
        // The pool reports "connection is not available, request timed out" with the driver's
        // last failure as its cause: that one says what went wrong (login failed, refused, ...).
        SQLException sql = deepest(failure);
        String where = settings.safeUrl();
        String text = sql != null && sql != failure && sql.getMessage() != null ? sql.getMessage() : rootMessage(failure);
        String lower = text.toLowerCase(Locale.ROOT);
        int code = sql == null ? 0 : sql.getErrorCode();
        if (code == 18456 || code == 28000 || lower.contains("login failed") || lower.contains("wrong user name or password")) {
            return new SourceException("source: login failed for user '" + settings.username() + "' on " + where
                    + "; check patchproof.source.username and the password (PATCHPROOF_SOURCE_PASSWORD)", failure);
        }
        if (code == 4060 || code == 90146 || lower.contains("cannot open database") || lower.contains("not found, either pre-create it")) {
            return new SourceException("source: the database in " + where + " does not exist or the login may not open it;"
                    + " check patchproof.source.url (databaseName=CM_<site code>)", failure);
        }
        if (find(failure, UnknownHostException.class) != null || lower.contains("unknownhost")) {
            return new SourceException("source: unknown host in " + where + "; check patchproof.source.url", failure);
        }
        if (find(failure, SocketTimeoutException.class) != null || lower.contains("timed out") || lower.contains("timeout")) {
            return new SourceException("source: no answer from " + where + " within the login timeout ("
                    + settings.loginTimeout().toSeconds() + " s); check the server, port and firewall,"
                    + " or raise patchproof.source.login-timeout", failure);
        }
        if (find(failure, ConnectException.class) != null || lower.contains("connection refused")
                || lower.contains("tcp/ip connection") || "08001".equals(sql == null ? null : sql.getSQLState())) {
            return new SourceException("source: cannot reach " + where + " (" + firstLine(text)
                    + "); check the server name, port and firewall in patchproof.source.url", failure);
        }
        if (lower.contains("pkix") || lower.contains("certificate") || lower.contains("ssl")) {
            return new SourceException("source: TLS failed for " + where + " (" + firstLine(text) + "); install the server's"
                    + " CA certificate in the Java trust store, or set hostNameInCertificate in patchproof.source.url", failure);
        }
        return new SourceException("source: cannot connect to " + where + ": " + firstLine(text), failure);
    }

    /** For failures while preparing or running one SQL file. */
    public static SourceException queryFailed(String sqlPath, Throwable failure) {
        SQLException sql = find(failure, SQLException.class);
        String text = firstLine(rootMessage(failure));
        int code = sql == null ? 0 : sql.getErrorCode();
        String lower = text.toLowerCase(Locale.ROOT);
        if (code == 208 || code == 42102 || code == 42104 || lower.contains("invalid object name")
                || lower.contains("table \"") && lower.contains("not found")) {
            return new SourceException(sqlPath + ": a view it reads is missing (" + text + "); the login may lack"
                    + " smsschm_users membership, or this is not a site database of the chosen schema", failure);
        }
        if (code == 207 || code == 42122 || lower.contains("invalid column name") || lower.contains("column \"")) {
            return new SourceException(sqlPath + ": a column it reads is missing (" + text + "); this site's schema"
                    + " differs: adapt the SQL file or disable the optional query", failure);
        }
        if (code == 229 || code == 230 || lower.contains("permission was denied") || lower.contains("not enough rights")) {
            return new SourceException(sqlPath + ": permission denied (" + text + "); grant the login SELECT on the"
                    + " views, e.g. membership of smsschm_users", failure);
        }
        return new SourceException(sqlPath + ": " + text, failure);
    }

    /** The innermost SQLException of the cause chain, or null. */
    static SQLException deepest(Throwable t) {
        SQLException last = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                last = s;
            }
        }
        return last;
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof SQLException s && s.getNextException() != null && type.isInstance(s.getNextException())) {
                return type.cast(s.getNextException());
            }
        }
        return null;
    }

    static String rootMessage(Throwable t) {
        String msg = String.valueOf(t.getMessage());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                msg = c.getMessage();
                if (c instanceof SQLException) {
                    break;
                }
            }
        }
        return msg;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line.trim();
    }
}
