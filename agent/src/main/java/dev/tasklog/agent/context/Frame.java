package dev.tasklog.agent.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One run or task while it is active, and its result once finished. The fields that other threads
 * may touch (status, counters, sub-tasks) are thread-safe; the rest belongs to the thread that
 * started the frame.
 */
public final class Frame {

    /** What the frame is. */
    public enum Kind { RUN, TASK }

    private final long id;
    private final Kind kind;
    private final String name;
    private final Frame parent;
    private final boolean logTiming;
    private final long startWall;
    private final long startCpu;
    private final long startedAtMillis;
    private final String threadName;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.OK);
    /** CPU time of the starting thread up to the method's return, for a task that ends with its future; else -2. */
    private volatile long cpuAtDetach = -2L;
    /** CPU time other threads spent on work this frame handed them. */
    private final AtomicLong workerCpu = new AtomicLong();
    /** How many threads are running work of this frame right now. */
    private final AtomicInteger workers = new AtomicInteger();
    /** Set by work of this frame that did something after the frame finished, until that is reported. */
    private final AtomicBoolean lateWork = new AtomicBoolean();
    private long workerCpuAtFinish;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<String, SubTaskStats> subTasks = new ConcurrentHashMap<>();

    private long finishedAtMillis;
    private long wallNanos = -1L;
    /** CPU time of the frame's own thread (or threads, for a detached task), or -1 when unknown. */
    private long ownCpuNanos = -1L;
    private Throwable thrown;
    private volatile boolean finished;

    Frame(long id, Kind kind, String name, Frame parent, boolean logTiming, long startWall, long startCpu) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.parent = parent;
        this.logTiming = logTiming;
        this.startWall = startWall;
        this.startCpu = startCpu;
        this.startedAtMillis = System.currentTimeMillis();
        this.threadName = Thread.currentThread().getName();
    }

    /**
     * Makes the status at least as bad as {@code worse}.
     *
     * @param worse a status that applies to this frame
     */
    public void raise(Status worse) {
        status.accumulateAndGet(worse, Status::worst);
    }

    SubTaskStats subTask(String subTaskName) {
        SubTaskStats stats = subTasks.get(subTaskName);
        if (stats == null) {
            SubTaskStats fresh = new SubTaskStats(subTaskName, subTasks.size());
            stats = subTasks.putIfAbsent(subTaskName, fresh);
            if (stats == null) {
                stats = fresh;
            }
        }
        return stats;
    }

    /**
     * Ends the frame; only the first call counts (the frame's own thread and the shutdown hook may
     * both try).
     *
     * @return false when the frame was already finished
     */
    synchronized boolean finish(long endWall, long endCpu, Throwable escaped) {
        if (finished) {
            return false;
        }
        wallNanos = endWall - startWall;
        if (cpuAtDetach != -2L) {
            ownCpuNanos = cpuAtDetach;
        } else {
            ownCpuNanos = startCpu < 0 || endCpu < 0 ? -1L : endCpu - startCpu;
        }
        workerCpuAtFinish = workerCpu.get();
        thrown = escaped;
        finishedAtMillis = epochMillisAt(endWall);
        if (escaped != null) {
            raise(Status.FAILED);
        }
        finished = true;
        return true;
    }

    /**
     * Ends the frame as {@link Status#ABORTED}, from another thread (its CPU time is then unknown).
     *
     * @return false when the frame was already finished
     */
    synchronized boolean abort(long endWall) {
        if (!finish(endWall, -1L, null)) {
            return false;
        }
        raise(Status.ABORTED);
        return true;
    }

    /** @return how deep the frame is nested: 0 for a frame without parent */
    int depth() {
        int d = 0;
        for (Frame f = parent; f != null; f = f.parent) {
            d++;
        }
        return d;
    }

    /** @return this JVM's number for the frame; the store maps it to a database id */
    public long id() {
        return id;
    }

    /**
     * Converts a wall-clock reading taken during this frame into epoch milliseconds.
     *
     * @param wall a {@link Clock#wallNanos()} reading
     * @return the epoch milliseconds it corresponds to
     */
    public long epochMillisAt(long wall) {
        return startedAtMillis + Math.floorDiv(wall - startWall, 1_000_000L);
    }

    /** @return when the frame started, in epoch milliseconds */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** @return when the frame finished, in epoch milliseconds, once finished */
    public long finishedAtMillis() {
        return finishedAtMillis;
    }

    /** @return the name of the thread that started the frame */
    public String threadName() {
        return threadName;
    }

    /**
     * Adds CPU time another thread spent on work this frame handed it, to this frame and to the
     * frames it is part of (their own threads' clocks do not see it either).
     *
     * @param nanos the worker's CPU time for that work
     */
    void addWorkerCpu(long nanos) {
        for (Frame f = this; f != null; f = f.parent) {
            f.workerCpu.addAndGet(nanos);
        }
    }

    /**
     * Work of this frame did something (counted, logged, timed a sub-task, started) after the
     * frame finished: the frame's totals must be told again once that work has ended.
     */
    void markLateWork() {
        if (!lateWork.get()) {
            lateWork.set(true);
        }
    }

    /** @return true, once, when late work happened since the last call */
    boolean takeLateWork() {
        return lateWork.get() && lateWork.getAndSet(false);
    }

    /** @return CPU time added by work of this frame after it finished */
    public long lateCpuNanos() {
        return workerCpu.get() - workerCpuAtFinish;
    }

    /**
     * The task's method returned a future that is not done: its thread's part of the CPU time is
     * taken now; the task ends when the future completes, on whatever thread completes it.
     *
     * @param cpuNow the starting thread's CPU clock now, or -1
     */
    void detach(long cpuNow) {
        cpuAtDetach = startCpu < 0 || cpuNow < 0 ? -1L : cpuNow - startCpu;
    }

    void workerStarted() {
        workers.incrementAndGet();
    }

    /** @return how many threads are still running work of this frame */
    int workerEnded() {
        return workers.decrementAndGet();
    }

    /**
     * Before the frame ends: waits a moment for work that is still winding down on other threads.
     * The submitting thread sees a future complete before the worker has left the work, so
     * without this the last worker's CPU time would usually arrive just too late.
     *
     * @param graceNanos how long at most
     */
    void awaitWorkers(long graceNanos) {
        awaitWorkers(graceNanos, 0);
    }

    /**
     * @param graceNanos how long at most
     * @param mine       how many of the workers are the calling thread itself (not waited for)
     */
    void awaitWorkers(long graceNanos, int mine) {
        if (workers.get() <= mine) {
            return;
        }
        long deadline = System.nanoTime() + graceNanos;
        while (workers.get() > mine && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000L);
        }
    }

    /** @return the wall clock reading at start, in the clock's nanoseconds */
    public long startWall() {
        return startWall;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** @return the enclosing task or run, or null for a run or a task outside any run */
    public Frame parent() {
        return parent;
    }

    /** @return the run this frame belongs to (itself for a run), or null */
    public Frame run() {
        Frame f = this;
        while (f != null && f.kind != Kind.RUN) {
            f = f.parent;
        }
        return f;
    }

    public boolean logTiming() {
        return logTiming;
    }

    public Status status() {
        return status.get();
    }

    public Counters counters() {
        return counters;
    }

    /** @return the sub-task statistics, in the order their names were first called */
    public List<SubTaskStats> subTasks() {
        List<SubTaskStats> list = new ArrayList<>(subTasks.values());
        list.sort(Comparator.comparingInt(SubTaskStats::firstSeen));
        return list;
    }

    public boolean isFinished() {
        return finished;
    }

    /** @return wall time in nanoseconds once finished */
    public long wallNanos() {
        return wallNanos;
    }

    /**
     * @return CPU time in nanoseconds once finished, or -1 when it could not be measured: the
     *     frame's own thread and the work it handed to others, including such work still running
     *     after the frame finished
     */
    public long cpuNanos() {
        return ownCpuNanos < 0 ? -1L : ownCpuNanos + workerCpu.get();
    }

    /** @return the exception that escaped, or null */
    public Throwable thrown() {
        return thrown;
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
