package dev.tasklog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a <em>sub-task</em>: a timed part of the task (or run) that calls it.
 *
 * <p>With the tasklog agent attached each call is timed (wall-clock and CPU) and logged on
 * {@code task.performance.sub}:
 * <pre>
 * sub parse: duration: 0.050s, cpu: 0.001s
 * </pre>
 * A sub-task called many times in one task does not flood the log: the first
 * {@value SubTask#LOGGED_CALLS} calls of each name are logged one by one; when there were more,
 * the task's end adds one line that sums all of them:
 * <pre>
 * sub parse: duration: 12.345s, cpu: 12.001s, calls: 1000000, max: 0.004s
 * </pre>
 * Called outside any run or task, a sub-task is not recorded and costs next to nothing.
 *
 * <p>Without the agent the annotation does nothing at all.
 *
 * @see SubTimer
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SubTask {

    /** How many calls of one sub-task name are logged one by one within one task. */
    int LOGGED_CALLS = 10;

    /**
     * The sub-task's name; empty means {@code SimpleClassName.methodName}.
     *
     * @return the name of the sub-task
     */
    String value() default "";
}
