package dev.tasklog.agent.query;

import java.time.Instant;

/** Which runs a list shows; every part optional (null: no condition). */
public final class RunFilter {

    /** Part of the run's name, any case. */
    public final String name;
    /** The run's status, exactly. */
    public final String status;
    /** The host the run ran on ({@code LOG_RUN.HOST}), exactly. */
    public final String host;
    /** Runs started at or after this instant. */
    public final Instant from;
    /** Runs started before this instant. */
    public final Instant to;
    /** Keyset paging: only runs listed after the run that started at this instant... */
    public final Instant beforeStartedAt;
    /** ...and has this id (runs are listed by start, newest first, then by id). */
    public final Long beforeId;

    /**
     * @param name   part of the name, or null
     * @param status a status, or null
     * @param from   earliest start, or null
     * @param to     start before, or null
     */
    public RunFilter(String name, String status, Instant from, Instant to) {
        this(name, status, null, from, to, null, null);
    }

    private RunFilter(String name, String status, String host, Instant from, Instant to, Instant beforeStartedAt,
            Long beforeId) {
        this.name = blankToNull(name);
        this.status = blankToNull(status);
        this.host = blankToNull(host);
        this.from = from;
        this.to = to;
        this.beforeStartedAt = beforeStartedAt;
        this.beforeId = beforeId;
    }

    /**
     * @param startedAt the start of the last run of the previous page
     * @param id        its id
     * @return this filter, for the runs listed after that one: a page read from the index, as
     *     fast on the thousandth page as on the first
     */
    public RunFilter after(Instant startedAt, long id) {
        return new RunFilter(name, status, host, from, to, startedAt, id);
    }

    /**
     * @param host a host name, or null for any
     * @return this filter, for the runs of that host only
     */
    public RunFilter onHost(String host) {
        return new RunFilter(name, status, host, from, to, beforeStartedAt, beforeId);
    }

    /** @return a filter that lets every run through */
    public static RunFilter all() {
        return new RunFilter(null, null, null, null);
    }

    static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }
}
