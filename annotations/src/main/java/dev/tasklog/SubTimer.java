package dev.tasklog;

/**
 * Times a part of the current task by hand, as {@link SubTask @SubTask} does for a whole method.
 *
 * <pre>{@code
 * SubTimer timer = SubTimer.start("parse");
 * ...
 * timer.finish();          // logs "sub parse: duration: 0.050s, cpu: 0.001s"
 *
 * try (SubTimer t = SubTimer.start("write")) {
 *     ...
 * }
 * }</pre>
 *
 * Finishing a timer a second time does nothing. Without the agent a timer measures nothing.
 */
public final class SubTimer implements AutoCloseable {

    private final String name;

    /** The agent's handle on this measurement; set on construction by the agent, else null. */
    private Object frame;

    private SubTimer(String name) {
        this.name = name;
    }

    /**
     * Starts timing a sub-task of the current task.
     *
     * @param name the sub-task's name
     * @return the running timer
     */
    public static SubTimer start(String name) {
        return new SubTimer(name);
    }

    /**
     * The name given to {@link #start(String)}.
     *
     * @return the sub-task's name
     */
    public String name() {
        return name;
    }

    /** Stops the timer and logs the sub-task's timing. */
    public void finish() {
        /* filled in by the agent */
    }

    /** The same as {@link #finish()}, for try-with-resources. */
    @Override
    public void close() {
        finish();
    }
}
