package io.patchproof.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Looks into what a {@link Cli} left behind once its command has ended: the local store (job
 * repository, snapshot) and the output folder.
 */
public final class LocalStore {

    private LocalStore() {
    }

    /** A new, empty local store in memory with the store's schema at its current version: one per test. */
    public static javax.sql.DataSource fresh() {
        javax.sql.DataSource ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        io.patchproof.store.StoreSchema.upgrade(ds);
        return ds;
    }

    /** The first column of every row of a query against the Cli's local store. */
    public static List<Object> column(Cli cli, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + cli.store().resolve("patchproof").toAbsolutePath(),
                "sa", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Object> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Numbers of the first column, as longs. */
    public static List<Long> longs(Cli cli, String sql) {
        return column(cli, sql).stream().map(v -> ((Number) v).longValue()).toList();
    }

    /** Status of each step execution of a step, oldest first. */
    public static List<Object> stepStatuses(Cli cli, String step) {
        return column(cli, "SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + step + "' ORDER BY STEP_EXECUTION_ID");
    }

    /** Status of each job execution, oldest first. */
    public static List<Object> jobStatuses(Cli cli) {
        return column(cli, "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID");
    }

    /** Name → SHA-256 of every file in the output folder, hidden ones included; empty when it does not exist. */
    public static Map<String, String> outputFiles(Cli cli) {
        Map<String, String> files = new TreeMap<>();
        Path dir = cli.output();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), sha256(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
