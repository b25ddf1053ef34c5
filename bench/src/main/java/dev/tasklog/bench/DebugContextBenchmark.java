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
 * A woven method of a {@code DebugContext} with DEBUG off for its logger, against the same method
 * on an object that is not a context; run under the agent with {@code -prof gc} by
 * {@link BenchMain}, which reports the bytes allocated per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DebugContextBenchmark {

    /** A run and a task active, both objects ready. */
    @State(Scope.Thread)
    public static class InTask {
        final Workload plain = new Workload();
        final DebugWorkload context = new DebugWorkload();
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

    /** Nothing active: what remains of a sub-task call is the weaving itself, so the debug check shows. */
    @State(Scope.Thread)
    public static class Idle {
        final Workload plain = new Workload();
        final DebugWorkload context = new DebugWorkload();
        int i;
    }

    @Benchmark
    public int subTaskWithoutContextOutsideRun(Idle s) {
        return s.plain.subTask(++s.i);
    }

    @Benchmark
    public int subTaskOfContextDebugOffOutsideRun(Idle s) {
        return s.context.subTask(++s.i);
    }

    @Benchmark
    public int subTaskWithoutContext(InTask s) {
        return s.plain.subTask(++s.i);
    }

    @Benchmark
    public int subTaskOfContextDebugOff(InTask s) {
        return s.context.subTask(++s.i);
    }

    @Benchmark
    public int taskWithoutContext(InTask s) {
        return s.plain.task(++s.i);
    }

    @Benchmark
    public int taskOfContextDebugOff(InTask s) {
        return s.context.task(++s.i);
    }
}
