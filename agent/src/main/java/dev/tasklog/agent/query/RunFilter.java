package dev.tasklog.agent.query;

import java.time.Instant;

/** Which runs a list shows; every part optional (null: no condition). */
public final class RunFilter {

    /** Part of the run's name, any case. */
    public final String name;
    /** The run's status, exactly. */
    public final String status;
    /** Runs started at or after this instant. */
    public final Instant from;
    /** Runs started before this instant. */
    public final Instant to;

    /**
     * @param name   part of the name, or null
     * @param status a status, or null
     * @param from   earliest start, or null
     * @param to     start before, or null
     */
    public RunFilter(String name, String status, Instant from, Instant to) {
        this.name = blankToNull(name);
        this.status = blankToNull(status);
        this.from = from;
        this.to = to;
    }

    /** @return a filter that lets every run through */
    public static RunFilter all() {
        return new RunFilter(null, null, null, null);
    }

    static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }
}
