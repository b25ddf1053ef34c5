package dev.tasklog.agent.context;

/**
 * Every call of one sub-task name within one task, summed: calls, total and longest wall time,
 * total CPU time and failures. This is what keeps a sub-task called a million times from
 * flooding the log: only the first {@link #LOGGED_CALLS} calls get a line of their own.
 */
public final class SubTaskStats {

    /** Calls of one name per task that are logged one by one (see {@code dev.tasklog.SubTask}). */
    public static final int LOGGED_CALLS = 10;

    private final String name;
    private final int firstSeen;
    private long calls;
    private long totalWall;
    private long maxWall;
    private long totalCpu;
    private boolean cpuMissing;
    private long failures;
    private long firstStartWall = Long.MAX_VALUE;
    private long lastEndWall = Long.MIN_VALUE;

    SubTaskStats(String name, int firstSeen) {
        this.name = name;
        this.firstSeen = firstSeen;
    }

    /**
     * Adds one call.
     *
     * @param startWall the wall-clock reading at its start
     * @param wallNanos its wall time
     * @param cpuNanos  its CPU time, or negative when unknown
     * @param failed    whether it threw
     * @return the number of calls so far, this one included
     */
    synchronized long record(long startWall, long wallNanos, long cpuNanos, boolean failed) {
        calls++;
        firstStartWall = Math.min(firstStartWall, startWall);
        lastEndWall = Math.max(lastEndWall, startWall + wallNanos);
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
        return calls;
    }

    public String name() {
        return name;
    }

    int firstSeen() {
        return firstSeen;
    }

    public synchronized long calls() {
        return calls;
    }

    public synchronized long totalWallNanos() {
        return totalWall;
    }

    public synchronized long maxWallNanos() {
        return maxWall;
    }

    /** @return the summed CPU time, or -1 when any call's CPU time was unknown */
    public synchronized long totalCpuNanos() {
        return cpuMissing ? -1L : totalCpu;
    }

    public synchronized long failures() {
        return failures;
    }

    /** @return the wall-clock reading at the start of the earliest call */
    public synchronized long firstStartWall() {
        return firstStartWall;
    }

    /** @return the wall-clock reading at the end of the latest call */
    public synchronized long lastEndWall() {
        return lastEndWall;
    }
}
