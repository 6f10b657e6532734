package io.patchproof.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * The site codes a site database names its systems with ({@code sql/<schema>/select_site_codes.sql}:
 * {@code v_FullCollectionMembership.SiteCode} of All Systems, with how many systems carry each).
 * Read before a run starts, because a run is identified by its site: one small grouped query,
 * over a view the reporting login reads anyway; not part of the snapshot.
 */
public final class SiteCodes {

    static final String QUERY = "select_site_codes";

    /** One site code and the number of systems in All Systems that carry it. */
    public record Count(String siteCode, long systems) {
    }

    /** What the query returned, and the SQL file it ran. */
    public record Result(List<Count> counts, SqlFile file) {
    }

    private SiteCodes() {
    }

    /**
     * @throws SourceException naming the SQL file when the query fails (a missing view,
     *                         permission denied): found before a run starts, exit 2
     */
    public static Result read(DataSource source, SchemaProfile profile) {
        SqlFile file = SqlFile.load(profile.id(), QUERY);
        String sql = NamedParameterUtils.parseSqlStatementIntoString(file.text());
        List<Count> counts = new ArrayList<>();
        try (Connection c = source.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString("siteCode");
                if (code != null && !code.isBlank()) {
                    counts.add(new Count(code.trim(), rs.getLong("systems")));
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw SourceErrors.queryFailed(file.path(), e);
        }
        return new Result(List.copyOf(counts), file);
    }
}
