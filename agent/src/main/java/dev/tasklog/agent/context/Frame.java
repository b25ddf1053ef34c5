package dev.tasklog.agent.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run or task while it is active, and its result once finished. The fields that other threads
 * may touch (status, counters, sub-tasks) are thread-safe; the rest belongs to the thread that
 * started the frame.
 */
public final class Frame {

    /** What the frame is. */
    public enum Kind { RUN, TASK }

    private final Kind kind;
    private final String name;
    private final Frame parent;
    private final boolean logTiming;
    private final long startWall;
    private final long startCpu;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.OK);
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<String, SubTaskStats> subTasks = new ConcurrentHashMap<>();

    private long wallNanos = -1L;
    private long cpuNanos = -1L;
    private Throwable thrown;
    private volatile boolean finished;

    Frame(Kind kind, String name, Frame parent, boolean logTiming, long startWall, long startCpu) {
        this.kind = kind;
        this.name = name;
        this.parent = parent;
        this.logTiming = logTiming;
        this.startWall = startWall;
        this.startCpu = startCpu;
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

    void finish(long endWall, long endCpu, Throwable escaped) {
        wallNanos = endWall - startWall;
        cpuNanos = startCpu < 0 || endCpu < 0 ? -1L : endCpu - startCpu;
        thrown = escaped;
        if (escaped != null) {
            raise(Status.FAILED);
        }
        finished = true;
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

    /** @return CPU time in nanoseconds once finished, or -1 when it could not be measured */
    public long cpuNanos() {
        return cpuNanos;
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
