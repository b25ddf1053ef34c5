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
}
