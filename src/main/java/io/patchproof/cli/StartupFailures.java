package io.patchproof.cli;

import io.patchproof.job.UsageException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.h2.mvstore.MVStoreException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns what went wrong before or during a command into the one line the console gets: the
 * thing, what is wrong with it, and the fix. The stack trace stays in the log file.
 *
 * <p>Recognised, wherever they sit in a chain of causes (suppressed exceptions included): a
 * {@link UsageException} (its message is the line), a configuration file that is no valid YAML
 * ({@link ConfigFileException}: file, line, column), a property value of the wrong type or out
 * of range ({@link BindException}: name, value, where it was given, what is expected), and the
 * local store's faults ({@link StoreFault}): locked by another process, damaged, read-only, on a
 * full disk. Stateless and thread-safe.
 */
final class StartupFailures {

    /** What can be wrong with the local store, as its driver reports it. */
    enum StoreFault {
        /** The disk holding the store has no space left. */
        DISK_FULL,
        /** Another process has the store open. */
        LOCKED,
        /** The store's file or file system cannot be written. */
        READ_ONLY,
        /** The store's file is truncated or garbled. */
        DAMAGED
    }

    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_FILE_CORRUPTED = 90030;
    private static final int H2_FILE_VERSION_ERROR = 90048;
    private static final int H2_DATABASE_IS_READ_ONLY = 90097;
    /** MVStore's DataUtils error codes: reading failed, unsupported format, file corrupt, chunk / block not found. */
    private static final Set<Integer> MVSTORE_DAMAGED = Set.of(1, 5, 6, 9, 50);
    private static final int MVSTORE_FILE_LOCKED = 7;

    private StartupFailures() {
    }

    /**
     * The line for a failure to start (before any command ran), without the {@code patchproof: }
     * prefix.
     *
     * @param store   the local store's file, or null where the store is no local H2 file
     * @param logFile where the stack trace went
     */
    static String describe(Throwable failure, LocalStoreFile store, String logFile) {
        Optional<UsageException> usage = find(failure, UsageException.class);
        if (usage.isPresent()) {
            return usage.get().getMessage();
        }
        Optional<ConfigFileException> file = find(failure, ConfigFileException.class);
        if (file.isPresent()) {
            return file.get().getMessage();
        }
        Optional<BindException> bind = find(failure, BindException.class);
        if (bind.isPresent()) {
            return describe(bind.get());
        }
        Optional<StoreFault> fault = storeFault(failure);
        if (fault.isPresent()) {
            return describe(fault.get(), failure, store, false);
        }
        return "cannot start: " + oneLine(failure) + " (the full error is in " + logFile + ")";
    }

    /**
     * The line for a fault of the local store.
     *
     * @param duringRun the run had started: it can be resumed with {@code restart} once the fault is fixed
     */
    static String describe(StoreFault fault, Throwable failure, LocalStoreFile store, boolean duringRun) {
        String name = store == null ? "the local store (spring.datasource.url)" : "the local store " + store.display();
        return switch (fault) {
            case DISK_FULL -> "disk full: the disk holding " + name + " has no space left ("
                    + rootMessage(failure) + "); free space there"
                    + (duringRun ? ", then `restart` resumes the run from its last commit" : " and run again")
                    + ", or move the store to another disk and point spring.datasource.url at it";
            case LOCKED -> store == null
                    ? "the local store (spring.datasource.url) is in use by another process; the store is opened by"
                            + " one process at a time: wait until it ends, or point spring.datasource.url at another store"
                    : store.lockedMessage(store.liveHolder());
            case READ_ONLY -> name + " cannot be written (" + rootMessage(failure) + "): its file or file system is"
                    + " read-only; move it to a writable folder and point spring.datasource.url there";
            case DAMAGED -> name + " is damaged (" + shortH2Message(failure) + "). Move it aside"
                    + (store == null ? "" : " (mv " + store.display() + " " + store.display() + ".damaged)")
                    + " and run again: a new, empty store is created. Files already published stay valid (each"
                    + " manifest holds their SHA-256) and are still never overwritten; runs recorded only in the old"
                    + " store can no longer be restarted";
        };
    }

