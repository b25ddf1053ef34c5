package dev.tasklog.agent.context;

/**
 * Told when runs and tasks start and finish and when a sub-task call ends; the console lines are
 * one listener, the store another. Called on the thread where it happened; must not throw.
 */
public interface FrameListener {

    /** Does nothing. */
    FrameListener NONE = new FrameListener() {
        @Override
        public void started(Frame frame) {
        }

        @Override
        public void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call) {
        }

        @Override
        public void finished(Frame frame) {
        }
    };

    /**
     * @param first  told first
     * @param second told second
     * @return a listener that tells both
     */
    static FrameListener both(FrameListener first, FrameListener second) {
        return new FrameListener() {
            @Override
            public void started(Frame frame) {
                first.started(frame);
                second.started(frame);
            }

            @Override
            public void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call) {
                first.subTaskFinished(owner, name, wallNanos, cpuNanos, thrown, call);
                second.subTaskFinished(owner, name, wallNanos, cpuNanos, thrown, call);
            }

            @Override
            public void finished(Frame frame) {
                first.finished(frame);
                second.finished(frame);
            }

            @Override
            public void lateWorkEnded(Frame frame, long lateWallNanos) {
                first.lateWorkEnded(frame, lateWallNanos);
                second.lateWorkEnded(frame, lateWallNanos);
            }
        };
    }

    /**
     * A run or task started.
     *
     * @param frame the new frame
     */
    void started(Frame frame);

    /**
     * A sub-task call (a {@code @SubTask} method or a {@code SubTimer}) ended: told for the first
     * {@link SubTaskStats#LOGGED_CALLS} calls of each name in each task or run; later ones are
     * only summed in the frame's {@link Frame#subTasks()}.
     *
     * @param owner     the task or run it belongs to
     * @param name      the sub-task's name
     * @param wallNanos its wall time
     * @param cpuNanos  its CPU time, or -1 when unknown
     * @param thrown    the exception it threw, or null
     * @param call      which call of this name within {@code owner} this was, from 1
     */
    void subTaskFinished(Frame owner, String name, long wallNanos, long cpuNanos, Throwable thrown, long call);

    /**
     * A run or task finished; its wall, CPU, status, counters and sub-task statistics are final.
     *
     * @param frame the finished frame
     */
    void finished(Frame frame);

    /**
     * Work a finished run or task had handed to other threads went on after its end and did
     * something (counted, logged, timed a sub-task); that work has now ended. The frame's CPU
     * time, counters, sub-task statistics and status include it, and so do the statuses and CPU
     * times of the frames it is part of. Called on the thread of the last such work, with the
     * frame still its context.
     *
     * @param frame         the finished frame
     * @param lateWallNanos how long after the frame's end its work ended
     */
    default void lateWorkEnded(Frame frame, long lateWallNanos) {
    }
}
