package io.patchproof.source;

import java.time.Duration;

/**
 * How to reach the site database. The password is held only to open connections: it is never
 * logged, written to the manifest, or put into a message ({@link #toString()} masks it).
 *
 * @param url            any JDBC URL (jdbc:sqlserver://..., or jdbc:h2:... for the stand-in)
 * @param username       login name, may be null for integrated authentication
 * @param password       password, may be null
 * @param schema         configmgr, sms2003 or auto
 * @param fetchSize      rows per round trip of the extract cursors
 * @param loginTimeout   how long to wait for a server to accept a login
 * @param queryTimeout   how long one extract query may run
 * @param socketTimeout  how long a read may wait on a silent network before the driver gives up
 * @param useProductType read v_GS_OPERATING_SYSTEM.ProductType0 (not collected on every site)
 */
public record SourceSettings(
        String url,
        String username,
        String password,
        String schema,
        int fetchSize,
        Duration loginTimeout,
        Duration queryTimeout,
        Duration socketTimeout,
        boolean useProductType) {

    public boolean isSqlServer() {
        return url != null && url.startsWith("jdbc:sqlserver:");
    }

    /** The URL without any password property, safe to log and to record in the manifest. */
    public String safeUrl() {
        return maskSecrets(url);
    }

    /**
     * A JDBC URL with every password it may carry masked: {@code password=}, {@code passwd=},
     * {@code pwd=} properties and the {@code user:password@} form.
     */
    public static String maskSecrets(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        return jdbcUrl.replaceAll("(?i)(password|passwd|pwd)=[^;&]*", "$1=****")
                .replaceAll("(//[^/:@;]+):[^@/;]*@", "$1:****@");
    }

    @Override
    public String toString() {
        return "SourceSettings[url=" + safeUrl() + ", username=" + username + ", password="
                + (password == null ? "none" : "****") + ", schema=" + schema + ", fetchSize=" + fetchSize
                + ", loginTimeout=" + loginTimeout + ", queryTimeout=" + queryTimeout
                + ", socketTimeout=" + socketTimeout + ", useProductType=" + useProductType + "]";
    }
}
