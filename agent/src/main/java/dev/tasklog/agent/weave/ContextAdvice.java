package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the JDK's concurrency classes so that work follows its task to other threads: the
 * task is remembered where work is handed over and adopted, for the time the work runs, where it
 * runs. See {@link ConcurrencyWeaving} for where each piece goes.
 */
public final class ContextAdvice {

    private ContextAdvice() {
    }

    /** A constructor of the object that carries work ({@code FutureTask}, {@code ForkJoinTask}). */
    public static final class Capture {
        private Capture() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object owner) {
            Hooks.captureFor(owner);
        }
    }

    /** Starting a thread ({@code Thread.start}, a virtual thread's start). */
    public static final class CaptureOnStart {
        private CaptureOnStart() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object thread) {
            Hooks.captureFor(thread);
        }
    }

    /** Running the work once ({@code FutureTask.run}, {@code Thread.run}, a virtual thread's {@code run(Runnable)}, ...). */
    public static final class Run {
        private Run() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object owner) {
            return Hooks.adoptFor(owner, false);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Hooks.release(token);
        }
    }

    /** Running work that may run again ({@code FutureTask.runAndReset}, {@code ForkJoinTask.doExec}). */
    public static final class RunAgain {
        private RunAgain() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object owner) {
            return Hooks.adoptFor(owner, true);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter Object token) {
            Hooks.release(token);
        }
    }

    /** A pool's worker loop ({@code ThreadPoolExecutor$Worker.run}): no task, whoever started it. */
    public static final class WorkerLoop {
        private WorkerLoop() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.leaveContexts();
        }
    }

    /** {@code ThreadPoolExecutor.execute(Runnable)}: a plain runnable is wrapped to carry the task. */
    public static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable work) {
            work = Hooks.wrap(work);
        }
    }
}
