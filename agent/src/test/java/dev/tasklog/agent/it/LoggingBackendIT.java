package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.PlainOutput;
import org.junit.jupiter.api.Test;

/**
 * tasklog's lines reach the console whatever logging the application has: through its logback,
 * or printed by the agent when it has another provider, none, or no SLF4J at all.
 */
class LoggingBackendIT {

    private static final String TIMING = "task plain.part: duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s";

    @Test
    void withLogbackTheLinesGoThroughTheApplicationsConfiguration() throws Exception {
        AgentProcess.Result result = AgentProcess.named("backend-logback").run(PlainOutput.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).containsPattern("INFO task.performance - " + TIMING + " \\| run=plain task=plain.part")
                .contains("sum = 90");
    }

    @Test
    void withSlf4jButNoProviderTheAgentPrintsTheLinesItself() throws Exception {
        AgentProcess.Result result = AgentProcess.named("backend-slf4j-only").withoutJarsNamed("logback").run(PlainOutput.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] INFO  task\\.performance -- " + TIMING)
                .containsPattern("INFO  task\\.run -- run plain finished: status: OK")
                .contains("sum = 90");
    }

    @Test
    void withoutLogbackTheAgentsOwnLinesAreStillStored() throws Exception {
        AgentProcess p = AgentProcess.named("backend-slf4j-only-store").withoutJarsNamed("logback");
        AgentProcess.Result result = p.run(PlainOutput.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        try (StoreDb db = StoreDb.in(p.workDir())) {
            Object run = db.row("SELECT ID FROM LOG_RUN WHERE NAME = 'plain' AND STATUS = 'OK'").get("ID");
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ? AND LOGGER = 'task.performance'"
                    + " AND MESSAGE LIKE 'task plain.part: duration: %' AND TASK_NAME = 'plain.part'", run)).isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ? AND LOGGER = 'task.run'", run)).isEqualTo(2);
        }
    }

    @Test
    void withConsoleOffTheLinesAreStoredButNotPrinted() throws Exception {
        AgentProcess p = AgentProcess.named("backend-console-off-store").agentArgs("console=false");
        AgentProcess.Result result = p.run(PlainOutput.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).doesNotContain("task.");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE LOGGER = 'task.performance.sub'")).isEqualTo(20); // 2 tasks x 10 calls
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE LIKE 'run plain finished: status: OK%'")).isEqualTo(1);
        }
    }

    @Test
    void withoutSlf4jAtAllTheAgentStillPrintsTheLines() throws Exception {
        AgentProcess.Result result = AgentProcess.named("backend-none").withoutJarsNamed("logback")
                .withoutJarsNamed("slf4j").run(PlainOutput.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).containsPattern("INFO  task\\.performance -- " + TIMING)
                .containsPattern("INFO  task\\.performance\\.sub -- sub plain.piece: duration: ")
                .contains("sum = 90");
        assertThat(result.stderr).doesNotContain("[tasklog]");
    }
}
