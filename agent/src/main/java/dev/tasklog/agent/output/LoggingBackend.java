package dev.tasklog.agent.output;

import java.lang.reflect.Method;

/**
 * Decides, once, where tasklog's lines go: through the application's SLF4J when it is bound to
 * logback, and otherwise printed by the agent on stdout (keeping SLF4J's MDC when slf4j-api is
 * there). The decision is made on first use, on the application's thread, never in the premain:
 * touching SLF4J there would initialise the application's logging before its {@code main} could
 * configure it.
 */
public final class LoggingBackend {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private LoggingBackend() {
    }

    /**
     * Finds the application's logging as seen from {@code loader}.
     *
     * @param loader the application's class loader (the context class loader of its thread)
     * @return the sink for tasklog's lines
     */
    public static LineSink resolve(ClassLoader loader) {
        Slf4jLineSink slf4j;
        try {
            slf4j = Slf4jLineSink.in(loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            return new ConsoleLineSink(System.out, LineSink.NONE);
        }
        return isLogback(loader) ? slf4j : new ConsoleLineSink(System.out, slf4j);
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
