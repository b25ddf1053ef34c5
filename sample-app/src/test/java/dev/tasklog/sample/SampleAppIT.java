package dev.tasklog.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's first command, end to end: the packaged sample under the packaged agent. */
class SampleAppIT {

    private static final String TIMING = ": duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s";

    @Test
    void theSampleShowsRunTaskAndSubTaskLinesCountersAndTheRunStatus() throws Exception {
        Output out = runSample("with-agent", true);
        assertThat(out.exit).as(out.text).isZero();
        assertThat(out.text)
                .contains("task.run                 [] run nightly-orders started")
                .containsPattern("task generate-input" + TIMING)
                .containsPattern("task load" + TIMING)
                .containsPattern("sub parse-line" + TIMING + ", calls: 3000, max: \\d+\\.\\d{3}s")
                .containsPattern("\\[check-duplicates\\] task check-duplicates" + TIMING)
                .containsPattern("sub fetch-rates" + TIMING + ", failed: java.net.SocketTimeoutException")
                .contains("* Task summary validate", "  - valid: 2975", "  - rejected: 25", "  - records: 3000",
                        "  - countries: 8")
                .contains("WARN  task.performance         [validate] task validate: status: DATA_WARNING")
                .contains("WARN  task.performance         [convert-currency] task convert-currency: status: WARNING")
                .containsPattern("WARN  task.run                 \\[\\] run nightly-orders finished: status: WARNING, duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s")
                .contains("done: report in");
        // at most ten single parse-line lines, then the summary
        assertThat(out.text.lines().filter(l -> l.contains("sub parse-line"))).hasSize(11);

        // the same run, read back from the store by the command line
        Output shown = cli(out.dir, "show", "1");
        assertThat(shown.exit).as(shown.text).isZero();
        assertThat(shown.text).contains("run 1 nightly-orders: WARNING", "  - valid: 2975", "  - rejected: 25")
                .containsPattern("sub parse-line +OK .*\\(3000 calls, max \\d+\\.\\d{3}s\\)")
                .containsPattern("\\n    check-duplicates +OK");
    }

    private static Output cli(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of(System.getProperty("it.agent.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Output(p.exitValue(), text, dir);
    }

    @Test
    void theJobProducesTheSameReportWithoutTheAgent() throws Exception {
        Output with = runSample("report-agent", true);
        Output without = runSample("report-plain", false);
        assertThat(without.exit).as(without.text).isZero();
        assertThat(without.text).doesNotContain("task.performance");
        assertThat(Files.readString(with.dir.resolve("sample-output/revenue-by-country.csv")))
                .isEqualTo(Files.readString(without.dir.resolve("sample-output/revenue-by-country.csv")))
                .startsWith("country,revenue_eur\n");
    }

    @Test
    void atDebugTheAggregatorTellsWhatItWasGivenAndWhatItProducedAndTheLinesAreStored() throws Exception {
        Output info = runSample("debug-off", true);
        assertThat(info.text).doesNotContain("DEBUG");

        Output debug = runSample("debug-on", true, "-Dsample.level=DEBUG", "store.level=DEBUG");
        assertThat(debug.exit).as(debug.text).isZero();
        assertThat(debug.text)
                .contains("DEBUG d.t.s.RevenueAggregator  [aggregate] aggregating 2975 converted orders")
                .contains("DEBUG d.t.s.RevenueAggregator  [aggregate] rounding 8 exact totals, first BE=")
                .containsPattern("DEBUG d.t.s.RevenueAggregator  \\[aggregate\\] 8 countries in \\d+ ms: \\{BE=\\d+, DE=");
        Output shown = cli(debug.dir, "show", "1");
        assertThat(shown.text).containsPattern("DEBUG [1-9]");
    }

    private static Output runSample(String name, boolean agent) throws Exception {
        return runSample(name, agent, null, null);
    }

    private static Output runSample(String name, boolean agent, String jvmArg, String agentArg) throws Exception {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it-work"), name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agent) {
            command.add("-javaagent:" + Path.of(System.getProperty("it.agent.jar")).toAbsolutePath()
                    + (agentArg == null ? "" : "=" + agentArg));
        }
        if (jvmArg != null) {
            command.add(jvmArg);
        }
        command.add("-jar");
        command.add(Path.of(System.getProperty("it.sample.jar")).toAbsolutePath().toString());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.writeString(dir.resolve("output.log"), text);
        return new Output(p.exitValue(), text, dir);
    }

    private static final class Output {
        final int exit;
        final String text;
        final Path dir;

        Output(int exit, String text, Path dir) {
            this.exit = exit;
            this.text = text;
            this.dir = dir;
        }
    }
}
