package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code cleanup-old-logs}, as seed 000 defines it: log events older than the first period are
 * deleted except performance events (loggers {@code task.performance*}), and runs older than the
 * second period are deleted with everything of theirs (tasks, counters, all their events). Given
 * runs, it does the same within those runs only. The keys of batches written before the first
 * period go too (see {@code LOG_BATCH} in {@link Schema}). Afterwards an embedded store is defragmented, so
 * its files shrink.
 */
public final class Retention {

    /** What a cleanup deleted. */
    public static final class Result {
        public final long logEvents;
        public final long runs;
        public final long tasksOfRuns;
        public final long countersOfRuns;
        public final long logEventsOfRuns;

        Result(long logEvents, long runs, long tasksOfRuns, long countersOfRuns, long logEventsOfRuns) {
            this.logEvents = logEvents;
            this.runs = runs;
            this.tasksOfRuns = tasksOfRuns;
            this.countersOfRuns = countersOfRuns;
            this.logEventsOfRuns = logEventsOfRuns;
        }
    }

    private Retention() {
    }

    /**
     * @param c            an open connection to the store
     * @param dialect      its dialect
     * @param logDays      log events older than this many days go (performance events stay)
     * @param runDays      runs older than this many days go, with everything of theirs
     * @param runIds       restrict both to these runs; empty for all
     * @param now          the current time
     * @return what was deleted
     * @throws SQLException when the database fails (nothing is deleted then)
     */
    public static Result cleanup(Connection c, Dialect dialect, int logDays, int runDays, List<Long> runIds, Instant now)
            throws SQLException {
        Object logCutoff = JdbcTarget.time(now.minus(Duration.ofDays(logDays)).toEpochMilli());
        Object runCutoff = JdbcTarget.time(now.minus(Duration.ofDays(runDays)).toEpochMilli());
        String only = runIds.isEmpty() ? "" : " AND ID IN (" + runIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        String oldRuns = "SELECT ID FROM LOG_RUN WHERE STARTED_AT < ?" + only;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long counters = update(c, "DELETE FROM LOG_COUNTER WHERE TASK_ID IN (SELECT ID FROM LOG_TASK WHERE RUN_ID IN ("
                    + oldRuns + "))", runCutoff);
            long events = update(c, "DELETE FROM LOG WHERE RUN_ID IN (" + oldRuns + ")", runCutoff);
            long tasks = update(c, "DELETE FROM LOG_TASK WHERE RUN_ID IN (" + oldRuns + ")", runCutoff);
            long runs = update(c, "DELETE FROM LOG_RUN WHERE STARTED_AT < ?" + only, runCutoff);
            String whichLogs = runIds.isEmpty() ? "" : " AND RUN_ID IN (" + runIds.stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + ")";
            long logs = update(c, "DELETE FROM LOG WHERE TS < ? AND LOGGER NOT LIKE 'task.performance%'" + whichLogs, logCutoff);
            if (runIds.isEmpty()) {
                // The keys of batches written that long ago: no spool that old is still to be imported.
                update(c, "DELETE FROM LOG_BATCH WHERE WRITTEN_AT < ?", logCutoff);
            }
            c.commit();
            if (dialect == Dialect.HSQLDB && logs + events > 0) {
                try (Statement st = c.createStatement()) {
                    st.execute("CHECKPOINT DEFRAG");
                }
            }
            return new Result(logs, runs, tasks, counters, events);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static long update(Connection c, String sql, Object cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, cutoff);
            return ps.executeUpdate();
        }
    }
}
