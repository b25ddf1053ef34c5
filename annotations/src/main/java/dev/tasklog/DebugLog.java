package dev.tasklog;

/**
 * Where a {@link DebugContext} writes its details: each call is one DEBUG event of the logger named
 * after the context's class, linked to the current run and task.
 */
public interface DebugLog {

    /**
     * Logs one DEBUG message.
     *
     * @param message the message
     */
    void log(String message);

    /**
     * Logs one DEBUG message built from an SLF4J format ({@code "x = {}"}) and its arguments.
     *
     * @param format    the message with {@code {}} placeholders
     * @param arguments the values for the placeholders
     */
    void log(String format, Object... arguments);
}
