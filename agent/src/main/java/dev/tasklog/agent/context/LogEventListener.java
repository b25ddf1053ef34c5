package dev.tasklog.agent.context;

import java.util.Map;

/** Told about every application log event, on the thread that logged it. Must not throw. */
public interface LogEventListener {

    /** Does nothing. */
    LogEventListener NONE = (event, loggerName, level, current, extraInfo) -> { };

    /**
     * @param event      the logging framework's event (logback's {@code ILoggingEvent})
     * @param loggerName its logger
     * @param level      its level, in logback's int scale
     * @param current    the innermost run or task active on the thread, or null
     * @param extraInfo  the thread's {@code TaskLog.setExtraInfo} fields
     */
    void onEvent(Object event, String loggerName, int level, Frame current, Map<String, Object> extraInfo);
}