    /** A property that could not be bound or is out of range: name, value, where it was given, and what is expected. */
    static String describe(BindException e) {
        if (e.getCause() instanceof BindValidationException v) {
            List<ObjectError> errors = v.getValidationErrors().getAllErrors();
            ObjectError first = errors.get(0);
            String name = v.getValidationErrors().getName().toString();
            Object rejected = null;
            if (first instanceof FieldError f) {
                name = name + "." + PropertyNames.dash(f.getField());
                rejected = f.getRejectedValue();
            }
            String where = "";
            for (ConfigurationProperty p : v.getValidationErrors().getBoundProperties()) {
                if (p.getName().toString().equals(name)) {
                    where = where(p.getOrigin());
                    rejected = p.getValue();
                }
            }
            // "name: must be ..." first, as every other refusal of a value reads; then what was given, and where.
            String given = rejected == null ? "" : "; given '" + rejected + "'" + (where.isEmpty() ? ""
                    : " " + where.substring(2, where.length() - 1));
            return name + ": " + first.getDefaultMessage() + given
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more: see --help)" : "");
        }
        ConfigurationProperty p = e.getProperty();
        String name = p != null ? p.getName().toString() : e.getName().toString();
        String value = p == null ? "" : "'" + p.getValue() + "'";
        String where = p == null ? "" : where(p.getOrigin());
        Class<?> type = find(e, ConversionFailedException.class).map(c -> c.getTargetType().getType()).orElse(null);
        return name + ": " + value + where + " is not " + expected(type, name);
    }

    /** What a value of a type looks like, for the fix. */
    private static String expected(Class<?> type, String name) {
        if (type == null) {
            return "a valid value; see --help for " + name;
        }
        if (type == LocalDate.class) {
            return "a date: give an ISO date such as 2026-11-16 (year-month-day)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration: give it as 30s, 15m, 2h or 7d";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT) + "; see --help for " + name;
    }

    /** " (on the command line)", " (in config/application.yml, line 12)", " (in environment variable X)". */
    static String where(Origin origin) {
        Origin o = origin;
        while (o != null) {
            if (o instanceof TextResourceOrigin t && t.getResource() != null) {
                String line = t.getLocation() == null ? "" : ", line " + (t.getLocation().getLine() + 1);
                return " (in " + ConfigFileException.display(t.getResource()) + line + ")";
            }
            if (o instanceof SystemEnvironmentOrigin env) {
                return " (in environment variable " + env.getProperty() + ")";
            }
            if (o instanceof PropertySourceOrigin ps) {
                String source = ps.getPropertySource().getName();
                return switch (source) {
                    case "commandLineArgs" -> " (on the command line)";
                    case "systemProperties" -> " (as a -D system property)";
                    case "systemEnvironment" -> " (in the environment)";
                    default -> " (in " + source + ")";
                };
            }
            o = o.getParent();
        }
        return "";
    }

    /**
     * The fault of the local store a failure shows, if any: only a failure that went through the
     * store's driver counts (a full disk while the publisher writes the workbook is the output
     * folder's, and says so itself).
     */
    static Optional<StoreFault> storeFault(Throwable failure) {
        List<Throwable> chain = chain(failure);
        if (chain.stream().noneMatch(t -> t instanceof SQLException || t.getClass().getName().startsWith("org.h2."))) {
            return Optional.empty();
        }
        if (chain.stream().anyMatch(StartupFailures::isDiskFull)) {
            return Optional.of(StoreFault.DISK_FULL);
        }
        if (chain.stream().anyMatch(t -> sqlCode(t) == H2_DATABASE_ALREADY_OPEN || mvStoreCode(t) == MVSTORE_FILE_LOCKED)) {
            return Optional.of(StoreFault.LOCKED);
        }
        if (isReadOnly(failure)) {
            return Optional.of(StoreFault.READ_ONLY);
        }
        if (chain.stream().anyMatch(t -> sqlCode(t) == H2_FILE_CORRUPTED || sqlCode(t) == H2_FILE_VERSION_ERROR
                || MVSTORE_DAMAGED.contains(mvStoreCode(t)))) {
            return Optional.of(StoreFault.DAMAGED);
        }
        return Optional.empty();
    }

    static boolean isReadOnly(Throwable failure) {
        return chain(failure).stream().anyMatch(t -> sqlCode(t) == H2_DATABASE_IS_READ_ONLY
                || t instanceof FileSystemException && String.valueOf(t.getMessage()).contains("Read-only file system")
                || t instanceof AccessDeniedException);
    }

    private static boolean isDiskFull(Throwable t) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") || m.contains("not enough space on the disk")
                || m.contains("disk quota exceeded");
    }

    private static int sqlCode(Throwable t) {
        return t instanceof SQLException s ? s.getErrorCode() : -1;
    }

    private static int mvStoreCode(Throwable t) {
        return t instanceof MVStoreException m ? m.getErrorCode() : -1;
    }

    /** H2's message for a damaged file, without its error-code suffix and cut to a readable length. */
    private static String shortH2Message(Throwable failure) {
        if (any(failure, t -> t instanceof java.io.EOFException)) {
            return "the file ends early: it was truncated";
        }
        for (Throwable t : chain(failure)) {
            if (sqlCode(t) == H2_FILE_CORRUPTED || sqlCode(t) == H2_FILE_VERSION_ERROR || MVSTORE_DAMAGED.contains(mvStoreCode(t))) {
                String m = firstLine(String.valueOf(t.getMessage())).replaceAll(" ?\\[[0-9./-]+\\]$", "");
                return m.length() > 120 ? m.substring(0, 117) + "..." : m;
            }
        }
        return firstLine(rootMessage(failure));
    }

    /** Every throwable of a chain: causes and suppressed ones, each once. */
    static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        List<Throwable> all = new java.util.ArrayList<>();
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    static boolean any(Throwable failure, Predicate<Throwable> test) {
        return chain(failure).stream().anyMatch(test);
    }

    /** The deepest cause's message, first line only. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : firstLine(message);
    }

    /** The failure and its root cause on one line ("Unable to process chunk: disk full"). */
    static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = firstLine(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        String cause = firstLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
        return root == t || top.contains(cause) ? top : top + ": " + cause;
    }

    static String firstLine(String msg) {
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }
}
