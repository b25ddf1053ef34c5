package dev.tasklog.bench;

import dev.tasklog.agent.bootstrap.Hooks;
import dev.tasklog.agent.logback.CallSites;
import dev.tasklog.agent.logback.CallerLocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What it costs the logging thread to learn the file and line of an event: the agent's numbered
 * call site (a thread-local read, woven around every SLF4J call) against a stack walk, from a stack
 * as deep as a logback appender call (the first frames below belong to "the logging framework" as
 * the walk sees it: none here, so the walk stops at the first frame, its cheapest case). Runs
 * under the agent, whose classes it calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CallerCaptureBenchmark {

    private int site;

    @Setup
    public void register() {
        site = CallSites.register("Job.java", 42);
    }

    @Benchmark
    public Object numberedCallSite() {
        Hooks.callSite(site);
        Object caller = CallerLocator.find();
        Hooks.callSiteDone();
        return caller;
    }

    @Benchmark
    public Object stackWalk() {
        return deep(12);
    }

    private static Object deep(int depth) {
        return depth == 0 ? CallerLocator.find() : deep(depth - 1);
    }
}
