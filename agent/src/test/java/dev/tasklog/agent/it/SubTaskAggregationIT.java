package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.SubTaskFlood;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sub-task called a million times logs a bounded number of lines, with exact totals. */
class SubTaskAggregationIT {

    @Test
    void aMillionCallsGiveTenLinesAndOneSummary() throws Exception {
        AgentProcess.Result result = AgentProcess.named("flood").run(SubTaskFlood.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        List<TaskLines.Timing> subs = TaskLines.subTasks(result.stdoutLines());
        assertThat(subs).hasSize(11);
        assertThat(subs.subList(0, 10)).allSatisfy(t -> assertThat(t.rest).isEmpty());
        TaskLines.Timing summary = subs.get(10);
        assertThat(summary.name).isEqualTo("step");
        assertThat(summary.rest).startsWith(", calls: 1000000, max: ");
        assertThat(summary.cpu).isLessThanOrEqualTo(summary.wall + 0.01);
        // the summary comes before the task's own line
        assertThat(result.stdout.indexOf("calls: 1000000")).isLessThan(result.stdout.indexOf("task loop: duration"));
        // the call made outside any run was not recorded, and the program's result is unchanged
        assertThat(result.stdout).contains("total = " + (499_999_500_000L + 1));
    }

    @Test
    void withSubTaskCpuOffSubTasksHaveWallTimeOnlyAndTasksKeepTheirCpu() throws Exception {
        AgentProcess p = AgentProcess.named("flood-no-cpu").agentArgs("subtask.cpu=false");
        AgentProcess.Result result = p.run(SubTaskFlood.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stderr).doesNotContain("[tasklog]");
        assertThat(result.stdout).containsPattern("sub step: duration: \\d+\\.\\d{3}s, cpu: n/a, calls: 1000000")
                .containsPattern("task loop: duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            java.util.Map<String, Object> step = db.row("SELECT CALLS, WALL_NS, CPU_NS FROM LOG_TASK WHERE NAME = 'step'");
            assertThat(step.get("CALLS")).isEqualTo(1_000_000L);
            assertThat(step.get("WALL_NS")).isNotNull();
            assertThat(step.get("CPU_NS")).isNull();
            assertThat(db.row("SELECT CPU_NS FROM LOG_TASK WHERE NAME = 'loop'").get("CPU_NS")).isNotNull();
        }
    }
}
