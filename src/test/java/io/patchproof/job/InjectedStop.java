package io.patchproof.job;

import io.patchproof.report.PublisherFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only stop, as SIGTERM would ask for it, at a chosen point of a run:
 * {@code patchproof.test.stop-during=extract} while the extract reads its second table,
 * {@code publish} when the workbook's temporary file has been created. The stop is requested from
 * another thread, as the shutdown hook does, and the run continues once it has been recorded.
 * Lives in the test sources, so it is never in the jar; inactive unless the property is set.
 */
@Component
@ConditionalOnProperty("patchproof.test.stop-during")
class InjectedStop implements BeanPostProcessor {

    private final String during;
    private final ObjectProvider<StopRequests> stopRequests;

    InjectedStop(Environment environment, ObjectProvider<StopRequests> stopRequests) {
        this.during = environment.getRequiredProperty("patchproof.test.stop-during");
        this.stopRequests = stopRequests;
    }

    private void stopFromAnotherThread() {
        Thread signal = new Thread(() -> stopRequests.getObject().request(), "test-sigterm");
        signal.start();
        try {
            signal.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (during.equals("extract") && bean instanceof SourceConnector) {
            AtomicInteger tables = new AtomicInteger();
            return new SourceConnector() {
                @Override
                public synchronized DataSource dataSource() {
                    if (tables.incrementAndGet() == 2) {
                        stopFromAnotherThread();
                    }
                    return super.dataSource();
                }
            };
        }
        if (during.equals("publish") && bean instanceof PublisherFileSystem fs) {
            return new PublisherFileSystem() {
                private boolean stopped;

                @Override
                public OutputStream create(Path file) throws IOException {
                    OutputStream out = fs.create(file);
                    if (!stopped) {
                        stopped = true;
                        stopFromAnotherThread();
                    }
                    return out;
                }

                @Override
                public void createDirectories(Path dir) throws IOException {
                    fs.createDirectories(dir);
                }

                @Override
                public boolean exists(Path path) {
                    return fs.exists(path);
                }

                @Override
                public void force(Path file) throws IOException {
                    fs.force(file);
                }

                @Override
                public InputStream read(Path file) throws IOException {
                    return fs.read(file);
                }

                @Override
                public long size(Path file) throws IOException {
                    return fs.size(file);
                }

                @Override
                public void moveAtomically(Path source, Path target) throws IOException {
                    fs.moveAtomically(source, target);
                }

                @Override
                public void forceDirectory(Path dir) throws IOException {
                    fs.forceDirectory(dir);
                }

                @Override
                public void deleteIfExists(Path path) throws IOException {
                    fs.deleteIfExists(path);
                }

                @Override
                public List<Path> list(Path dir) throws IOException {
                    return fs.list(dir);
                }
            };
        }
        return bean;
    }
}
