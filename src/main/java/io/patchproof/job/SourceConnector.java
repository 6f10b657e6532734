package io.patchproof.job;

import com.zaxxer.hikari.HikariDataSource;
import io.patchproof.source.SourceDataSources;
import io.patchproof.source.SourceErrors;
import io.patchproof.source.SourceDescription;
import io.patchproof.source.SourceInspector;
import io.patchproof.source.SourceSettings;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the site database for the run in progress. The command line opens it (and
 * runs the pre-flight check) before the job starts; the extract step uses it. Deliberately not a
 * DataSource bean: nothing else may pick up the site database by accident, and the job's own
 * state never goes there. One run at a time per process.
 */
public class SourceConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SourceConnector.class);

    private SourceSettings settings;
    private HikariDataSource pool;
    private DataSource dataSource;
    private SourceDescription description;

    /** Opens the pool, checks the source (exit 2 on failure) and remembers both. */
    public synchronized SourceDescription connect(SourceSettings settings) {
        close();
        // The whole settings, masked, for --debug; the INFO line is the inspector's (which source, which schema).
        log.debug("site database settings: {}; effective URL {}", settings,
                SourceSettings.maskSecrets(SourceDataSources.effectiveUrl(settings)));
        try {
            SourceDataSources.probe(settings);
        } catch (java.sql.SQLException | RuntimeException e) {
            throw SourceErrors.connectFailed(settings, e);
        }
        HikariDataSource ds = SourceDataSources.create(settings);
        DataSource used = decorate(ds);
        try {
            this.description = SourceInspector.inspect(used, settings);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        this.settings = settings;
        this.pool = ds;
        this.dataSource = used;
        return description;
    }

    /**
     * What the pre-flight check and the extract use in place of the pool: the pool itself. A
     * seam for tests, which wrap it to inject driver faults or to record every statement sent
     * to the site database.
     */
    protected DataSource decorate(DataSource pool) {
        return pool;
    }

    public synchronized boolean connected() {
        return dataSource != null;
    }

    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            throw new IllegalStateException("no site database connected for this run");
        }
        return dataSource;
    }

    public synchronized SourceDescription description() {
        return description;
    }

    public synchronized SourceSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
            dataSource = null;
        }
    }
}
