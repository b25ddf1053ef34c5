package dev.tasklog.agent.bootstrap;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static entry points that woven code calls; each forwards to the installed {@link Sink}.
 *
 * <p>Every method catches everything: an internal failure is reported once per entry point on
 * stderr and the application carries on. Until {@link #install(Sink)} is called every method is a
 * no-op.
 */
public final class Hooks {

    /** See {@link Sink#INACTIVE}; a compile-time constant, so advice inlines it. */
    public static final long INACTIVE = Sink.INACTIVE;

    private static volatile Sink sink;

    private static volatile String[] debugSettings = {"", "", ""};

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    /** The logging call site being executed on each thread (see {@link #callSite(int)}), 0 when none. */
    private static final ThreadLocal<int[]> CALL_SITE = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private Hooks() {
    }

    /**
     * Installs the runtime that receives every call; called once by the agent at start-up.
     *
     * @param runtime the agent's runtime
     */
    public static void install(Sink runtime) {
        sink = runtime;
    }

    /** @return whether an agent runtime is installed (a second attach must not install another) */
    public static boolean isInstalled() {
        return sink != null;
    }

    /** @return a run token for {@link #runExit}, or null when nothing was started */
    public static Object runEnter(String name) {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            return s.runEnter(name);
        } catch (Throwable t) {
            report("run start", t);
            return null;
        }
    }

    public static void runExit(Object frame, Throwable thrown) {
        Sink s = sink;
        if (s == null || frame == null) {
            return;
        }
        try {
            s.runExit(frame, thrown);
        } catch (Throwable t) {
            report("run finish", t);
        }
    }

    /** @return a task token for {@link #taskExit}, or null when nothing was started */
    public static Object taskEnter(String name, boolean logTiming) {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            return s.taskEnter(name, logTiming);
        } catch (Throwable t) {
            report("task start", t);
            return null;
        }
    }

    public static void taskExit(Object frame, Throwable thrown) {
        Sink s = sink;
        if (s == null || frame == null) {
            return;
        }
        try {
            s.taskExit(frame, thrown);
        } catch (Throwable t) {
            report("task finish", t);
        }
    }

    /**
     * The first half of a sub-task call; allocation-free so that a sub-task called millions of times
     * costs only its clock reads.
     *
     * @return the wall-clock start in nanoseconds, or {@link #INACTIVE} when no run or task is
     *     active on this thread (the call is then not timed at all)
     */
    public static long subTaskStart() {
        Sink s = sink;
        if (s == null) {
            return INACTIVE;
        }
        try {
            return s.subTaskStart();
        } catch (Throwable t) {
            report("sub-task start", t);
            return INACTIVE;
        }
    }

    /** @return this thread's CPU time in nanoseconds, or -1 when it cannot be measured */
    public static long threadCpuNanos() {
        Sink s = sink;
        if (s == null) {
            return -1L;
        }
        try {
            return s.threadCpuNanos();
        } catch (Throwable t) {
            report("cpu clock", t);
            return -1L;
        }
    }

    public static void subTaskEnd(String name, long startWall, long startCpu, Throwable thrown) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.subTaskEnd(name, startWall, startCpu, thrown);
        } catch (Throwable t) {
            report("sub-task finish", t);
        }
    }

    public static void setRun(String name) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.setRun(name);
        } catch (Throwable t) {
            report("TaskLog.setRun", t);
        }
    }

    public static void finishRun() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.finishRun();
        } catch (Throwable t) {
            report("TaskLog.finishRun", t);
        }
    }

    public static void setTask(String name, boolean logTiming) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.setTask(name, logTiming);
        } catch (Throwable t) {
            report("TaskLog.setTask", t);
        }
    }

    public static void finishTask() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.finishTask();
        } catch (Throwable t) {
            report("TaskLog.finishTask", t);
        }
    }

    public static void count(String name, long n) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.count(name, n);
        } catch (Throwable t) {
            report("TaskLog.count", t);
        }
    }

    public static void setExtraInfo(Map<String, ?> info) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.setExtraInfo(info);
        } catch (Throwable t) {
            report("TaskLog.setExtraInfo", t);
        }
    }

    public static void clearExtraInfo() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.clearExtraInfo();
        } catch (Throwable t) {
            report("TaskLog.clearExtraInfo", t);
        }
    }

    /** @return the timer's token for {@link #subTimerFinish}, or null */
    public static Object subTimerStart(String name) {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            return s.subTimerStart(name);
        } catch (Throwable t) {
            report("SubTimer.start", t);
            return null;
        }
    }

    public static void subTimerFinish(Object timer) {
        Sink s = sink;
        if (s == null || timer == null) {
            return;
        }
        try {
            s.subTimerFinish(timer);
        } catch (Throwable t) {
            report("SubTimer.finish", t);
        }
    }

    /**
     * Called for every event the application's logback passes to its appenders, on the thread
     * that logged it.
     *
     * @param event      logback's {@code ILoggingEvent}, passed through untouched
     * @param loggerName the event's logger
     * @param level      logback's level as an int (ERROR 40000, WARN 30000, INFO 20000, ...)
     */
    public static void logEvent(Object event, String loggerName, int level) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.logEvent(event, loggerName, level);
        } catch (Throwable t) {
            report("log event", t);
        }
    }

    /**
     * Woven before every SLF4J logging call of the application: the number under which the agent
     * registered that call's file and line when it loaded the class. Together with
     * {@link #callSiteDone()}, woven after the call, it tells the store where an event was logged
     * without walking the stack.
     *
     * @param site the call site's number
     */
    public static void callSite(int site) {
        CALL_SITE.get()[0] = site;
    }

    /** Woven after every SLF4J logging call of the application. */
    public static void callSiteDone() {
        CALL_SITE.get()[0] = 0;
    }

    /** @return the number of the logging call site executing on this thread, or 0 */
    public static int currentCallSite() {
        return CALL_SITE.get()[0];
    }

    /**
     * Reports an internal failure on stderr, once per place, so that a broken agent is visible
     * but never floods the application's output.
     *
     * @param where what the agent was doing
     * @param t     what went wrong
     */
    public static void report(String where, Throwable t) {
        if (REPORTED.add(where)) {
            System.err.println("[tasklog] internal error in " + where + " (reported once; the application continues): " + t);
        }
    }

    /**
     * Sets the debug filter settings the application's {@code DebugCallbacks} asks for.
     *
     * @param contexts {@code debug.contexts}
     * @param from     {@code debug.from}
     * @param to       {@code debug.to}
     */
    public static void setDebugSettings(String contexts, String from, String to) {
        debugSettings = new String[] {contexts, from, to};
    }

    /** @return a copy of {@code debug.contexts}, {@code debug.from}, {@code debug.to} */
    public static String[] debugSettings() {
        return debugSettings.clone();
    }

    /** @return the name of the innermost task on this thread, or null */
    public static String currentTaskName() {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            return s.currentTaskName();
        } catch (Throwable t) {
            report("current task name", t);
            return null;
        }
    }

    /** @return nanoseconds since the innermost run on this thread started, or -1 */
    public static long runElapsedNanos() {
        Sink s = sink;
        if (s == null) {
            return -1L;
        }
        try {
            return s.runElapsedNanos();
        } catch (Throwable t) {
            report("run elapsed time", t);
            return -1L;
        }
    }

    // ---- work handed to other threads

    /**
     * Woven where work is handed over (a {@code FutureTask} or {@code ForkJoinTask} is made, a
     * virtual thread is started): remembers the current task for that object.
     *
     * @param owner the object that carries the work
     */
    public static void captureFor(Object owner) {
        Sink s = sink;
        if (s == null || owner == null) {
            return;
        }
        try {
            Object context = s.captureContext();
            if (context != null) {
                ContextMap.put(owner, context);
            }
        } catch (Throwable t) {
            report("capture context", t);
        }
    }

    /**
     * Woven where handed-over work starts running: adopts the context remembered for it.
     *
     * @param owner the object that carries the work
     * @param keep  true when the work runs again (periodic), so the context stays remembered
     * @return a token for {@link #release}, or null
     */
    public static Object adoptFor(Object owner, boolean keep) {
        Sink s = sink;
        if (s == null || owner == null) {
            return null;
        }
        try {
            Object context = ContextMap.get(owner, keep);
            return context == null ? null : s.adopt(context);
        } catch (Throwable t) {
            report("adopt context", t);
            return null;
        }
    }

    /**
     * @param context a captured context, or null for none
     * @return a token for {@link #release}, or null
     */
    public static Object adopt(Object context) {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            return s.adopt(context);
        } catch (Throwable t) {
            report("adopt context", t);
            return null;
        }
    }

    /**
     * Woven at the start of a pool's worker loop: the loop itself runs in no task, whichever task
     * was active where the pool started the thread (its work then adopts its own).
     */
    public static void leaveContexts() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.leaveContexts();
        } catch (Throwable t) {
            report("leave contexts", t);
        }
    }

    /** @param token what an adopt method returned; null does nothing */
    public static void release(Object token) {
        Sink s = sink;
        if (s == null || token == null) {
            return;
        }
        try {
            s.release(token);
        } catch (Throwable t) {
            report("release context", t);
        }
    }

    /**
     * Woven into {@code ThreadPoolExecutor.execute}: a plain {@code Runnable} submitted inside a
     * task is wrapped to run in it.
     *
     * @param work the submitted work
     * @return the work itself, or a wrapper that carries the current task
     */
    public static Runnable wrap(Runnable work) {
        Sink s = sink;
        if (s == null || work == null || work instanceof ContextRunnable
                || work instanceof java.util.concurrent.FutureTask || work instanceof java.util.concurrent.ForkJoinTask) {
            return work;
        }
        try {
            Object context = s.captureContext();
            return context == null ? work : new ContextRunnable(work, context);
        } catch (Throwable t) {
            report("wrap work", t);
            return work;
        }
    }

    // ---- methods that return a future: timed until the future completes

    /**
     * Woven at the exit of a {@code @Task} method declared to return a {@code CompletionStage}:
     * a future that is not done yet keeps the task open until it completes.
     *
     * @param frame    what {@link #taskEnter} returned
     * @param thrown   what the method threw, or null
     * @param returned what it returned
     */
    public static void taskExitAsync(Object frame, Throwable thrown, Object returned) {
        Sink s = sink;
        if (s == null || frame == null) {
            return;
        }
        try {
            java.util.concurrent.CompletableFuture<?> future = pending(thrown, returned);
            if (future == null) {
                s.taskExit(frame, thrown);
                return;
            }
            s.detachTask(frame);
            future.whenComplete(new TaskCompletion(s, frame));
        } catch (Throwable t) {
            report("task exit (future)", t);
        }
    }

    /**
     * Woven at the exit of a {@code @SubTask} method declared to return a {@code CompletionStage}.
     *
     * @param name      the sub-task
     * @param startWall its start, or {@link #INACTIVE}
     * @param startCpu  the calling thread's CPU clock at its start, or -1
     * @param thrown    what the method threw, or null
     * @param returned  what it returned
     */
    public static void subTaskEndAsync(String name, long startWall, long startCpu, Throwable thrown, Object returned) {
        Sink s = sink;
        if (s == null || startWall == INACTIVE) {
            return;
        }
        try {
            java.util.concurrent.CompletableFuture<?> future = pending(thrown, returned);
            if (future == null) {
                s.subTaskEnd(name, startWall, startCpu, thrown);
                return;
            }
            Object owner = s.subTaskOwner();
            if (owner == null) {
                return;
            }
            long cpu = startCpu < 0 ? -1L : s.threadCpuNanos() - startCpu;
            future.whenComplete(new SubTaskCompletion(s, owner, name, startWall, cpu));
        } catch (Throwable t) {
            report("sub-task exit (future)", t);
        }
    }

    /** @return the returned future when it is one that is not done yet, else null */
    private static java.util.concurrent.CompletableFuture<?> pending(Throwable thrown, Object returned) {
        if (thrown != null || !(returned instanceof java.util.concurrent.CompletionStage)) {
            return null;
        }
        java.util.concurrent.CompletableFuture<?> future;
        try {
            future = ((java.util.concurrent.CompletionStage<?>) returned).toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return null; // a stage that cannot be observed as a future: timed until the method returned
        }
        return future.isDone() && !future.isCompletedExceptionally() ? null : future;
    }

    /** The failure a future completed with, without the wrapper the stages add. */
    static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Ends a task when its future completes. */
    private static final class TaskCompletion implements java.util.function.BiConsumer<Object, Throwable> {
        private final Sink sink;
        private final Object frame;

        TaskCompletion(Sink sink, Object frame) {
            this.sink = sink;
            this.frame = frame;
        }

        @Override
        public void accept(Object value, Throwable failure) {
            try {
                sink.finishDetached(frame, failure == null ? null : cause(failure));
            } catch (Throwable t) {
                report("task completion", t);
            }
        }
    }

    /** Records a sub-task when its future completes. */
    private static final class SubTaskCompletion implements java.util.function.BiConsumer<Object, Throwable> {
        private final Sink sink;
        private final Object owner;
        private final String name;
        private final long startWall;
        private final long cpu;

        SubTaskCompletion(Sink sink, Object owner, String name, long startWall, long cpu) {
            this.sink = sink;
            this.owner = owner;
            this.name = name;
            this.startWall = startWall;
            this.cpu = cpu;
        }

        @Override
        public void accept(Object value, Throwable failure) {
            try {
                sink.subTaskCompleted(owner, name, startWall, cpu, failure == null ? null : cause(failure));
            } catch (Throwable t) {
                report("sub-task completion", t);
            }
        }
    }
}
