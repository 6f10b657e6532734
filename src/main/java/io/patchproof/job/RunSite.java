package io.patchproof.job;

import io.patchproof.source.SiteCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The site a run reports on: the first part of its run identity and of its file names.
 *
 * <p>It must be known before the run starts, because the refusal of a completed run (exit 4)
 * and the rerun number are decided then; so it is read before the extract, with the pre-flight
 * check, and never from the snapshot. The site database says which site it is through the site
 * codes of its systems ({@link SiteCodes}, {@code v_FullCollectionMembership.SiteCode} of All
 * Systems):
 * <ul>
 *   <li>one site code: that code ({@code PP1}), however the database is reached (a host name, an
 *       alias, an availability-group listener, a restored copy elsewhere: the same site);</li>
 *   <li>none (no system yet), or several (a central administration site's database holds one per
 *       primary site): the server, as the URL names it, and the database, as the server names it
 *       ({@code cm01.example.org/CM_CAS}). "The most common code" would name a central site's
 *       report after its largest primary site, and take that primary site's own report for the
 *       same run.</li>
 * </ul>
 * The manifest records the site, how it was found, and every site code of the hosts read.
 *
 * @param key the identity value: a site code, or {@code server/database}
 * @param how how it was found, for the manifest and the log
 */
public record RunSite(String key, String how) {

    private static final Pattern FILE_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public RunSite {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a run's site must not be empty");
        }
    }

    /** The site of a source: its one site code, else its server and database. */
    public static RunSite of(List<SiteCodes.Count> counts, String server, String database) {
        Map<String, Long> codes = new TreeMap<>();
        for (SiteCodes.Count c : counts) {
            codes.merge(c.siteCode().trim().toUpperCase(Locale.ROOT), c.systems(), Long::sum);
        }
        if (codes.size() == 1) {
            Map.Entry<String, Long> only = codes.entrySet().iterator().next();
            return new RunSite(only.getKey(), "site code " + only.getKey() + " of all " + only.getValue()
                    + " systems in All Systems (v_FullCollectionMembership)");
        }
        String where = (server == null || server.isBlank() ? "unknown-server" : server.trim().toLowerCase(Locale.ROOT))
                + "/" + (database == null || database.isBlank() ? "unknown-database" : database.trim());
        String why = codes.isEmpty() ? "no system in All Systems carries a site code"
                : "the systems in All Systems carry " + codes.size() + " site codes ("
                        + codes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))
                        + "), as a central administration site's do";
        return new RunSite(where, "server and database " + where + ": " + why);
    }

    /** The site code when the site is one, else null. */
    public String siteCode() {
        return key.indexOf('/') < 0 ? key : null;
    }

    /**
     * The site as a part of a file name: a site code as it is; {@code server/database} with every
     * character a file name cannot carry made {@code _}, plus a short hash of the whole key
     * when anything was changed, so that two sites never share a name.
     */
    public String fileLabel() {
        if (FILE_PART.matcher(key).matches()) {
            return key;
        }
        String readable = key.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[^A-Za-z0-9]+", "");
        readable = readable.substring(0, Math.min(readable.length(), 48));
        return (readable.isEmpty() ? "site" : readable) + "-" + hash8(key);
    }

    static String hash8(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
