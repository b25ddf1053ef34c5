package dev.tasklog.agent.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing to write: a run or task starting or finishing, or a log event. Records are immutable,
 * made on the application thread, and refer to runs and tasks by this JVM's frame ids; the writer
 * maps those to database ids. They serialise themselves for the spool file.
 */
public abstract class Record {

    private static final int RUN_STARTED = 1;
    private static final int TASK_STARTED = 2;
    private static final int TASK_FINISHED = 3;
    private static final int RUN_FINISHED = 4;
    private static final int EVENT = 5;
    private static final int TASK_REVISED = 6;
    private static final int RUN_REVISED = 7;

    Record() {
    }

    abstract void writeTo(DataOutput out) throws IOException;

    static Record readFrom(DataInput in) throws IOException {
        int type = in.readByte();
        switch (type) {
            case RUN_STARTED:
                return new RunStarted(in.readLong(), in.readUTF(), in.readLong(), in.readUTF(), in.readLong());
            case TASK_STARTED:
                return new TaskStarted(in.readLong(), in.readLong(), in.readLong(), in.readUTF(), in.readLong(), in.readUTF());
            case TASK_FINISHED:
            case TASK_REVISED:
                return TaskFinished.read(in, type == TASK_REVISED);
            case RUN_FINISHED:
            case RUN_REVISED:
                return new RunFinished(in.readLong(), in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        type == RUN_REVISED);
            case EVENT:
                return Event.read(in);
            default:
                throw new IOException("unknown record type " + type + " in spool");
        }
    }

