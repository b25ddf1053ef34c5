package dev.tasklog.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast the admin answers over a big store: fills an embedded store under the agent with
 * {@link ManyRuns} (by default 10,000 runs and 1,000,000 events), starts {@code tasklog.jar admin}
 * on it, and times each page over HTTP: 5 warm-up requests, then the median and the slowest of 30.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.tasklog.bench.AdminPagesMain [runs] [events per run] [agent jar]</pre>
 */
public final class AdminPagesMain {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int RUNS_PAGE = 5_000;

    private AdminPagesMain() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int eventsPerRun = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path agent = Path.of(args.length > 2 ? args[2] : "agent/target/tasklog.jar").toAbsolutePath();
        Path dir = Files.createTempDirectory("tasklog-admin-bench");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder classpath = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.append(classpath.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
        }

        long t0 = System.nanoTime();
        Process fill = new ProcessBuilder(java, "-javaagent:" + agent + "=console=false",
                "-Dlogback.configurationFile=bench/nop-logback.xml", "-cp", classpath.toString(), ManyRuns.class.getName(),
                String.valueOf(runs), String.valueOf(eventsPerRun)).directory(dir.toFile()).inheritIO().start();
        if (fill.waitFor() != 0) {
            throw new IllegalStateException("filling the store failed");
        }
        System.out.println(String.format(Locale.ROOT, "filled %,d runs of about %d events in %.1f s", runs, eventsPerRun,
                (System.nanoTime() - t0) / 1e9));

        Process admin = new ProcessBuilder(java, "-jar", agent.toString(), "admin", "--port", "0").directory(dir.toFile())
                .redirectErrorStream(true).start();
        try {
            String base = awaitUrl(admin);
            long someRun = firstRunId(base);
            List<String[]> rows = new ArrayList<>();
            rows.add(time(base, "runs"));
            rows.add(time(base, "runs?page=100"));
            rows.add(time(base, "runs?page=" + Math.max(1, runs / 50)));
            rows.add(time(base, "runs?after=" + lastPageCursor(base, runs)));
            rows.add(time(base, "runs?name=nightly-3&status=ERROR"));
            rows.add(time(base, "runs/" + someRun));
            rows.add(time(base, "runs/" + someRun + "?level=WARN"));
            rows.add(time(base, "logs"));
            rows.add(time(base, "logs?level=ERROR"));
            rows.add(time(base, "tasks/transform"));
            rows.add(time(base, "api/runs"));
            System.out.println();
            System.out.println(String.format(Locale.ROOT, "%-44s %10s %10s", "page", "median ms", "max ms"));
            for (String[] r : rows) {
                System.out.println(String.format(Locale.ROOT, "%-44s %10s %10s", (Object[]) r));
            }
        } finally {
            admin.destroy();
            admin.waitFor();
        }
    }

    private static String awaitUrl(Process admin) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(admin.getInputStream(), StandardCharsets.UTF_8));
        Pattern url = Pattern.compile("tasklog admin at (http://\\S+/)");
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = url.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
            System.out.println(line);
        }
        throw new IllegalStateException("the admin did not start");
    }

    /** @return a run from the middle of the store, not the newest */
    private static long firstRunId(String base) throws Exception {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(get(base + "api/runs?limit=1&page=" + RUNS_PAGE));
        if (!m.find()) {
            throw new IllegalStateException("no run in the store");
        }
        return Long.parseLong(m.group(1));
    }

    /** @return the cursor that opens the last page of runs (what "older" links to from the page before) */
    private static String lastPageCursor(String base, int runs) throws Exception {
        Matcher m = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(get(base + "api/runs?limit=50&page=" + Math.max(1, runs / 50 - 1)));
        if (!m.find()) {
            throw new IllegalStateException("no cursor for the last page");
        }
        return java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String[] time(String base, String path) throws Exception {
        for (int i = 0; i < 5; i++) {
            get(base + path);
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            get(base + path);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new String[] {"/" + path, String.format(Locale.ROOT, "%.1f", ms[ms.length / 2]),
            String.format(Locale.ROOT, "%.1f", ms[ms.length - 1])};
    }
}
