package dev.tasklog.internal;

import dev.tasklog.DebugContext;
import dev.tasklog.DebugEvent;
import dev.tasklog.DebugFilter;
import dev.tasklog.DebugLog;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of {@link DebugContext} callbacks. Not an API: the agent weaves calls to
 * {@link #enter}/{@link #exit} into the {@code @Run}/{@code @Task}/{@code @SubTask} methods of
 * classes that implement {@code DebugContext}, and fills in the bodies of the few methods below
 * that need the agent's state. It lives beside the API because it runs in the application's class
 * loader, with the application's SLF4J.
 *
 * <p>When DEBUG is off for the context's logger, {@link #enter} costs a class-keyed lookup and a
 * level check, returns null and allocates nothing; {@link #exit} then returns at once.
 */
public final class DebugCallbacks {

    private static final ClassValue<Logger> LOGGERS = new ClassValue<Logger>() {
        @Override
        protected Logger computeValue(Class<?> type) {
            return LoggerFactory.getLogger(type);
        }
    };

    private static final ClassValue<DebugLog> LOGS = new ClassValue<DebugLog>() {
        @Override
        protected DebugLog computeValue(Class<?> type) {
            return new LoggerDebugLog(LOGGERS.get(type));
        }
    };

    /** The innermost context with DEBUG on, per thread; what the logback filters look at. */
    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<Call>();

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private static volatile DebugFilter configured;

    private DebugCallbacks() {
    }

    /**
     * Entry of a method (or block) of a context: calls back with phase ENTER when DEBUG is on for
     * the context's logger and the configured filters accept it.
     *
     * @param self   the object whose method is entered
     * @param method the method's name
     * @return the token to pass to {@link #exit}, or null when DEBUG is off (nothing was allocated)
     */
    public static Object enter(Object self, String method) {
        if (!(self instanceof DebugContext)) {
            return null;
        }
        Logger logger = LOGGERS.get(self.getClass());
        if (!logger.isDebugEnabled()) {
            return null;
        }
        DebugContext context = (DebugContext) self;
        Call call = new Call(context, method, currentTaskName(), System.nanoTime(), CURRENT.get());
        CURRENT.set(call);
        if (accepts(context)) {
            callBack(context, DebugEvent.enter(method, call.taskName), method);
        }
        return call;
    }

    /**
     * Exit of a method (or block) entered with {@link #enter}: calls back with phase EXIT.
     *
     * @param token    what {@link #enter} returned; null: nothing to do
     * @param returned the value returned, or null
     * @param thrown   the exception thrown, or null
     */
    public static void exit(Object token, Object returned, Throwable thrown) {
        if (!(token instanceof Call)) {
            return;
        }
        Call call = (Call) token;
        try {
            if (accepts(call.context)) {
                long elapsed = System.nanoTime() - call.startNanos;
                callBack(call.context, DebugEvent.exit(call.method, call.taskName, elapsed, returned, thrown), call.method);
            }
        } finally {
            CURRENT.set(call.outer);
        }
    }

    /**
     * What {@code TaskLog.debugContext(ctx, method)} returns when the agent is present.
     *
     * @param context the context
     * @param method  the block's name
     * @return a {@code DebugScope}: the exit callback runs when it is closed
     */
    public static Object scope(Object context, String method) {
        Object token = enter(context, method);
        return token == null ? Scope.NONE : new Scope(token);
    }

    /**
     * @return the innermost context on this thread whose logger has DEBUG on, or null; the
     *     logback filters decide by it
     */
    public static DebugContext current() {
        Call call = CURRENT.get();
        return call == null ? null : call.context;
    }

    /**
     * The time the time filter compares: the context's own clock when it has one, else the seconds
     * since the current run started.
     *
     * @param context a context, or null
     * @return the time, or NaN when neither is known
     */
    public static double timeOf(DebugContext context) {
        if (context != null) {
            double own = context.debugTime();
            if (!Double.isNaN(own)) {
                return own;
            }
        }
        long nanos = runElapsedNanos();
        return nanos < 0 ? Double.NaN : nanos / 1e9;
    }

    private static boolean accepts(DebugContext context) {
        DebugFilter filter = configuredFilter();
        if (filter == DebugFilter.ALL) {
            return true;
        }
        try {
            return filter.acceptsContext(context) && (!filter.hasTimeWindow() || filter.acceptsTime(timeOf(context)));
        } catch (RuntimeException e) {
            // debugName() or debugTime() of the context threw: its callback is not called
            reportOnce(context, "debugName()/debugTime()", e);
            return false;
        }
    }

    private static void callBack(DebugContext context, DebugEvent event, String method) {
        try {
            context.logDebugMessage(LOGS.get(context.getClass()), event);
        } catch (Throwable t) {
            reportOnce(context, "logDebugMessage at " + event.phase() + " of " + method, t);
        }
    }

    private static void reportOnce(DebugContext context, String what, Throwable t) {
        String type = context.getClass().getName();
        if (REPORTED.add(type)) {
            report(type + "." + what + " threw " + t + "; the method went on (reported once per class)");
        }
    }

    private static DebugFilter configuredFilter() {
        DebugFilter f = configured;
        if (f == null) {
            String[] settings = filterSettings();
            try {
                f = settings == null ? DebugFilter.ALL : DebugFilter.of(settings[0], settings[1], settings[2]);
            } catch (IllegalArgumentException e) {
                // the agent checks these settings at start and reports them; never reached with its values
                f = DebugFilter.ALL;
            }
            configured = f;
        }
        return f;
    }

    // The bodies below are replaced by the agent; these are what runs without it.

    /** @return {@code debug.contexts}, {@code debug.from}, {@code debug.to}; null without the agent */
    public static String[] filterSettings() {
        return null;
    }

    /** @return the name of the current task on this thread, or null */
    public static String currentTaskName() {
        return null;
    }

    /** @return nanoseconds since the current run on this thread started, or -1 when none */
    public static long runElapsedNanos() {
        return -1L;
    }

    /**
     * Reports a problem on stderr.
     *
     * @param message the message
     */
    public static void report(String message) {
        System.err.println("[tasklog] " + message);
    }

    /** One active context method or block on a thread. */
    private static final class Call {
        final DebugContext context;
        final String method;
        final String taskName;
        final long startNanos;
        final Call outer;

        Call(DebugContext context, String method, String taskName, long startNanos, Call outer) {
            this.context = context;
            this.method = method;
            this.taskName = taskName;
            this.startNanos = startNanos;
            this.outer = outer;
        }
    }

    /** The scope of {@code TaskLog.debugContext}: exit on the first close only. */
    private static final class Scope implements dev.tasklog.DebugScope {
        static final Scope NONE = new Scope(null);

        private Object token;

        Scope(Object token) {
            this.token = token;
        }

        @Override
        public void close() {
            Object t = token;
            token = null;
            exit(t, null, null);
        }
    }

    /** A context's {@link DebugLog}: DEBUG events of the logger named after its class. */
    private static final class LoggerDebugLog implements DebugLog {
        private final Logger logger;

        LoggerDebugLog(Logger logger) {
            this.logger = logger;
        }

        @Override
        public void log(String message) {
            logger.debug(message);
        }

        @Override
        public void log(String format, Object... arguments) {
            logger.debug(format, arguments);
        }
    }
}
