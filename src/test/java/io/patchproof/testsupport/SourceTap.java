package io.patchproof.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A wiretap on the site database for tests: wraps the source DataSource so that every statement
 * text prepared or executed, with its bound parameters, is recorded, and so that chosen
 * executions fail with a chosen driver exception (a deadlock, a connection reset part-way through
 * a result set, a permission error).
 *
 * <p>The command line runs in-process, so a test creates a tap, passes {@link #option()} to the
 * run, and a test-only hook in the job package ({@code SourceTapHook}) finds the tap by its id and
 * wraps the pool the run opens. Statements are matched by a marker in their text; every shipped
 * SQL file starts with a comment naming itself ({@code -- select_compliance.sql: ...}), so the file
 * name is the natural marker. Thread-safe; close it to unregister.
 */
public final class SourceTap implements AutoCloseable {

    /** The property the hook listens to. */
    public static final String PROPERTY = "patchproof.test.source-tap";

    private static final Map<String, SourceTap> TAPS = new ConcurrentHashMap<>();
    private static final Set<String> PARAMETER_SETTERS = Set.of("setObject", "setString", "setInt", "setLong",
            "setTimestamp", "setNString", "setShort", "setByte", "setBoolean", "setBigDecimal", "setDate", "setTime",
            "setDouble", "setFloat", "setNull");

    private final String id = UUID.randomUUID().toString();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> connectionCalls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    /** What reached the driver: {@code kind} is PREPARE, EXECUTE, DESCRIBE, CALL or NATIVE. */
    public record Sent(String kind, String sql, List<Object> parameters) {
    }

    private enum Point { EXECUTE, DESCRIBE, ROW }

    private record Fault(Point point, String marker, long afterRows, int times, Supplier<SQLException> error,
            AtomicInteger seen, AtomicInteger fired) {
    }

    private SourceTap() {
    }

    public static SourceTap create() {
        SourceTap tap = new SourceTap();
        TAPS.put(tap.id, tap);
        return tap;
    }

    /** The tap registered under {@code id}; for the hook. */
    public static SourceTap byId(String id) {
        SourceTap tap = TAPS.get(id);
        if (tap == null) {
            throw new IllegalStateException("no source tap " + id + " (closed, or created in another JVM)");
        }
        return tap;
    }

    /** The command-line option that puts this tap on a run. */
    public String option() {
        return "--" + PROPERTY + "=" + id;
    }

    /** The first {@code times} executions of a statement whose text contains {@code marker} throw. */
    public SourceTap failExecution(String marker, int times, Supplier<SQLException> error) {
        faults.add(new Fault(Point.EXECUTE, marker, 0, times, error, new AtomicInteger(), new AtomicInteger()));
        return this;
    }

    /** Describing (preparing and reading the metadata of) such a statement throws, as the pre-flight does. */
    public SourceTap failDescribe(String marker, int times, Supplier<SQLException> error) {
        faults.add(new Fault(Point.DESCRIBE, marker, 0, times, error, new AtomicInteger(), new AtomicInteger()));
        return this;
    }

    /**
     * On the first {@code times} executions of such a statement, {@code ResultSet.next()} throws
     * once {@code rows} rows were returned: the connection dropped part-way through the read.
     */
    public SourceTap failAfterRows(String marker, long rows, int times, Supplier<SQLException> error) {
        faults.add(new Fault(Point.ROW, marker, rows, times, error, new AtomicInteger(), new AtomicInteger()));
        return this;
    }

    /** Everything sent, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Connection methods called, in order (getMetaData, prepareStatement, close, ...). */
    public List<String> connectionCalls() {
        return List.copyOf(connectionCalls);
    }

    /** How often a statement whose text contains {@code marker} was executed. */
    public long executions(String marker) {
        return sent.stream().filter(s -> s.kind().equals("EXECUTE") && s.sql().contains(marker)).count();
    }

    /** Executions per marker found in the statement's first line ({@code -- select_hosts.sql: ...}). */
    public Map<String, Long> executionsByFile() {
        Map<String, Long> counts = new TreeMap<>();
        for (Sent s : sent) {
            if (s.kind().equals("EXECUTE")) {
                String first = s.sql().strip().lines().findFirst().orElse("");
                String name = first.startsWith("--") && first.contains(".sql") ? first.substring(2, first.indexOf(".sql") + 4).strip()
                        : first;
                counts.merge(name, 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        TAPS.remove(id);
    }

    /** Wraps a source DataSource. */
    public DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Connection c && method.getName().equals("getConnection")) {
                return connection(c);
            }
            return result;
        });
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (proxy, method, args) -> {
            String name = method.getName();
            connectionCalls.add(name);
            Object result = invoke(target, method, args);
            switch (name) {
                case "prepareStatement" -> {
                    String sql = (String) args[0];
                    sent.add(new Sent("PREPARE", sql, List.of()));
                    return prepared(PreparedStatement.class, (PreparedStatement) result, sql);
                }
                case "prepareCall" -> {
                    String sql = (String) args[0];
                    sent.add(new Sent("CALL", sql, List.of()));
                    return prepared(CallableStatement.class, (CallableStatement) result, sql);
                }
                case "createStatement" -> {
                    return statement((Statement) result);
                }
                case "nativeSQL" -> {
                    sent.add(new Sent("NATIVE", (String) args[0], List.of()));
                    return result;
                }
                default -> {
                    return result;
                }
            }
        });
    }

    private Statement statement(Statement target) {
        return proxy(Statement.class, target, (proxy, method, args) -> {
            String name = method.getName();
            if ((name.startsWith("execute") || name.equals("addBatch")) && args != null && args.length > 0
                    && args[0] instanceof String sql) {
                sent.add(new Sent("EXECUTE", sql, List.of()));
                fire(Point.EXECUTE, sql);
                Object result = invoke(target, method, args);
                return result instanceof ResultSet rs ? resultSet(rs, sql) : result;
            }
            if (name.startsWith("execute")) {
                sent.add(new Sent("EXECUTE", "(batch)", List.of()));
            }
            return invoke(target, method, args);
        });
    }

    private <T extends PreparedStatement> T prepared(Class<T> type, T target, String sql) {
        Map<Integer, Object> parameters = new TreeMap<>();
        return proxy(type, target, (proxy, method, args) -> {
            String name = method.getName();
            if (PARAMETER_SETTERS.contains(name) && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                parameters.clear();
            } else if (name.equals("getMetaData")) {
                sent.add(new Sent("DESCRIBE", sql, List.of()));
                fire(Point.DESCRIBE, sql);
            } else if (name.startsWith("execute") || name.equals("addBatch")) {
                if (args != null && args.length > 0 && args[0] instanceof String other) {
                    sent.add(new Sent("EXECUTE", other, List.of()));
                    fire(Point.EXECUTE, other);
                } else {
                    sent.add(new Sent("EXECUTE", sql, Collections.unmodifiableList(new ArrayList<>(parameters.values()))));
                    fire(Point.EXECUTE, sql);
                }
                Object result = invoke(target, method, args);
                return result instanceof ResultSet rs ? resultSet(rs, sql) : result;
            }
            return invoke(target, method, args);
        });
    }

    private ResultSet resultSet(ResultSet target, String sql) {
        List<Fault> rowFaults = new ArrayList<>();
        for (Fault f : faults) {
            if (f.point() == Point.ROW && sql.contains(f.marker()) && f.seen().incrementAndGet() <= f.times()) {
                rowFaults.add(f);
            }
        }
        if (rowFaults.isEmpty()) {
            return target;
        }
        long[] rows = {0};
        return proxy(ResultSet.class, target, (proxy, method, args) -> {
            if (method.getName().equals("next")) {
                for (Fault f : rowFaults) {
                    if (rows[0] >= f.afterRows()) {
                        f.fired().incrementAndGet();
                        throw f.error().get();
                    }
                }
                Object more = invoke(target, method, args);
                if (Boolean.TRUE.equals(more)) {
                    rows[0]++;
                }
                return more;
            }
            return invoke(target, method, args);
        });
    }

    private void fire(Point point, String sql) throws SQLException {
        for (Fault f : faults) {
            if (f.point() == point && sql.contains(f.marker()) && f.seen().incrementAndGet() <= f.times()) {
                f.fired().incrementAndGet();
                throw f.error().get();
            }
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(SourceTap.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "tapped " + target;
                    default -> invoke(target, method, args);
                };
            }
            return handler.invoke(proxy, method, args);
        });
    }
}
