package dev.tasklog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a <em>run</em>: a whole job of one or more tasks.
 *
 * <p>With the tasklog agent attached, entering the method starts a run and leaving it (normally or
 * by an exception) finishes it: its wall-clock and CPU time are measured, its status is derived
 * from what was logged while it was active (see {@link Task}), and it is logged on {@code task.run}.
 * A {@code @Run} method entered while a run is already active on the same thread joins that run
 * instead of starting a second one.
 *
 * <p>Without the agent the annotation does nothing at all.
 *
 * @see TaskLog#setRun(String)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Run {

    /**
     * The run's name; empty means {@code SimpleClassName.methodName}.
     *
     * @return the name of the run
     */
    String value() default "";
}
