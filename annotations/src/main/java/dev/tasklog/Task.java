package dev.tasklog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a <em>task</em>: a named step of a run.
 *
 * <p>With the tasklog agent attached, entering the method starts a task and leaving it finishes it.
 * A task called from inside another task is that task's child. At its end the agent logs, on
 * {@code task.performance}:
 * <pre>
 * task load: duration: 0.050s, cpu: 0.001s
 * * Task summary load
 *   - records: 1200
 * </pre>
 * The summary appears when {@link TaskLog#count(String, long) counters} were used. The task's
 * status is the worst of: an exception escaping it ({@code FAILED}), an ERROR or WARN event logged
 * while it was active (by a {@link TaskLog#dataLogger(String) data logger}: {@code DATA_ERROR},
 * {@code DATA_WARNING}), and the statuses of its child tasks.
 *
 * <p>Without the agent the annotation does nothing at all.
 *
 * @see TaskLog#setTask(String, boolean)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {

    /**
     * The task's name; empty means {@code SimpleClassName.methodName}.
     *
     * @return the name of the task
     */
    String value() default "";

    /**
     * Whether the task logs its start, its timing and its counter summary.
     * Its status, counters and timing are recorded either way.
     *
     * @return {@code false} to keep the task's lines out of the log
     */
    boolean logTiming() default true;
}
