package dev.tasklog.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.agent.bootstrap.Sink;
import dev.tasklog.agent.output.Level;
import dev.tasklog.agent.output.LineSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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

        @Override
        public void lateWorkEnded(Frame frame, long lateWallNanos) {
            events.add("late " + frame.name() + " " + frame.status() + " +" + lateWallNanos + " cpu=" + frame.cpuNanos()
                    + " late cpu=" + frame.lateCpuNanos() + " counters=" + frame.counters().snapshot());
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

    @Test
    void workersCpuCountsInTheTaskAndTheRunItIsPartOf() throws Exception {
        Object run = recorder.runEnter("job");
        Object task = recorder.taskEnter("fan-out", true);
        Object context = recorder.captureContext();
        onAnotherThread(() -> {
            Object token = recorder.adopt(context);
            clock.advance(0, 30);
            recorder.release(token);
        });
        recorder.taskExit(task, null);
        recorder.runExit(run, null);
        // the fake CPU clock is shared by both threads: 30 seen by the task's thread, 30 by the worker
        assertThat(events).contains("finish fan-out OK wall=0 cpu=60", "finish job OK wall=0 cpu=60");
    }

    @Test
    void workThatGoesOnAfterItsTaskEndedIsCountedAndReportedOnceItEnds() throws Exception {
        Object run = recorder.runEnter("job");
        Object task = recorder.taskEnter("fan-out", true);
        recorder.count("rows", 1);
        clock.advance(10, 5);
        endTaskWhileItsWorkRuns(task, () -> {
            clock.advance(40, 25);
            recorder.count("rows", 2);
            long start = recorder.subTaskStart();
            recorder.subTaskEnd("write", start, -1L, null);
        });
        recorder.runExit(run, null);

        Frame fanOut = finished.get(0);
        // the worker's CPU time arrives when it leaves (the fake CPU clock is one for both threads)
        assertThat(events).containsSubsequence(
                "finish fan-out OK wall=10 cpu=5",
                "sub write in fan-out wall=0 cpu=-1 call=1",
                "late fan-out OK +40 cpu=30 late cpu=25 counters={rows=3}",
                "finish job OK wall=50 cpu=55");
        assertThat(fanOut.subTasks()).extracting(SubTaskStats::name).containsExactly("write");
        assertThat(mdc).isEmpty();
    }

    @Test
    void aWorkerThatOnlyLeavesAfterItsTaskEndedIsNoLateWork() throws Exception {
        Object run = recorder.runEnter("job");
        Object task = recorder.taskEnter("fan-out", true);
        endTaskWhileItsWorkRuns(task, () -> { });
        recorder.runExit(run, null);
        assertThat(events).noneMatch(e -> e.startsWith("late"));
    }

    /** A worker adopts the task's context, the task ends, then the worker does {@code afterEnd} and leaves. */
    private void endTaskWhileItsWorkRuns(Object task, Runnable afterEnd) throws InterruptedException {
        Object context = recorder.captureContext();
        CountDownLatch adopted = new CountDownLatch(1);
        CountDownLatch taskEnded = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            Object token = recorder.adopt(context);
            adopted.countDown();
            await(taskEnded);
            afterEnd.run();
            recorder.release(token);
        });
        worker.start();
        adopted.await();
        recorder.taskExit(task, null);
        taskEnded.countDown();
        worker.join();
    }

    @Test
    void queuedWorkStartingAfterItsRunEndedStillCountsForItsTask() throws Exception {
        Object run = recorder.runEnter("job");
        Object task = recorder.taskEnter("fan-out", true);
        Object context = recorder.captureContext();
        recorder.taskExit(task, null);
        recorder.runExit(run, null);
        onAnotherThread(() -> {
            Object token = recorder.adopt(context);
            recorder.count("rows", 7);
            recorder.release(token);
        });
        assertThat(events).last().asString().startsWith("late fan-out OK").endsWith("counters={rows=7}");
        // a thread that only starts and leaves after the end is not late work
        onAnotherThread(() -> recorder.release(recorder.adopt(context)));
        assertThat(events).last().asString().startsWith("late fan-out OK").endsWith("counters={rows=7}");
        assertThat(events).filteredOn(e -> e.startsWith("late")).hasSize(1);
    }

    private static void onAnotherThread(Runnable work) throws InterruptedException {
        Thread t = new Thread(work);
        t.start();
        t.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
