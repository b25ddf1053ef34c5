package dev.tasklog.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Without the agent the annotations must cost nothing: the same calls in a JVM without it. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class WithoutAgentBenchmark {

    private final Workload work = new Workload();
    private int i;

    @Benchmark
    public int baseline() {
        return work.plain(++i);
    }

    @Benchmark
    public int subTaskWithoutAgent() {
        return work.subTask(++i);
    }

    @Benchmark
    public int taskWithoutAgent() {
        return work.task(++i);
    }
}
