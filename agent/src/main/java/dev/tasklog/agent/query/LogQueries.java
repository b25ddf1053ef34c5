package dev.tasklog.agent.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Log events for the admin and the JSON API, filtered and paged, each a map of plain values. */
public final class LogQueries {

    private LogQueries() {
    }

    /**
     * @param c           a connection to the store
     * @param filter      which events
     * @param offset      how many to skip
     * @param limit       how many at most
     * @param oldestFirst true: in the order they were logged (a run's page); false: newest first
     * @return the events
     * @throws SQLException when the query fails
     */
    public static List<Map<String, Object>> find(Connection c, LogFilter filter, int offset, int limit, boolean oldestFirst)
            throws SQLException {
        Where where = where(filter);
        if (filter.afterEventId != null) {
            where.and(oldestFirst ? "ID > ?" : "ID < ?", filter.afterEventId);
        }
        String sql = "SELECT ID, RUN_ID, TASK_ID, TASK_NAME, TS, LEVEL, LOGGER, MESSAGE, THREAD, FILE_NAME, LINE, IS_DATA, "
                + "EXTRA, THROWABLE FROM LOG" + where.sql() + " ORDER BY ID " + (oldestFirst ? "ASC" : "DESC")
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        List<Map<String, Object>> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps);
            ps.setInt(next, offset);
            ps.setInt(next + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("id", rs.getLong(1));
                    e.put("runId", Rows.nullableLong(rs, 2));
                    e.put("taskId", Rows.nullableLong(rs, 3));
                    e.put("taskName", rs.getString(4));
                    e.put("ts", Rows.iso(rs, 5));
                    e.put("level", rs.getString(6));
                    e.put("logger", rs.getString(7));
                    e.put("message", rs.getString(8));
                    e.put("thread", rs.getString(9));
                    e.put("fileName", rs.getString(10));
                    e.put("line", Rows.nullableInt(rs, 11));
                    e.put("data", rs.getBoolean(12));
                    e.put("extra", rs.getString(13));
                    e.put("throwable", rs.getString(14));
                    events.add(e);
                }
            }
        }
        return events;
    }

    private static Where where(LogFilter f) {
        Where where = new Where();
        if (f.runId != null) {
            where.and("RUN_ID = ?", f.runId);
        }
        if (f.outsideRuns) {
            where.and("RUN_ID IS NULL");
        }
        if (f.taskId != null) {
            where.and("TASK_ID = ?", f.taskId);
        }
        if (f.minLevel != null) {
            List<String> levels = LogFilter.LEVELS.subList(0, LogFilter.LEVELS.indexOf(f.minLevel) + 1);
            where.and("LEVEL IN (" + String.join(", ", java.util.Collections.nCopies(levels.size(), "?")) + ")",
                    levels.toArray());
        }
        if (f.logger != null) {
            where.startsWith("LOGGER", f.logger);
        }
        if (f.dataOnly) {
            where.and("IS_DATA = TRUE");
        }
        if (f.text != null) {
            where.contains("MESSAGE", f.text);
        }
        if (f.from != null) {
            where.and("TS >= ?", f.from);
        }
        if (f.to != null) {
            where.and("TS < ?", f.to);
        }
        return where;
    }
}
