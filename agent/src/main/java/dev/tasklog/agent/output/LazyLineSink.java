package dev.tasklog.agent.output;

/**
 * A {@link LineSink} that finds the application's logging on first use, through the context class
 * loader of the first thread that writes (see {@link LoggingBackend}).
 */
public final class LazyLineSink implements LineSink {

    private volatile LineSink delegate;

    private LineSink delegate() {
        LineSink d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    d = LoggingBackend.resolve(loader != null ? loader : ClassLoader.getSystemClassLoader());
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    public void write(String logger, Level level, String message) {
        delegate().write(logger, level, message);
    }

    @Override
    public void putMdc(String key, String value) {
        delegate().putMdc(key, value);
    }

    @Override
    public void removeMdc(String key) {
        delegate().removeMdc(key);
    }
}
