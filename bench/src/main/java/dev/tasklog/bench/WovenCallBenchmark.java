package dev.tasklog.bench;

import dev.tasklog.TaskLog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Per-call cost of a woven method against the same method unannotated, all in one JVM that runs
 * under the agent ({@link BenchMain} adds {@code -javaagent}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WovenCallBenchmark {

    /** A run and a task active on the benchmark thread, as in a real job. */
    @State(Scope.Thread)
    public static class InTask {
        final Workload work = new Workload();
        int i;

        @Setup(Level.Trial)
        public void start() {
            TaskLog.setRun("bench");
            TaskLog.setTask("bench.outer", true);
        }

        @TearDown(Level.Trial)
        public void finish() {
            TaskLog.finishTask();
            TaskLog.finishRun();
        }
    }

    /** Nothing active: the annotated method is called outside any run. */
    @State(Scope.Thread)
    public static class Idle {
        final Workload work = new Workload();
        int i;
    }

    @Benchmark
    public int baseline(InTask s) {
        return s.work.plain(++s.i);
    }

    @Benchmark
    public int subTaskInTask(InTask s) {
        return s.work.subTask(++s.i);
    }

    @Benchmark
    public int taskInTask(InTask s) {
        return s.work.task(++s.i);
    }

    @Benchmark
    public int baselineOutsideRun(Idle s) {
        return s.work.plain(++s.i);
    }

    @Benchmark
    public int subTaskOutsideRun(Idle s) {
        return s.work.subTask(++s.i);
    }
}
