package dev.tasklog;

/**
 * An object that can tell what it is doing, asked only when someone wants to know.
 *
 * <p>Instead of building debug messages all the time and filtering most of them away, the agent
 * calls back into the object whose {@link Run @Run}, {@link Task @Task} or {@link SubTask @SubTask}
 * method runs, and only when DEBUG is enabled for the logger named after the object's class (and
 * the debug filters accept it): once on entry ({@link DebugEvent.Phase#ENTER}) and once on exit
 * ({@link DebugEvent.Phase#EXIT}, with the returned value or thrown exception and the elapsed
 * time). When DEBUG is off the callback is never called and nothing is allocated for it.
 *
 * <pre>{@code
 * class Solver implements DebugContext {
 *     public void logDebugMessage(DebugLog log, DebugEvent event) {
 *         if (event.phase() == DebugEvent.Phase.ENTER) {
 *             log.log("inputs: {}", inputs);
 *         } else {
 *             log.log("result: {} after {} ms", event.returned(), event.elapsedNanos() / 1_000_000);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Two optional methods feed the debug filters ({@code debug.contexts}, {@code debug.from},
 * {@code debug.to}, and the logback filters {@code dev.tasklog.logback.DebugContextFilter} and
 * {@code dev.tasklog.logback.DebugTimeFilter}): {@link #debugName()}, a name to select this
 * context by besides its class, and {@link #debugTime()}, the context's own clock (a simulation's
 * time, say) for the time window.
 *
 * @see TaskLog#debugContext(DebugContext, String)
 * @see DebugFilter
 */
public interface DebugContext {

    /**
     * Called on entry (phase ENTER) and exit (phase EXIT) of a @Run/@Task/@SubTask method of this
     * object, and only when DEBUG is enabled for the logger named after this object's class and the
     * debug filters accept this context. Write what you want seen through {@code log}.
     *
     * @param log   writes DEBUG events attributed to this object's logger
     * @param event what is happening: phase, method, task, and at exit the outcome
     */
    void logDebugMessage(DebugLog log, DebugEvent event);

    /**
     * The name the context filter can select this context by, besides its class: for example one
     * of many objects of the same class in a model ({@code com.acme.Pump[inlet]} in
     * {@code debug.contexts}).
     *
     * @return this context's name, or null (the default) when it has none
     */
    default String debugName() {
        return null;
    }

    /**
     * This context's own clock, for the time filter: the window {@code debug.from} to
     * {@code debug.to} is compared with this value when it is a number. Contexts without a clock
     * of their own (the default) are compared by the seconds since their run started.
     *
     * @return the context's current time in the units the window is written in, or
     *     {@link Double#NaN} (the default) when it has no clock of its own
     */
    default double debugTime() {
        return Double.NaN;
    }
}
