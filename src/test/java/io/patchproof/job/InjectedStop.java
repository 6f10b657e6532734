package io.patchproof.job;

import io.patchproof.report.PublisherFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Test-only stop, as SIGTERM would ask for it, at a chosen point of a run. The points, in the
 * order a run passes them:
 * <ul>
 * <li>{@code before <step>} and {@code after <step>} for {@code extractStep}, {@code reconcileStep},
 * {@code publishStep} and {@code historyStep}: when the step begins (its listeners run) and once
 * its completion is recorded (its listeners run after that);
 * <li>{@code extract table N}: as the extract begins to read its N-th table;
 * <li>{@code reconcile chunk N}: as the N-th chunk of findings is written, in any partition, before
 * its commit;
 * <li>{@code publish file N}: when the publisher has created its N-th temporary file;
 * <li>{@code history}: when the history step has done its work, before its transaction commits
 * and its completion is recorded.
 * </ul>
 * {@code patchproof.test.stop-during} names the point ({@code extract} is {@code extract table 2},
 * {@code publish} is {@code publish file 1}), or {@code #N} stops at the N-th point passed
 * ({@code #0}: never; the points are only counted). A step a restart skips passes no point.
 *
 * <p>The stop is requested from another thread, as the shutdown hook does, and the run continues
 * once it has been recorded. The points the last run passed are kept in {@link #passed()} (tests
 * run one at a time). Lives in the test sources, so it is never in the jar; inactive unless the
 * property is set.
 */
@Component
@ConditionalOnProperty("patchproof.test.stop-during")
class InjectedStop implements BeanPostProcessor {

    private static final List<String> PASSED = Collections.synchronizedList(new ArrayList<>());
    /** The job's steps (not the reconcile step's partitions). */
    static final List<String> STEPS = List.of("extractStep", "reconcileStep", "publishStep", "historyStep");

    private final String during;
    private final int atPoint;
    private final ObjectProvider<StopRequests> stopRequests;
    private final ObjectProvider<RunStore> store;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger tables = new AtomicInteger();
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicInteger files = new AtomicInteger();

    InjectedStop(Environment environment, ObjectProvider<StopRequests> stopRequests, ObjectProvider<RunStore> store) {
        String property = environment.getRequiredProperty("patchproof.test.stop-during");
        this.during = switch (property) {
            case "extract" -> "extract table 2";
            case "publish" -> "publish file 1";
            default -> property;
        };
        this.atPoint = during.startsWith("#") ? Integer.parseInt(during.substring(1)) : -1;
        this.stopRequests = stopRequests;
        this.store = store;
        PASSED.clear();
    }

    /** The points the last run with this hook passed, in order; the stop, if any, came at the last one. */
    static List<String> passed() {
        synchronized (PASSED) {
            return List.copyOf(PASSED);
        }
    }

    private void point(String name) {
        int n;
        synchronized (PASSED) {
            if (stopped.get()) {
                return;
            }
            PASSED.add(name);
            n = PASSED.size();
        }
        if ((atPoint < 0 ? during.equals(name) : n == atPoint) && stopped.compareAndSet(false, true)) {
            stopFromAnotherThread();
        }
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
        if (bean instanceof AbstractStep step && STEPS.contains(step.getName())) {
            step.registerStepExecutionListener(new StepExecutionListener() {
                @Override
                public void beforeStep(StepExecution stepExecution) {
                    point("before " + stepExecution.getStepName());
                }

                @Override
                public ExitStatus afterStep(StepExecution stepExecution) {
                    point("after " + stepExecution.getStepName());
                    return null;
                }
            });
            return bean;
        }
        if (bean instanceof SourceConnector) {
            return new SourceConnector() {
                @Override
                public synchronized DataSource dataSource() {
                    point("extract table " + tables.incrementAndGet());
                    return super.dataSource();
                }
            };
        }
        if (bean instanceof FindingItemWriter writer && beanName.startsWith("scopedTarget.")) {
            FindingItemWriter delegate = writer.copy();
            return new FindingItemWriter(null, 0) {
                @Override
                public void write(Chunk<? extends ReconciledRow> chunk) {
                    point("reconcile chunk " + chunks.incrementAndGet());
                    delegate.write(chunk);
                }
            };
        }
        if (bean instanceof HistoryTasklet history) {
            return new HistoryTasklet(store.getObject()) {
                @Override
                public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
                    RepeatStatus status = history.execute(contribution, chunkContext);
                    point("history");
                    return status;
                }

                @Override
                public ExitStatus afterStep(StepExecution stepExecution) {
                    return history.afterStep(stepExecution);
                }
            };
        }
        if (bean instanceof PublisherFileSystem fs) {
            return new PublisherFileSystem() {
                @Override
                public OutputStream create(Path file) throws IOException {
                    OutputStream out = fs.create(file);
                    point("publish file " + files.incrementAndGet());
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
