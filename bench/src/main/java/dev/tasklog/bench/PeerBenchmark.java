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
import org.slf4j.MDC;

/**
 * One trivial method timed by tasklog and by OpenTelemetry. Which agent (if any) a method runs
 * under is chosen by {@link PeerComparisonMain}, which runs each method in a JVM of its own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeerBenchmark {

    /**
     * A run and a task open on the benchmark thread for the whole trial, as in a real job (the
     * approach of {@link WovenCallBenchmark}); without the tasklog agent the calls do nothing.
     */
    @State(Scope.Thread)
    public static class InTask {
        final PeerWorkload work = new PeerWorkload();
        int i;

        @Setup(Level.Trial)
        public void start() {
            TaskLog.setRun("bench.peer");
            TaskLog.setTask("bench.peer.outer", true);
            // Without the agent the calls above do nothing, and the line would time a plain call.
            if (!"bench.peer.outer".equals(MDC.get("tasklog.task"))) {
                throw new IllegalStateException("no task active: is the tasklog agent attached?");
            }
        }

        @TearDown(Level.Trial)
        public void finish() {
            TaskLog.finishTask();
            TaskLog.finishRun();
        }
    }

    /** Nothing open: no run, no task, no span. */
    @State(Scope.Thread)
    public static class Idle {
        final PeerWorkload work = new PeerWorkload();
        int i;
    }

    /** Nothing open; the OpenTelemetry agent must have instrumented both of its methods. */
    @State(Scope.Thread)
    public static class Traced {
        final PeerWorkload work = new PeerWorkload();
        int i;

        @Setup(Level.Trial)
        public void check() {
            // Without the agent (or with a setting it ignored) the line would time a plain call.
            if (!work.withSpanSeesSpan() || !work.configuredSeesSpan()) {
                throw new IllegalStateException("no span inside the traced methods: is the OpenTelemetry agent attached"
                        + " with otel.instrumentation.methods.include=" + PeerWorkload.CONFIGURED + "?");
            }
        }
    }

    @Benchmark
    public int baseline(Idle s) {
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
    public int subTaskOutsideRun(Idle s) {
        return s.work.subTask(++s.i);
    }

    @Benchmark
    public int withSpan(Traced s) {
        return s.work.withSpan(++s.i);
    }

    @Benchmark
    public int methodsInclude(Traced s) {
        return s.work.configured(++s.i);
    }
}
