package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marks {@code ABORTED} the runs (and their open tasks) still {@code RUNNING} whose JVM is gone:
 * a JVM on this host whose process id no longer exists, or is now another process (started after
 * the run did), at once; a JVM anywhere whose heartbeat is older than the lease, judged by the
 * database's clock (the machines' clocks may differ). A JVM that was only cut off from the store
 * takes its runs back with its next heartbeat ({@link JdbcTarget#heartbeat}).
 */
final class AbortedRuns {

    private AbortedRuns() {
    }

    /**
     * @param c           a connection (its auto-commit mode is restored afterwards)
     * @param dialect     its dialect
     * @param selfJvm     the calling JVM's id, whose runs are alive; null for a reader (CLI, admin)
     * @param leaseMillis how long a JVM may go without a heartbeat before its runs are taken for dead
     * @return how many runs were marked
     */
    static int markDeadRuns(Connection c, Dialect dialect, String selfJvm, long leaseMillis) throws SQLException {
        List<Long> dead = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, SOURCE_JVM FROM LOG_RUN WHERE STATUS = 'RUNNING' "
                + "AND HEARTBEAT_AT < ?")) {
            ps.setObject(1, databaseNow(c, dialect).minusNanos(leaseMillis * 1_000_000L));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(2).equals(selfJvm)) {
                        dead.add(rs.getLong(1));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, PID, STARTED_AT FROM LOG_RUN WHERE STATUS = 'RUNNING' AND HOST = ?")) {
            ps.setString(1, Host.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = rs.getObject(3, OffsetDateTime.class).toInstant();
                    if (!isAlive(rs.getLong(2), started) && !dead.contains(rs.getLong(1))) {
                        dead.add(rs.getLong(1));
                    }
                }
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement runs = c.prepareStatement(
                "UPDATE LOG_RUN SET STATUS = 'ABORTED', FINISHED_AT = HEARTBEAT_AT WHERE ID = ? AND STATUS = 'RUNNING'");
             PreparedStatement tasks = c.prepareStatement(
                "UPDATE LOG_TASK SET STATUS = 'ABORTED' WHERE RUN_ID = ? AND STATUS = 'RUNNING'")) {
            for (long id : dead) {
                runs.setLong(1, id);
                runs.addBatch();
                tasks.setLong(1, id);
                tasks.addBatch();
            }
            runs.executeBatch();
            tasks.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return dead.size();
    }

    private static OffsetDateTime databaseNow(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.now())) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    static boolean isAlive(long pid, Instant runStarted) {
        if (pid == Host.pid()) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> processStarted = process.get().info().startInstant();
        // A process that started after the run did is a different process that got the same id.
        return processStarted.isEmpty() || !processStarted.get().isAfter(runStarted.plusSeconds(1));
    }
}
