package dev.tasklog.agent.output;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes through the application's SLF4J, found in the application's class loader. The agent does
 * not link against SLF4J: it may live in a loader the agent cannot see, and the agent must never
 * bring its own copy. Method handles make the calls as cheap as direct ones.
 */
final class Slf4jLineSink implements LineSink {

    private static final MethodType OBJECT_STRING = MethodType.methodType(void.class, Object.class, String.class);

    private final MethodHandle getLogger;
    private final MethodHandle info;
    private final MethodHandle warn;
    private final MethodHandle error;
    private final MethodHandle mdcPut;
    private final MethodHandle mdcRemove;
    private final ConcurrentHashMap<String, Object> loggers = new ConcurrentHashMap<>();

    private Slf4jLineSink(Class<?> loggerFactory, Class<?> logger, Class<?> mdc) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        getLogger = lookup.findStatic(loggerFactory, "getLogger", MethodType.methodType(logger, String.class))
                .asType(MethodType.methodType(Object.class, String.class));
        MethodType message = MethodType.methodType(void.class, String.class);
        info = lookup.findVirtual(logger, "info", message).asType(OBJECT_STRING);
        warn = lookup.findVirtual(logger, "warn", message).asType(OBJECT_STRING);
        error = lookup.findVirtual(logger, "error", message).asType(OBJECT_STRING);
        mdcPut = lookup.findStatic(mdc, "put", MethodType.methodType(void.class, String.class, String.class));
        mdcRemove = lookup.findStatic(mdc, "remove", MethodType.methodType(void.class, String.class));
    }

    /**
     * Binds to SLF4J as loaded by {@code loader}.
     *
     * @param loader the application's class loader
     * @return the sink
     * @throws ReflectiveOperationException when SLF4J is not there
     */
    static Slf4jLineSink in(ClassLoader loader) throws ReflectiveOperationException {
        return new Slf4jLineSink(
                Class.forName("org.slf4j.LoggerFactory", false, loader),
                Class.forName("org.slf4j.Logger", false, loader),
                Class.forName("org.slf4j.MDC", false, loader));
    }

    @Override
    public void write(String logger, Level level, String message) {
        Object target = loggers.computeIfAbsent(logger, this::logger);
        MethodHandle method = level == Level.ERROR ? error : level == Level.WARN ? warn : info;
        try {
            method.invokeExact(target, message);
        } catch (Throwable t) {
            throw new IllegalStateException("writing through SLF4J failed", t);
        }
    }

    private Object logger(String name) {
        try {
            return (Object) getLogger.invokeExact(name);
        } catch (Throwable t) {
            throw new IllegalStateException("SLF4J could not make logger " + name, t);
        }
    }

    @Override
    public void putMdc(String key, String value) {
        try {
            mdcPut.invokeExact(key, value);
        } catch (Throwable t) {
            throw new IllegalStateException("SLF4J MDC.put failed", t);
        }
    }

    @Override
    public void removeMdc(String key) {
        try {
            mdcRemove.invokeExact(key);
        } catch (Throwable t) {
            throw new IllegalStateException("SLF4J MDC.remove failed", t);
        }
    }
}
