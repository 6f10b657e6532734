package io.patchproof.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchproof.PatchproofApplication;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a child JVM, against the private store and folders of a {@link Cli}, for
 * what an in-process run cannot show: a process killed hard (SIGKILL) or asked to stop (SIGTERM).
 * The child runs on the test JVM's own class path, so the test-only hooks are active when their
 * property is given; a hook prints a line starting with {@link #MARKER} where the test is to
 * interrupt the child. Output (stdout and stderr together) is collected line by line.
 */
public final class ChildJvm implements AutoCloseable {

    /** The start of the line a test-only hook prints when it pauses the child. */
    public static final String MARKER = "patchproof-test: paused";

    /** What the default store URL adds to an H2 file URL. */
    static final String STORE_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch markerOrEnd = new CountDownLatch(1);
    private final Thread pump;
    private volatile boolean marked;

    private ChildJvm(Process process) {
        this.process = process;
        this.pump = new Thread(this::pump, "child-jvm-output");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts {@code java -cp <the test class path> PatchproofApplication <args>} on the Cli's store and folders. */
    public static ChildJvm start(Cli cli, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PatchproofApplication.class.getName());
        for (String arg : cli.withLocalArguments(Arrays.asList(args))) {
            // The settings of the default store URL (see application.yml), which a crash or a stop relies on.
            boolean local = arg.startsWith("--spring.datasource.url=jdbc:h2:file:") && !arg.contains(";");
            command.add(local ? arg + STORE_SETTINGS : arg);
        }
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith(MARKER)) {
                    marked = true;
                    markerOrEnd.countDown();
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e).append(")\n");
        } finally {
            markerOrEnd.countDown();
        }
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Waits until the child prints the marker; fails, showing its output, if it ends first or takes too long. */
    public void awaitMarker(Duration timeout) throws InterruptedException {
        boolean ended = !markerOrEnd.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(marked).as("the child reached the marker within %s (%s); its output:%n%s", timeout,
                ended ? "timed out" : "it ended first", output).isTrue();
    }

    /** SIGKILL: the process ends at once, as in a crash or power loss; returns its exit code. */
    public int kill(Duration timeout) throws InterruptedException {
        process.toHandle().destroyForcibly(); // Process.destroyForcibly would also close the output being read
        return awaitExit(timeout);
    }

    /** SIGTERM, as a service manager or {@code kill} sends it. */
    public void terminate() {
        process.toHandle().destroy(); // Process.destroy would also close the output being read
    }

    /** Waits for the process to end and its output to be read; returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("the child ended within %s; its output:%n%s", timeout, output).isTrue();
        pump.join(timeout.toMillis());
        return process.exitValue();
    }

    public String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
