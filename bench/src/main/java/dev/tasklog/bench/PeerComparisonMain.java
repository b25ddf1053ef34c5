package dev.tasklog.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * tasklog and the OpenTelemetry Java agent side by side on one trivial method ({@link PeerWorkload}):
 * every line of the table is a JMH benchmark in a JVM of its own, with its own agent and settings,
 * all measured in this one run together with the baseline (no agent) and the floor (the clock
 * readings every timed call makes). Each line runs with JMH's GC profiler, for the bytes allocated
 * per call. Prints one table, then the targets and whether this run meets them.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.PeerComparisonMain [--quick]
 *     [--tasklog=agent/target/tasklog.jar] [--otel=bench/target/otel/opentelemetry-javaagent.jar]</pre>
 *
 * {@code --quick} is a smoke test (short iterations, well under a minute): its figures are rough.
 */
public final class PeerComparisonMain {

    /** One line of the table: a benchmark method and the arguments of the JVM it runs in. */
    private record Line(String label, String benchmark, List<String> jvmArgs) {
    }

    private static final String BASELINE = "plain method, no agent (baseline)";
    private static final String FLOOR = "floor: 2 x nanoTime + 2 x thread CPU time";
    private static final String WALL_FLOOR = "floor: 2 x nanoTime";
    private static final String SUB = "tasklog @SubTask, inside a task";
    private static final String SUB_NO_CPU = "tasklog @SubTask, inside a task, subtask.cpu=false";
    private static final String TASK = "tasklog @Task, inside a task";
    private static final String OUTSIDE = "tasklog @SubTask, no run active";
    private static final String WITH_SPAN = "OpenTelemetry @WithSpan";
    private static final String INCLUDE = "OpenTelemetry methods.include";

    /** Below this a per-call allocation is the profiler's noise (JMH's own bookkeeping), not the call's. */
    private static final double NO_ALLOCATION = 0.5;

