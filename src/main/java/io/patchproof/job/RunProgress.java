package io.patchproof.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the step in progress has got, for a person waiting on it: rows done of the total (where
 * the total is known), the rate, and the time left at that rate.
 *
 * <p>On a terminal ({@code System.console() != null}) one live line per step, rewritten in place
 * at most {@value #LIVE_EVERY_MILLIS} ms apart and cleared when the step ends, so that the step's
 * summary line follows it; the log file still gets a line every {@value #LOG_EVERY_SECONDS} s
 * ({@link #FILE_ONLY}). Elsewhere (a service, a scheduled task, output to a file or a pipe) an INFO
 * line every {@value #LOG_EVERY_SECONDS} s and nothing in between: a log read later has one line
 * per ten seconds, never a line per chunk.
 *
 * <p>Thread-safe: the reconcile partitions report from their own threads. One step at a time;
 * {@link #start} begins the next one. Time comes from the given clock (nanoseconds, as
 * {@link System#nanoTime}), so that a test drives it.
 */
public final class RunProgress {

    static final long LOG_EVERY_SECONDS = 10;
    static final long LIVE_EVERY_MILLIS = 250;
    /** The progress lines of a terminal run, which go to the log file only (the console has the live line). */
    static final Logger FILE_ONLY = LoggerFactory.getLogger("patchproof.progress");
    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

    private final LongSupplier nanos;
    private final PrintStream terminal;
    private final Logger logger;
    private final AtomicLong done = new AtomicLong();
    private volatile String step;
    private volatile long total;
    private volatile String unit = "rows";
    private volatile String detail;
    private long startedAt;
    private long loggedAt;
    private long shownAt;
    private int shownLength;

    /**
     * @param nanos    the clock, in nanoseconds
     * @param terminal the console to keep a live line on, or null when not on a terminal
     * @param logger   where the periodic lines go when not on a terminal
     */
    RunProgress(LongSupplier nanos, PrintStream terminal, Logger logger) {
        this.nanos = nanos;
        this.terminal = terminal;
        this.logger = logger;
    }

    /** Progress of this process: live on the console when it is a terminal, else INFO lines. */
    public static RunProgress forConsole() {
        return new RunProgress(System::nanoTime, System.console() != null ? System.out : null, log);
    }

    /** Progress that goes to the given logger every ten seconds of the given clock: not a terminal. */
    static RunProgress logging(LongSupplier nanos, Logger logger) {
        return new RunProgress(nanos, null, logger);
    }

    /**
     * Begins a step: {@code total} units to do, or a negative number where the total is not known
     * in advance (the extract: the site database says how many rows only as it sends them).
     */
    public synchronized void start(String step, long total, String unit) {
        clear();
        this.step = step;
        this.total = total;
        this.unit = unit;
        this.detail = null;
        done.set(0);
        startedAt = nanos.getAsLong();
        loggedAt = startedAt;
        shownAt = startedAt;
    }

    /** What the step is on now ("select_compliance.sql, query 4 of 8"), shown after the counts; null for nothing. */
    public void detail(String detail) {
        this.detail = detail;
    }

    /** {@code n} more units done. */
    public void add(long n) {
        done.addAndGet(n);
        tick();
    }

    /** {@code n} units done in all. */
    public void set(long n) {
        done.set(n);
        tick();
    }

    /** Ends the step: clears the live line (the step's summary is logged after this). */
    public synchronized void finish() {
        clear();
        step = null;
    }

    private void tick() {
        if (step == null) {
            return;
        }
        long now = nanos.getAsLong();
        boolean logDue = now - loggedAt >= Duration.ofSeconds(LOG_EVERY_SECONDS).toNanos();
        boolean liveDue = terminal != null && now - shownAt >= Duration.ofMillis(LIVE_EVERY_MILLIS).toNanos();
        if (!logDue && !liveDue) {
            return;
        }
        synchronized (this) {
            if (step == null) {
                return;
            }
            String line = line(step, done.get(), total, unit, detail, now - startedAt);
            if (now - loggedAt >= Duration.ofSeconds(LOG_EVERY_SECONDS).toNanos()) {
                loggedAt = now;
                (terminal == null ? logger : FILE_ONLY).info("{}", line);
            }
            if (terminal != null && now - shownAt >= Duration.ofMillis(LIVE_EVERY_MILLIS).toNanos()) {
                shownAt = now;
                String padded = line.length() < shownLength ? line + " ".repeat(shownLength - line.length()) : line;
                terminal.print("\r" + padded + "\r");
                terminal.flush();
                shownLength = line.length();
            }
        }
    }

    private void clear() {
        if (terminal != null && shownLength > 0) {
            terminal.print("\r" + " ".repeat(shownLength) + "\r");
            terminal.flush();
        }
        shownLength = 0;
    }

    /**
     * One progress line in plain words: {@code reconcile: 120,000 of 480,000 rows (25 %), 41,000
     * rows/s, about 9 s left}; without a known total, the count and the rate.
     */
    static String line(String step, long done, long total, String unit, String detail, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder s = new StringBuilder(step).append(": ");
        if (total >= 0) {
            s.append(String.format(Locale.ROOT, "%,d of %,d %s", done, total, unit));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, " (%d %%)", Math.min(100, done * 100 / total)));
            }
        } else {
            s.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        double rate = seconds > 0 ? done / seconds : 0;
        s.append(String.format(Locale.ROOT, ", %,d %s/s", Math.round(rate), unit));
        if (total >= 0 && rate > 0 && done < total) {
            s.append(", about ").append(duration(Math.round((total - done) / rate))).append(" left");
        }
        if (detail != null) {
            s.append("; ").append(detail);
        }
        return s.toString();
    }

    /** 42 s, 3 min 5 s, 1 h 12 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
