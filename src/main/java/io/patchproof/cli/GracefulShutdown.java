package io.patchproof.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What SIGTERM (and Ctrl-C) does while a command runs: the run is asked to stop at its next chunk,
 * table or sheet, the command finishes on its own thread (the run ends STOPPED, the command prints
 * its one line and closes the local store), and then the process ends with the command's exit code
 * (1 for a stopped run). Spring's own shutdown hook is switched off for the command line: it would
 * close the application context under the running job.
 *
 * <p>The wait is bounded by {@link #GRACE}, within the 30 s that service managers and container
 * runtimes usually allow before they kill; a run that has not stopped by then is left STOPPING,
 * and {@code restart} recovers it like a crashed one. The process is ended with
 * {@link Runtime#halt}: the JVM is already shutting down, so {@code System.exit} would block.
 *
 * <p>One instance per command. Installed before the command starts, removed when it ends.
 */
final class GracefulShutdown {

    static final Duration GRACE = Duration.ofSeconds(25);

    /** What a stop does now, for the console ("the run stops at its next commit ..."). */
    private final Supplier<String> notice;
    private final Runnable requestStop;
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode = ExitCode.FAILED.code();

    private GracefulShutdown(Supplier<String> notice, Runnable requestStop, PrintStream out, PrintStream err) {
        this.notice = notice;
        this.requestStop = requestStop;
        this.out = out;
        this.err = err;
        this.hook = new Thread(this::onSignal, "patchproof-stop");
    }

    /** Installs the hook for one command. */
    static GracefulShutdown install(Supplier<String> notice, Runnable requestStop, PrintStream out, PrintStream err) {
        GracefulShutdown shutdown = new GracefulShutdown(notice, requestStop, out, err);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** The command has ended (its output printed, the store closed): a waiting hook may end the process. */
    void finished(int code) {
        exitCode = code;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it ends the process with this exit code.
        }
    }

    private void onSignal() {
        boolean done;
        try {
            err.println("patchproof: stop requested; " + notice.get());
            requestStop.run();
            done = finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        } catch (RuntimeException e) {
            err.println("patchproof: the run could not be asked to stop: " + StartupFailures.oneLine(e));
            try {
                done = finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                done = false;
            }
        }
        if (!done) {
            err.println("patchproof: the run did not stop within " + GRACE.toSeconds() + " s; `restart` recovers it");
        }
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(done ? exitCode : ExitCode.FAILED.code());
    }
}
