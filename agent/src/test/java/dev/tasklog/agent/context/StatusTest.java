package dev.tasklog.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {

    private static final int INFO = 20_000;
    private static final int WARN = 30_000;
    private static final int ERROR = 40_000;

    @Test
    void theOrderIsFromBestToWorst() {
        assertThat(Status.values()).containsExactly(Status.OK, Status.DATA_WARNING, Status.WARNING, Status.DATA_ERROR,
                Status.ERROR, Status.FAILED, Status.ABORTED);
        assertThat(Status.WARNING.worst(Status.DATA_ERROR)).isEqualTo(Status.DATA_ERROR);
        assertThat(Status.FAILED.worst(Status.ERROR)).isEqualTo(Status.FAILED);
        assertThat(Status.OK.worst(Status.OK)).isEqualTo(Status.OK);
    }

    @Test
    void eventsMapToStatusesByLevelAndDataLogger() {
        assertThat(Status.ofEvent("com.acme.Job", INFO)).isEqualTo(Status.OK);
        assertThat(Status.ofEvent("com.acme.Job", WARN)).isEqualTo(Status.WARNING);
        assertThat(Status.ofEvent("com.acme.Job", ERROR)).isEqualTo(Status.ERROR);
        assertThat(Status.ofEvent("data.com.acme.Job", WARN)).isEqualTo(Status.DATA_WARNING);
        assertThat(Status.ofEvent("data.orders", ERROR)).isEqualTo(Status.DATA_ERROR);
        assertThat(Status.ofEvent("database", ERROR)).isEqualTo(Status.ERROR);
    }

    @Test
    void tasklogsOwnAndConsoleLoggersNeverChangeAStatus() {
        assertThat(Status.ofEvent("task.run", ERROR)).isEqualTo(Status.OK);
        assertThat(Status.ofEvent("task.performance", ERROR)).isEqualTo(Status.OK);
        assertThat(Status.ofEvent("tasklog.console", ERROR)).isEqualTo(Status.OK);
        assertThat(Status.ofEvent("task.runner", ERROR)).isEqualTo(Status.ERROR);
    }
}
