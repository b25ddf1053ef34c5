package dev.tasklog.agent.context;

import dev.tasklog.agent.bootstrap.Sink;
import dev.tasklog.agent.output.LineSink;
import dev.tasklog.agent.util.Diagnostics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's runtime: keeps the runs and tasks of every thread, times them, sums their counters
 * and sub-tasks, derives their statuses from the events logged while they are active, and tells
 * its {@link FrameListener} (the console lines, the store) what happened.
 *
 * <p>Pairing: a {@code @Run}/{@code @Task} method gets its frame back at exit, so it always
 * finishes exactly what it started, even when a facade call in between left a task open (frames
 * still open above it are finished first). A {@code @Run} entered while a run is active on the
 * thread joins that run. {@code TaskLog.setRun} while a run is active finishes that run first.
 */
public final class TaskRecorder implements Sink {

    static final String MDC_RUN = "tasklog.run";
    static final String MDC_TASK = "tasklog.task";
    /** How long a finishing frame waits for work of its own still winding down on other threads. */
    static final long WORKER_GRACE_NANOS = 20_000_000L;

    private final Clock clock;
    private final FrameListener listener;
    private final LogEventListener events;
    private final LineSink mdc;
    private final ThreadLocal<ThreadContext> contexts = new ThreadLocal<ThreadContext>() {
        @Override
        protected ThreadContext initialValue() {
            return new ThreadContext();
        }
    };
    /**
     * Runs and tasks open on any thread, plus threads working for one: when zero, sub-tasks and
     * log events need no look-up at all.
     */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong frameIds = new AtomicLong();
    /** Every frame not yet finished, on any thread, for {@link #abortOpenFrames()} at exit. */
    private final Set<Frame> openFrames = ConcurrentHashMap.newKeySet();
    /** {@code subtask.cpu}: whether sub-tasks read the thread's CPU clock (a system call of some 200 ns, twice per call). */
    private volatile boolean subTaskCpu = true;
    /** Counted down once the JDK's concurrency classes are woven; null from then on. */
    private volatile CountDownLatch weaving;

    /**
     * @param clock    wall and CPU clocks
     * @param listener told about every start and finish
     * @param mdc      the application's MDC (via its logging)
     */
    public TaskRecorder(Clock clock, FrameListener listener, LineSink mdc) {
        this(clock, listener, LogEventListener.NONE, mdc);
    }

    /**
     * @param clock    wall and CPU clocks
     * @param listener told about every start and finish
     * @param events   told about every application log event
     * @param mdc      the application's MDC (via its logging)
     */
    public TaskRecorder(Clock clock, FrameListener listener, LogEventListener events, LineSink mdc) {
        this.clock = clock;
        this.listener = listener;
        this.events = events;
        this.mdc = mdc;
    }

    // ---- runs and tasks

    @Override
    public Object runEnter(String name) {
        ThreadContext ctx = contexts.get();
        if (ctx.innermost(Frame.Kind.RUN) != null) {
            return null;
        }
        return start(ctx, Frame.Kind.RUN, name, true);
    }

    @Override
    public void runExit(Object frame, Throwable thrown) {
        finish(contexts.get(), (Frame) frame, thrown);
    }

    @Override
    public Object taskEnter(String name, boolean logTiming) {
        return start(contexts.get(), Frame.Kind.TASK, name, logTiming);
    }

    @Override
    public void taskExit(Object frame, Throwable thrown) {
        finish(contexts.get(), (Frame) frame, thrown);
    }

    @Override
    public void detachTask(Object frame) {
        Frame f = (Frame) frame;
        ThreadContext ctx = contexts.get();
        if (f == null || f.isFinished() || !ctx.contains(f)) {
            return;
        }
        while (ctx.top() != f) {
            finishTop(ctx, ctx.top(), null);
        }
        f.detach(clock.cpuNanos());
        ctx.pop(f);
        restoreMdc(f);
    }

    @Override
    public void finishDetached(Object frame, Throwable thrown) {
        Frame f = (Frame) frame;
        f.awaitWorkers(WORKER_GRACE_NANOS, adoptionsOf(f));
        if (!f.finish(clock.wallNanos(), -1L, thrown)) {
            return;
        }
        listener.finished(f);
        open.decrementAndGet();
        openFrames.remove(f);
        Frame parent = f.parent();
        if (parent != null) {
            parent.raise(f.status());
        }
    }

