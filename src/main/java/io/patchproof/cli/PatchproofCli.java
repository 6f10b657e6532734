package io.patchproof.cli;

import io.patchproof.PatchproofApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line: {@code <command> [--rerun] [--fail-under=PCT] [--property=value ...]}.
 * Arguments are checked before Spring starts, so a typo ends in one line and exit code 2.
 */
public final class PatchproofCli {

    static final Set<String> COMMANDS = Set.of("demo", "run", "restart", "schedule");

    private PatchproofCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = null;
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                out.print(HelpText.TEXT);
                return ExitCode.SUCCESS.code();
            }
            if (arg.equals("--rerun")) {
                springArgs.add("--patchproof.rerun=true");
            } else if (arg.startsWith("--fail-under=")) {
                String value = arg.substring("--fail-under=".length());
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    err.println("patchproof: --fail-under: '" + value + "' is not a number; give a percentage such as 95");
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
                if (name.equals("patchproof.source.password")) {
                    err.println("patchproof: warning: a password on the command line is visible in process lists;"
                            + " set PATCHPROOF_SOURCE_PASSWORD or keep it in a configuration file outside the repository");
                }
                springArgs.add(arg);
            } else if (command == null && COMMANDS.contains(arg)) {
                command = arg;
            } else {
                err.println("patchproof: unknown command or argument '" + arg + "'; use demo, run, restart or --help");
                return ExitCode.USAGE.code();
            }
        }
        if (command == null) {
            err.println("patchproof: no command given; use demo, run, restart or --help");
            return ExitCode.USAGE.code();
        }
        ConfigurableApplicationContext context;
        try {
            // No Spring shutdown hook: on SIGTERM it would close the context under the running job.
            // GracefulShutdown stops the run instead and lets the command end on its own.
            context = new SpringApplicationBuilder(PatchproofApplication.class)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("patchproof: cannot start: " + rootMessage(e));
            return ExitCode.USAGE.code();
        }
        CommandRunner runner = context.getBean(CommandRunner.class);
        GracefulShutdown shutdown = GracefulShutdown.install(runner::requestStop, out, err);
        int code = ExitCode.FAILED.code();
        try {
            try (context) {
                code = runner.execute(command, out, err).code();
            }
            return code;
        } finally {
            shutdown.finished(code);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}
