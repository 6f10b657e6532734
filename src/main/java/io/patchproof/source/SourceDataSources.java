package io.patchproof.source;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the read-only connection pool to the site database.
 *
 * <p>For SQL Server the driver's defaults are tightened unless the URL already says otherwise:
 * TLS on with the certificate checked ({@code encrypt=true;trustServerCertificate=false}),
 * {@code applicationIntent=ReadOnly} (an availability-group listener routes to a readable
 * secondary), and login, query and socket timeouts so that a silent server can never hang the job
 * (mssql-jdbc waits forever on a dead TCP connection when {@code socketTimeout=0}).
 * {@code Connection.setReadOnly} is only a hint on SQL Server: read-only access really comes from
 * the login's grants ({@code smsschm_users}).
 *
 * <p>The pool holds two connections: one for the streaming cursor, one for metadata.
 */
public final class SourceDataSources {

    private SourceDataSources() {
    }

    public static HikariDataSource create(SourceSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("patchproof-source");
        // A password written into the URL is handed to the driver as a property instead: the
        // pool and its driver loader log the URL as it is (at DEBUG), and it must not carry it.
        UrlWithoutPassword url = withoutPassword(effectiveUrl(settings));
        config.setJdbcUrl(url.url());
        if (settings.username() != null && !settings.username().isBlank()) {
            config.setUsername(settings.username());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        } else if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setReadOnly(true);
        config.setAutoCommit(true);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, settings.loginTimeout().toMillis() + 5_000));
        // Connect lazily: the first getConnection() reports an unreachable server or a bad login.
        config.setInitializationFailTimeout(-1);
        config.setMaxLifetime(Math.max(30_000, Math.min(1_800_000, settings.queryTimeout().toMillis() * 3)));
        return new HikariDataSource(config);
    }

    /**
     * Opens one connection straight through the driver, with the pool's URL and login, and closes
     * it. A refused login or a missing database is reported at once; through the pool it would
     * be reported only when the pool gives up retrying, after its connection timeout (the login
     * timeout + 5 s). An unreachable or silent server takes the driver's login timeout either way.
     */
    public static void probe(SourceSettings settings) throws SQLException {
        UrlWithoutPassword url = withoutPassword(effectiveUrl(settings));
        Properties login = new Properties();
        if (settings.username() != null && !settings.username().isBlank()) {
            login.setProperty("user", settings.username());
        }
        String password = settings.password() != null ? settings.password() : url.password();
        if (password != null) {
            login.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(url.url(), login)) {
            connection.isValid(1);
        }
    }

    /** An H2 database file opened by this process itself (not through an H2 server, not in memory). */
    static boolean isEmbeddedH2File(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")
                && !lower.startsWith("jdbc:h2:mem:");
    }

    /** A JDBC URL with its password property taken out, and that password (null if it had none). */
    record UrlWithoutPassword(String url, String password) {
    }

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([;?&])(?:password|passwd|pwd)=(\\{[^}]*\\}|[^;&]*)");

    /**
     * Takes {@code password=} (also {@code passwd=}, {@code pwd=}, any case, a SQL Server
     * {@code {braced}} value included) out of a JDBC URL. The last one wins, as in the drivers.
     */
    static UrlWithoutPassword withoutPassword(String url) {
        if (url == null) {
            return new UrlWithoutPassword(null, null);
        }
        Matcher m = URL_PASSWORD.matcher(url);
        StringBuilder rest = new StringBuilder();
        String password = null;
        while (m.find()) {
            String value = m.group(2);
            password = value.startsWith("{") && value.endsWith("}") ? value.substring(1, value.length() - 1) : value;
            m.appendReplacement(rest, m.group(1).equals("?") ? "?" : "");
        }
        m.appendTail(rest);
        return new UrlWithoutPassword(rest.toString().replace("?&", "?").replaceAll("\\?$", ""), password);
    }

    /**
     * The URL with patchproof's SQL Server defaults added where the URL does not set them. An H2
     * database file opened in this process (the demo, a stand-in) gets {@code DB_CLOSE_ON_EXIT=FALSE}
     * unless the URL sets it: H2 otherwise closes it from a shutdown hook of its own on SIGTERM,
     * under the extract that is being asked to stop between two tables, and the run ends FAILED
     * instead of STOPPED. (An in-memory H2 database is left alone: it exists only while whoever
     * created it in this process keeps it open, with the settings it was opened with.)
     */
    public static String effectiveUrl(SourceSettings settings) {
        String url = settings.url();
        if (isEmbeddedH2File(url) && !url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            return url + (url.endsWith(";") ? "" : ";") + "DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!settings.isSqlServer()) {
            return url;
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("encrypt", "true");
        defaults.put("trustServerCertificate", "false");
        defaults.put("applicationIntent", "ReadOnly");
        defaults.put("applicationName", "patchproof");
        defaults.put("loginTimeout", Long.toString(Math.max(1, settings.loginTimeout().toSeconds())));
        defaults.put("queryTimeout", Long.toString(Math.max(1, settings.queryTimeout().toSeconds())));
        defaults.put("socketTimeout", Long.toString(Math.max(1000, settings.socketTimeout().toMillis())));
        defaults.put("cancelQueryTimeout", "30");
        defaults.put("responseBuffering", "adaptive");
        StringBuilder result = new StringBuilder(url);
        String lower = url.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : defaults.entrySet()) {
            if (!lower.contains(";" + e.getKey().toLowerCase(Locale.ROOT) + "=")) {
                if (result.charAt(result.length() - 1) != ';') {
                    result.append(';');
                }
                result.append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return result.toString();
    }
}
