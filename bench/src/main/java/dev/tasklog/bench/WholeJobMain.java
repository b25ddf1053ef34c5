package dev.tasklog.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole path at scale: {@link WholeJob} (1,000 tasks of 1,000 sub-task calls of a few
 * microseconds each, 100 INFO events per task) in child JVMs logging into a file with the same
 * logback configuration, without the agent, under tasklog with its defaults (store on), and under
 * tasklog with {@code subtask.cpu=false}; the three alternate, several times, in one run. Each child
 * runs in an empty working directory of its own. Afterwards every run's events are counted in its
 * log file and, under the agent, in its store ({@code tasklog-data/tasklog}): the events, the tasks
 * and the sub-task calls must all be there.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.WholeJobMain [--quick] [--breakdown] [--repeat=N]
 *     [--tasklog=agent/target/tasklog.jar]</pre>
 *
 * {@code --quick}: 100 tasks, once each (a smoke test, figures rough). {@code --breakdown} adds
 * variants that show where the time goes: the timing without the store, with and without the CPU
 * clock, and the store without tasklog's own lines.
 */
public final class WholeJobMain {

    private static final int CALLS = 1_000;
    private static final int EVENTS = 100;

    /** How the child JVM runs: its label and its extra JVM arguments. */
    private record Variant(String label, List<String> jvmArgs, boolean stored) {
    }

    /** One child JVM's figures: the job as timed inside it, and the JVM from start to exit. */
    private record Timing(long jobMicros, long jvmMillis, String checksum) {
    }

