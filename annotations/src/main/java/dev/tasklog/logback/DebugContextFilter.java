package dev.tasklog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import dev.tasklog.DebugContext;
import dev.tasklog.DebugFilter;
import dev.tasklog.internal.DebugCallbacks;

/**
 * A logback filter that lets DEBUG (and TRACE) events through only inside the selected
 * {@link DebugContext}s: an event logged while a context's method runs (its callback's lines and
 * whatever else is logged at DEBUG meanwhile on that thread) passes when the context filter of
 * {@link DebugFilter} selects that context, and is denied otherwise. Events outside any context,
 * and every event above DEBUG, pass (the filter answers NEUTRAL).
 *
 * <pre>{@code
 * <appender name="FILE" class="ch.qos.logback.core.FileAppender">
 *   <filter class="dev.tasklog.logback.DebugContextFilter">
 *     <contexts>com.acme.Solver;com.acme.model.Pump[inlet]</contexts>
 *   </filter>
 *   ...
 * }</pre>
 */
public class DebugContextFilter extends Filter<ILoggingEvent> {

    private DebugFilter filter = DebugFilter.ALL;

    /**
     * @param contexts the contexts to let DEBUG events through for, in the syntax of
     *                 {@link DebugFilter}
     */
    public void setContexts(String contexts) {
        try {
            filter = DebugFilter.of(contexts, null, null);
        } catch (IllegalArgumentException e) {
            addError(e.getMessage() + "; this filter lets every context through");
            filter = DebugFilter.ALL;
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!isStarted() || event.getLevel().isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        DebugContext context = DebugCallbacks.current();
        if (context == null) {
            return FilterReply.NEUTRAL;
        }
        try {
            return filter.acceptsContext(context) ? FilterReply.NEUTRAL : FilterReply.DENY;
        } catch (RuntimeException e) {
            return FilterReply.NEUTRAL;
        }
    }
}
