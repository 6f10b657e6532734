package io.patchproof.job;

import io.patchproof.report.ReportPublisher;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The local store's own tag, made once, the first time the store publishes, and kept in
 * {@code pp_store}. The temporary files of every publish of this store carry it, so that a run
 * deletes only what an interrupted run of this store left in the output folder: another store
 * (another installation, another configuration) may be publishing into the same folder at that
 * very moment, and its temporary files are not leftovers.
 *
 * <p>Read and made on a connection of its own, committed at once, outside the step's
 * transaction: a publish that fails must not roll back the tag its temporary files carry.
 */
final class StoreTag {

    private StoreTag() {
    }

    static String of(DataSource store) {
        try (Connection c = store.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                String tag = read(c);
                if (tag == null) {
                    // One process at a time opens the store, so no other one makes a tag meanwhile.
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO pp_store (store_tag) VALUES (?)")) {
                        insert.setString(1, ReportPublisher.randomTag(new SecureRandom()));
                        insert.executeUpdate();
                    }
                    tag = read(c);
                }
                return tag;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or keep the local store's tag (pp_store): " + e.getMessage(), e);
        }
    }

    private static String read(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT store_tag FROM pp_store ORDER BY store_tag");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
