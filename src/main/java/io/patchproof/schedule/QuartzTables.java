package io.patchproof.schedule;

import io.patchproof.store.StoreDialect;
import io.patchproof.store.StoreTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Quartz's own tables in the local store, created from the DDL Quartz ships in its jar for the
 * store's database ({@link StoreDialect#quartzTablesScript()}) the first time {@code schedule} runs
 * on a store, and never again: that DDL has no {@code IF NOT EXISTS}, and running it on every start
 * would fill the log with "already exists" errors.
 *
 * <p>Quartz's SQL Server script is written for SQL Server Management Studio: batches separated by
 * {@code GO}, a {@code USE [enter_db_name_here]} to be edited, and every table in {@code [dbo]}. It
 * is run batch by batch, without the {@code USE} (the store's URL names the database) and without
 * {@code [dbo].}, so that the tables are made in the login's default schema, where Quartz looks for
 * them.
 */
final class QuartzTables {

    private static final Logger log = LoggerFactory.getLogger(QuartzTables.class);

    private QuartzTables() {
    }

    /** Creates the tables unless {@code QRTZ_TRIGGERS} exists; returns whether it created them. */
    static boolean createIfAbsent(DataSource dataSource, StoreDialect dialect) {
        if (StoreTables.exists(dataSource, "QRTZ_TRIGGERS")) {
            return false;
        }
        ClassPathResource script = new ClassPathResource(dialect.quartzTablesScript());
        if (dialect == StoreDialect.SQL_SERVER) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            for (String batch : sqlServerBatches(read(script))) {
                jdbc.execute(batch);
            }
        } else {
            new ResourceDatabasePopulator(script).execute(dataSource);
        }
        log.info("created the scheduler's tables (QRTZ_*) in the local store");
        return true;
    }

    /** The batches of Quartz's SQL Server script, ready to run on the store's own database. */
    static java.util.List<String> sqlServerBatches(String script) {
        java.util.List<String> batches = new java.util.ArrayList<>();
        for (String batch : script.split("(?m)^\\s*GO\\s*$")) {
            String sql = batch.lines().filter(l -> !l.strip().startsWith("--")).collect(java.util.stream.Collectors.joining("\n"))
                    .replace("[dbo].", "").strip();
            if (!sql.isEmpty() && !sql.toUpperCase(java.util.Locale.ROOT).startsWith("USE ")) {
                batches.add(sql);
            }
        }
        return batches;
    }

    private static String read(ClassPathResource script) {
        try (InputStream in = script.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Quartz's table script " + script.getPath() + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
