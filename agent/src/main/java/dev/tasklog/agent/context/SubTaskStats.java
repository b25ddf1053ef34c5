package dev.tasklog.agent.context;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Every call of one sub-task name within one task, summed: calls, total and longest wall time,
 * total CPU time and failures. This is what keeps a sub-task called a million times from
 * flooding the log: only the first {@link #LOGGED_CALLS} calls get a line of their own.
 *
 * <p>The calls of the thread that first timed the name (almost always the task's own thread, in a
 * loop) are summed without a lock: they are the hot path, and an uncontended lock was 8 of the 58 ns
 * of a sub-task with {@code subtask.cpu=false}. Calls from other threads (work the task
 * handed out) are summed under a lock, separately. Readers add both up; the owner publishes its
 * sums with a release store of its call count, which a reader on another thread reads first.
 */
public final class SubTaskStats {

    /** Calls of one name per task that are logged one by one (see {@code dev.tasklog.SubTask}). */
    public static final int LOGGED_CALLS = 10;

    private static final VarHandle OWNER_CALLS;

    static {
        try {
            OWNER_CALLS = MethodHandles.lookup().findVarHandle(SubTaskStats.class, "ownerCalls", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int firstSeen;
    private final Thread owner;
    /** The owner thread's calls: written by it alone, published by the release store of {@link #ownerCalls}. */
    private final Sums own = new Sums();
    @SuppressWarnings("unused") // through OWNER_CALLS
    private long ownerCalls;
    /** Every other thread's calls, under its own lock. */
    private final Sums others = new Sums();
    /** {@code others.calls}, readable by the owner without taking the lock. */
    private volatile long othersCalls;

    SubTaskStats(String name, int firstSeen) {
        this.name = name;
        this.firstSeen = firstSeen;
        this.owner = Thread.currentThread();
    }

    /**
     * Adds one call.
     *
     * @param startWall the wall-clock reading at its start
     * @param wallNanos its wall time
     * @param cpuNanos  its CPU time, or negative when unknown
     * @param failed    whether it threw
     * @return the number of calls so far, this one included (calls on other threads at this moment
     *     may or may not be counted: it decides only which calls get a line of their own)
     */
    long record(long startWall, long wallNanos, long cpuNanos, boolean failed) {
        if (Thread.currentThread() == owner) {
            own.add(startWall, wallNanos, cpuNanos, failed);
            OWNER_CALLS.setRelease(this, own.calls);
            return own.calls + othersCalls;
        }
        synchronized (others) {
            others.add(startWall, wallNanos, cpuNanos, failed);
            othersCalls = others.calls;
            return others.calls + (long) OWNER_CALLS.getAcquire(this);
        }
    }

    /** Both sums added up, as far as the owner has published its own. */
    private Sums total() {
        Sums all = new Sums();
        long published = (long) OWNER_CALLS.getAcquire(this);
        if (published > 0) {
            all.merge(own);
            all.calls = published;
        }
        synchronized (others) {
            all.merge(others);
        }
        return all;
    }

    public String name() {
        return name;
    }

    int firstSeen() {
        return firstSeen;
    }

    public long calls() {
        return total().calls;
    }

    public long totalWallNanos() {
        return total().totalWall;
    }

    public long maxWallNanos() {
        return total().maxWall;
    }

    /** @return the summed CPU time, or -1 when any call's CPU time was unknown */
    public long totalCpuNanos() {
        Sums all = total();
        return all.cpuMissing ? -1L : all.totalCpu;
    }

    public long failures() {
        return total().failures;
    }

    /** @return the wall-clock reading at the start of the earliest call */
    public long firstStartWall() {
        return total().firstStartWall;
    }

    /** @return the wall-clock reading at the end of the latest call */
    public long lastEndWall() {
        return total().lastEndWall;
    }

    /** Running sums of calls. */
    private static final class Sums {
        long calls;
        long totalWall;
        long maxWall;
        long totalCpu;
        boolean cpuMissing;
        long failures;
        long firstStartWall = Long.MAX_VALUE;
        long lastEndWall = Long.MIN_VALUE;

        void add(long startWall, long wallNanos, long cpuNanos, boolean failed) {
            calls++;
            if (startWall < firstStartWall) {
                firstStartWall = startWall;
            }
            long end = startWall + wallNanos;
            if (end > lastEndWall) {
                lastEndWall = end;
            }
            totalWall += wallNanos;
            if (wallNanos > maxWall) {
                maxWall = wallNanos;
            }
            if (cpuNanos < 0) {
                cpuMissing = true;
            } else {
                totalCpu += cpuNanos;
            }
            if (failed) {
                failures++;
            }
        }

        void merge(Sums s) {
            calls += s.calls;
            totalWall += s.totalWall;
            maxWall = Math.max(maxWall, s.maxWall);
            totalCpu += s.totalCpu;
            cpuMissing |= s.cpuMissing;
            failures += s.failures;
            firstStartWall = Math.min(firstStartWall, s.firstStartWall);
            lastEndWall = Math.max(lastEndWall, s.lastEndWall);
        }
    }
}
