package dev.tasklog.agent.store;

import dev.tasklog.agent.context.Frame;
import dev.tasklog.agent.context.FrameListener;
import dev.tasklog.agent.context.LogEventListener;
import dev.tasklog.agent.context.Loggers;
import dev.tasklog.agent.context.SubTaskStats;
import dev.tasklog.agent.logback.CallerLocator;
import dev.tasklog.agent.logback.LogbackEventReader;
import dev.tasklog.agent.output.Level;
import dev.tasklog.agent.output.LineSink;
import dev.tasklog.agent.util.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Turns runs, tasks and log events into {@link Record}s for the {@link StoreWriter}, on the thread
 * where they happen. Everything expensive (SQL, ids) is left to the writer thread; what is done
 * here is what can only be done here: reading the event and finding its caller.
 */
public final class StoreRecorder implements FrameListener, LogEventListener {

    private static final String MDC_PREFIX = "tasklog.";

    private final StoreWriter writer;
    private final int minLevel;
    private final Map<Long, Long> droppedAtRunStart = new ConcurrentHashMap<>();
    private volatile Supplier<Frame> current;

    /**
     * @param writer   where records go
     * @param minLevel the lowest level stored, in logback's int scale ({@code store.level})
     */
    public StoreRecorder(StoreWriter writer, int minLevel) {
        this.writer = writer;
        this.minLevel = minLevel;
    }

    /** @param currentFrame tells which run or task is active on the calling thread */
    public void currentFrame(Supplier<Frame> currentFrame) {
        this.current = currentFrame;
    }

