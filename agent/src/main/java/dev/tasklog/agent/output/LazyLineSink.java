package dev.tasklog.agent.output;

/**
 * Where tasklog's lines and MDC keys go, decided on first use through the context class loader of
 * the first thread that writes (see {@link LoggingBackend}):
 * <ul>
 *   <li>console on, application on logback: through its SLF4J (the agent then captures and stores
 *       the lines like any other event);</li>
 *   <li>console on, any other logging: printed by the agent, and handed to {@code direct};</li>
 *   <li>console off: handed to {@code direct} only.</li>
 * </ul>
 * MDC keys always go to the application's SLF4J when it has one.
 */
public final class LazyLineSink implements LineSink {

    private final boolean console;
    private final LineSink direct;
    private volatile LineSink lines;
    private volatile LineSink mdc;

    /**
     * @param console whether the lines go to the console ({@code console} key)
     * @param direct  where lines go that do not pass through the application's logback (the store)
     */
    public LazyLineSink(boolean console, LineSink direct) {
        this.console = console;
        this.direct = direct;
    }

    private void resolve() {
        synchronized (this) {
            if (lines != null) {
                return;
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ClassLoader app = loader != null ? loader : ClassLoader.getSystemClassLoader();
            LoggingBackend backend = LoggingBackend.resolve(app);
            if (backend.logback) {
                LogbackDefaults.applyIfUnconfigured(app);
            }
            mdc = backend.slf4j;
            if (!console) {
                lines = direct;
            } else if (backend.logback) {
                lines = backend.slf4j;
            } else {
                lines = new TeeLineSink(new ConsoleLineSink(System.out), direct);
            }
        }
    }

    @Override
    public void write(String logger, Level level, String message) {
        if (lines == null) {
            resolve();
        }
        lines.write(logger, level, message);
    }

    @Override
    public void putMdc(String key, String value) {
        if (mdc == null) {
            resolve();
        }
        mdc.putMdc(key, value);
    }

    @Override
    public void removeMdc(String key) {
        if (mdc == null) {
            resolve();
        }
        mdc.removeMdc(key);
    }

    /** Writes each line to two sinks. */
    private static final class TeeLineSink implements LineSink {
        private final LineSink first;
        private final LineSink second;

        TeeLineSink(LineSink first, LineSink second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(String logger, Level level, String message) {
            first.write(logger, level, message);
            second.write(logger, level, message);
        }

        @Override
        public void putMdc(String key, String value) {
        }

        @Override
        public void removeMdc(String key) {
        }
    }
}
