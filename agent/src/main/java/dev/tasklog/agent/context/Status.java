package dev.tasklog.agent.context;

/**
 * How a task or run ended, from best to worst; a task or run ends with the worst that applies.
 */
public enum Status {
    /** Nothing worse happened. */
    OK,
    /** A data logger logged a WARN event. */
    DATA_WARNING,
    /** A non-data logger logged a WARN event. */
    WARNING,
    /** A data logger logged an ERROR event. */
    DATA_ERROR,
    /** A non-data logger logged an ERROR event. */
    ERROR,
    /** An exception escaped the task or run. */
    FAILED,
    /** The JVM ended while the task or run was still active. */
    ABORTED;

    /** logback's {@code Level.WARN_INT}; the agent does not link to logback for these two ints. */
    static final int WARN_LEVEL = 30_000;
    /** logback's {@code Level.ERROR_INT}. */
    static final int ERROR_LEVEL = 40_000;

    /**
     * The worse of two statuses.
     *
     * @param other another status
     * @return whichever of the two is worse
     */
    public Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * The status an application log event implies for the task it was logged in.
     *
     * @param loggerName the event's logger
     * @param level      the event's level in logback's int scale
     * @return {@link #OK} for events that do not change a status
     */
    public static Status ofEvent(String loggerName, int level) {
        if (level < WARN_LEVEL || Loggers.isOwn(loggerName)) {
            return OK;
        }
        boolean data = Loggers.isData(loggerName);
        if (level >= ERROR_LEVEL) {
            return data ? DATA_ERROR : ERROR;
        }
        return data ? DATA_WARNING : WARNING;
    }
}
