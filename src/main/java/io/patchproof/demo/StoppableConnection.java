package io.patchproof.demo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A connection that ends a demo build when a stop is requested: before every batch it executes
 * and every commit it asks {@code stopRequested}, and throws {@link DemoSiteDatabase.BuildStopped}
 * once it says yes. The generators write through {@link DemoLoader} (a batch per 1,000 rows of a
 * table), so a build stops within about a thousand rows, without a check of its own in each
 * generator. Not thread-safe, like the connection it wraps.
 */
final class StoppableConnection {

    private static final Set<String> CHECKED = Set.of("executeBatch", "executeUpdate", "execute", "commit");

    private StoppableConnection() {
    }

    static Connection wrap(Connection connection, BooleanSupplier stopRequested) {
        return (Connection) proxy(connection, Connection.class, stopRequested);
    }

    private static Object proxy(Object target, Class<?> type, BooleanSupplier stopRequested) {
        InvocationHandler handler = (p, method, args) -> {
            if (CHECKED.contains(method.getName()) && stopRequested.getAsBoolean()) {
                throw new DemoSiteDatabase.BuildStopped();
            }
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement ps && method.getReturnType() == PreparedStatement.class) {
                return proxy(ps, PreparedStatement.class, stopRequested);
            }
            if (result instanceof Statement s && method.getReturnType() == Statement.class) {
                return proxy(s, Statement.class, stopRequested);
            }
            return result;
        };
        return Proxy.newProxyInstance(StoppableConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
