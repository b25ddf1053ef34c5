package dev.tasklog.agent.logback;

import java.util.Arrays;

/**
 * The file and line of every SLF4J logging call in the application's classes, numbered as the
 * classes are loaded ({@link CallSiteWeaver}). Numbers start at 1; reads are lock-free.
 */
public final class CallSites {

    private static volatile CallerLocator.Caller[] sites = new CallerLocator.Caller[1024];
    private static int count;

    private CallSites() {
    }

    /**
     * Registers a call site; called by {@link CallSiteWeaver} as classes load.
     *
     * @param fileName the source file
     * @param line     the line
     * @return the call site's number
     */
    public static synchronized int register(String fileName, int line) {
        CallerLocator.Caller[] current = sites;
        if (count + 1 >= current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[++count] = new CallerLocator.Caller(fileName, line);
        sites = current;
        return count;
    }

    /**
     * @param site a number from {@link #register}
     * @return its file and line, or null for an unknown number
     */
    public static CallerLocator.Caller get(int site) {
        CallerLocator.Caller[] current = sites;
        return site > 0 && site < current.length ? current[site] : null;
    }
}
