package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code @Task} methods: start the task on entry, finish it on any exit. */
public final class TaskAdvice {

    private TaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@WovenName(Weaver.TASK) String name, @WovenLogTiming boolean logTiming) {
        return Hooks.taskEnter(name, logTiming);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object task, @Advice.Thrown Throwable thrown) {
        Hooks.taskExit(task, thrown);
    }
}
