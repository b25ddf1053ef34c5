package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code @SubTask} methods. The start readings live in two local variables of the
 * woven method, so a sub-task call allocates nothing; outside any run or task it costs one check.
 */
public final class SubTaskAdvice {

    private SubTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Local("tasklogWall") long wall, @Advice.Local("tasklogCpu") long cpu) {
        wall = Hooks.subTaskStart();
        cpu = wall == Hooks.INACTIVE ? -1L : Hooks.threadCpuNanos();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@WovenName(Weaver.SUB_TASK) String name, @Advice.Local("tasklogWall") long wall,
                     @Advice.Local("tasklogCpu") long cpu, @Advice.Thrown Throwable thrown) {
        if (wall != Hooks.INACTIVE) {
            Hooks.subTaskEnd(name, wall, cpu, thrown);
        }
    }
}
