package io.patchproof.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Whether a table exists in the local store, asked of the JDBC metadata. Never by querying the
 * table and catching the failure: H2 writes every failed statement, with its stack trace, to the
 * store's {@code .trace.db} file, which then grows by a few lines with every command.
 */
public final class StoreTables {

    private StoreTables() {
    }

    /** Whether {@code table} exists, as written, in upper case (H2) or in lower case (PostgreSQL). */
    public static boolean exists(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            Set<String> names = new LinkedHashSet<>();
            names.add(table);
            names.add(table.toUpperCase(Locale.ROOT));
            names.add(table.toLowerCase(Locale.ROOT));
            for (String name : names) {
                try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("the local store could not be read to look for table " + table + ": "
                    + e.getMessage(), e);
        }
    }
}
