package dev.tasklog.agent.context;

/** A clock the test moves by hand. */
public final class FakeClock implements Clock {
    public long wall;
    public long cpu;

    public void advance(long wallNanos, long cpuNanos) {
        wall += wallNanos;
        cpu = cpu < 0 ? cpu : cpu + cpuNanos;
    }

    @Override
    public long wallNanos() {
        return wall;
    }

    @Override
    public long cpuNanos() {
        return cpu;
    }
}
