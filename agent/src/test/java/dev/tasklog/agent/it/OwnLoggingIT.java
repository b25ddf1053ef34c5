package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.OwnLogging;
import org.junit.jupiter.api.Test;

/** The application's own HSQLDB, and logback without any configuration, beside the agent. */
class OwnLoggingIT {

    @Test
    void anUnconfiguredLogbackGetsAnInfoConsoleAndTheApplicationsHsqldbIsItsOwn() throws Exception {
        AgentProcess p = AgentProcess.named("own-logging").withoutLogbackConfig();
        AgentProcess.Result result = p.run(OwnLogging.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).contains("own database: 42 via org.hsqldb.jdbc.JDBCDriver")
                .containsPattern("INFO +dev.tasklog.fixtures.OwnLogging -- an info line")
                .containsPattern("INFO +task.run -- run own finished: status: OK")
                .doesNotContain("a debug line");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE = 'an info line'")).isEqualTo(1);
            assertThat(db.row("SELECT STATUS FROM LOG_RUN")).containsEntry("STATUS", "OK");
        }
    }
}
