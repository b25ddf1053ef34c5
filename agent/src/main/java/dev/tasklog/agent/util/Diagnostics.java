package dev.tasklog.agent.util;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own messages to the person running the application: one line on stderr each,
 * prefixed {@code [tasklog]}, and each kind of message at most once per JVM. They never go
 * through the application's logging, where they would end up among its events.
 */
public final class Diagnostics {

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
    private static volatile PrintStream err = System.err;

    private Diagnostics() {
    }

    /**
     * Prints {@code message} unless a message with the same {@code key} was printed before.
     *
     * @param key     identifies the kind of message
     * @param message the line to print, without prefix
     */
    public static void once(String key, String message) {
        if (SAID.add(key)) {
            err.println("[tasklog] " + message);
        }
    }

    /**
     * Prints {@code message} every time.
     *
     * @param message the line to print, without prefix
     */
    public static void say(String message) {
        err.println("[tasklog] " + message);
    }
}
