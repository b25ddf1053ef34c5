package dev.tasklog.agent.weave;

import dev.tasklog.agent.bootstrap.Hooks;
import java.util.Map;
import dev.tasklog.internal.DebugCallbacks;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the empty methods of {@code dev.tasklog.TaskLog} and {@code dev.tasklog.SubTimer},
 * which is how the facade reaches the agent: no reflection, no shared interface between the
 * application's copy of the API and the agent, and it works in every class loader.
 */
public final class FacadeAdvice {

    private FacadeAdvice() {
    }

    /** {@code TaskLog.setRun(String)}. */
    public static final class SetRun {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String name) {
            Hooks.setRun(name);
        }
    }

    /** {@code TaskLog.finishRun()}. */
    public static final class FinishRun {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.finishRun();
        }
    }

    /** {@code TaskLog.setTask(String, boolean)}. */
    public static final class SetTask {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) boolean logTiming) {
            Hooks.setTask(name, logTiming);
        }
    }

    /** {@code TaskLog.finishTask()}. */
    public static final class FinishTask {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.finishTask();
        }
    }

    /** {@code TaskLog.count(String, long)}. */
    public static final class Count {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) long n) {
            Hooks.count(name, n);
        }
    }

    /** {@code TaskLog.setExtraInfo(Map)}. */
    public static final class SetExtraInfo {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Map<String, ?> info) {
            Hooks.setExtraInfo(info);
        }
    }

    /** {@code TaskLog.clearExtraInfo()}. */
    public static final class ClearExtraInfo {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.clearExtraInfo();
        }
    }

    /** The {@code SubTimer(String)} constructor: start timing and keep the agent's handle. */
    public static final class SubTimerStart {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) String name,
                         @Advice.FieldValue(value = "frame", readOnly = false) Object frame) {
            frame = Hooks.subTimerStart(name);
        }
    }

    /** {@code SubTimer.finish()}: record once, then forget the handle so a second finish does nothing. */
    public static final class SubTimerFinish {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue(value = "frame", readOnly = false) Object frame) {
            Object timer = frame;
            frame = null;
            Hooks.subTimerFinish(timer);
        }
    }

    /** {@code TaskLog.debugContext(DebugContext, String)}: a scope that calls the context back. */
    public static final class DebugContextScope {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object context, @Advice.Argument(1) String method,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object scope) {
            scope = DebugCallbacks.scope(context, method);
        }
    }

    /** {@code DebugCallbacks.filterSettings()}: the {@code debug.*} settings. */
    public static final class DebugSettings {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) String[] settings) {
            settings = Hooks.debugSettings();
        }
    }

    /** {@code DebugCallbacks.currentTaskName()}. */
    public static final class CurrentTaskName {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) String name) {
            name = Hooks.currentTaskName();
        }
    }

    /** {@code DebugCallbacks.runElapsedNanos()}. */
    public static final class RunElapsedNanos {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(readOnly = false) long nanos) {
            nanos = Hooks.runElapsedNanos();
        }
    }
}
