package io.patchproof.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A configuration file that is no valid YAML, named with the line and column where the parser
 * gave up: SnakeYAML's own message names neither the file ("in 'reader'") nor fits on one line.
 */
final class ConfigFileException extends IllegalStateException {

    ConfigFileException(Resource resource, MarkedYAMLException e) {
        super(message(resource, e), e);
    }

    private static String message(Resource resource, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String at = mark == null ? "" : ", line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() != null ? e.getProblem() : StartupFailures.firstLine(String.valueOf(e.getMessage()));
        String context = e.getContext() != null && e.getContextMark() != null && mark != e.getContextMark()
                ? " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")" : "";
        return display(resource) + at + ": not valid YAML: " + problem + context
                + "; fix the file (indent with spaces, two per level, no tabs; quote values holding ': ' or '#')";
    }

    /** A resource as a user names it: a file's path relative to the working directory where it lies below it. */
    static String display(Resource resource) {
        try {
            if (resource.isFile()) {
                File file = resource.getFile();
                Path path = file.toPath().toAbsolutePath().normalize();
                Path cwd = Path.of("").toAbsolutePath();
                return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
            }
        } catch (IOException | RuntimeException e) {
            // fall back to the description
        }
        return resource.getDescription();
    }
}
