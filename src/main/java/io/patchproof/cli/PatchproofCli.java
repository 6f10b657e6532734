package io.patchproof.cli;

import io.patchproof.PatchproofApplication;
import io.patchproof.job.Versions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line: {@code <command> [--rerun] [--fail-under=PCT] [--json] [--debug] [--property=value ...]},
 * or {@code --help}, {@code --version}; {@code verify <manifest.json>} runs without Spring ({@link VerifyCommand}).
 * Arguments are checked before Spring starts, so a typo ends in one line and exit code 2; the
 * configuration Spring reads is checked by {@link StartupChecks} before anything is opened; a
 * failure to start becomes one line ({@link StartupFailures}). The console gets that line, the
 * log file the stack trace ({@link EarlyLog}, then {@code logback-spring.xml}).
 */
public final class PatchproofCli {

    static final Set<String> COMMANDS = Set.of("demo", "run", "restart", "report", "schedule", "status");
    static final String USE = "use demo, run, restart, report, schedule, status, verify or --help";
    /** Spring Boot's own switches, which take no property prefix. */
    static final Set<String> BOOT_SWITCHES = Set.of("--debug", "--trace");

    private PatchproofCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // verify reads files only: no Spring context, no configuration, no store.
        java.util.Optional<String> first = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst();
        if (first.isPresent() && first.get().equals("verify")) {
            List<String> rest = new ArrayList<>(List.of(args));
            rest.remove("verify");
            return VerifyCommand.run(rest, out, err);
        }
        String command = null;
        List<String> springArgs = new ArrayList<>();
        java.util.Map<String, String> given = new java.util.HashMap<>();
        boolean json = false;
        String debugLevel = null;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                out.print(HelpText.TEXT);
                return ExitCode.SUCCESS.code();
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                out.println("patchproof " + Versions.TOOL + " (rules version " + Versions.RULES + ")");
                return ExitCode.SUCCESS.code();
            }
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--rerun")) {
                springArgs.add("--patchproof.rerun=true");
            } else if (BOOT_SWITCHES.contains(arg.split("=", 2)[0])) {
                // Spring Boot's own --debug and --trace: its core loggers at DEBUG (TRACE) and the
                // condition evaluation report, shown on the console with patchproof's own DEBUG lines
                // (logback-spring.xml). Given as name=true, which every reader of the property takes as on.
                String name = arg.split("=", 2)[0].substring(2);
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    err.println("patchproof: " + arg + ": give --" + name + " alone, or --" + name + "=true or =false");
                    return ExitCode.USAGE.code();
                }
                if (given.put(name, value) != null) {
                    err.println("patchproof: --" + name + " is given twice; give it once");
                    return ExitCode.USAGE.code();
                }
                springArgs.add("--" + name + "=" + value.toLowerCase(java.util.Locale.ROOT));
                if (value.equalsIgnoreCase("true") && !given.containsKey("logging.level.io.patchproof")) {
                    debugLevel = name.equals("trace") ? "TRACE" : debugLevel == null ? "DEBUG" : debugLevel;
                }
            } else if (arg.startsWith("--fail-under=")) {
                String value = arg.substring("--fail-under=".length());
                double pct;
                try {
                    pct = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    err.println("patchproof: --fail-under: '" + value + "' is not a number; give a percentage such as 95");
                    return ExitCode.USAGE.code();
                }
                // NaN and infinities parse, and a NaN gate never trips.
                if (!(pct >= 0 && pct <= 100)) {
                    err.println("patchproof: --fail-under: '" + value + "' is not a percentage from 0 to 100;"
                            + " give one such as 95");
                    return ExitCode.USAGE.code();
                }
                springArgs.add("--patchproof.fail-under=" + value);
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2).split("=", 2)[0];
                if (!(name.startsWith("patchproof.") || name.startsWith("spring.") || name.startsWith("logging.")
                        || name.startsWith("server."))) {
                    err.println("patchproof: unknown option '" + arg + "'; see --help");
                    return ExitCode.USAGE.code();
                }
                if (!arg.contains("=")) {
                    err.println("patchproof: option '" + arg + "' needs a value: --" + name + "=VALUE");
                    return ExitCode.USAGE.code();
                }
                // Spring would join the two values with a comma ("a,b"): a host pattern, a folder or a
                // number that nobody gave.
                String value = arg.substring(arg.indexOf('=') + 1);
                String before = given.put(name.toLowerCase(java.util.Locale.ROOT), value);
                if (before != null) {
                    err.println("patchproof: --" + name + " is given twice ('" + (name.contains("password") ? "****" : before)
                            + "' and '" + (name.contains("password") ? "****" : value) + "'); give it once");
                    return ExitCode.USAGE.code();
                }
                if (name.equals("patchproof.source.password")) {
                    err.println("patchproof: warning: a password on the command line is visible in process lists;"
                            + " set PATCHPROOF_SOURCE_PASSWORD or keep it in a configuration file outside the repository");
                }
                if (name.equals("patchproof.signing.password")) {
                    err.println("patchproof: warning: a password on the command line is visible in process lists;"
                            + " set PATCHPROOF_SIGNING_PASSWORD instead");
                }
                springArgs.add(arg);
            } else if (command == null && COMMANDS.contains(arg)) {
                command = arg;
            } else {
                err.println("patchproof: unknown command or argument '" + arg + "'; " + USE);
                return ExitCode.USAGE.code();
            }
        }
        if (debugLevel != null && !given.containsKey("logging.level.io.patchproof")) {
            springArgs.add("--logging.level.io.patchproof=" + debugLevel);
        }
        if (command == null) {
            err.println("patchproof: no command given; " + USE);
            return ExitCode.USAGE.code();
        }
        if (json && !command.equals("status")) {
            err.println("patchproof: --json is an option of `status`; " + command + " writes its files and one line each");
            return ExitCode.USAGE.code();
        }
        try {
            return run(command, json, springArgs, out, err);
        } catch (RuntimeException e) {
            // Nothing a command does is meant to get here; if something does, it still ends in one line.
            CommandRunner.FILE_ONLY.error("{} failed", command, e);
            err.println("patchproof: " + command + " failed: " + StartupFailures.oneLine(e) + " (the full error is in "
                    + EarlyLog.fileOf(springArgs) + ")");
            return ExitCode.FAILED.code();
        }
    }

    private static int run(String command, boolean json, List<String> springArgs, PrintStream out, PrintStream err) {
        EarlyLog.toFile(EarlyLog.fileOf(springArgs));
        StartupChecks checks = new StartupChecks(command.equals("status"));
        ConfigurableApplicationContext context;
        try {
            // No Spring shutdown hook: on SIGTERM it would close the context under the running job.
            // GracefulShutdown stops the run instead and lets the command end on its own.
            context = new SpringApplicationBuilder(PatchproofApplication.class)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .listeners(checks)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StartupChecks.HeldBySchedule held) {
                    return statusOfRunningSchedule(held, json, out, err);
                }
            }
            // Spring has logged the failure to the log file (or, before logging started, EarlyLog has).
            err.println("patchproof: " + StartupFailures.describe(e, checks.store(), checks.logFile()));
            return ExitCode.USAGE.code();
        }
        LocalStoreFile store = checks.store();
        if (store != null) {
            store.claim(command);
        }
        CommandRunner runner = context.getBean(CommandRunner.class);
        GracefulShutdown shutdown = GracefulShutdown.install(runner::stopNotice, runner::requestStop, out, err);
        int code = ExitCode.FAILED.code();
        try {
            try (context) {
                code = (command.equals("status") ? runner.status(json, out, err) : runner.execute(command, out, err)).code();
            }
            return code;
        } catch (RuntimeException e) {
            // Closing the context failed (the store could not be shut down cleanly): the command's own line is out.
            CommandRunner.FILE_ONLY.error("closing after {}", command, e);
            err.println("patchproof: the local store could not be closed cleanly: " + StartupFailures.oneLine(e)
                    + " (the full error is in " + checks.logFile() + ")");
            code = code == ExitCode.SUCCESS.code() ? ExitCode.FAILED.code() : code;
            return code;
        } finally {
            if (store != null) {
                store.release();
            }
            shutdown.finished(code);
        }
    }

    /**
     * {@code status} while {@code schedule} holds the local store (an embedded store is opened by one
     * process at a time): the status the service wrote after its start and after each fire.
     */
    private static int statusOfRunningSchedule(StartupChecks.HeldBySchedule held, boolean json, PrintStream out,
            PrintStream err) {
        org.h2.store.fs.FilePath file = held.store().statusFile(json);
        String holder = held.store().liveHolder().orElse("patchproof `schedule`");
        if (!file.exists()) {
            err.println("patchproof: " + held.getMessage() + "; it has written no status yet (" + holder + ")");
            return ExitCode.USAGE.code();
        }
        try (java.io.InputStream in = file.newInputStream()) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!json) {
                out.println("patchproof: the local store is in use by " + holder + "; this is the status it wrote at "
                        + java.time.Instant.ofEpochMilli(file.lastModified()) + " (at its start, and as each fire begins and ends)");
            }
            out.print(text);
            return ExitCode.SUCCESS.code();
        } catch (java.io.IOException e) {
            err.println("patchproof: " + held.getMessage() + "; its status file " + file + " cannot be read: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
    }
}