    /**
     * @param name a level name of {@code store.level}
     * @return its int in logback's scale
     */
    public static int levelInt(String name) {
        switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE":
                return 5_000;
            case "DEBUG":
                return 10_000;
            case "WARN":
                return 30_000;
            case "ERROR":
                return 40_000;
            default:
                return 20_000;
        }
    }

    static String levelName(int level) {
        if (level >= 40_000) {
            return "ERROR";
        }
        if (level >= 30_000) {
            return "WARN";
        }
        if (level >= 20_000) {
            return "INFO";
        }
        return level >= 10_000 ? "DEBUG" : "TRACE";
    }

    // ---- runs and tasks

    @Override
    public void started(Frame frame) {
        if (frame.kind() == Frame.Kind.RUN) {
            droppedAtRunStart.put(frame.id(), writer.dropped());
            writer.offer(new Record.RunStarted(frame.id(), Limits.cut(frame.name(), Limits.NAME), frame.startedAtMillis(),
                    Host.name(), Host.pid()));
        } else {
            Frame parent = frame.parent();
            writer.offer(new Record.TaskStarted(frame.id(), idOf(frame.run()),
                    parent != null && parent.kind() == Frame.Kind.TASK ? parent.id() : 0L,
                    Limits.cut(frame.name(), Limits.NAME), frame.startedAtMillis(),
                    Limits.cut(frame.threadName(), Limits.SHORT)));
        }
    }

    @Override
    public void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call) {
        // stored once per name, summed, when the owner finishes
    }

    @Override
    public void finished(Frame frame) {
        boolean task = frame.kind() == Frame.Kind.TASK;
        List<Record.SubTaskRow> subTasks = subTaskRows(frame);
        if (task || !subTasks.isEmpty()) {
            writer.offer(taskFinished(frame, subTasks, false));
        }
        if (!task) {
            Long before = droppedAtRunStart.remove(frame.id());
            long dropped = writer.dropped() - (before == null ? 0L : before);
            if (dropped > 0) {
                Diagnostics.say("store: " + dropped + " events of run " + frame.name() + " (and of whatever ran beside it)"
                        + " could not be stored: the writer fell behind");
            }
            writer.offer(new Record.RunFinished(frame.id(), frame.status().name(), frame.finishedAtMillis(),
                    frame.wallNanos(), frame.cpuNanos(), dropped, false));
        }
    }

    @Override
    public void lateWorkEnded(Frame frame, long lateWallNanos) {
        // The frame and every finished frame it is part of: their CPU times and statuses include the late work.
        for (Frame f = frame; f != null && f.isFinished(); f = f.parent()) {
            if (f.kind() == Frame.Kind.TASK) {
                writer.offer(taskFinished(f, subTaskRows(f), true));
            } else {
                writer.offer(new Record.RunFinished(f.id(), f.status().name(), f.finishedAtMillis(), f.wallNanos(),
                        f.cpuNanos(), 0L, true));
            }
        }
    }

    private static Record.TaskFinished taskFinished(Frame frame, List<Record.SubTaskRow> subTasks, boolean revision) {
        boolean task = frame.kind() == Frame.Kind.TASK;
        return new Record.TaskFinished(frame.id(), idOf(frame.run()), task, frame.status().name(),
                frame.finishedAtMillis(), frame.wallNanos(), frame.cpuNanos(),
                task ? frame.counters().snapshot() : Map.of(), subTasks, Limits.cut(frame.threadName(), Limits.SHORT),
                revision);
    }

    private static List<Record.SubTaskRow> subTaskRows(Frame frame) {
        List<Record.SubTaskRow> rows = new ArrayList<>();
        for (SubTaskStats s : frame.subTasks()) {
            rows.add(new Record.SubTaskRow(Limits.cut(s.name(), Limits.NAME), s.calls(), frame.epochMillisAt(s.firstStartWall()),
                    frame.epochMillisAt(s.lastEndWall()), s.totalWallNanos(), s.totalCpuNanos(), s.maxWallNanos(), s.failures()));
        }
        return rows;
    }

    private static long idOf(Frame frame) {
        return frame == null ? 0L : frame.id();
    }

    // ---- log events

    @Override
    public void onEvent(Object event, String loggerName, int level, Frame frame, Map<String, Object> extraInfo) {
        if (level < minLevel || Loggers.CONSOLE.equals(loggerName)) {
            return;
        }
        LogbackEventReader reader = LogbackEventReader.of(event);
        // tasklog's own lines are about a run or task, which the row links to; they have no call
        // site of their own (and finding one would walk the stack for every line: microseconds)
        CallerLocator.Caller caller = Loggers.isOwn(loggerName) ? CallerLocator.UNKNOWN : CallerLocator.find();
        Map<String, Object> extra = new LinkedHashMap<>(extraInfo);
        for (Map.Entry<String, String> e : reader.mdc(event).entrySet()) {
            if (!e.getKey().startsWith(MDC_PREFIX)) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        reader.keyValuePairs(event, extra);
        offerEvent(frame, reader.timestamp(event), levelName(level), loggerName, reader.message(event),
                reader.thread(event), caller, Json.object(extra), reader.throwable(event));
    }

    private void offerEvent(Frame frame, long timestamp, String level, String logger, String message, String thread,
                            CallerLocator.Caller caller, String extra, String throwable) {
        Frame task = innermostTask(frame);
        writer.offer(new Record.Event(idOf(frame == null ? null : frame.run()), idOf(task),
                task == null ? null : task.name(), timestamp, level, Limits.cut(logger, Limits.NAME),
                Limits.cut(message, Limits.MESSAGE), Limits.cut(thread, Limits.SHORT),
                Limits.cut(caller.fileName, Limits.SHORT), caller.line, Loggers.isData(logger),
                extra, Limits.cut(throwable, Limits.THROWABLE)));
    }

    private static Frame innermostTask(Frame frame) {
        Frame f = frame;
        while (f != null && f.kind() != Frame.Kind.TASK) {
            f = f.parent();
        }
        return f;
    }

    /**
     * @return a sink that stores tasklog's own lines directly, for when they do not pass through
     *     the application's logback (console off, or another logging backend)
     */
    public LineSink directLines() {
        return new LineSink() {
            @Override
            public void write(String logger, Level level, String message) {
                int levelInt = level == Level.ERROR ? 40_000 : level == Level.WARN ? 30_000 : 20_000;
                if (levelInt < minLevel) {
                    return;
                }
                Supplier<Frame> frames = current;
                offerEvent(frames == null ? null : frames.get(), System.currentTimeMillis(), level.name(), logger, message,
                        Thread.currentThread().getName(), CallerLocator.UNKNOWN, "{}", null);
            }

            @Override
            public void putMdc(String key, String value) {
            }

            @Override
            public void removeMdc(String key) {
            }
        };
    }
}
