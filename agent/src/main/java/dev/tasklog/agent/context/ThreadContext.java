package dev.tasklog.agent.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is active on one thread: the innermost run or task frame (the others are reached through
 * {@link Frame#parent()}) and the extra fields set by {@code TaskLog.setExtraInfo}.
 * Only its own thread touches it.
 */
final class ThreadContext {

    private Frame top;
    /** The innermost context this thread adopted from another (see TaskRecorder#adopt), or null. */
    private Object adoption;
    private Map<String, Object> extraInfo = Collections.emptyMap();
    /**
     * The statistics of the last sub-task name timed in the innermost frame: a sub-task called in
     * a loop finds them without a map lookup. Dropped whenever the innermost frame changes.
     */
    private String lastSubTaskName;
    private SubTaskStats lastSubTask;

    Frame top() {
        return top;
    }

    void push(Frame frame) {
        setTop(frame);
    }

    private void setTop(Frame frame) {
        top = frame;
        lastSubTaskName = null;
        lastSubTask = null;
    }

    /** @return the statistics of sub-task {@code name} of the innermost frame (which is not null) */
    SubTaskStats subTaskOfTop(String name) {
        if (name == lastSubTaskName) { // the woven method's constant: the same String each call
            return lastSubTask;
        }
        SubTaskStats stats = top.subTask(name);
        lastSubTaskName = name;
        lastSubTask = stats;
        return stats;
    }

    Object adoption() {
        return adoption;
    }

    void adoption(Object a) {
        adoption = a;
    }

    /** Makes {@code frame} (another thread's, or null) this thread's innermost frame. */
    void replaceTop(Frame frame) {
        setTop(frame);
    }

    /** Makes {@code frame}'s parent the innermost frame again. */
    void pop(Frame frame) {
        setTop(frame.parent());
    }

    /** @return the innermost frame of this kind, or null */
    Frame innermost(Frame.Kind kind) {
        Frame f = top;
        while (f != null && f.kind() != kind) {
            f = f.parent();
        }
        return f;
    }

    /** @return whether {@code frame} is active on this thread */
    boolean contains(Frame frame) {
        for (Frame f = top; f != null; f = f.parent()) {
            if (f == frame) {
                return true;
            }
        }
        return false;
    }

    Map<String, Object> extraInfo() {
        return extraInfo;
    }

    void setExtraInfo(Map<String, ?> info) {
        extraInfo = info == null || info.isEmpty()
                ? Collections.<String, Object>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<String, Object>(info));
    }
}
