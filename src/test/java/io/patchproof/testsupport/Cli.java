package io.patchproof.testsupport;

import io.patchproof.cli.PatchproofCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the command line in-process against a private local store and output folder, as a user
 * would run the jar, and keeps what it printed.
 */
public final class Cli {

    private final Path store;
    private final Path output;
    private final Path demoDir;

    public Cli(Path work, Path demoDir) {
        this(work, demoDir, work.resolve("out"));
    }

    /** The file stem of a ConfigMgr demo's published set (site PP1, the demo's own as-of date). */
    public static final String DEMO_STEM = "demo-monthly-PP1-" + io.patchproof.demo.DemoSiteDatabase.AS_OF;

    /**
     * A clean demo run of {@code hosts} hosts in a store of its own under {@code work}: the result
     * a test's stopped, failed or restarted runs are compared with. Fails the calling test when the
     * clean run does not complete.
     */
    public static Cli cleanDemoRun(Path work, Path demoDir, int hosts, String... options) {
        io.patchproof.demo.DemoSiteDatabase.ensure(demoDir, hosts, io.patchproof.demo.DemoSiteDatabase.DEFAULT_SEED);
        Cli clean = new Cli(work, demoDir);
        List<String> args = new ArrayList<>(List.of("demo", "--patchproof.demo.hosts=" + hosts));
        args.addAll(Arrays.asList(options));
        Result result = clean.run(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("the clean demo run failed: " + result);
        }
        return clean;
    }

    /** A private store, publishing into {@code output}, which another Cli may share. */
    public Cli(Path work, Path demoDir, Path output) {
        this.store = work.resolve("store");
        this.output = output;
        this.demoDir = demoDir;
    }

    public Path output() {
        return output;
    }

    public Path store() {
        return store;
    }

    /** The log file of this Cli's commands (a private one, so that no test writes into the working folder). */
    public Path logFile() {
        return store.resolveSibling("logs").resolve("patchproof.log");
    }

    /**
     * The arguments followed by those of {@link #localArguments()} and {@code --logging.file.name}
     * pointing at {@link #logFile()}, each unless the arguments give that option themselves (a
     * test that points the store or the output folder elsewhere).
     */
    public List<String> withLocalArguments(List<String> args) {
        List<String> all = new ArrayList<>(args);
        List<String> local = new ArrayList<>(localArguments());
        local.add("--logging.file.name=" + logFile().toAbsolutePath());
        for (String arg : local) {
            String option = arg.substring(0, arg.indexOf('=') + 1);
            if (args.stream().noneMatch(a -> a.startsWith(option))) {
                all.add(arg);
            }
        }
        return all;
    }

    /** The arguments that point a command at this private store, output folder and demo folder. */
    public List<String> localArguments() {
        return List.of("--spring.datasource.url=jdbc:h2:file:" + store.resolve("patchproof").toAbsolutePath(),
                "--patchproof.output.dir=" + output.toAbsolutePath(),
                "--patchproof.demo.dir=" + demoDir.toAbsolutePath());
    }

    public Result run(String... args) {
        List<String> all = withLocalArguments(Arrays.asList(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PatchproofCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit code and what was printed. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
