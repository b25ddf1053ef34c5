package dev.tasklog.agent.context;

/** The names of the loggers tasklog writes to, and the rules for the ones it reads. */
public final class Loggers {

    /** Run start and finish lines. */
    public static final String RUN = "task.run";
    /** Task start, timing, status and counter lines. */
    public static final String PERFORMANCE = "task.performance";
    /** Sub-task timing lines. */
    public static final String SUB = "task.performance.sub";
    /** {@code TaskLog.console()}: console only, never stored, never a status. */
    public static final String CONSOLE = "tasklog.console";

    private static final String DATA_PREFIX = "data.";

    private Loggers() {
    }

    /**
     * Whether the logger is one of tasklog's own: its events never change a status.
     *
     * @param name a logger name
     * @return true for tasklog's loggers
     */
    public static boolean isOwn(String name) {
        return RUN.equals(name) || PERFORMANCE.equals(name) || SUB.equals(name) || CONSOLE.equals(name);
    }

    /**
     * Whether the logger is a data logger ({@code data} or below it).
     *
     * @param name a logger name
     * @return true for data loggers
     */
    public static boolean isData(String name) {
        return name != null && (name.startsWith(DATA_PREFIX) || name.equals("data"));
    }
}
