package dev.tasklog.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks in two JVMs (one under the agent, one without) and prints each result with
 * its ratio to the baseline measured in the same JVM.
 *
 * <pre>java -jar bench/target/benchmarks.jar [path/to/tasklog.jar] [--quick]</pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Path.of("agent/target/tasklog.jar");
        boolean quick = false;
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                agent = Path.of(a);
            }
        }
        if (!Files.isRegularFile(agent)) {
            System.err.println("agent jar not found: " + agent.toAbsolutePath() + " (build it first: mvn -B package -DskipTests)");
            System.exit(2);
        }
        // Console lines and store off: the benchmark measures the woven call itself, not the console
        // or the database (the store's own benchmark is StoreThroughputMain).
        String javaagent = "-javaagent:" + agent.toAbsolutePath() + "=console=false,store=false";

        List<RunResult> results = new ArrayList<>();
        results.addAll(run(options(quick).include(WovenCallBenchmark.class.getSimpleName())
                .include(ClockFloorBenchmark.class.getSimpleName() + ".twoWallTwoCpuReads")
                .include(CallerCaptureBenchmark.class.getSimpleName())
                .include(CountBenchmark.class.getSimpleName())
                .jvmArgsAppend(javaagent)));
        results.addAll(run(options(quick).include(WithoutAgentBenchmark.class.getSimpleName())));
        // One INFO event on the application thread: stored by tasklog, against a FileAppender.
        Path eventsFile = Files.createTempFile("tasklog-bench", ".log");
        RunResult stored = single(run(new OptionsBuilder().forks(1).include(StoredEventBenchmark.class.getSimpleName())
                .jvmArgsAppend("-javaagent:" + agent.toAbsolutePath() + "=console=false",
                        "-Dlogback.configurationFile=bench/nop-logback.xml")));
        RunResult file = single(run(new OptionsBuilder().forks(1).include(StoredEventBenchmark.class.getSimpleName())
                .jvmArgsAppend("-Dlogback.configurationFile=bench/file-logback.xml", "-Dbench.file=" + eventsFile)));
        Files.deleteIfExists(eventsFile);
        // DebugContext methods with DEBUG off (the configuration's root level is INFO), with the
        // allocation profiler: the callback path must allocate nothing.
        List<RunResult> debug = new ArrayList<>(run(options(quick).include(DebugContextBenchmark.class.getSimpleName())
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(javaagent, "-Dlogback.configurationFile=bench/nop-logback.xml")));

        System.out.println();
        System.out.println("JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores; ns/op, mean ± 99.9% error; ratio to the first line of each group (measured in the same JVM)");
        System.out.println(String.format(Locale.ROOT, "%-52s %12s %10s %8s", "benchmark", "ns/op", "error", "ratio"));
        print(results, "WovenCallBenchmark.baseline", "WovenCallBenchmark.baseline", "WovenCallBenchmark.subTaskInTask",
                "WovenCallBenchmark.taskInTask");
        print(results, "WovenCallBenchmark.baselineOutsideRun", "WovenCallBenchmark.baselineOutsideRun",
                "WovenCallBenchmark.subTaskOutsideRun");
        print(results, "ClockFloorBenchmark.twoWallTwoCpuReads", "ClockFloorBenchmark.twoWallTwoCpuReads",
                "WovenCallBenchmark.subTaskInTask", "WovenCallBenchmark.taskInTask");
        print(results, "CountBenchmark.adderOneThread", "CountBenchmark.adderOneThread", "CountBenchmark.countOneThread");
        print(results, "CountBenchmark.adderFourThreads", "CountBenchmark.adderFourThreads", "CountBenchmark.countFourThreads");
        print(results, "CallerCaptureBenchmark.stackWalk", "CallerCaptureBenchmark.stackWalk",
                "CallerCaptureBenchmark.numberedCallSite");
        print(results, "WithoutAgentBenchmark.baseline", "WithoutAgentBenchmark.baseline",
                "WithoutAgentBenchmark.subTaskWithoutAgent", "WithoutAgentBenchmark.taskWithoutAgent");
        printWithAllocation(debug, "DebugContextBenchmark.subTaskWithoutContext", "DebugContextBenchmark.subTaskWithoutContext",
                "DebugContextBenchmark.subTaskOfContextDebugOff");
        printWithAllocation(debug, "DebugContextBenchmark.subTaskWithoutContextOutsideRun",
                "DebugContextBenchmark.subTaskWithoutContextOutsideRun", "DebugContextBenchmark.subTaskOfContextDebugOffOutsideRun");
        printWithAllocation(debug, "DebugContextBenchmark.taskWithoutContext", "DebugContextBenchmark.taskWithoutContext",
                "DebugContextBenchmark.taskOfContextDebugOff");
        double perFileEvent = file.getPrimaryResult().getScore() * 1000 / StoredEventBenchmark.BURST;
        double perStoredEvent = stored.getPrimaryResult().getScore() * 1000 / StoredEventBenchmark.BURST;
        System.out.println(String.format(Locale.ROOT, "%-52s %12.2f %10.2f %7.2fx", "one INFO event into a logback FileAppender",
                perFileEvent, file.getPrimaryResult().getScoreError() * 1000 / StoredEventBenchmark.BURST, 1.0));
        System.out.println(String.format(Locale.ROOT, "%-52s %12.2f %10.2f %7.2fx", "one INFO event stored by tasklog",
                perStoredEvent, stored.getPrimaryResult().getScoreError() * 1000 / StoredEventBenchmark.BURST,
                perStoredEvent / perFileEvent));
    }

    private static RunResult single(Collection<RunResult> results) {
        return results.iterator().next();
    }

    private static ChainedOptionsBuilder options(boolean quick) {
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(quick ? 3 : 10)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.seconds(1));
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
        return new Runner(options.build()).run();
    }

    private static void print(List<RunResult> results, String baseline, String... names) {
        double base = score(results, baseline);
        for (String name : names) {
            RunResult r = find(results, name);
            double score = r.getPrimaryResult().getScore();
            double ratio = score / base;
            System.out.println(String.format(Locale.ROOT, ratio < 0.1 ? "%-52s %12.2f %10.2f %7.4fx" : "%-52s %12.2f %10.2f %7.2fx",
                    name, score, r.getPrimaryResult().getScoreError(), ratio));
        }
        System.out.println();
    }

    /** Like {@link #print}, with the bytes allocated per call from the GC profiler. */
    private static void printWithAllocation(List<RunResult> results, String baseline, String... names) {
        double base = score(results, baseline);
        for (String name : names) {
            RunResult r = find(results, name);
            double score = r.getPrimaryResult().getScore();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            System.out.println(String.format(Locale.ROOT, "%-52s %12.2f %10.2f %7.2fx %8s B/op", name, score,
                    r.getPrimaryResult().getScoreError(), score / base,
                    alloc == null ? "?" : String.format(Locale.ROOT, "%.3f", alloc.getScore())));
        }
        System.out.println();
    }

    private static double score(List<RunResult> results, String name) {
        return find(results, name).getPrimaryResult().getScore();
    }

    private static RunResult find(List<RunResult> results, String name) {
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            if (label.endsWith(name)) {
                return r;
            }
        }
        throw new IllegalStateException("no result for " + name);
    }
}
