package io.patchproof.source;

import java.util.List;

/**
 * What the pre-flight check found: which schema profile the site database has and why, where it
 * is, who we are logged in as, and the SQL files that will run (all checked to exist and to
 * return every column the snapshot needs).
 *
 * @param profile        the schema profile
 * @param reason         why it was chosen: "configured" or which view the probe found
 * @param server         server name (from the URL)
 * @param database       database (catalog) name
 * @param login          login name as the server reports it
 * @param product        database product and version
 * @param tables         the snapshot tables that will be filled, each with its SQL file
 */
public record SourceDescription(
        SchemaProfile profile,
        String reason,
        String server,
        String database,
        String login,
        String product,
        List<Query> tables) {

    /** One query of the run. */
    public record Query(SnapshotTable table, SqlFile file) {
    }
}
