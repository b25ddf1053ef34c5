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

    Frame top() {
        return top;
    }

    void push(Frame frame) {
        top = frame;
    }

    Object adoption() {
        return adoption;
    }

    void adoption(Object a) {
        adoption = a;
    }

    /** Makes {@code frame} (another thread's, or null) this thread's innermost frame. */
    void replaceTop(Frame frame) {
        top = frame;
    }

    /** Makes {@code frame}'s parent the innermost frame again. */
    void pop(Frame frame) {
        top = frame.parent();
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
