package dev.tasklog.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The floor of any timed call: two wall-clock and two thread-CPU readings (what tasklog reads, see
 * the agent's {@code Clock}); and two wall-clock readings alone, the floor of a sub-task with
 * {@code subtask.cpu=false}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ClockFloorBenchmark {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Benchmark
    public void twoWallTwoCpuReads(Blackhole bh) {
        long w = System.nanoTime();
        long c = threads.getCurrentThreadCpuTime();
        bh.consume(System.nanoTime() - w);
        bh.consume(threads.getCurrentThreadCpuTime() - c);
    }

    @Benchmark
    public void twoWallReads(Blackhole bh) {
        long w = System.nanoTime();
        bh.consume(System.nanoTime() - w);
    }
}
