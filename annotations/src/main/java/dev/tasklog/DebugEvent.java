package dev.tasklog;

/**
 * What a {@link DebugContext} is asked about: entry to or exit from one of its methods.
 *
 * <p>The factory methods exist so that the agent (and a unit test of a callback) can make events;
 * applications normally only read them.
 */
public final class DebugEvent {

    /** Whether the method is being entered or left. */
    public enum Phase {
        /** Before the method's body runs. */
        ENTER,
        /** After the method's body returned or threw. */
        EXIT
    }

    private final Phase phase;
    private final String method;
    private final String taskName;
    private final long elapsedNanos;
    private final Object returned;
    private final Throwable thrown;

    private DebugEvent(Phase phase, String method, String taskName, long elapsedNanos,
                       Object returned, Throwable thrown) {
        this.phase = phase;
        this.method = method;
        this.taskName = taskName;
        this.elapsedNanos = elapsedNanos;
        this.returned = returned;
        this.thrown = thrown;
    }

    /**
     * An entry event.
     *
     * @param method   the method (or block) being entered
     * @param taskName the name of the current task, or null
     * @return the event
     */
    public static DebugEvent enter(String method, String taskName) {
        return new DebugEvent(Phase.ENTER, method, taskName, 0L, null, null);
    }

    /**
     * An exit event.
     *
     * @param method       the method (or block) being left
     * @param taskName     the name of the current task, or null
     * @param elapsedNanos wall-clock time since entry, in nanoseconds
     * @param returned     the value returned (null for void or when it threw)
     * @param thrown       the exception thrown, or null when it returned normally
     * @return the event
     */
    public static DebugEvent exit(String method, String taskName, long elapsedNanos,
                                  Object returned, Throwable thrown) {
        return new DebugEvent(Phase.EXIT, method, taskName, elapsedNanos, returned, thrown);
    }

    /** @return {@link Phase#ENTER} or {@link Phase#EXIT} */
    public Phase phase() {
        return phase;
    }

    /** @return the method or block this event is about */
    public String method() {
        return method;
    }

    /** @return the name of the task active when the event happened, or null */
    public String taskName() {
        return taskName;
    }

    /** @return at exit, wall-clock nanoseconds since entry; 0 at entry */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** @return at exit, the value the method returned; null otherwise */
    public Object returned() {
        return returned;
    }

    /** @return at exit, the exception the method threw; null otherwise */
    public Throwable thrown() {
        return thrown;
    }

    @Override
    public String toString() {
        return phase == Phase.ENTER
                ? "ENTER " + method
                : "EXIT " + method + " after " + elapsedNanos + " ns"
                        + (thrown != null ? " threw " + thrown : " returned " + returned);
    }
}
