package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.Counting;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counters sum exactly per task; tasks nest; the facade and the annotations mix; MDC follows. */
class CountersAndNestingIT {

    private static AgentProcess.Result result;
    private static List<String> lines;

    @BeforeAll
    static void run() throws Exception {
        result = AgentProcess.named("counting").run(Counting.class);
        lines = result.stdoutLines().stream().map(l -> l.replaceAll("duration: \\S+, cpu: \\S+", "duration: D, cpu: C"))
                .collect(Collectors.toList());
    }

    @Test
    void countersAreSummedExactlyForTheirOwnTask() {
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(lines).containsSubsequence(
                "INFO task.performance - task inner: duration: D, cpu: C | run=counting task=inner",
                "INFO task.performance - * Task summary inner | run=counting task=inner",
                "INFO task.performance -   - a: 10 | run=counting task=inner",
                "INFO dev.tasklog.fixtures.Counting - outer again | run=counting task=outer",
                "INFO task.performance - task outer: duration: D, cpu: C | run=counting task=outer",
                "INFO task.performance - * Task summary outer | run=counting task=outer",
                "INFO task.performance -   - a: 1000000 | run=counting task=outer",
                "INFO task.performance -   - b: 3000 | run=counting task=outer",
                "INFO task.performance -   - negative: -7 | run=counting task=outer");
    }

    @Test
    void nestedTasksRunInsideTheirParentAndTheMdcFollows() {
        assertThat(lines).containsSubsequence(
                "INFO task.run - run counting started | run=counting task=",
                "INFO task.performance - task outer started | run=counting task=outer",
                "INFO dev.tasklog.fixtures.Counting - in outer | run=counting task=outer",
                "INFO task.performance - task inner started | run=counting task=inner",
                "INFO dev.tasklog.fixtures.Counting - in inner | run=counting task=inner",
                "INFO task.performance - task inner: duration: D, cpu: C | run=counting task=inner",
                "INFO dev.tasklog.fixtures.Counting - outer again | run=counting task=outer");
        assertThat(lines).contains("INFO dev.tasklog.fixtures.Counting - back in run | run=counting task=");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("INFO task.run - run counting finished: status: OK, duration: D, cpu: C | run=counting task=");
    }

    @Test
    void facadeTasksAndSubTimersWorkInsideAnnotatedMethods() {
        assertThat(lines).containsSubsequence(
                "INFO task.performance - task facade.task started | run=counting task=facade.task",
                "INFO dev.tasklog.fixtures.Counting - inside facade task | run=counting task=facade.task",
                "INFO task.performance - task facade.task: duration: D, cpu: C | run=counting task=facade.task",
                "INFO task.performance -   - rows: 5 | run=counting task=facade.task");
        assertThat(lines).containsSubsequence(
                "INFO task.performance.sub - sub timer.block: duration: D, cpu: C | run=counting task=timed",
                "INFO task.performance.sub - sub timer.manual: duration: D, cpu: C | run=counting task=timed",
                "INFO task.performance -   - inside-timer: 1 | run=counting task=timed");
        assertThat(lines.stream().filter(l -> l.contains("sub timer.manual"))).hasSize(1);
    }

    @Test
    void aTaskWithoutTimingLogsNothingButCountingOutsideATaskIsReported() {
        assertThat(result.stdout).doesNotContain("quiet").doesNotContain("hidden");
        assertThat(result.stderr).contains("[tasklog] TaskLog.count(\"nowhere\") called with no task active on thread main");
    }
}
