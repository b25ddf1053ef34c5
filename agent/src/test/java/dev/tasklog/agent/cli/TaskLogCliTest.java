package dev.tasklog.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskLogCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TaskLogCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar tasklog.jar")
                .contains("runs [--limit 20] [--host NAME] [--json] [--db URL]")
                .contains("  server [--port 9001] [--bind 127.0.0.1] [--data tasklog-server-data]");
    }

    @Test
    void wrongUsageExitsNonZeroWithUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'nope'").contains("usage:");
    }

    @Test
    void aHostFilterWithoutAHostIsWrongUsage() {
        // refused before any store is opened, so no store is needed
        assertThat(run("runs", "--host")).isEqualTo(2);
        assertThat(run("runs", "--host", "--json")).isEqualTo(2);
        assertThat(run("runs", "--host", " ")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tasklog: runs: --host needs a value")
                .contains("tasklog: runs: --host needs a host name").contains("usage: java -jar tasklog.jar");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void serverOptionsAreCheckedBeforeAnythingStarts() {
        assertThat(run("server", "--port", "0")).isEqualTo(2);
        assertThat(run("server", "--port", "65536")).isEqualTo(2);
        assertThat(run("server", "--bind")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("tasklog: server: --port must be at least 1, not 0")
                .contains("tasklog: server: --port must be from 1 to 65535").contains("tasklog: server: --bind needs a value");
    }
}
