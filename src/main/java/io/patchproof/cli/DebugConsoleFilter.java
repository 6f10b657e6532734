package io.patchproof.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets the framework's lines reach the console only under Spring Boot's {@code --debug} or
 * {@code --trace} (see logback-spring.xml): without them the console shows patchproof's own lines
 * and the log file everything; with them the console also shows what Boot users expect to see
 * there, the core loggers' DEBUG lines and the condition evaluation report. patchproof's own lines
 * are denied here because they reach the console through their own appender already.
 */
public final class DebugConsoleFilter extends Filter<ILoggingEvent> {

    private boolean enabled;

    /** The value of {@code debug} or {@code trace}: anything but empty or {@code false} is on, as Boot reads it. */
    public void setDebug(String value) {
        enabled |= on(value);
    }

    public void setTrace(String value) {
        enabled |= on(value);
    }

    static boolean on(String value) {
        return value != null && !value.isBlank() && !value.trim().equalsIgnoreCase("false");
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!enabled || event.getLoggerName().startsWith("io.patchproof.")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
