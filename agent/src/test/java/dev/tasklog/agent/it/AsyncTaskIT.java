package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.AsyncTasks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A @Task or @SubTask method that returns a future is timed until the future completes. */
class AsyncTaskIT {

    @Test
    void tasksReturningFuturesEndWhenTheFutureCompletesWithItsOutcome() throws Exception {
        AgentProcess p = AgentProcess.named("async");
        AgentProcess.Result r = p.run(AsyncTasks.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).doesNotContain("[tasklog]");
        assertThat(r.stdout).contains("fetch returned; done: false", "failed as expected: remote said no", "done now: 7",
                "part 42")
                .containsPattern("task fetch: duration: 0\\.[3-9]\\d\\ds")
                .containsPattern("task failing: status: FAILED \\(java.lang.IllegalStateException: remote said no\\)")
                .containsPattern("sub part: duration: 0\\.[2-9]\\d\\ds")
                .containsPattern("task load: duration: 0\\.[2-9]\\d\\ds");
        // the task's own line comes after the method returned, when the future completed
        assertThat(r.stdout.indexOf("fetch returned")).isLessThan(r.stdout.indexOf("task fetch: duration"));
        assertThat(r.stdout.indexOf("load returned")).isLessThan(r.stdout.indexOf("task load: duration"));
        try (StoreDb db = StoreDb.in(p.workDir())) {
            Map<String, Object> fetch = db.row("SELECT STATUS, WALL_NS FROM LOG_TASK WHERE NAME = 'fetch'");
            assertThat(fetch).containsEntry("STATUS", "OK");
            assertThat(((Number) fetch.get("WALL_NS")).longValue()).isGreaterThanOrEqualTo(300_000_000L);
            assertThat(db.row("SELECT STATUS FROM LOG_TASK WHERE NAME = 'failing'")).containsEntry("STATUS", "FAILED");
            assertThat(db.row("SELECT STATUS FROM LOG_TASK WHERE NAME = 'done'")).containsEntry("STATUS", "OK");
            Map<String, Object> part = db.row("SELECT T.WALL_NS, P.NAME AS PARENT FROM LOG_TASK T JOIN LOG_TASK P ON P.ID = T.PARENT_ID "
                    + "WHERE T.NAME = 'part'");
            assertThat(part).containsEntry("PARENT", "whole");
            assertThat(((Number) part.get("WALL_NS")).longValue()).isGreaterThanOrEqualTo(200_000_000L);
            assertThat(db.row("SELECT TASK_NAME FROM LOG WHERE MESSAGE = 'fetching in the background'"))
                    .containsEntry("TASK_NAME", "fetch");
            assertThat(db.row("SELECT STATUS FROM LOG_RUN")).containsEntry("STATUS", "FAILED");
        }
    }
}
