package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.CpuTiming;
import org.junit.jupiter.api.Test;

/** CPU time is the thread's own: near zero while sleeping, near the wall time while busy. */
class CpuTimingIT {

    @Test
    void cpuTimeFollowsWhatTheThreadDid() throws Exception {
        AgentProcess.Result result = AgentProcess.named("cpu").run(CpuTiming.class);
        assertThat(result.exitCode).as(result.toString()).isZero();

        TaskLines.Timing sleeping = TaskLines.task(result.stdoutLines(), "sleeping");
        TaskLines.Timing busy = TaskLines.task(result.stdoutLines(), "busy");

        assertThat(sleeping.wall).as(sleeping.toString()).isGreaterThanOrEqualTo(0.4);
        assertThat(sleeping.cpu).as(sleeping.toString()).isBetween(0.0, 0.05);
        assertThat(busy.wall).as(busy.toString()).isGreaterThanOrEqualTo(0.4);
        // A shared 2-core machine may take the core away for a while; most of it must still be CPU.
        assertThat(busy.cpu).as(busy.toString()).isGreaterThan(busy.wall * 0.5);
        // The two clocks are read at slightly different moments: allow a couple of milliseconds.
        assertThat(busy.cpu).as(busy.toString()).isLessThanOrEqualTo(busy.wall + 0.002);
        assertThat(result.stdout).containsPattern("run cpu finished: status: OK, duration: 0\\.[89]\\d\\ds|duration: 1\\.\\d{3}s");
    }
}
