package dev.tasklog.agent.logback;

import java.util.Iterator;

/**
 * Finds the application code that logged an event: the first stack frame below the logging
 * framework and the agent.
 */
public final class CallerLocator {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String DEBUG_CALLBACKS = "dev.tasklog.internal.DebugCallbacks";
    /** How many application frames a context's callback may nest before it logs (helpers it calls). */
    private static final int CALLBACK_DEPTH = 6;

    /** A file name and line; line 0 when unknown. */
    public static final class Caller {
        public final String fileName;
        public final int line;

        Caller(String fileName, int line) {
            this.fileName = fileName;
            this.line = line;
        }
    }

    /** No file, line 0. */
    public static final Caller UNKNOWN = new Caller(null, 0);

    private CallerLocator() {
    }

    /**
     * @return the caller of the logging call being processed on this thread: its numbered call site
     *     when the calling class was woven, else found by walking the stack
     */
    public static Caller find() {
        Caller site = CallSites.get(dev.tasklog.agent.bootstrap.Hooks.currentCallSite());
        return site != null ? site : walk();
    }

    /**
     * @return the caller, found by walking the stack (microseconds). For the lines a
     *     {@code DebugContext} writes from its callback, that is the context's method being
     *     debugged (the first application frame below the callback machinery), not the callback.
     */
    static Caller walk() {
        return WALKER.walk(frames -> {
            StackWalker.StackFrame first = null;
            int applicationFrames = 0;
            boolean belowCallbacks = false;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                String type = f.getClassName();
                if (type.equals(DEBUG_CALLBACKS)) {
                    belowCallbacks = true;
                } else if (!isFramework(type)) {
                    if (belowCallbacks) {
                        return caller(f);
                    }
                    if (first == null) {
                        first = f;
                    }
                    if (++applicationFrames > CALLBACK_DEPTH) {
                        break;
                    }
                }
            }
            return first == null ? UNKNOWN : caller(first);
        });
    }

    private static Caller caller(StackWalker.StackFrame f) {
        return new Caller(f.getFileName(), Math.max(0, f.getLineNumber()));
    }

    static boolean isFramework(String className) {
        return className.startsWith("ch.qos.logback.")
                || className.startsWith("org.slf4j.")
                || className.startsWith("dev.tasklog.agent.")
                || className.startsWith("java.lang.invoke.")
                || className.startsWith("jdk.internal.")
                || isTasklogApi(className);
    }

    /** @return whether the class is one of tasklog's API jar, not application code in a sub-package */
    static boolean isTasklogApi(String className) {
        if (!className.startsWith("dev.tasklog.")) {
            return false;
        }
        String rest = className.substring("dev.tasklog.".length());
        return rest.indexOf('.') < 0 || rest.startsWith("internal.") || rest.startsWith("logback.");
    }
}
