package dev.tasklog.agent.output;

import dev.tasklog.agent.context.Frame;
import dev.tasklog.agent.context.FrameListener;
import dev.tasklog.agent.context.Loggers;
import dev.tasklog.agent.context.Status;
import dev.tasklog.agent.context.SubTaskStats;
import java.util.Map;

/**
 * Turns what happens to runs, tasks and sub-tasks into tasklog's lines:
 * <pre>
 * task.run              run nightly started
 * task.performance      task load started
 * task.performance.sub  sub parse: duration: 0.050s, cpu: 0.001s
 * task.performance.sub  sub parse: duration: 1.234s, cpu: 1.200s, calls: 1000, max: 0.004s
 * task.performance      task load: duration: 2.000s, cpu: 1.500s
 * task.performance      task load: status: DATA_WARNING
 * task.performance      * Task summary load
 * task.performance        - records: 1200
 * task.run              run nightly finished: status: DATA_WARNING, duration: 2.100s, cpu: 1.550s
 * task.performance      task load: late work: +0.300s, cpu: +0.120s (work it handed out went on after ...)
 * </pre>
 * The last line, a warning, appears when work a task handed to other threads did something after
 * the task finished; the counter summary follows it again with the sums that include that work.
 * A task with {@code logTiming = false} writes only its status line, and only when it is not OK.
 */
public final class LineReporter implements FrameListener {

    private final LineSink out;

    /**
     * @param out where the lines go
     */
    public LineReporter(LineSink out) {
        this.out = out;
    }

    @Override
    public void started(Frame frame) {
        if (frame.kind() == Frame.Kind.RUN) {
            out.write(Loggers.RUN, Level.INFO, "run " + frame.name() + " started");
        } else if (frame.logTiming()) {
            out.write(Loggers.PERFORMANCE, Level.INFO, "task " + frame.name() + " started");
        }
    }

    @Override
    public void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call) {
        if (call > SubTaskStats.LOGGED_CALLS || !owner.logTiming()) {
            return;
        }
        String line = "sub " + name + ": duration: " + Durations.seconds(wallNanos) + ", cpu: " + Durations.seconds(cpuNanos);
        if (thrown != null) {
            line += ", failed: " + thrown.getClass().getName();
        }
        out.write(Loggers.SUB, Level.INFO, line);
    }

    @Override
    public void finished(Frame frame) {
        if (frame.kind() == Frame.Kind.RUN) {
            writeSubTaskSummaries(frame);
            out.write(Loggers.RUN, levelOf(frame.status()), "run " + frame.name() + " finished: status: " + frame.status()
                    + ", duration: " + Durations.seconds(frame.wallNanos()) + ", cpu: " + Durations.seconds(frame.cpuNanos()));
            return;
        }
        if (frame.logTiming()) {
            writeSubTaskSummaries(frame);
            out.write(Loggers.PERFORMANCE, Level.INFO, "task " + frame.name() + ": duration: "
                    + Durations.seconds(frame.wallNanos()) + ", cpu: " + Durations.seconds(frame.cpuNanos()));
        }
        if (frame.status() != Status.OK) {
            out.write(Loggers.PERFORMANCE, levelOf(frame.status()), "task " + frame.name() + ": status: " + frame.status()
                    + (frame.thrown() != null ? " (" + frame.thrown() + ")" : ""));
        }
        if (frame.logTiming()) {
            writeCounters(frame);
        }
    }

    @Override
    public void lateWorkEnded(Frame frame, long lateWallNanos) {
        boolean run = frame.kind() == Frame.Kind.RUN;
        out.write(run ? Loggers.RUN : Loggers.PERFORMANCE, Level.WARN, (run ? "run " : "task ") + frame.name()
                + ": late work: +" + Durations.seconds(lateWallNanos) + ", cpu: +" + Durations.seconds(frame.lateCpuNanos())
                + " (work it handed out went on after it finished; counted in its totals)");
        if (!run) {
            writeCounters(frame);
        }
        Frame owner = frame.run();
        if (!run && owner != null && owner.isFinished()) {
            out.write(Loggers.RUN, levelOf(owner.status()), "run " + owner.name() + ": after late work of task "
                    + frame.name() + ": status: " + owner.status() + ", cpu: " + Durations.seconds(owner.cpuNanos()));
        }
    }

    private void writeCounters(Frame frame) {
        if (frame.counters().isEmpty()) {
            return;
        }
        out.write(Loggers.PERFORMANCE, Level.INFO, "* Task summary " + frame.name());
        for (Map.Entry<String, Long> counter : frame.counters().snapshot().entrySet()) {
            out.write(Loggers.PERFORMANCE, Level.INFO, "  - " + counter.getKey() + ": " + counter.getValue());
        }
    }

    private void writeSubTaskSummaries(Frame frame) {
        for (SubTaskStats stats : frame.subTasks()) {
            if (stats.calls() <= SubTaskStats.LOGGED_CALLS) {
                continue;
            }
            String line = "sub " + stats.name() + ": duration: " + Durations.seconds(stats.totalWallNanos())
                    + ", cpu: " + Durations.seconds(stats.totalCpuNanos()) + ", calls: " + stats.calls()
                    + ", max: " + Durations.seconds(stats.maxWallNanos());
            if (stats.failures() > 0) {
                line += ", failed: " + stats.failures();
            }
            out.write(Loggers.SUB, Level.INFO, line);
        }
    }

    private static Level levelOf(Status status) {
        switch (status) {
            case OK:
                return Level.INFO;
            case DATA_WARNING:
            case WARNING:
                return Level.WARN;
            default:
                return Level.ERROR;
        }
    }
}
