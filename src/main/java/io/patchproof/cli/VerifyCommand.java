package io.patchproof.cli;

import io.patchproof.report.SetVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code verify <manifest.json> [--patchproof.verify.fingerprint=SHA256]}: checks a published set
 * against its manifest ({@link SetVerifier}). Runs without Spring, configuration, local store or
 * site database: it reads the files and nothing else, so anyone with the folder can run it.
 *
 * <p>Exit 0 and one line when the set is intact; {@link ExitCode#NOT_INTACT} and one line per
 * problem when it is not; {@link ExitCode#USAGE} when the arguments are wrong or the manifest
 * named does not exist.
 */
final class VerifyCommand {

    static final String FINGERPRINT = "--patchproof.verify.fingerprint=";
    private static final String USE = "use: verify <stem>.manifest.json [--patchproof.verify.fingerprint=SHA256]";

    private VerifyCommand() {
    }

    /** @param args the arguments without the word {@code verify} */
    static int run(java.util.List<String> args, PrintStream out, PrintStream err) {
        String manifest = null;
        String fingerprint = null;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                out.print(HelpText.TEXT);
                return ExitCode.SUCCESS.code();
            }
            if (arg.startsWith(FINGERPRINT)) {
                if (fingerprint != null) {
                    err.println("patchproof: verify: --patchproof.verify.fingerprint is given twice; give it once");
                    return ExitCode.USAGE.code();
                }
                String given = arg.substring(FINGERPRINT.length());
                fingerprint = SetVerifier.normalizeFingerprint(given);
                if (fingerprint == null) {
                    err.println("patchproof: verify: --patchproof.verify.fingerprint: '" + given + "' is not a SHA-256"
                            + " fingerprint; give the 64 hex digits the output folder's README.txt names (colons allowed)");
                    return ExitCode.USAGE.code();
                }
            } else if (arg.startsWith("-")) {
                err.println("patchproof: verify: unknown option '" + arg + "'; " + USE);
                return ExitCode.USAGE.code();
            } else if (manifest != null) {
                err.println("patchproof: verify: one manifest at a time ('" + manifest + "' and '" + arg + "'); " + USE);
                return ExitCode.USAGE.code();
            } else {
                manifest = arg;
            }
        }
        if (manifest == null) {
            err.println("patchproof: verify: no manifest given; " + USE);
            return ExitCode.USAGE.code();
        }
        Path path;
        try {
            path = Path.of(manifest);
        } catch (InvalidPathException e) {
            err.println("patchproof: verify: '" + manifest + "' is not a path; " + USE);
            return ExitCode.USAGE.code();
        }
        if (Files.isDirectory(path)) {
            err.println("patchproof: verify: " + path + " is a folder; give a set's <stem>.manifest.json in it");
            return ExitCode.USAGE.code();
        }
        if (!Files.exists(path)) {
            err.println("patchproof: verify: " + path + " does not exist; give the path of a set's <stem>.manifest.json");
            return ExitCode.USAGE.code();
        }
        SetVerifier.Result result;
        try {
            result = SetVerifier.verify(path, fingerprint);
        } catch (IOException e) {
            err.println("patchproof: verify: " + path + " cannot be read: " + StartupFailures.oneLine(e));
            return ExitCode.NOT_INTACT.code();
        }
        if (result.intact()) {
            out.println("patchproof: " + result.summary());
            return ExitCode.SUCCESS.code();
        }
        result.problems().forEach(problem -> err.println("patchproof: " + problem));
        return ExitCode.NOT_INTACT.code();
    }
}