    static void writeNullable(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            // writeUTF is limited to 64 KiB of encoded bytes; long texts go as chars.
            out.writeInt(s.length());
            out.writeChars(s);
        }
    }

    static String readNullable(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int length = in.readInt();
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }

    /** A run started. */
    public static final class RunStarted extends Record {
        final long runId;
        final String name;
        final long startedAt;
        final String host;
        final long pid;

        public RunStarted(long runId, String name, long startedAt, String host, long pid) {
            this.runId = runId;
            this.name = name;
            this.startedAt = startedAt;
            this.host = host;
            this.pid = pid;
        }

        @Override
        void writeTo(DataOutput out) throws IOException {
            out.writeByte(RUN_STARTED);
            out.writeLong(runId);
            out.writeUTF(name);
            out.writeLong(startedAt);
            out.writeUTF(host);
            out.writeLong(pid);
        }
    }

    /** A task started. {@code runId} and {@code parentId} are 0 when there is none. */
    public static final class TaskStarted extends Record {
        final long taskId;
        final long runId;
        final long parentId;
        final String name;
        final long startedAt;
        final String thread;

        public TaskStarted(long taskId, long runId, long parentId, String name, long startedAt, String thread) {
            this.taskId = taskId;
            this.runId = runId;
            this.parentId = parentId;
            this.name = name;
            this.startedAt = startedAt;
            this.thread = thread;
        }

        @Override
        void writeTo(DataOutput out) throws IOException {
            out.writeByte(TASK_STARTED);
            out.writeLong(taskId);
            out.writeLong(runId);
            out.writeLong(parentId);
            out.writeUTF(name);
            out.writeLong(startedAt);
            out.writeUTF(thread);
        }
    }

    /** The aggregate of one sub-task name within a task (or run): one LOG_TASK row of KIND SUBTASK. */
    public static final class SubTaskRow {
        final String name;
        final long calls;
        final long firstStartedAt;
        final long lastFinishedAt;
        final long wallNanos;
        final long cpuNanos;
        final long maxWallNanos;
        final long failures;

        public SubTaskRow(String name, long calls, long firstStartedAt, long lastFinishedAt, long wallNanos,
                          long cpuNanos, long maxWallNanos, long failures) {
            this.name = name;
            this.calls = calls;
            this.firstStartedAt = firstStartedAt;
            this.lastFinishedAt = lastFinishedAt;
            this.wallNanos = wallNanos;
            this.cpuNanos = cpuNanos;
            this.maxWallNanos = maxWallNanos;
            this.failures = failures;
        }
    }

    /**
     * A task (or, with {@code task == false}, a run's own sub-tasks) finished: its status, times,
     * counters and sub-task aggregates. A revision replaces the status, CPU time, counters and
     * sub-task rows stored at the finish, after work the task handed out went on past its end.
     */
    public static final class TaskFinished extends Record {
        final long taskId;
        final long runId;
        final boolean task;
        final String status;
        final long finishedAt;
        final long wallNanos;
        final long cpuNanos;
        final Map<String, Long> counters;
        final List<SubTaskRow> subTasks;
        final String thread;
        final boolean revision;

        public TaskFinished(long taskId, long runId, boolean task, String status, long finishedAt, long wallNanos,
                            long cpuNanos, Map<String, Long> counters, List<SubTaskRow> subTasks, String thread,
                            boolean revision) {
            this.taskId = taskId;
            this.runId = runId;
            this.task = task;
            this.status = status;
            this.finishedAt = finishedAt;
            this.wallNanos = wallNanos;
            this.cpuNanos = cpuNanos;
            this.counters = counters;
            this.subTasks = subTasks;
            this.thread = thread;
            this.revision = revision;
        }

        @Override
        void writeTo(DataOutput out) throws IOException {
            out.writeByte(revision ? TASK_REVISED : TASK_FINISHED);
            out.writeLong(taskId);
            out.writeLong(runId);
            out.writeBoolean(task);
            out.writeUTF(status);
            out.writeLong(finishedAt);
            out.writeLong(wallNanos);
            out.writeLong(cpuNanos);
            out.writeUTF(thread);
            out.writeInt(counters.size());
            for (Map.Entry<String, Long> e : counters.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeInt(subTasks.size());
            for (SubTaskRow s : subTasks) {
                out.writeUTF(s.name);
                out.writeLong(s.calls);
                out.writeLong(s.firstStartedAt);
                out.writeLong(s.lastFinishedAt);
                out.writeLong(s.wallNanos);
                out.writeLong(s.cpuNanos);
                out.writeLong(s.maxWallNanos);
                out.writeLong(s.failures);
            }
        }

        static TaskFinished read(DataInput in, boolean revision) throws IOException {
            long taskId = in.readLong();
            long runId = in.readLong();
            boolean task = in.readBoolean();
            String status = in.readUTF();
            long finishedAt = in.readLong();
            long wall = in.readLong();
            long cpu = in.readLong();
            String thread = in.readUTF();
            Map<String, Long> counters = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                counters.put(in.readUTF(), in.readLong());
            }
            List<SubTaskRow> subs = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                subs.add(new SubTaskRow(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong(), in.readLong()));
            }
            return new TaskFinished(taskId, runId, task, status, finishedAt, wall, cpu, counters, subs, thread, revision);
        }
    }

    /**
     * A run finished. A revision replaces only the status and CPU time stored at the finish, after
     * work of the run went on past its end.
     */
    public static final class RunFinished extends Record {
        final long runId;
        final String status;
        final long finishedAt;
        final long wallNanos;
        final long cpuNanos;
        final long droppedEvents;
        final boolean revision;

        public RunFinished(long runId, String status, long finishedAt, long wallNanos, long cpuNanos, long droppedEvents,
                           boolean revision) {
            this.runId = runId;
            this.status = status;
            this.finishedAt = finishedAt;
            this.wallNanos = wallNanos;
            this.cpuNanos = cpuNanos;
            this.droppedEvents = droppedEvents;
            this.revision = revision;
        }

        @Override
        void writeTo(DataOutput out) throws IOException {
            out.writeByte(revision ? RUN_REVISED : RUN_FINISHED);
            out.writeLong(runId);
            out.writeUTF(status);
            out.writeLong(finishedAt);
            out.writeLong(wallNanos);
            out.writeLong(cpuNanos);
            out.writeLong(droppedEvents);
        }
    }

    /** One log event. {@code runId} and {@code taskId} are 0 outside runs and tasks. */
    public static final class Event extends Record {
        final long runId;
        final long taskId;
        final String taskName;
        final long timestamp;
        final String level;
        final String logger;
        final String message;
        final String thread;
        final String fileName;
        final int line;
        final boolean data;
        final String extra;
        final String throwable;

        public Event(long runId, long taskId, String taskName, long timestamp, String level, String logger,
                     String message, String thread, String fileName, int line, boolean data, String extra,
                     String throwable) {
            this.runId = runId;
            this.taskId = taskId;
            this.taskName = taskName;
            this.timestamp = timestamp;
            this.level = level;
            this.logger = logger;
            this.message = message;
            this.thread = thread;
            this.fileName = fileName;
            this.line = line;
            this.data = data;
            this.extra = extra;
            this.throwable = throwable;
        }

        @Override
        void writeTo(DataOutput out) throws IOException {
            out.writeByte(EVENT);
            out.writeLong(runId);
            out.writeLong(taskId);
            writeNullable(out, taskName);
            out.writeLong(timestamp);
            out.writeUTF(level);
            out.writeUTF(logger);
            writeNullable(out, message);
            writeNullable(out, thread);
            writeNullable(out, fileName);
            out.writeInt(line);
            out.writeBoolean(data);
            writeNullable(out, extra);
            writeNullable(out, throwable);
        }

        static Event read(DataInput in) throws IOException {
            return new Event(in.readLong(), in.readLong(), readNullable(in), in.readLong(), in.readUTF(), in.readUTF(),
                    readNullable(in), readNullable(in), readNullable(in), in.readInt(), in.readBoolean(),
                    readNullable(in), readNullable(in));
        }
    }
}
