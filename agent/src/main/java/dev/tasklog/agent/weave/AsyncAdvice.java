package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined instead of {@link TaskAdvice} and {@link SubTaskAdvice} into methods declared to return
 * a {@code CompletionStage} ({@code CompletableFuture} and the like): when the returned future is
 * not done yet, the task or sub-task is timed until it completes, and a future that fails makes
 * it FAILED, as an exception would.
 */
public final class AsyncAdvice {

    private AsyncAdvice() {
    }

    /** {@code @Task} methods that return a future. */
    public static final class ForTask {
        private ForTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@WovenName(Weaver.TASK) String name, @WovenLogTiming boolean logTiming) {
            return Hooks.taskEnter(name, logTiming);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object task, @Advice.Thrown Throwable thrown, @Advice.Return Object returned) {
            Hooks.taskExitAsync(task, thrown, returned);
        }
    }

    /** {@code @SubTask} methods that return a future. */
    public static final class ForSubTask {
        private ForSubTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Local("tasklogWall") long wall, @Advice.Local("tasklogCpu") long cpu) {
            wall = Hooks.subTaskStart();
            cpu = wall == Hooks.INACTIVE ? -1L : Hooks.threadCpuNanos();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@WovenName(Weaver.SUB_TASK) String name, @Advice.Local("tasklogWall") long wall,
                         @Advice.Local("tasklogCpu") long cpu, @Advice.Thrown Throwable thrown, @Advice.Return Object returned) {
            if (wall != Hooks.INACTIVE) {
                Hooks.subTaskEndAsync(name, wall, cpu, thrown, returned);
            }
        }
    }
}