    /** @return how many of this thread's adoptions are of {@code frame} */
    private int adoptionsOf(Frame frame) {
        int n = 0;
        for (Adoption a = (Adoption) contexts.get().adoption(); a != null; a = a.outer) {
            if (a.adopted == frame && !a.released) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Object subTaskOwner() {
        return open.get() == 0 ? null : contexts.get().top();
    }

    @Override
    public void subTaskCompleted(Object owner, String name, long startWall, long cpu, Throwable thrown) {
        recordSubTask((Frame) owner, name, startWall, clock.wallNanos() - startWall, cpu, thrown);
    }

    @Override
    public void setRun(String name) {
        ThreadContext ctx = contexts.get();
        Frame active = ctx.innermost(Frame.Kind.RUN);
        if (active != null) {
            finish(ctx, active, null);
        }
        start(ctx, Frame.Kind.RUN, name, true);
    }

    @Override
    public void finishRun() {
        finishInnermost(Frame.Kind.RUN, "TaskLog.finishRun()");
    }

    @Override
    public void setTask(String name, boolean logTiming) {
        start(contexts.get(), Frame.Kind.TASK, name, logTiming);
    }

    @Override
    public void finishTask() {
        finishInnermost(Frame.Kind.TASK, "TaskLog.finishTask()");
    }

    private void finishInnermost(Frame.Kind kind, String call) {
        ThreadContext ctx = contexts.get();
        Frame frame = ctx.innermost(kind);
        if (frame == null) {
            Diagnostics.once(call, call + " called with no " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " active on thread " + Thread.currentThread().getName() + "; ignored (reported once)");
            return;
        }
        finish(ctx, frame, null);
    }

    /**
     * The first run or task waits for {@code woven} (at most 10 s): the weaving of the JDK's
     * concurrency classes is set up in the background, and work a task hands to other threads
     * must be followed from its first moment.
     *
     * @param woven counted down when the weaving is in place
     */
    public void waitBeforeFirstFrame(CountDownLatch woven) {
        weaving = woven;
    }

    private void awaitWeaving() {
        CountDownLatch w = weaving;
        if (w == null) {
            return;
        }
        try {
            if (!w.await(10, TimeUnit.SECONDS)) {
                Diagnostics.once("weaving-slow", "the weaving of the JDK's thread pools is not in place after 10 s; work"
                        + " handed to other threads may not be followed until it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        weaving = null;
    }

    private Frame start(ThreadContext ctx, Frame.Kind kind, String name, boolean logTiming) {
        if (weaving != null) {
            awaitWeaving();
        }
        Frame parent = ctx.top();
        if (parent != null && parent.isFinished()) {
            parent.markLateWork(); // late work of a finished task starting a task of its own
        }
        String safeName = name == null || name.isEmpty() ? "(unnamed)" : name;
        long wall = clock.wallNanos();
        Frame frame = new Frame(frameIds.incrementAndGet(), kind, safeName, parent, logTiming, wall, clock.cpuNanos());
        ctx.push(frame);
        open.incrementAndGet();
        openFrames.add(frame);
        mdc.putMdc(kind == Frame.Kind.RUN ? MDC_RUN : MDC_TASK, safeName);
        listener.started(frame);
        return frame;
    }

    private void finish(ThreadContext ctx, Frame frame, Throwable thrown) {
        if (frame == null || frame.isFinished()) {
            return;
        }
        if (!ctx.contains(frame)) {
            Diagnostics.once("foreign-finish", frame + " was finished on thread " + Thread.currentThread().getName()
                    + ", not the thread that started it; ignored (reported once)");
            return;
        }
        while (ctx.top() != frame) {
            finishTop(ctx, ctx.top(), null);
        }
        finishTop(ctx, frame, thrown);
    }

    private void finishTop(ThreadContext ctx, Frame frame, Throwable thrown) {
        frame.awaitWorkers(WORKER_GRACE_NANOS);
        long wall = clock.wallNanos();
        boolean first = frame.finish(wall, clock.cpuNanos(), thrown);
        if (first) {
            // Told while the frame is still the innermost: the lines written at its end are its own.
            listener.finished(frame);
        }
        ctx.pop(frame);
        open.decrementAndGet();
        openFrames.remove(frame);
        if (!first) {
            return; // aborted at exit meanwhile: already reported
        }
        Frame parent = frame.parent();
        if (parent != null) {
            parent.raise(frame.status());
        }
        restoreMdc(frame);
    }

    private void restoreMdc(Frame finished) {
        setMdcFor(finished.parent());
    }

    /**
     * Ends every run and task still active, on any thread, as {@link Status#ABORTED}: called when
     * the JVM shuts down (for example by {@code System.exit} inside a run), so that they are
     * reported and stored as ended rather than left running.
     *
     * @return how many frames were aborted
     */
    public int abortOpenFrames() {
        if (openFrames.isEmpty()) {
            return 0;
        }
        List<Frame> frames = new ArrayList<>(openFrames);
        frames.sort(Comparator.comparingInt(Frame::depth).reversed());
        int aborted = 0;
        long wall = clock.wallNanos();
        for (Frame f : frames) {
            if (f.abort(wall)) {
                openFrames.remove(f);
                listener.finished(f);
                aborted++;
            }
        }
        return aborted;
    }

    // ---- sub-tasks: the hot path, allocation-free

    @Override
    public long subTaskStart() {
        if (open.get() == 0 || contexts.get().top() == null) {
            return INACTIVE;
        }
        return clock.wallNanos();
    }

    @Override
    public long threadCpuNanos() {
        return subTaskCpu ? clock.cpuNanos() : -1L;
    }

    /**
     * @param on false: sub-tasks are timed by the wall clock only, their CPU time is unknown (-1);
     *           runs and tasks keep their CPU time
     */
    public void timeSubTaskCpu(boolean on) {
        subTaskCpu = on;
    }

    @Override
    public void subTaskEnd(String name, long startWall, long startCpu, Throwable thrown) {
        long wall = clock.wallNanos() - startWall;
        long cpu = startCpu < 0 ? -1L : clock.cpuNanos() - startCpu;
        ThreadContext ctx = contexts.get();
        Frame owner = ctx.top();
        if (owner != null) {
            recordSubTask(owner, ctx.subTaskOfTop(name), name, startWall, wall, cpu, thrown);
        }
    }

    private void recordSubTask(Frame owner, String name, long startWall, long wall, long cpu, Throwable thrown) {
        recordSubTask(owner, owner.subTask(name), name, startWall, wall, cpu, thrown);
    }

    private void recordSubTask(Frame owner, SubTaskStats stats, String name, long startWall, long wall, long cpu,
                               Throwable thrown) {
        if (owner.isFinished()) {
            owner.markLateWork();
        }
        long call = stats.record(startWall, wall, cpu, thrown != null);
        if (call <= SubTaskStats.LOGGED_CALLS) {
            // later calls of the name are only summed (see FrameListener#subTaskFinished)
            listener.subTaskFinished(owner, name, wall, cpu, thrown, call);
        }
    }

    @Override
    public Object subTimerStart(String name) {
        if (open.get() == 0) {
            return null;
        }
        Frame owner = contexts.get().top();
        if (owner == null) {
            return null;
        }
        long wall = clock.wallNanos();
        return new SubTimerState(owner, name == null ? "(unnamed)" : name, Thread.currentThread(), wall, clock.cpuNanos());
    }

    @Override
    public void subTimerFinish(Object timer) {
        SubTimerState state = (SubTimerState) timer;
        long wall = clock.wallNanos() - state.startWall;
        // CPU time is per thread: a timer finished on another thread has no meaningful CPU figure.
        long cpu = state.startCpu < 0 || state.thread != Thread.currentThread() ? -1L : clock.cpuNanos() - state.startCpu;
        recordSubTask(state.owner, state.name, state.startWall, wall, cpu, null);
    }

    /** A running {@code SubTimer}. */
    private static final class SubTimerState {
        final Frame owner;
        final String name;
        final Thread thread;
        final long startWall;
        final long startCpu;

        SubTimerState(Frame owner, String name, Thread thread, long startWall, long startCpu) {
            this.owner = owner;
            this.name = name;
            this.thread = thread;
            this.startWall = startWall;
            this.startCpu = startCpu;
        }
    }

    // ---- counters, extra info, log events

    @Override
    public void count(String name, long n) {
        Frame task = open.get() == 0 ? null : contexts.get().innermost(Frame.Kind.TASK);
        if (task == null) {
            Diagnostics.once("count-outside", "TaskLog.count(\"" + name + "\") called with no task active on thread "
                    + Thread.currentThread().getName() + "; not counted (reported once)");
            return;
        }
        if (name == null) {
            Diagnostics.once("count-null", "TaskLog.count(null) in task " + task.name() + "; not counted (reported once)");
            return;
        }
        task.counters().add(name, n);
        if (task.isFinished()) {
            task.markLateWork(); // after the count, so that the report of the late work includes it
        }
    }

    @Override
    public void setExtraInfo(Map<String, ?> info) {
        contexts.get().setExtraInfo(info);
    }

    @Override
    public void clearExtraInfo() {
        contexts.get().setExtraInfo(null);
    }

    /**
     * @return the fields of {@code TaskLog.setExtraInfo} active on this thread
     */
    public Map<String, Object> extraInfo() {
        return contexts.get().extraInfo();
    }

    /**
     * @return the innermost run or task active on this thread, or null
     */
    public Frame current() {
        return open.get() == 0 ? null : contexts.get().top();
    }

    // ---- work handed to other threads

    @Override
    public Object captureContext() {
        return open.get() == 0 ? null : contexts.get().top();
    }

    @Override
    public Object adopt(Object context) {
        Frame adopted = (Frame) context;
        ThreadContext ctx = contexts.get();
        Frame previous = ctx.top();
        if (previous == adopted) {
            return null; // already this thread's (work nested in work of the same task)
        }
        ctx.replaceTop(adopted);
        setMdcFor(adopted);
        if (adopted != null) {
            adopted.workerStarted();
            open.incrementAndGet(); // the frame may finish meanwhile; its work still looks it up
        }
        Adoption a = new Adoption(adopted, previous, adopted == null ? -1L : clock.cpuNanos(), (Adoption) ctx.adoption());
        ctx.adoption(a);
        return a;
    }

    @Override
    public void leaveContexts() {
        ThreadContext ctx = contexts.get();
        for (Adoption a = (Adoption) ctx.adoption(); a != null; a = (Adoption) ctx.adoption()) {
            release(a);
        }
        ctx.replaceTop(null);
        setMdcFor(null);
    }

    @Override
    public void release(Object token) {
        Adoption a = (Adoption) token;
        if (a.released) {
            return; // left already (a pool's worker loop leaves what its thread was started with)
        }
        a.released = true;
        ThreadContext ctx = contexts.get();
        // Runs or tasks the work started and left open end with it: a pooled thread keeps nothing.
        while (ctx.top() != null && ctx.top() != a.adopted && ctx.top() != a.previous) {
            finishTop(ctx, ctx.top(), null);
        }
        if (a.adopted != null) {
            long cpu = clock.cpuNanos();
            if (cpu >= 0 && a.startCpu >= 0) {
                a.adopted.addWorkerCpu(cpu - a.startCpu);
            }
            if (a.adopted.workerEnded() == 0 && a.adopted.isFinished() && a.adopted.takeLateWork()) {
                lateWorkEnded(a.adopted);
            }
            open.decrementAndGet();
        }
        ctx.replaceTop(a.previous);
        ctx.adoption(a.outer);
        setMdcFor(a.previous);
    }

    /**
     * The last work of a finished frame that did something after the frame's end has ended: the
     * frame's totals (CPU time, counters, sub-tasks, status) are told again, and so are those of
     * the finished frames it is part of. Called while the frame is still this thread's context, so
     * the line that flags the late work is logged under it.
     */
    private void lateWorkEnded(Frame frame) {
        for (Frame f = frame; f.parent() != null; f = f.parent()) {
            f.parent().raise(f.status());
        }
        long endWall = frame.startWall() + frame.wallNanos();
        listener.lateWorkEnded(frame, clock.wallNanos() - endWall);
    }

    private void setMdcFor(Frame top) {
        Frame run = top;
        while (run != null && run.kind() != Frame.Kind.RUN) {
            run = run.parent();
        }
        Frame task = top;
        while (task != null && task.kind() != Frame.Kind.TASK) {
            task = task.parent();
        }
        if (run == null) {
            mdc.removeMdc(MDC_RUN);
        } else {
            mdc.putMdc(MDC_RUN, run.name());
        }
        if (task == null) {
            mdc.removeMdc(MDC_TASK);
        } else {
            mdc.putMdc(MDC_TASK, task.name());
        }
    }

    /** A context adopted by a thread, and what to go back to. */
    private static final class Adoption {
        final Frame adopted;
        final Frame previous;
        final long startCpu;
        final Adoption outer;
        boolean released;

        Adoption(Frame adopted, Frame previous, long startCpu, Adoption outer) {
            this.adopted = adopted;
            this.previous = previous;
            this.startCpu = startCpu;
            this.outer = outer;
        }
    }

    @Override
    public String currentTaskName() {
        if (open.get() == 0) {
            return null;
        }
        Frame task = contexts.get().innermost(Frame.Kind.TASK);
        return task == null ? null : task.name();
    }

    @Override
    public long runElapsedNanos() {
        if (open.get() == 0) {
            return -1L;
        }
        Frame run = contexts.get().innermost(Frame.Kind.RUN);
        return run == null ? -1L : clock.wallNanos() - run.startWall();
    }

    @Override
    public void logEvent(Object event, String loggerName, int level) {
        ThreadContext ctx = contexts.get();
        Frame top = open.get() == 0 ? null : ctx.top();
        if (top != null) {
            if (top.isFinished() && !Loggers.isOwn(loggerName)) {
                top.markLateWork();
            }
            Status status = Status.ofEvent(loggerName, level);
            if (status != Status.OK) {
                top.raise(status);
            }
        }
        events.onEvent(event, loggerName, level, top, ctx.extraInfo());
    }
}
