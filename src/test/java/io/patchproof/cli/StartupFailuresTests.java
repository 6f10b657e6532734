package io.patchproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.cli.StartupFailures.StoreFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;

/** Which failures are the local store's, as its driver reports them. */
class StartupFailuresTests {

    @Test
    void theStoresFaultsAreToldByTheDriversCodes() {
        assertThat(StartupFailures.storeFault(new IllegalStateException(new SQLException("Database may be already in use", "90020",
                90020)))).contains(StoreFault.LOCKED);
        assertThat(StartupFailures.storeFault(new SQLException("File corrupted while reading record", "90030", 90030)))
                .contains(StoreFault.DAMAGED);
        assertThat(StartupFailures.storeFault(new SQLException("The database is read only", "90097", 90097)))
                .contains(StoreFault.READ_ONLY);
        MVStoreException write = new MVStoreException(2, "Writing to ... failed");
        write.initCause(new IOException("No space left on device"));
        assertThat(StartupFailures.storeFault(new IllegalStateException("JDBC rollback", write))).contains(StoreFault.DISK_FULL);
    }

    @Test
    void aFullDiskOutsideTheStoreIsNotTheStores() {
        // The publisher writing the workbook into the output folder: no driver in the chain.
        assertThat(StartupFailures.storeFault(new UncheckedIOException(new IOException(
                "out/.monthly.xlsx.tmp: No space left on device")))).isEmpty();
        assertThat(StartupFailures.storeFault(new IllegalStateException("something else"))).isEmpty();
    }

    @Test
    void oneLineNamesTheFailureAndItsRootCause() {
        assertThat(StartupFailures.oneLine(new IllegalStateException("Unable to process chunk\nmore",
                new IOException("disk full")))).isEqualTo("Unable to process chunk: disk full");
    }
}