    private PeerComparisonMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path tasklog = Path.of("agent/target/tasklog.jar");
        Path otel = Path.of("bench/target/otel/opentelemetry-javaagent.jar");
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("--tasklog=")) {
                tasklog = Path.of(a.substring("--tasklog=".length()));
            } else if (a.startsWith("--otel=")) {
                otel = Path.of(a.substring("--otel=".length()));
            } else {
                System.err.println("unknown argument " + a + "; expected --quick, --tasklog=JAR, --otel=JAR");
                System.exit(2);
            }
        }
        requireFile(tasklog, "mvn -B package -DskipTests");
        requireFile(otel, "mvn -B package -DskipTests (copies the OpenTelemetry agent into bench/target/otel/)");

        double loadBefore = loadAverage();
        Path stores = Files.createTempDirectory("tasklog-peer-bench");
        Map<String, RunResult> results = new LinkedHashMap<>();
        try {
            for (Line line : lines(tasklog.toAbsolutePath(), otel.toAbsolutePath(), stores)) {
                results.put(line.label(), run(line, quick));
            }
        } finally {
            deleteTree(stores);
        }

        System.out.println();
        System.out.println("JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores; OpenTelemetry Java agent " + version(otel)
                + String.format(Locale.ROOT, "; load average %.2f before, %.2f after", loadBefore, loadAverage()));
        System.out.println((quick ? "--quick: 3 warm-up and 3 measured iterations of 0.2 s (a smoke test, figures rough)"
                : "10 warm-up and 10 measured iterations of 1 s") + ", one JVM per line; median of the iterations,"
                + " mean ± 99.9% error, ratios of medians; B/op: bytes allocated per call by all threads (median of the"
                + " iterations)");
        printTable(results);
        printTargets(results);
    }

    /** The table's lines, each with the agent and settings of its JVM. */
    private static List<Line> lines(Path tasklog, Path otel, Path stores) {
        // The store on (the default) in an embedded HSQLDB of its own per JVM, in a temporary
        // directory: the same URL the agent derives from a working directory.
        String agent = "-javaagent:" + tasklog + "=console=false";
        List<String> quiet = List.of("-Dlogback.configurationFile=bench/nop-logback.xml");
        List<String> openTelemetry = List.of("-javaagent:" + otel, "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none",
                "-Dotel.instrumentation.methods.include=" + PeerWorkload.CONFIGURED);
        String peer = PeerBenchmark.class.getName() + ".";
        String floor = ClockFloorBenchmark.class.getName() + ".";
        return List.of(
                new Line(BASELINE, peer + "baseline", List.of()),
                new Line(FLOOR, floor + "twoWallTwoCpuReads", List.of()),
                new Line(WALL_FLOOR, floor + "twoWallReads", List.of()),
                new Line(SUB, peer + "subTaskInTask", tasklogArgs(agent, stores.resolve("sub"), quiet)),
                new Line(SUB_NO_CPU, peer + "subTaskInTask",
                        tasklogArgs(agent, stores.resolve("sub-no-cpu"), concat(quiet, "-Dtasklog.subtask.cpu=false"))),
                new Line(TASK, peer + "taskInTask", tasklogArgs(agent, stores.resolve("task"), quiet)),
                new Line(OUTSIDE, peer + "subTaskOutsideRun", tasklogArgs(agent, stores.resolve("outside"), quiet)),
                new Line(WITH_SPAN, peer + "withSpan", openTelemetry),
                new Line(INCLUDE, peer + "methodsInclude", openTelemetry));
    }

    private static List<String> tasklogArgs(String agent, Path workingDir, List<String> more) {
        String store = "jdbc:hsqldb:file:" + workingDir.resolve("tasklog-data").resolve("tasklog");
        List<String> args = new ArrayList<>(List.of(agent, "-Dtasklog.db.url=" + store));
        args.addAll(more);
        return args;
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    private static RunResult run(Line line, boolean quick) throws Exception {
        System.out.println("== " + line.label());
        // Agents keep the JIT busy for seconds after the JVM starts: 10 warm-up iterations, as
        // many as measured ones (--quick only proves that every line runs).
        TimeValue time = quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1);
        OptionsBuilder options = new OptionsBuilder();
        options.include("^" + Pattern.quote(line.benchmark()) + "$")
                .forks(1)
                .warmupIterations(quick ? 3 : 10)
                .warmupTime(time)
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(time)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvmArgsAppend(line.jvmArgs().toArray(new String[0]));
        return new Runner(options.build()).runSingle();
    }

    private static void printTable(Map<String, RunResult> results) {
        double base = median(results.get(BASELINE));
        double floor = median(results.get(FLOOR));
        String format = "%-52s %10s %20s %10s %9s %9s%n";
        System.out.printf(Locale.ROOT, format, "benchmark", "median", "mean ± error", "x baseline", "x floor", "B/op");
        for (Map.Entry<String, RunResult> e : results.entrySet()) {
            RunResult r = e.getValue();
            double median = median(r);
            System.out.printf(Locale.ROOT, format, e.getKey(), String.format(Locale.ROOT, "%.2f", median),
                    String.format(Locale.ROOT, "%.2f ± %.2f", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()),
                    ratio(median / base), ratio(median / floor), String.format(Locale.ROOT, "%.2f", allocated(r)));
        }
    }

    private static void printTargets(Map<String, RunResult> results) {
        double base = median(results.get(BASELINE));
        double floor = median(results.get(FLOOR));
        double sub = median(results.get(SUB));
        double span = median(results.get(WITH_SPAN));
        double noCpu = median(results.get(SUB_NO_CPU));
        double outside = median(results.get(OUTSIDE));
        double bytes = allocated(results.get(SUB));
        System.out.println();
        System.out.println("targets (this run):");
        target("@SubTask in a task <= 1.2x the floor", String.format(Locale.ROOT, "%.2fx (%.1f ns, floor %.1f ns)",
                sub / floor, sub, floor), sub <= 1.2 * floor);
        target("@SubTask in a task below OpenTelemetry @WithSpan",
                String.format(Locale.ROOT, "%.1f ns vs %.1f ns (%.2fx)", sub, span, sub / span), sub < span);
        target("@SubTask in a task, subtask.cpu=false <= 60 ns", String.format(Locale.ROOT, "%.1f ns", noCpu), noCpu <= 60);
        target("@SubTask, no run active <= baseline + 2 ns",
                String.format(Locale.ROOT, "%+.2f ns (%.2f ns, baseline %.2f ns)", outside - base, outside, base),
                outside - base <= 2);
        target("@SubTask in a task, repeated: 0 B/op", String.format(Locale.ROOT, "%.3f B/op", bytes), bytes < NO_ALLOCATION);
    }

    private static void target(String what, String measured, boolean met) {
        System.out.printf(Locale.ROOT, "  %-52s %-40s %s%n", what, measured, met ? "met" : "NOT MET");
    }

    private static double median(RunResult r) {
        Statistics s = r.getPrimaryResult().getStatistics();
        return s.getPercentile(50);
    }

    /**
     * Bytes allocated per call, the median of the iterations: the GC profiler counts every thread of
     * the JVM, so an iteration in which the store's writer or heartbeat wrote shares their
     * allocations among the calls of that iteration.
     */
    private static double allocated(RunResult r) {
        Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return alloc == null ? Double.NaN : alloc.getStatistics().getPercentile(50);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, r < 10 ? "%.2fx" : "%.0fx", r);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String version(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String v = j.getManifest().getMainAttributes().getValue("Implementation-Version");
            return v == null ? "(version unknown)" : v;
        }
    }

    private static void requireFile(Path file, String build) {
        if (!Files.isRegularFile(file)) {
            System.err.println("not found: " + file.toAbsolutePath() + " (build it first: " + build + ")");
            System.exit(2);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
