package io.patchproof.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging until Spring Boot has read the configuration and set up {@code logback-spring.xml}:
 * everything to the log file, nothing to the console. Without it, a failure that comes before
 * (a configuration file that is no valid YAML, a refused property) is logged by Logback's
 * default set-up, which prints the stack trace on the console. Boot replaces this set-up as soon
 * as it configures logging.
 */
final class EarlyLog {

    static final String DEFAULT_FILE = "logs/patchproof.log";

    private EarlyLog() {
    }

    /** The log file named by {@code --logging.file.name=} among the arguments, else the default. */
    static String fileOf(List<String> springArgs) {
        String file = DEFAULT_FILE;
        for (String arg : springArgs) {
            if (arg.startsWith("--logging.file.name=") && arg.length() > "--logging.file.name=".length()) {
                file = arg.substring("--logging.file.name=".length());
            }
        }
        return file;
    }

    /** Sends all logging to {@code file} (appended); where it cannot be opened, logging goes nowhere. */
    static void toFile(String file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("EARLY_FILE");
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (appender.isStarted()) {
            root.addAppender(appender);
        }
    }
}
