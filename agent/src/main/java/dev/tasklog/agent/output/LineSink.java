package dev.tasklog.agent.output;

/** Where tasklog's lines go, and the MDC of the thread writing them. */
public interface LineSink {

    /** Writes nothing: {@code console=false}, or no backend at all. */
    LineSink NONE = new LineSink() {
        @Override
        public void write(String logger, Level level, String message) {
        }

        @Override
        public void putMdc(String key, String value) {
        }

        @Override
        public void removeMdc(String key) {
        }
    };

    /**
     * Writes one line.
     *
     * @param logger  the logger name, e.g. {@code task.performance}
     * @param level   its level
     * @param message the message
     */
    void write(String logger, Level level, String message);

    /**
     * Sets a key of the current thread's MDC, where the application's logging has one.
     *
     * @param key   the key
     * @param value the value
     */
    void putMdc(String key, String value);

    /**
     * Removes a key of the current thread's MDC.
     *
     * @param key the key
     */
    void removeMdc(String key);
}
