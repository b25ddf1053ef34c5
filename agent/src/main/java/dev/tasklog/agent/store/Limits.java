package dev.tasklog.agent.store;

/**
 * How long the text columns may be. A longer value is cut, never rejected, and the cut is visible:
 * it ends with {@code …[truncated, N chars in all]}.
 */
public final class Limits {

    /** LOG.MESSAGE. */
    public static final int MESSAGE = 16_000;
    /** LOG.THROWABLE: the whole stack trace with causes and suppressed exceptions. */
    public static final int THROWABLE = 64_000;
    /** LOG.EXTRA: when the JSON is longer, it is replaced by an object saying so. */
    public static final int EXTRA = 16_000;
    /** A single value inside EXTRA. */
    public static final int EXTRA_VALUE = 2_000;
    /** Names: runs, tasks, counters, loggers. */
    public static final int NAME = 500;
    /** Threads, file names, hosts. */
    public static final int SHORT = 255;

    private Limits() {
    }

    /**
     * Cuts {@code value} to at most {@code max} characters, marking the cut.
     *
     * @param value a value, or null
     * @param max   the column's length
     * @return the value, or its cut version
     */
    public static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        String marker = "…[truncated, " + value.length() + " chars in all]";
        return value.substring(0, Math.max(0, max - marker.length())) + marker;
    }
}
