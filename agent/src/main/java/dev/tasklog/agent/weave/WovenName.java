package dev.tasklog.agent.weave;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an advice parameter: bound, when a method is woven, to the constant name of the run, task or
 * sub-task that method stands for (see {@link WovenNames}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface WovenName {

    /** @return the annotation type whose {@code value()} names the method, e.g. {@code dev.tasklog.Task} */
    String value();
}
