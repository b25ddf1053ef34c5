package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps one JVM's frame ids to the database ids of its runs and tasks. Rows carry their source
 * (JVM and frame id), so a mapping that is not in memory any more (a spool imported by another
 * JVM, a reconnect) is found in the database.
 */
final class IdMap {

    private final String sourceJvm;
    private final Map<Long, Long> runs = new HashMap<>();
    private final Map<Long, Long> tasks = new HashMap<>();

    IdMap(String sourceJvm) {
        this.sourceJvm = sourceJvm;
    }

    String sourceJvm() {
        return sourceJvm;
    }

    void putRun(long frameId, long dbId) {
        runs.put(frameId, dbId);
    }

    void putTask(long frameId, long dbId) {
        tasks.put(frameId, dbId);
    }

    void forgetRun(long frameId) {
        runs.remove(frameId);
    }

    void forgetTask(long frameId) {
        tasks.remove(frameId);
    }

    /** @return the run's database id, or null when the run was never stored */
    Long run(Connection c, long frameId) throws SQLException {
        return frameId == 0 ? null : find(c, runs, "LOG_RUN", frameId);
    }

    /** @return the task's database id, or null when the task was never stored */
    Long task(Connection c, long frameId) throws SQLException {
        return frameId == 0 ? null : find(c, tasks, "LOG_TASK", frameId);
    }

    private Long find(Connection c, Map<Long, Long> cache, String table, long frameId) throws SQLException {
        Long id = cache.get(frameId);
        if (id != null) {
            return id;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM " + table + " WHERE SOURCE_JVM = ? AND SOURCE_ID = ?")) {
            ps.setString(1, sourceJvm);
            ps.setLong(2, frameId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1);
                    cache.put(frameId, id);
                }
            }
        }
        return id;
    }
}
