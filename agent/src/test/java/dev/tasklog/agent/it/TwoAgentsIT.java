package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.TwoAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tasklog and the OpenTelemetry Java agent in one JVM, in either order: both do their work. The
 * OpenTelemetry agent logs its spans (exporter {@code logging}); tasklog prints and stores its run.
 * With the OpenTelemetry agent first, tasklog cannot reweave the JDK classes it changed, and says so.
 */
class TwoAgentsIT {

    private static final Path OTEL = Path.of(System.getProperty("it.otel.agent", "target/otel/opentelemetry-javaagent.jar"));

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bothAgentsWorkInOneJvm(boolean tasklogFirst) throws Exception {
        assertThat(Files.isRegularFile(OTEL)).as("the OpenTelemetry agent, copied by the build: " + OTEL).isTrue();
        String otel = "-javaagent:" + OTEL.toAbsolutePath();
        AgentProcess p = AgentProcess.named("two-agents-" + (tasklogFirst ? "tasklog-first" : "otel-first"))
                .jvmArg("-Dotel.traces.exporter=logging").jvmArg("-Dotel.metrics.exporter=none")
                .jvmArg("-Dotel.logs.exporter=none").jvmArg("-Dotel.service.name=two-agents")
                .jvmArg("-Dotel.instrumentation.methods.include=" + TwoAgents.class.getName() + "[price]");
        if (tasklogFirst) {
            p.jvmArg(otel); // after tasklog's own -javaagent, which AgentProcess puts first
        } else {
            p.withoutAgent().jvmArg(otel).jvmArg("-javaagent:" + AgentProcess.agentJar());
        }
        AgentProcess.Result r = p.run(TwoAgents.class);

        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("total 42", "run two-agents finished: status: OK", "task quote: duration: ");
        if (!tasklogFirst) {
            // The OpenTelemetry agent, first, has added interfaces to the JDK's pools' classes,
            // which a later retransformation may not repeat: tasklog says which and what it means.
            assertThat(r.stderr).contains("[tasklog] could not reweave ", "java.util.concurrent.FutureTask",
                    "Put -javaagent:tasklog.jar before the other agent");
        } else {
            // tasklog first: all of it, including the task's work on the pool's threads
            assertThat(r.stderr).as(r.toString()).doesNotContain("[tasklog]");
            assertThat(r.stdout).contains("* Task summary quote", "  - prices: 2")
                    .containsPattern("sub price: duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s");
            try (StoreDb db = StoreDb.in(p.workDir())) {
                Map<String, Object> task = db.row("SELECT ID, STATUS FROM LOG_TASK WHERE NAME = 'quote' AND KIND = 'TASK'");
                assertThat(task).containsEntry("STATUS", "OK");
                assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE TASK_ID = ? AND MESSAGE LIKE 'pricing %'", task.get("ID")))
                        .isEqualTo(2);
                assertThat(db.row("SELECT CALLS FROM LOG_TASK WHERE NAME = 'price' AND KIND = 'SUBTASK'"))
                        .containsEntry("CALLS", 2L);
            }
        }
        // OpenTelemetry: a span for each traced call
        String otelOutput = r.stdout + r.stderr;
        assertThat(otelOutput.split("TwoAgents.price", -1).length - 1).as(otelOutput).isGreaterThanOrEqualTo(2);
    }
}
