package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.Statuses;
import org.junit.jupiter.api.Test;

/** Statuses come from what was logged while a task was active, the worst winning. */
class StatusIT {

    @Test
    void eachTaskGetsTheWorstStatusOfWhatItLogged() throws Exception {
        AgentProcess.Result result = AgentProcess.named("statuses-all").args("all").run(Statuses.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout)
                .doesNotContain("task status.ok: status:")
                .contains("WARN task.performance - task status.dataWarning: status: DATA_WARNING")
                .contains("WARN task.performance - task status.warning: status: WARNING")
                .contains("ERROR task.performance - task status.dataError: status: DATA_ERROR")
                .contains("ERROR task.performance - task status.error: status: ERROR")
                .contains("ERROR task.performance - task status.failed: status: FAILED (java.lang.IllegalArgumentException: no input)")
                .contains("ERROR task.performance - task status.parent: status: ERROR")
                .contains("caught no input")
                .contains("ERROR tasklog.console - console only: never a status");
        // The run's status is the worst of its own events and its tasks.
        assertThat(result.stdout).containsPattern("ERROR task.run - run statuses.all finished: status: FAILED, duration");
    }

    @Test
    void aRunWithOnlyADataWarningEndsWithDataWarning() throws Exception {
        AgentProcess.Result result = AgentProcess.named("statuses-data").args("data").run(Statuses.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).containsPattern("WARN task.run - run statuses.data finished: status: DATA_WARNING, duration");
    }
}
