package dev.tasklog.agent.bootstrap;

import java.util.Map;

/**
 * What the woven code reports to: implemented by the agent's runtime, installed once with
 * {@link Hooks#install(Sink)}. Each method mirrors one method of {@link Hooks}; see there.
 */
public interface Sink {

    /** Value of {@link #subTaskStart()} meaning: no run or task is active, do not time this call. */
    long INACTIVE = Long.MIN_VALUE;

    Object runEnter(String name);

    void runExit(Object frame, Throwable thrown);

    Object taskEnter(String name, boolean logTiming);

    void taskExit(Object frame, Throwable thrown);

    long subTaskStart();

    long threadCpuNanos();

    void subTaskEnd(String name, long startWall, long startCpu, Throwable thrown);

    void setRun(String name);

    void finishRun();

    void setTask(String name, boolean logTiming);

    void finishTask();

    void count(String name, long n);

    void setExtraInfo(Map<String, ?> info);

    void clearExtraInfo();

    Object subTimerStart(String name);

    void subTimerFinish(Object timer);

    /**
     * @param event      the logging framework's event object (logback's {@code ILoggingEvent}), for
     *                   consumers that need more than its logger and level
     * @param loggerName the event's logger
     * @param level      the event's level in logback's int scale
     */
    void logEvent(Object event, String loggerName, int level);

    /** @return the name of the innermost task on this thread, or null */
    String currentTaskName();

    /** @return nanoseconds since the innermost run on this thread started, or -1 when none */
    long runElapsedNanos();

    /** @return the context of this thread to hand to work it submits, or null when none */
    Object captureContext();

    /**
     * Makes a captured context this thread's until {@link #release}.
     *
     * @param context what {@link #captureContext()} returned on the submitting thread, or null to
     *                run with no context (a pool's worker loop)
     * @return a token for {@link #release}, or null when nothing changed
     */
    Object adopt(Object context);

    /** @param token what {@link #adopt} returned */
    void release(Object token);

    /** Leaves every context this thread adopted: it now runs in no task (a pool's worker loop). */
    void leaveContexts();

    /**
     * A task method returned a future that is not done: the task leaves this thread now and ends
     * when the future completes ({@link #finishDetached}).
     *
     * @param frame what {@link #taskEnter} returned
     */
    void detachTask(Object frame);

    /**
     * @param frame  a task passed to {@link #detachTask}
     * @param thrown the future's failure, or null
     */
    void finishDetached(Object frame, Throwable thrown);

    /** @return the frame a sub-task ending now on this thread belongs to, or null */
    Object subTaskOwner();

    /**
     * Records a sub-task whose future completed after its method returned.
     *
     * @param owner     what {@link #subTaskOwner()} returned when the method returned
     * @param name      the sub-task
     * @param startWall its start
     * @param cpu       CPU time of its method on the calling thread, or -1
     * @param thrown    the future's failure, or null
     */
    void subTaskCompleted(Object owner, String name, long startWall, long cpu, Throwable thrown);
}
