package dev.tasklog.bench;

import dev.tasklog.TaskLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code TaskLog.count} against a plain {@link LongAdder} increment, from 1 and from 4 threads,
 * under the agent ({@link BenchMain}). Each benchmark thread counts in a task of its own (a JMH
 * thread cannot adopt another thread's task); the adder is shared, as a task's counter is when
 * its work fans out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountBenchmark {

    /** A run and a task active on the benchmark thread. */
    @State(Scope.Thread)
    public static class InTask {
        @Setup(Level.Trial)
        public void start() {
            TaskLog.setRun("bench-count");
            TaskLog.setTask("count", false);
        }

        @TearDown(Level.Trial)
        public void finish() {
            TaskLog.finishTask();
            TaskLog.finishRun();
        }
    }

    /** One adder for all threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        final LongAdder adder = new LongAdder();
    }

    @Benchmark
    @Threads(1)
    public void adderOneThread(Shared s) {
        s.adder.increment();
    }

    @Benchmark
    @Threads(1)
    public void countOneThread(InTask s) {
        TaskLog.count("rows");
    }

    @Benchmark
    @Threads(4)
    public void adderFourThreads(Shared s) {
        s.adder.increment();
    }

    @Benchmark
    @Threads(4)
    public void countFourThreads(InTask s) {
        TaskLog.count("rows");
    }
}
