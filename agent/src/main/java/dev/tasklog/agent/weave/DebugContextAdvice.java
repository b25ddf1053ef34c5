package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.internal.DebugCallbacks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined instead of {@link RunAdvice}, {@link TaskAdvice}, {@link SubTaskAdvice} and
 * {@link AsyncAdvice} into the instance methods of classes that implement
 * {@code dev.tasklog.DebugContext}: the same timing, and inside it the context's ENTER and EXIT
 * callbacks (EXIT when the method returns, also for a method timed until its future completes). The callbacks run in the application's
 * class loader ({@code dev.tasklog.internal.DebugCallbacks}); with DEBUG off for the context's
 * logger, entry returns null and the exit path reads nothing, so the return value is not even
 * boxed.
 */
public final class DebugContextAdvice {

    private DebugContextAdvice() {
    }

    /** {@code @Run} methods of a context. */
    public static final class ForRun {
        private ForRun() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@WovenName(Weaver.RUN) String name, @Advice.This Object self, @Advice.Origin("#m") String method,
                          @Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug) {
            frame = Hooks.runEnter(name);
            debug = DebugCallbacks.enter(self, method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @Advice.Thrown Throwable thrown) {
            if (debug != null) {
                DebugCallbacks.exit(debug, thrown == null ? returned : null, thrown);
            }
            Hooks.runExit(frame, thrown);
        }
    }

    /** {@code @Task} methods of a context. */
    public static final class ForTask {
        private ForTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@WovenName(Weaver.TASK) String name, @WovenLogTiming boolean logTiming, @Advice.This Object self,
                          @Advice.Origin("#m") String method,
                          @Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug) {
            frame = Hooks.taskEnter(name, logTiming);
            debug = DebugCallbacks.enter(self, method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @Advice.Thrown Throwable thrown) {
            if (debug != null) {
                DebugCallbacks.exit(debug, thrown == null ? returned : null, thrown);
            }
            Hooks.taskExit(frame, thrown);
        }
    }

    /** {@code @SubTask} methods of a context. */
    public static final class ForSubTask {
        private ForSubTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.Origin("#m") String method,
                          @Advice.Local("tasklogWall") long wall, @Advice.Local("tasklogCpu") long cpu,
                          @Advice.Local("tasklogDebug") Object debug) {
            wall = Hooks.subTaskStart();
            cpu = wall == Hooks.INACTIVE ? -1L : Hooks.threadCpuNanos();
            debug = DebugCallbacks.enter(self, method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@WovenName(Weaver.SUB_TASK) String name, @Advice.Local("tasklogWall") long wall,
                         @Advice.Local("tasklogCpu") long cpu, @Advice.Local("tasklogDebug") Object debug,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned, @Advice.Thrown Throwable thrown) {
            if (debug != null) {
                DebugCallbacks.exit(debug, thrown == null ? returned : null, thrown);
            }
            if (wall != Hooks.INACTIVE) {
                Hooks.subTaskEnd(name, wall, cpu, thrown);
            }
        }
    }

    /** {@code @Task} methods of a context that return a future: timed until it completes. */
    public static final class ForAsyncTask {
        private ForAsyncTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@WovenName(Weaver.TASK) String name, @WovenLogTiming boolean logTiming, @Advice.This Object self,
                          @Advice.Origin("#m") String method,
                          @Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug) {
            frame = Hooks.taskEnter(name, logTiming);
            debug = DebugCallbacks.enter(self, method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Local("tasklogFrame") Object frame, @Advice.Local("tasklogDebug") Object debug,
                         @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
            if (debug != null) {
                DebugCallbacks.exit(debug, thrown == null ? returned : null, thrown);
            }
            Hooks.taskExitAsync(frame, thrown, returned);
        }
    }

    /** {@code @SubTask} methods of a context that return a future: timed until it completes. */
    public static final class ForAsyncSubTask {
        private ForAsyncSubTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self, @Advice.Origin("#m") String method,
                          @Advice.Local("tasklogWall") long wall, @Advice.Local("tasklogCpu") long cpu,
                          @Advice.Local("tasklogDebug") Object debug) {
            wall = Hooks.subTaskStart();
            cpu = wall == Hooks.INACTIVE ? -1L : Hooks.threadCpuNanos();
            debug = DebugCallbacks.enter(self, method);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@WovenName(Weaver.SUB_TASK) String name, @Advice.Local("tasklogWall") long wall,
                         @Advice.Local("tasklogCpu") long cpu, @Advice.Local("tasklogDebug") Object debug,
                         @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
            if (debug != null) {
                DebugCallbacks.exit(debug, thrown == null ? returned : null, thrown);
            }
            if (wall != Hooks.INACTIVE) {
                Hooks.subTaskEndAsync(name, wall, cpu, thrown, returned);
            }
        }
    }
}
