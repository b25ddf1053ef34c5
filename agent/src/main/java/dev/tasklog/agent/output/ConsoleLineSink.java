package dev.tasklog.agent.output;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints tasklog's lines itself, in the shape of logback's default console pattern, for
 * applications whose logging is not logback (another SLF4J provider, or none at all).
 */
final class ConsoleLineSink implements LineSink {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;

    ConsoleLineSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(String logger, Level level, String message) {
        String line = TIME.format(LocalTime.now()) + " [" + Thread.currentThread().getName() + "] "
                + padded(level.name()) + " " + logger + " -- " + message;
        synchronized (out) {
            out.println(line);
        }
    }

    /** The level left-aligned in five columns, as logback's {@code %-5level}. */
    private static String padded(String level) {
        return level.length() >= 5 ? level : (level + "    ").substring(0, 5);
    }

    @Override
    public void putMdc(String key, String value) {
    }

    @Override
    public void removeMdc(String key) {
    }
}
