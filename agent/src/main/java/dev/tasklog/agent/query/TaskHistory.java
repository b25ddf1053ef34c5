package dev.tasklog.agent.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One task name across runs: its wall and CPU time each time it ran, and their spread. */
public final class TaskHistory {

    private TaskHistory() {
    }

    /**
     * @param c     a connection to the store
     * @param name  the task (or sub-task) name
     * @param limit how many of its latest finished occurrences
     * @return {@code name}, {@code points} (oldest first: runId, runName, taskId, kind, startedAt,
     *     wallNs, cpuNs, status, calls) and {@code stats} (count, min, median and max of wall and CPU)
     * @throws SQLException when the query fails
     */
    public static Map<String, Object> load(Connection c, String name, int limit) throws SQLException {
        List<Map<String, Object>> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT T.RUN_ID, R.NAME, T.ID, T.KIND, T.STARTED_AT, T.WALL_NS, "
                + "T.CPU_NS, T.STATUS, T.CALLS FROM LOG_TASK T LEFT JOIN LOG_RUN R ON R.ID = T.RUN_ID "
                + "WHERE T.NAME = ? AND T.WALL_NS IS NOT NULL ORDER BY T.STARTED_AT DESC, T.ID DESC FETCH FIRST ? ROWS ONLY")) {
            ps.setString(1, name);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("runId", Rows.nullableLong(rs, 1));
                    p.put("runName", rs.getString(2));
                    p.put("taskId", rs.getLong(3));
                    p.put("kind", rs.getString(4));
                    p.put("startedAt", Rows.iso(rs, 5));
                    p.put("wallNs", rs.getLong(6));
                    p.put("cpuNs", Rows.nullableLong(rs, 7));
                    p.put("status", rs.getString(8));
                    p.put("calls", rs.getLong(9));
                    points.add(p);
                }
            }
        }
        Collections.reverse(points);
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("name", name);
        history.put("points", points);
        history.put("stats", stats(points));
        return history;
    }

    private static Map<String, Object> stats(List<Map<String, Object>> points) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("count", points.size());
        for (String key : new String[] {"wallNs", "cpuNs"}) {
            List<Long> values = new ArrayList<>();
            for (Map<String, Object> p : points) {
                if (p.get(key) != null) {
                    values.add((Long) p.get(key));
                }
            }
            Collections.sort(values);
            String prefix = key.substring(0, key.length() - 2);
            stats.put(prefix + "MinNs", values.isEmpty() ? null : values.get(0));
            stats.put(prefix + "MedianNs", values.isEmpty() ? null : median(values));
            stats.put(prefix + "MaxNs", values.isEmpty() ? null : values.get(values.size() - 1));
        }
        return stats;
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
