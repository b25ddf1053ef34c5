package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.LateWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work that goes on after its task (or run) ended still belongs to it: its logs, counts,
 * sub-tasks, CPU time and statuses are in the task's stored totals once the work ends, and a
 * warning says so.
 */
class LateWorkIT {

    private static AgentProcess process;
    private static AgentProcess.Result result;

    @BeforeAll
    static void runTheFixture() throws Exception {
        process = AgentProcess.named("late-work");
        result = process.run(LateWork.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stderr).doesNotContain("[tasklog]");
    }

    @Test
    void theLinesSayTheTaskEndedFirstAndThenGiveTheTotalsWithTheLateWork() {
        String out = result.stdout;
        int ended = out.indexOf("task hand-out: duration:");
        int late = out.indexOf("task hand-out: late work: +");
        assertThat(ended).as(out).isPositive();
        assertThat(late).as(out).isGreaterThan(ended);
        assertThat(out.indexOf("working after the task ended")).isBetween(ended, late);
        // the summary at the task's end has what was counted by then; the one after the late work has all of it
        assertThat(out.substring(0, late)).contains("* Task summary hand-out").doesNotContain("late-rows");
        assertThat(out.substring(late)).contains("* Task summary hand-out", "  - rows: 2", "  - late-rows: 5");
        Matcher cpu = Pattern.compile("task hand-out: late work: \\+\\d+\\.\\d{3}s, cpu: \\+(\\d+\\.\\d{3})s").matcher(out);
        assertThat(cpu.find()).isTrue();
        assertThat(Double.parseDouble(cpu.group(1))).isGreaterThanOrEqualTo(0.2);
        assertThat(out).contains("task left-behind: late work: +", "run late-job finished: status: OK");
    }

    @Test
    void theStoredTaskHasTheLateCountsSubTasksAndCpu() throws Exception {
        try (StoreDb db = StoreDb.in(process.workDir())) {
            Map<String, Object> task = db.row("SELECT ID, STATUS, CPU_NS, WALL_NS FROM LOG_TASK WHERE NAME = 'hand-out'");
            assertThat(task).containsEntry("STATUS", "OK");
            assertThat(((Number) task.get("CPU_NS")).longValue()).isGreaterThanOrEqualTo(200_000_000L);
            Object id = task.get("ID");

            Map<String, Long> counters = new HashMap<>();
            for (Map<String, Object> r : db.rows("SELECT NAME, VALUE FROM LOG_COUNTER WHERE TASK_ID = ?", id)) {
                counters.put((String) r.get("NAME"), ((Number) r.get("VALUE")).longValue());
            }
            assertThat(counters).containsExactlyInAnyOrderEntriesOf(Map.of("rows", 2L, "late-rows", 5L));

            List<Map<String, Object>> subTasks = db.rows("SELECT NAME, CALLS FROM LOG_TASK WHERE PARENT_ID = ? AND KIND = 'SUBTASK'", id);
            assertThat(subTasks).hasSize(1);
            assertThat(subTasks.get(0)).containsEntry("NAME", "late-step");

            assertThat(db.row("SELECT TASK_ID FROM LOG WHERE MESSAGE = 'working after the task ended'")).containsEntry("TASK_ID", id);
            Map<String, Object> flag = db.row("SELECT TASK_ID, LEVEL, LOGGER FROM LOG WHERE MESSAGE LIKE 'task hand-out: late work: +%'");
            assertThat(flag).containsEntry("TASK_ID", id).containsEntry("LEVEL", "WARN").containsEntry("LOGGER", "task.performance");
        }
    }

    @Test
    void anErrorLoggedAfterTheRunEndedMakesTheTaskAndTheRunError() throws Exception {
        try (StoreDb db = StoreDb.in(process.workDir())) {
            Map<String, Object> task = db.row("SELECT ID, STATUS, CPU_NS FROM LOG_TASK WHERE NAME = 'left-behind'");
            assertThat(task).containsEntry("STATUS", "ERROR");
            assertThat(((Number) task.get("CPU_NS")).longValue()).isGreaterThanOrEqualTo(150_000_000L);
            assertThat(db.row("SELECT TASK_ID FROM LOG WHERE MESSAGE = 'failed after the run ended'"))
                    .containsEntry("TASK_ID", task.get("ID"));
            Map<String, Object> run = db.row("SELECT STATUS, CPU_MS FROM LOG_RUN");
            assertThat(run).containsEntry("STATUS", "ERROR");
            // the run's CPU time has the work of both its tasks' workers
            assertThat(((Number) run.get("CPU_MS")).longValue()).isGreaterThanOrEqualTo(350L);
        }
    }
}
