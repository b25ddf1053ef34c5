package dev.tasklog.agent.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs as the command line, the admin pages and the JSON API show them: maps of plain values
 * (numbers, strings, ISO-8601 instants, lists, maps), ready to be written as JSON.
 */
public final class RunQueries {

    /** The WARN and ERROR counts are of the application's events, not tasklog's own status lines. */
    private static final String APPLICATION = "L.LOGGER NOT IN ('task.run', 'task.performance', 'task.performance.sub')";

    private static final String RUN_COLUMNS = "R.ID, R.NAME, R.STATUS, R.STARTED_AT, R.FINISHED_AT, R.WALL_MS, R.CPU_MS, "
            + "R.HOST, R.PID, R.DROPPED_EVENTS";

    private RunQueries() {
    }

    /**
     * Runs newest first.
     *
     * @param c      a connection to the store
     * @param filter which runs
     * @param offset how many to skip
     * @param limit  how many at most
     * @return the runs, each with {@code warnings} and {@code errors} counts
     * @throws SQLException when the query fails
     */
    public static List<Map<String, Object>> page(Connection c, RunFilter filter, int offset, int limit) throws SQLException {
        Where where = new Where();
        if (filter.name != null) {
            where.contains("R.NAME", filter.name);
        }
        if (filter.status != null) {
            where.and("R.STATUS = ?", filter.status);
        }
        if (filter.host != null) {
            where.and("R.HOST = ?", filter.host);
        }
        if (filter.from != null) {
            where.and("R.STARTED_AT >= ?", filter.from);
        }
        if (filter.to != null) {
            where.and("R.STARTED_AT < ?", filter.to);
        }
        if (filter.beforeStartedAt != null) {
            // a range on the index's first column, then the ties: an OR would not use the index
            where.and("R.STARTED_AT <= ? AND NOT (R.STARTED_AT = ? AND R.ID >= ?)", filter.beforeStartedAt,
                    filter.beforeStartedAt, filter.beforeId);
        }
        // With one host, HOST is the same in every row; ordering by it too lets HSQLDB read the page
        // backwards from the (HOST, STARTED_AT, ID) index instead of sorting all that host's runs.
        String sql = "SELECT " + RUN_COLUMNS + " FROM LOG_RUN R" + where.sql() + " ORDER BY "
                + (filter.host != null ? "R.HOST DESC, " : "") + "R.STARTED_AT DESC, R.ID DESC"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        Map<Long, Map<String, Object>> runs = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps);
            ps.setInt(next, offset);
            ps.setInt(next + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = runRow(rs);
                    r.put("warnings", 0L);
                    r.put("errors", 0L);
                    runs.put((Long) r.get("id"), r);
                }
            }
        }
        countProblems(c, runs);
        return new ArrayList<>(runs.values());
    }

    /**
     * @param c     a connection to the store
     * @param limit how many at most
     * @return the hosts runs came from, in alphabetical order
     * @throws SQLException when the query fails
     */
    public static List<String> hosts(Connection c, int limit) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT HOST FROM LOG_RUN WHERE HOST IS NOT NULL ORDER BY HOST FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
        }
        return hosts;
    }

    /**
     * Adds the WARN and ERROR counts of a page of runs with one grouped query. (As sub-queries in
     * the runs query they were computed for every run before the page was cut: seconds for 10,000.)
     */
    private static void countProblems(Connection c, Map<Long, Map<String, Object>> runs) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        String ids = String.join(", ", java.util.Collections.nCopies(runs.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT L.RUN_ID, L.LEVEL, COUNT(*) FROM LOG L WHERE L.RUN_ID IN ("
                + ids + ") AND L.LEVEL IN ('WARN', 'ERROR') AND " + APPLICATION + " GROUP BY L.RUN_ID, L.LEVEL")) {
            int i = 1;
            for (Long id : runs.keySet()) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.get(rs.getLong(1)).put(rs.getString(2).equals("WARN") ? "warnings" : "errors", rs.getLong(3));
                }
            }
        }
    }

    /**
     * One run with its task tree (tasks and sub-tasks, counters, children) and its log counts.
     *
     * @param c  a connection to the store
     * @param id the run's id
     * @return the run, or null when there is none with that id
     * @throws SQLException when a query fails
     */
    public static Map<String, Object> load(Connection c, long id) throws SQLException {
        Map<String, Object> run = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM LOG_RUN R WHERE R.ID = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    run = runRow(rs);
                }
            }
        }
        if (run == null) {
            return null;
        }
        run.put("tasks", tasks(c, id));
        run.put("logCounts", logCounts(c, id));
        return run;
    }

    private static Map<String, Object> runRow(ResultSet rs) throws SQLException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rs.getLong(1));
        r.put("name", rs.getString(2));
        r.put("status", rs.getString(3));
        r.put("startedAt", Rows.iso(rs, 4));
        r.put("finishedAt", Rows.iso(rs, 5));
        r.put("wallMs", Rows.nullableLong(rs, 6));
        r.put("cpuMs", Rows.nullableLong(rs, 7));
        r.put("host", rs.getString(8));
        r.put("pid", Rows.nullableLong(rs, 9));
        r.put("droppedEvents", rs.getLong(10));
        return r;
    }

    private static List<Map<String, Object>> tasks(Connection c, long runId) throws SQLException {
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, PARENT_ID, KIND, NAME, STATUS, STARTED_AT, FINISHED_AT, "
                + "WALL_NS, CPU_NS, THREAD, CALLS, MAX_WALL_NS, FAILURES FROM LOG_TASK WHERE RUN_ID = ? ORDER BY STARTED_AT, ID")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", rs.getLong(1));
                    t.put("parentId", Rows.nullableLong(rs, 2));
                    t.put("kind", rs.getString(3));
                    t.put("name", rs.getString(4));
                    t.put("status", rs.getString(5));
                    t.put("startedAt", Rows.iso(rs, 6));
                    t.put("finishedAt", Rows.iso(rs, 7));
                    t.put("wallNs", Rows.nullableLong(rs, 8));
                    t.put("cpuNs", Rows.nullableLong(rs, 9));
                    t.put("thread", rs.getString(10));
                    t.put("calls", rs.getLong(11));
                    t.put("maxWallNs", Rows.nullableLong(rs, 12));
                    t.put("failures", rs.getLong(13));
                    t.put("counters", new LinkedHashMap<String, Long>());
                    t.put("children", new ArrayList<Map<String, Object>>());
                    byId.put(rs.getLong(1), t);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT C.TASK_ID, C.NAME, C.VALUE FROM LOG_COUNTER C "
                + "JOIN LOG_TASK T ON T.ID = C.TASK_ID WHERE T.RUN_ID = ? ORDER BY C.TASK_ID, C.NAME")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> t = byId.get(rs.getLong(1));
                    if (t != null) {
                        counters(t).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        List<Map<String, Object>> roots = new ArrayList<>();
        for (Map<String, Object> t : byId.values()) {
            Map<String, Object> parent = byId.get(t.get("parentId"));
            if (parent == null) {
                roots.add(t);
            } else {
                children(parent).add(t);
            }
        }
        return roots;
    }

    private static Map<String, Long> logCounts(Connection c, long runId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String level : LogFilter.LEVELS) {
            counts.put(level, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT LEVEL, COUNT(*) FROM LOG WHERE RUN_ID = ? GROUP BY LEVEL")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /**
     * @param task a task as {@link #load} returns it
     * @return its counters, by name
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> counters(Map<String, Object> task) {
        return (Map<String, Long>) task.get("counters");
    }

    /**
     * @param task a task as {@link #load} returns it
     * @return its child tasks and sub-tasks, in start order
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> children(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("children");
    }
}
