package dev.tasklog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import dev.tasklog.DebugContext;
import dev.tasklog.DebugFilter;
import dev.tasklog.internal.DebugCallbacks;

/**
 * A logback filter that lets DEBUG (and TRACE) events through only inside a window of time: the
 * clock of the {@link DebugContext} whose method is running on the thread
 * ({@link DebugContext#debugTime()}) when it has one, else the seconds since the current run
 * started. Events whose time is unknown, and every event above DEBUG, pass (NEUTRAL). {@code from}
 * and {@code to} each take a number, optionally with a unit {@code ms}, {@code s}, {@code m} or
 * {@code h}; either may be left out.
 *
 * <pre>{@code
 * <filter class="dev.tasklog.logback.DebugTimeFilter">
 *   <from>2.5</from>
 *   <to>4</to>
 * </filter>
 * }</pre>
 */
public class DebugTimeFilter extends Filter<ILoggingEvent> {

    private String from = "";
    private String to = "";
    private DebugFilter filter = DebugFilter.ALL;

    /** @param from start of the window (inclusive) */
    public void setFrom(String from) {
        this.from = from;
    }

    /** @param to end of the window (inclusive) */
    public void setTo(String to) {
        this.to = to;
    }

    @Override
    public void start() {
        try {
            filter = DebugFilter.of(null, from, to);
        } catch (IllegalArgumentException e) {
            addError(e.getMessage() + "; this filter lets every time through");
            filter = DebugFilter.ALL;
        }
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!isStarted() || event.getLevel().isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        try {
            return filter.acceptsTime(DebugCallbacks.timeOf(DebugCallbacks.current()))
                    ? FilterReply.NEUTRAL : FilterReply.DENY;
        } catch (RuntimeException e) {
            return FilterReply.NEUTRAL;
        }
    }
}
