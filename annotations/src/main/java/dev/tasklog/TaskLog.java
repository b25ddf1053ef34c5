package dev.tasklog;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static entry points for code that cannot (or prefers not to) use the annotations.
 *
 * <p>The calls mix freely with {@link Run @Run}, {@link Task @Task} and {@link SubTask @SubTask}:
 * {@code setTask} inside a {@code @Run} method starts a task of that run, {@code count} inside a
 * {@code @Task} method counts for that task, and so on. Everything is per thread.
 *
 * <p>Without the tasklog agent every method is an empty, cheap no-op (the loggers are still real
 * SLF4J loggers). With the agent, the agent fills these methods in when the class is loaded.
 *
 * <pre>{@code
 * TaskLog.setRun("nightly-import");
 * TaskLog.setTask("load");
 * for (Row row : rows) {
 *     TaskLog.count("rows");
 * }
 * TaskLog.finishTask();   // logs "task load: duration: ..., cpu: ..." and "  - rows: 1200"
 * TaskLog.finishRun();
 * }</pre>
 */
public final class TaskLog {

    /** Name of the logger returned by {@link #console()}. */
    public static final String CONSOLE_LOGGER = "tasklog.console";

    /** Prefix of the loggers returned by {@link #dataLogger(String)}. */
    public static final String DATA_LOGGER_PREFIX = "data.";

    private static final DebugScope NO_DEBUG_SCOPE = () -> { };

    private TaskLog() {
        /* static facade, no instances */
    }

    /**
     * Starts a run on this thread, as a {@link Run @Run} method does on entry. A run still active on
     * this thread (with its open tasks) is finished first.
     *
     * @param name the run's name
     */
    public static void setRun(String name) {
        /* filled in by the agent */
    }

    /** Finishes the run active on this thread (and any task still open in it). */
    public static void finishRun() {
        /* filled in by the agent */
    }

    /**
     * Starts a task on this thread that logs its timing, as a {@link Task @Task} method does.
     * A task already active becomes its parent.
     *
     * @param name the task's name
     */
    public static void setTask(String name) {
        setTask(name, true);
    }

    /**
     * Starts a task on this thread. A task already active becomes its parent.
     *
     * @param name      the task's name
     * @param logTiming whether its start, timing and counters are logged (see {@link Task#logTiming()})
     */
    public static void setTask(String name, boolean logTiming) {
        /* filled in by the agent */
    }

    /** Finishes the innermost task active on this thread, logging its timing and counters. */
    public static void finishTask() {
        /* filled in by the agent */
    }

    /**
     * Adds one to the counter {@code name} of the current task.
     *
     * @param name the counter's name
     */
    public static void count(String name) {
        count(name, 1L);
    }

    /**
     * Adds {@code n} to the counter {@code name} of the current task; the sums are logged when the
     * task finishes ({@code "  - name: sum"}).
     *
     * @param name the counter's name
     * @param n    the amount to add (may be negative)
     */
    public static void count(String name, long n) {
        /* filled in by the agent */
    }

    /**
     * Adds these fields to every event logged afterwards on this thread, until
     * {@link #clearExtraInfo()}. The map is copied.
     *
     * @param info field names and values
     */
    public static void setExtraInfo(Map<String, ?> info) {
        /* filled in by the agent */
    }

    /** Removes the fields set by {@link #setExtraInfo(Map)} on this thread. */
    public static void clearExtraInfo() {
        /* filled in by the agent */
    }

    /**
     * A logger for messages about the <em>data</em> being processed (a bad record, a missing
     * value). Its events are marked as data events and drive the {@code DATA_WARNING} and
     * {@code DATA_ERROR} statuses instead of {@code WARNING} and {@code ERROR}.
     *
     * @param type the class whose name follows {@code data.}
     * @return the logger {@code data.<class name>}
     */
    public static Logger dataLogger(Class<?> type) {
        return dataLogger(type.getName());
    }

    /**
     * A logger for messages about the data being processed; see {@link #dataLogger(Class)}.
     *
     * @param name the name that follows {@code data.}
     * @return the logger {@code data.<name>}
     */
    public static Logger dataLogger(String name) {
        String loggerName = name.startsWith(DATA_LOGGER_PREFIX) ? name : DATA_LOGGER_PREFIX + name;
        return LoggerFactory.getLogger(loggerName);
    }

    /**
     * A logger for messages meant for the person at the console only: its events are never
     * stored and never change a status. It is the logger {@value #CONSOLE_LOGGER}.
     *
     * @return the console logger
     */
    public static Logger console() {
        return LoggerFactory.getLogger(CONSOLE_LOGGER);
    }

    /**
     * Marks a block as a method of a {@link DebugContext}: when DEBUG is enabled for the context's
     * class, its {@link DebugContext#logDebugMessage(DebugLog, DebugEvent)} is called on entry and
     * on {@link DebugScope#close()}.
     *
     * <pre>{@code
     * try (DebugScope scope = TaskLog.debugContext(this, "solve")) {
     *     ...
     * }
     * }</pre>
     *
     * @param context the object asked for its details
     * @param method  the name of the method or block, as shown in its events
     * @return a scope to close when the block ends
     */
    public static DebugScope debugContext(DebugContext context, String method) {
        return NO_DEBUG_SCOPE;
    }
}
