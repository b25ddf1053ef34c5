package dev.tasklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without the agent, the API must change nothing about how the application behaves. */
class WithoutAgentTest {

    static class Job {
        int calls;

        @Run("job")
        int run(int x) {
            calls++;
            return step(x) + 1;
        }

        @Task
        int step(int x) {
            calls++;
            return part(x) * 2;
        }

        @SubTask("part")
        int part(int x) {
            calls++;
            return x + 3;
        }

        @Task
        void fails() throws IOException {
            throw new IOException("disk gone");
        }
    }

    @Test
    void annotatedMethodsReturnWhatTheyCompute() {
        Job job = new Job();
        assertThat(job.run(4)).isEqualTo((4 + 3) * 2 + 1);
        assertThat(job.calls).isEqualTo(3);
    }

    @Test
    void exceptionsPassThroughUnchanged() {
        IOException thrown = null;
        try {
            new Job().fails();
        } catch (IOException e) {
            thrown = e;
        }
        assertThat(thrown).hasMessage("disk gone");
        assertThat(thrown.getStackTrace()[0].getMethodName()).isEqualTo("fails");
    }

    @Test
    void facadeCallsAreHarmlessNoOps() {
        TaskLog.setRun("r");
        TaskLog.setTask("t");
        TaskLog.setTask("t2", false);
        TaskLog.count("c");
        TaskLog.count("c", 5);
        TaskLog.setExtraInfo(Map.of("k", "v"));
        TaskLog.clearExtraInfo();
        TaskLog.finishTask();
        TaskLog.finishTask();
        TaskLog.finishRun();
        TaskLog.finishRun(); // unbalanced finishes are fine too
        try (DebugScope scope = TaskLog.debugContext((log, event) -> { throw new AssertionError(); }, "m")) {
            assertThat(scope).isNotNull();
        }
    }

    @Test
    void subTimerWorksBothWaysAndKeepsItsName() {
        SubTimer timer = SubTimer.start("parse");
        assertThat(timer.name()).isEqualTo("parse");
        timer.finish();
        timer.finish();
        try (SubTimer t = SubTimer.start("write")) {
            assertThat(t.name()).isEqualTo("write");
        }
    }

    @Test
    void dataLoggersAreNamedUnderData() {
        assertThat(TaskLog.dataLogger(WithoutAgentTest.class).getName())
                .isEqualTo("data.dev.tasklog.WithoutAgentTest");
        assertThat(TaskLog.dataLogger("orders").getName()).isEqualTo("data.orders");
        assertThat(TaskLog.dataLogger("data.orders").getName()).isEqualTo("data.orders");
        assertThat(TaskLog.console().getName()).isEqualTo(TaskLog.CONSOLE_LOGGER);
    }

    @Test
    void debugEventsCarryWhatTheyWereMadeWith() {
        DebugEvent enter = DebugEvent.enter("solve", "task");
        assertThat(enter.phase()).isEqualTo(DebugEvent.Phase.ENTER);
        assertThat(enter.method()).isEqualTo("solve");
        IllegalStateException boom = new IllegalStateException("boom");
        DebugEvent exit = DebugEvent.exit("solve", "task", 42L, null, boom);
        assertThat(exit.phase()).isEqualTo(DebugEvent.Phase.EXIT);
        assertThat(exit.elapsedNanos()).isEqualTo(42L);
        assertThat(exit.thrown()).isSameAs(boom);
        assertThat(exit.toString()).contains("threw");
    }

    @Test
    void annotationsAreVisibleAtRuntimeWithTheirDefaults() throws Exception {
        Task task = Job.class.getDeclaredMethod("step", int.class).getAnnotation(Task.class);
        assertThat(task.value()).isEmpty();
        assertThat(task.logTiming()).isTrue();
        assertThat(Job.class.getDeclaredMethod("run", int.class).getAnnotation(Run.class).value()).isEqualTo("job");
    }

    @Test
    void nullArgumentsToTheFacadeDoNotThrow() {
        TaskLog.setRun(null);
        TaskLog.count(null);
        TaskLog.setExtraInfo(null);
        assertThatThrownBy(() -> TaskLog.dataLogger((String) null)).isInstanceOf(NullPointerException.class);
    }
}
