package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code @Run} methods: start the run on entry, finish it on any exit. */
public final class RunAdvice {

    private RunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@WovenName(Weaver.RUN) String name) {
        return Hooks.runEnter(name);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object run, @Advice.Thrown Throwable thrown) {
        Hooks.runExit(run, thrown);
    }
}
