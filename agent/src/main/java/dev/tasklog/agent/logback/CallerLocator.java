package dev.tasklog.agent.logback;

/**
 * Finds the application code that logged an event: the first stack frame below the logging
 * framework and the agent.
 */
public final class CallerLocator {

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** A file name and line; line 0 when unknown. */
    public static final class Caller {
        public final String fileName;
        public final int line;

        Caller(String fileName, int line) {
            this.fileName = fileName;
            this.line = line;
        }
    }

    private static final Caller UNKNOWN = new Caller(null, 0);

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

    /** @return the caller, found by walking the stack (microseconds) */
    static Caller walk() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isFramework(f.getClassName()))
                .findFirst()
                .map(f -> new Caller(f.getFileName(), Math.max(0, f.getLineNumber())))
                .orElse(UNKNOWN));
    }

    static boolean isFramework(String className) {
        return className.startsWith("ch.qos.logback.")
                || className.startsWith("org.slf4j.")
                || className.startsWith("dev.tasklog.agent.")
                || className.startsWith("java.lang.invoke.")
                || className.startsWith("jdk.internal.")
                || className.equals("dev.tasklog.SubTimer")
                || className.equals("dev.tasklog.TaskLog");
    }
}
