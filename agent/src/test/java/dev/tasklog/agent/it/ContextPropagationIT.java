package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.FanOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work a task hands to other threads stays its own: logs, counters, sub-tasks and CPU time. */
class ContextPropagationIT {

    private static AgentProcess.Result result;
    private static AgentProcess process;

    @BeforeAll
    static void runTheFixture() throws Exception {
        process = AgentProcess.named("fan-out");
        result = process.run(FanOut.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
    }

    private static List<String> routes() {
        List<String> routes = new ArrayList<>(List.of("submit", "execute", "schedule", "async-default", "async-pool",
                "async-then", "thread", "thread-subclass"));
        if (AgentProcess.childJavaVersion() >= 21) {
            routes.add("virtual");
            routes.add("virtual-executor");
        }
        return routes;
    }

    @Test
    void everyRouteLogsUnderTheTaskAndCountsForIt() throws Exception {
        try (StoreDb db = StoreDb.in(process.workDir())) {
            long fan = db.count("SELECT ID FROM LOG_TASK WHERE NAME = 'fan' AND KIND = 'TASK'");
            for (String route : routes()) {
                List<Map<String, Object>> rows = db.rows("SELECT TASK_ID, TASK_NAME, RUN_ID FROM LOG WHERE MESSAGE LIKE ?",
                        "work " + route + " %");
                assertThat(rows).as(route).isNotEmpty()
                        .allSatisfy(r -> assertThat(r).as(route).containsEntry("TASK_NAME", "fan")
                                .containsEntry("TASK_ID", fan));
            }
            Map<String, Long> counters = new java.util.HashMap<>();
            for (Map<String, Object> r : db.rows("SELECT NAME, VALUE FROM LOG_COUNTER WHERE TASK_ID = ?", fan)) {
                counters.put((String) r.get("NAME"), ((Number) r.get("VALUE")).longValue());
            }
            assertThat(counters).containsEntry("submit", 4L).containsEntry("execute", 2L).containsEntry("schedule", 1L)
                    .containsEntry("async-default", 1L).containsEntry("async-pool", 1L).containsEntry("async-then", 1L)
                    .containsEntry("thread", 1L).containsEntry("thread-subclass", 1L).containsEntry("stream", 1000L)
                    .containsEntry("fork-join", 1000L)
                    .containsEntry("steps", (long) (routes().size() + 4));
            // the sub-task of every piece of work is a child of the task
            Map<String, Object> step = db.row("SELECT CALLS, PARENT_ID FROM LOG_TASK WHERE NAME = 'step' AND KIND = 'SUBTASK'");
            assertThat(((Number) step.get("CALLS")).longValue()).isEqualTo(routes().size() + 4);
            assertThat(step.get("PARENT_ID")).isEqualTo(fan);
        }
    }

    @Test
    void theWorkersCpuTimeIsAddedToTheTask() throws Exception {
        try (StoreDb db = StoreDb.in(process.workDir())) {
            Map<String, Object> fan = db.row("SELECT WALL_NS, CPU_NS FROM LOG_TASK WHERE NAME = 'fan' AND KIND = 'TASK'");
            // virtual threads have no CPU clock the JVM can read: their work's CPU time is not known
            int onVirtualThreads = AgentProcess.childJavaVersion() >= 21 ? 2 : 0;
            long workers = (routes().size() + 4 - onVirtualThreads) * 30_000_000L;
            assertThat(((Number) fan.get("CPU_NS")).longValue()).as("each piece of work burns 30 ms of CPU")
                    .isGreaterThanOrEqualTo(workers);
        }
    }

    @Test
    void tasksSharingAPoolNeverMixAndAPooledThreadKeepsNothing() throws Exception {
        try (StoreDb db = StoreDb.in(process.workDir())) {
            for (String name : new String[] {"A", "B"}) {
                List<Map<String, Object>> rows = db.rows("SELECT TASK_NAME FROM LOG WHERE MESSAGE LIKE ?", "mix " + name + " %");
                assertThat(rows).hasSize(50).allSatisfy(r -> assertThat(r).containsEntry("TASK_NAME", "mix-" + name));
                assertThat(db.count("SELECT C.VALUE FROM LOG_COUNTER C JOIN LOG_TASK T ON T.ID = C.TASK_ID "
                        + "WHERE T.NAME = ? AND C.NAME = 'mixed'", "mix-" + name)).isEqualTo(50);
            }
            Map<String, Object> after = db.row("SELECT RUN_ID, TASK_ID FROM LOG WHERE MESSAGE = 'pool work outside any task'");
            assertThat(after.get("RUN_ID")).isNull();
            assertThat(after.get("TASK_ID")).isNull();
        }
        assertThat(result.stderr).doesNotContain("internal error");
    }

    @Test
    void sixteenConcurrentTasksWithParallelStreamsKeepExactCountersAndTheirOwnEvents() throws Exception {
        AgentProcess stress = AgentProcess.named("fan-out-stress").args("stress");
        AgentProcess.Result r = stress.run(FanOut.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).doesNotContain("[tasklog]");
        try (StoreDb db = StoreDb.in(stress.workDir())) {
            for (int t = 0; t < 16; t++) {
                String name = "stress-" + t;
                assertThat(db.count("SELECT C.VALUE FROM LOG_COUNTER C JOIN LOG_TASK T ON T.ID = C.TASK_ID "
                        + "WHERE T.NAME = ? AND C.NAME = 'n'", name)).as(name).isEqualTo(10_000);
                List<Map<String, Object>> events = db.rows("SELECT TASK_NAME FROM LOG WHERE MESSAGE LIKE ?", name + " element %");
                assertThat(events).as(name).hasSize(10).allSatisfy(e -> assertThat(e).containsEntry("TASK_NAME", name));
            }
        }
    }

    @Test
    void countersAreExactUnderContention() throws Exception {
        AgentProcess exact = AgentProcess.named("fan-out-exact").args("exact");
        AgentProcess.Result r = exact.run(FanOut.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).contains("  - increments: 8000000");
        try (StoreDb db = StoreDb.in(exact.workDir())) {
            assertThat(db.count("SELECT C.VALUE FROM LOG_COUNTER C JOIN LOG_TASK T ON T.ID = C.TASK_ID "
                    + "WHERE T.NAME = 'exact' AND C.NAME = 'increments'")).isEqualTo(8_000_000);
        }
    }
}
