package dev.tasklog.agent.output;

import java.lang.reflect.Method;

/**
 * Finds, once, how the application logs: through SLF4J bound to logback, through SLF4J bound to
 * something else (or nothing), or without SLF4J at all. The decision is made on first use, on the
 * application's thread, never in the premain: touching SLF4J there would initialise the
 * application's logging before its {@code main} could configure it.
 */
final class LoggingBackend {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    /** The application's SLF4J, or {@link LineSink#NONE} when it has none. */
    final LineSink slf4j;
    /** Whether that SLF4J is logback, whose events the agent captures (and stores) by itself. */
    final boolean logback;

    private LoggingBackend(LineSink slf4j, boolean logback) {
        this.slf4j = slf4j;
        this.logback = logback;
    }

    /**
     * Finds the application's logging as seen from {@code loader}.
     *
     * @param loader the application's class loader (the context class loader of its thread)
     * @return what it found
     */
    static LoggingBackend resolve(ClassLoader loader) {
        try {
            return new LoggingBackend(Slf4jLineSink.in(loader), isLogback(loader));
        } catch (ReflectiveOperationException | LinkageError e) {
            return new LoggingBackend(LineSink.NONE, false);
        }
    }

    private static boolean isLogback(ClassLoader loader) {
        try {
            Method factory = Class.forName("org.slf4j.LoggerFactory", true, loader).getMethod("getILoggerFactory");
            Object context = factory.invoke(null);
            return context != null && context.getClass().getName().equals(LOGBACK_CONTEXT);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
