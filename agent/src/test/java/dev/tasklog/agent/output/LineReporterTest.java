package dev.tasklog.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.agent.context.FakeClock;
import dev.tasklog.agent.context.TaskRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReporterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSink sink = new LineSink() {
        @Override
        public void write(String logger, Level level, String message) {
            lines.add(level + " " + logger + " - " + message);
        }

        @Override
        public void putMdc(String key, String value) {
        }

        @Override
        public void removeMdc(String key) {
        }
    };

    private final FakeClock clock = new FakeClock();

    private final TaskRecorder recorder = new TaskRecorder(clock, new LineReporter(sink), sink);

    @Test
    void theLinesHaveTheDocumentedShapes() {
        Object run = recorder.runEnter("nightly");
        Object task = recorder.taskEnter("load", true);
        long s = recorder.subTaskStart();
        long c = recorder.threadCpuNanos();
        clock.advance(50_000_000L, 1_000_000L);
        recorder.subTaskEnd("parse", s, c, null);
        recorder.count("counter1", 8);
        recorder.count("counter2", 16);
        recorder.taskExit(task, null);
        recorder.runExit(run, null);

        assertThat(lines).containsExactly(
                "INFO task.run - run nightly started",
                "INFO task.performance - task load started",
                "INFO task.performance.sub - sub parse: duration: 0.050s, cpu: 0.001s",
                "INFO task.performance - task load: duration: 0.050s, cpu: 0.001s",
                "INFO task.performance - * Task summary load",
                "INFO task.performance -   - counter1: 8",
                "INFO task.performance -   - counter2: 16",
                "INFO task.run - run nightly finished: status: OK, duration: 0.050s, cpu: 0.001s");
    }

    @Test
    void repeatedSubTasksAreSummarisedOnceAfterTheFirstTen() {
        Object task = recorder.taskEnter("loop", true);
        for (int i = 0; i < 25; i++) {
            long s = recorder.subTaskStart();
            long c = recorder.threadCpuNanos();
            clock.advance(i == 3 ? 9_000_000L : 1_000_000L, 500_000L);
            recorder.subTaskEnd("step", s, c, i == 0 ? new IllegalStateException() : null);
        }
        recorder.taskExit(task, null);

        assertThat(lines.stream().filter(l -> l.startsWith("INFO task.performance.sub"))).hasSize(11);
        assertThat(lines).contains("INFO task.performance.sub - sub step: duration: 0.001s, cpu: 0.001s, failed: java.lang.IllegalStateException");
        assertThat(lines).containsSubsequence(
                "INFO task.performance.sub - sub step: duration: 0.033s, cpu: 0.013s, calls: 25, max: 0.009s, failed: 1",
                "INFO task.performance - task loop: duration: 0.033s, cpu: 0.013s");
    }

    @Test
    void failedAndWarnedTasksSayTheirStatusAtTheirLevel() {
        Object run = recorder.runEnter("r");
        Object task = recorder.taskEnter("t", true);
        recorder.logEvent(null, "data.x", 30_000);
        recorder.taskExit(task, null);
        Object failing = recorder.taskEnter("f", false);
        recorder.taskExit(failing, new IllegalArgumentException("bad"));
        recorder.runExit(run, null);
        assertThat(lines).contains(
                "WARN task.performance - task t: status: DATA_WARNING",
                "ERROR task.performance - task f: status: FAILED (java.lang.IllegalArgumentException: bad)",
                "ERROR task.run - run r finished: status: FAILED, duration: 0.000s, cpu: 0.000s");
        assertThat(lines).noneMatch(l -> l.contains("task f started") || l.contains("task f: duration"));
    }

    @Test
    void unmeasurableCpuIsShownAsNotAvailable() {
        clock.cpu = -1;
        Object task = recorder.taskEnter("t", true);
        recorder.taskExit(task, null);
        assertThat(lines).contains("INFO task.performance - task t: duration: 0.000s, cpu: n/a");
        assertThat(Durations.seconds(1_234_567_890L)).isEqualTo("1.235s");
    }
}
