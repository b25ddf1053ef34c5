package dev.tasklog.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.agent.bootstrap.Sink;
import dev.tasklog.agent.output.Level;
import dev.tasklog.agent.output.LineSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRecorderTest {

    private final FakeClock clock = new FakeClock();
    private final List<String> events = new ArrayList<>();
    private final Map<String, String> mdc = new HashMap<>();
    private final List<Frame> finished = new ArrayList<>();

    private final FrameListener listener = new FrameListener() {
        @Override
        public void started(Frame frame) {
            events.add("start " + frame.name() + " mdc=" + mdc);
        }

        @Override
        public void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call) {
            events.add("sub " + name + " in " + owner.name() + " wall=" + wallNanos + " cpu=" + cpuNanos + " call=" + call);
        }

        @Override
        public void finished(Frame frame) {
            finished.add(frame);
            events.add("finish " + frame.name() + " " + frame.status() + " wall=" + frame.wallNanos() + " cpu=" + frame.cpuNanos());
        }
    };

    private final LineSink mdcSink = new LineSink() {
        @Override
        public void write(String logger, Level level, String message) {
        }

        @Override
        public void putMdc(String key, String value) {
            mdc.put(key, value);
        }

        @Override
        public void removeMdc(String key) {
            mdc.remove(key);
        }
    };

    private final TaskRecorder recorder = new TaskRecorder(clock, listener, mdcSink);

    @Test
    void aRunWithNestedTasksIsTimedWithWallAndCpu() {
        Object run = recorder.runEnter("job");
        clock.advance(10, 4);
        Object outer = recorder.taskEnter("outer", true);
        clock.advance(100, 60);
        Object inner = recorder.taskEnter("inner", true);
        clock.advance(50, 50);
        recorder.taskExit(inner, null);
        recorder.taskExit(outer, null);
        recorder.runExit(run, null);

        assertThat(events).containsExactly(
                "start job mdc={tasklog.run=job}",
                "start outer mdc={tasklog.run=job, tasklog.task=outer}",
                "start inner mdc={tasklog.run=job, tasklog.task=inner}",
                "finish inner OK wall=50 cpu=50",
                "finish outer OK wall=150 cpu=110",
                "finish job OK wall=160 cpu=114");
        assertThat(mdc).isEmpty();
        assertThat(finished.get(0).parent()).isSameAs(outer);
        assertThat(finished.get(0).run()).isSameAs(run);
    }

    @Test
    void cpuIsUnavailableNotZeroWhenTheClockCannotMeasureIt() {
        clock.cpu = -1;
        Object task = recorder.taskEnter("t", true);
        clock.advance(5, 0);
        recorder.taskExit(task, null);
        assertThat(finished.get(0).cpuNanos()).isEqualTo(-1);
        assertThat(finished.get(0).wallNanos()).isEqualTo(5);
    }

    @Test
    void statusesComeFromEventsAndEscapingExceptionsAndRollUp() {
        Object run = recorder.runEnter("job");
        Object a = recorder.taskEnter("a", true);
        recorder.logEvent(null, "data.orders", 30_000);
        recorder.taskExit(a, null);
        Object b = recorder.taskEnter("b", true);
        Object child = recorder.taskEnter("child", true);
        recorder.logEvent(null, "com.acme", 40_000);
        recorder.taskExit(child, null);
        recorder.logEvent(null, "task.performance", 40_000);
        recorder.taskExit(b, null);
        Object c = recorder.taskEnter("c", true);
        recorder.taskExit(c, new IllegalStateException());
        recorder.runExit(run, null);

        assertThat(events).filteredOn(e -> e.startsWith("finish")).extracting(e -> e.split(" ")[1] + " " + e.split(" ")[2])
                .containsExactly("a DATA_WARNING", "child ERROR", "b ERROR", "c FAILED", "job FAILED");
    }

    @Test
    void eventsOutsideAnyRunChangeNothing() {
        recorder.logEvent(null, "com.acme", 40_000);
        Object t = recorder.taskEnter("later", true);
        recorder.taskExit(t, null);
        assertThat(finished.get(0).status()).isEqualTo(Status.OK);
    }

    @Test
    void aNestedRunJoinsTheActiveRun() {
        Object outer = recorder.runEnter("outer");
        assertThat(recorder.runEnter("inner")).isNull();
        recorder.runExit(outer, null);
        assertThat(events).containsExactly("start outer mdc={tasklog.run=outer}", "finish outer OK wall=0 cpu=0");
    }

    @Test
    void setRunFinishesTheRunStillActive() {
        recorder.setRun("first");
        recorder.setTask("open", true);
        recorder.setRun("second");
        recorder.finishRun();
        assertThat(events).extracting(e -> e.replaceAll(" mdc=.*| wall=.*", "")).containsExactly(
                "start first", "start open", "finish open OK", "finish first OK", "start second", "finish second OK");
    }

    @Test
    void anAnnotatedExitFinishesFacadeTasksLeftOpenInside() {
        Object task = recorder.taskEnter("annotated", true);
        recorder.setTask("forgotten", true);
        recorder.taskExit(task, null);
        assertThat(events).extracting(e -> e.replaceAll(" mdc=.*| wall=.*", "")).containsExactly(
                "start annotated", "start forgotten", "finish forgotten OK", "finish annotated OK");
        recorder.finishTask(); // nothing left: reported, ignored
        assertThat(finished).hasSize(2);
    }

    @Test
    void subTasksAreTimedOnlyInsideARunOrTaskAndCountedPerName() {
        assertThat(recorder.subTaskStart()).isEqualTo(Sink.INACTIVE);
        Object task = recorder.taskEnter("t", true);
        for (int i = 0; i < 3; i++) {
            long wall = recorder.subTaskStart();
            long cpu = recorder.threadCpuNanos();
            clock.advance(7, 3);
            recorder.subTaskEnd("s", wall, cpu, i == 2 ? new RuntimeException() : null);
        }
        recorder.taskExit(task, null);
        Frame t = finished.get(0);
        SubTaskStats stats = t.subTasks().get(0);
        assertThat(stats.calls()).isEqualTo(3);
        assertThat(stats.totalWallNanos()).isEqualTo(21);
        assertThat(stats.totalCpuNanos()).isEqualTo(9);
        assertThat(stats.maxWallNanos()).isEqualTo(7);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(events).contains("sub s in t wall=7 cpu=3 call=3");
        assertThat(recorder.subTaskStart()).isEqualTo(Sink.INACTIVE);
    }

    @Test
    void subTimersBelongToTheTaskThatStartedThemAndFinishOnce() {
        assertThat(recorder.subTimerStart("outside")).isNull();
        Object task = recorder.taskEnter("t", true);
        Object timer = recorder.subTimerStart("timer");
        clock.advance(20, 10);
        recorder.subTimerFinish(timer);
        recorder.taskExit(task, null);
        assertThat(events).contains("sub timer in t wall=20 cpu=10 call=1");
    }

    @Test
    void countersGoToTheInnermostTask() {
        Object outer = recorder.taskEnter("outer", true);
        recorder.count("x", 2);
        Object inner = recorder.taskEnter("inner", true);
        recorder.count("x", 5);
        recorder.taskExit(inner, null);
        recorder.count("x", 1);
        recorder.taskExit(outer, null);
        assertThat(finished.get(0).counters().snapshot()).containsEntry("x", 5L);
        assertThat(finished.get(1).counters().snapshot()).containsEntry("x", 3L);
    }

    @Test
    void extraInfoIsKeptPerThreadUntilCleared() {
        recorder.setExtraInfo(Map.of("batch", 7));
        assertThat(recorder.extraInfo()).containsEntry("batch", 7);
        recorder.clearExtraInfo();
        assertThat(recorder.extraInfo()).isEmpty();
    }

    @Test
    void aTaskOnAnotherThreadIsIndependent() throws Exception {
        Object run = recorder.runEnter("job");
        Thread other = new Thread(() -> {
            Object t = recorder.taskEnter("elsewhere", true);
            recorder.taskExit(t, null);
        });
        other.start();
        other.join();
        recorder.runExit(run, null);
        Frame elsewhere = finished.get(0);
        assertThat(elsewhere.name()).isEqualTo("elsewhere");
        assertThat(elsewhere.parent()).isNull();
    }
}