    private WholeJobMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean breakdown = false;
        int repeat = 5;
        Path agent = Path.of("agent/target/tasklog.jar");
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("--breakdown")) {
                breakdown = true;
            } else if (a.startsWith("--repeat=")) {
                repeat = Integer.parseInt(a.substring("--repeat=".length()));
            } else if (a.startsWith("--tasklog=")) {
                agent = Path.of(a.substring("--tasklog=".length()));
            } else {
                System.err.println("unknown argument " + a + "; expected --quick, --breakdown, --repeat=N, --tasklog=JAR");
                System.exit(2);
            }
        }
        if (!Files.isRegularFile(agent)) {
            System.err.println("agent jar not found: " + agent.toAbsolutePath() + " (build it first: mvn -B package -DskipTests)");
            System.exit(2);
        }
        int tasks = quick ? 100 : 1_000;
        if (quick) {
            repeat = 1;
        }
        String javaagent = "-javaagent:" + agent.toAbsolutePath();
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("without agent", List.of(), false),
                new Variant("tasklog, defaults (store on)", List.of(javaagent), true),
                new Variant("tasklog, subtask.cpu=false", List.of(javaagent + "=subtask.cpu=false"), true)));
        if (breakdown) {
            // Where the time goes: the timing alone, then the timing with the store but without
            // tasklog's own lines in the log file.
            variants.add(new Variant("tasklog, store=false,console=false", List.of(javaagent + "=store=false,console=false"), false));
            variants.add(new Variant("  the same, subtask.cpu=false",
                    List.of(javaagent + "=store=false,console=false,subtask.cpu=false"), false));
            variants.add(new Variant("tasklog, console=false", List.of(javaagent + "=console=false"), true));
            // the store's writer at the application's priority, and halfway down (19 by default);
            // the embedded database compiled by the JVM as it sees fit (C1 only by default)
            variants.add(new Variant("tasklog, store.nice=0", List.of(javaagent + "=store.nice=0"), true));
            variants.add(new Variant("tasklog, store.nice=10", List.of(javaagent + "=store.nice=10"), true));
            variants.add(new Variant("tasklog, store.jit=full", List.of(javaagent + "=store.jit=full"), true));
        }

        double loadBefore = loadAverage();
        Map<Variant, List<Timing>> timings = new LinkedHashMap<>();
        String checksum = null;
        for (int r = 1; r <= repeat; r++) {
            // Alternating, so that a change of the machine's load falls on every variant alike.
            for (Variant v : variants) {
                Timing t = runOnce(v, tasks);
                System.out.printf(Locale.ROOT, "round %d, %-36s job %8.3f s, JVM %8.3f s%n", r, v.label(),
                        t.jobMicros() / 1e6, t.jvmMillis() / 1e3);
                if (checksum != null && !checksum.equals(t.checksum())) {
                    throw new IllegalStateException("the job computed " + t.checksum() + " here and " + checksum + " before");
                }
                checksum = t.checksum();
                timings.computeIfAbsent(v, k -> new ArrayList<>()).add(t);
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "JDK %s, %d cores; %,d tasks x %,d sub-task calls, %,d INFO events per task, into a"
                + " logback FileAppender; %d run(s) of each, alternating; load average %.2f before, %.2f after%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), tasks, CALLS, EVENTS,
                repeat, loadBefore, loadAverage());
        System.out.println("job: timed inside the child from the first task to the last; JVM: from start to exit"
                + " (with the agent: until every event is on disk). Seconds, median (min - max)");
        String format = "%-36s %24s %8s %24s %8s%n";
        System.out.printf(Locale.ROOT, format, "", "job", "ratio", "JVM", "ratio");
        Timing[] base = timings.get(variants.get(0)).toArray(new Timing[0]);
        for (Map.Entry<Variant, List<Timing>> e : timings.entrySet()) {
            Timing[] ts = e.getValue().toArray(new Timing[0]);
            System.out.printf(Locale.ROOT, format, e.getKey().label(),
                    spread(ts, true), ratio(ts, base, true), spread(ts, false), ratio(ts, base, false));
        }
        double ratio = median(timings.get(variants.get(1)).toArray(new Timing[0]), true) / median(base, true);
        // A --quick job (100 tasks, a fifth of a second) is mostly the JIT warming up: no verdict.
        System.out.printf(Locale.ROOT, "%ntarget: the job under tasklog (defaults) <= 1.3x without the agent: %.2fx, %s%n",
                ratio, tasks < 1_000 ? "not judged by a --quick run" : ratio <= 1.3 ? "met" : "NOT MET");
        System.out.printf(Locale.ROOT, "every run: %,d events in the log file; under the agent also %,d events, %,d tasks and"
                + " %,d sub-task calls in the store%n", tasks * EVENTS, tasks * EVENTS, tasks, tasks * CALLS);
    }

    /** Runs the job once in a new working directory, checks what it left there, and deletes it. */
    private static Timing runOnce(Variant v, int tasks) throws Exception {
        Path dir = Files.createTempDirectory("tasklog-whole-job");
        try {
            Path logFile = dir.resolve("app.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(v.jvmArgs());
            command.add("-Dlogback.configurationFile=bench/file-logback.xml");
            command.add("-Dbench.file=" + logFile);
            command.add("-cp");
            command.add(new File(WholeJobMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            command.add(WholeJob.class.getName());
            command.add(String.valueOf(tasks));
            command.add(String.valueOf(CALLS));
            command.add(String.valueOf(EVENTS));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(v.label() + ": the job's JVM failed: " + out);
            }
            long jvmMillis = (System.nanoTime() - t0) / 1_000_000;
            long expectedEvents = (long) tasks * EVENTS;
            check(v, "events in the log file", countLines(logFile), expectedEvents);
            if (v.stored()) {
                checkStore(v, dir, tasks);
            }
            return new Timing(Long.parseLong(value(out, "job ").replace(" us", "")), jvmMillis, value(out, "checksum "));
        } finally {
            deleteTree(dir);
        }
    }

    /** Counts in the child's embedded store, read with the benchmarks' own HSQLDB. */
    private static void checkStore(Variant v, Path dir, int tasks) throws Exception {
        String url = "jdbc:hsqldb:file:" + dir.resolve("tasklog-data").resolve("tasklog") + ";ifexists=true";
        try (Connection c = DriverManager.getConnection(url, "SA", "")) {
            check(v, "events in the store", count(c, "SELECT COUNT(*) FROM LOG WHERE LOGGER = '" + WholeJob.LOGGER + "'"),
                    (long) tasks * EVENTS);
            check(v, "tasks in the store", count(c, "SELECT COUNT(*) FROM LOG_TASK WHERE KIND = 'TASK' AND NAME = '"
                    + WholeJob.TASK + "' AND STATUS = 'OK'"), tasks);
            check(v, "sub-task calls in the store", count(c, "SELECT COALESCE(SUM(CALLS), 0) FROM LOG_TASK"
                    + " WHERE KIND = 'SUBTASK' AND NAME = '" + WholeJob.STEP + "'"), (long) tasks * CALLS);
            try (Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countLines(Path logFile) throws IOException {
        String marker = " " + WholeJob.LOGGER + " - ";
        try (Stream<String> lines = Files.lines(logFile)) {
            return lines.filter(l -> l.contains(marker)).count();
        }
    }

    private static void check(Variant v, String what, long found, long expected) {
        if (found != expected) {
            throw new IllegalStateException(v.label() + ": " + found + " " + what + ", " + expected + " expected");
        }
    }

    private static String value(String out, String prefix) {
        for (String line : out.split("\\R")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        throw new IllegalStateException("no line '" + prefix + "...' from the job: " + out);
    }

    private static double seconds(Timing t, boolean job) {
        return job ? t.jobMicros() / 1e6 : t.jvmMillis() / 1e3;
    }

    private static double median(Timing[] ts, boolean job) {
        double[] s = Arrays.stream(ts).mapToDouble(t -> seconds(t, job)).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String spread(Timing[] ts, boolean job) {
        double[] s = Arrays.stream(ts).mapToDouble(t -> seconds(t, job)).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f (%.2f - %.2f)", median(ts, job), s[0], s[s.length - 1]);
    }

    private static String ratio(Timing[] ts, Timing[] base, boolean job) {
        return String.format(Locale.ROOT, "%.2fx", median(ts, job) / median(base, job));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
