package dev.tasklog.agent.query;

import java.time.Instant;
import java.util.List;

/** Which log events a list shows; every part optional (null or false: no condition). */
public final class LogFilter {

    /** The levels from most to least severe, as stored. */
    public static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    /** Events of this run. */
    public final Long runId;
    /** Events of this task. */
    public final Long taskId;
    /** Only events outside any run ({@code RUN_ID} NULL). */
    public final boolean outsideRuns;
    /** The least severe level shown (WARN shows WARN and ERROR). */
    public final String minLevel;
    /** Loggers whose name starts with this. */
    public final String logger;
    /** Only events of {@code data.*} loggers. */
    public final boolean dataOnly;
    /** Events whose message contains this, any case. */
    public final String text;
    /** Events at or after this instant. */
    public final Instant from;
    /** Events before this instant. */
    public final Instant to;
    /** Keyset paging: only events listed after the one with this id (in the listing's order). */
    public final Long afterEventId;

    private LogFilter(Builder b) {
        this.runId = b.runId;
        this.taskId = b.taskId;
        this.outsideRuns = b.outsideRuns;
        this.minLevel = RunFilter.blankToNull(b.minLevel);
        this.logger = RunFilter.blankToNull(b.logger);
        this.dataOnly = b.dataOnly;
        this.text = RunFilter.blankToNull(b.text);
        this.from = b.from;
        this.to = b.to;
        this.afterEventId = b.afterEventId;
    }

    /** @return a builder with no conditions */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LogFilter}. */
    public static final class Builder {
        private Long runId;
        private Long taskId;
        private boolean outsideRuns;
        private String minLevel;
        private String logger;
        private boolean dataOnly;
        private String text;
        private Instant from;
        private Instant to;
        private Long afterEventId;

        public Builder run(Long id) {
            this.runId = id;
            return this;
        }

        public Builder task(Long id) {
            this.taskId = id;
            return this;
        }

        public Builder outsideRuns(boolean only) {
            this.outsideRuns = only;
            return this;
        }

        /**
         * @param level one of {@link #LEVELS}, or null
         * @return this builder
         * @throws IllegalArgumentException for any other level
         */
        public Builder minLevel(String level) {
            if (level != null && !level.isEmpty() && !LEVELS.contains(level)) {
                throw new IllegalArgumentException("level must be one of " + LEVELS + ", not '" + level + "'");
            }
            this.minLevel = level;
            return this;
        }

        public Builder logger(String prefix) {
            this.logger = prefix;
            return this;
        }

        public Builder dataOnly(boolean only) {
            this.dataOnly = only;
            return this;
        }

        public Builder text(String contains) {
            this.text = contains;
            return this;
        }

        public Builder from(Instant t) {
            this.from = t;
            return this;
        }

        public Builder to(Instant t) {
            this.to = t;
            return this;
        }

        /**
         * @param eventId the last event of the previous page, or null for the first page
         * @return this builder
         */
        public Builder afterEvent(Long eventId) {
            this.afterEventId = eventId;
            return this;
        }

        public LogFilter build() {
            return new LogFilter(this);
        }
    }
}
