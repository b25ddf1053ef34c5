package dev.tasklog.agent.cli;

import dev.tasklog.agent.store.Json;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code runs [--limit N] [--json]}: the most recent runs, newest first. */
final class RunsCommand {

    static final String USAGE = "runs [--limit 20] [--json] [--db URL]";

    /** The WARN and ERROR columns count the application's events, not tasklog's own status lines. */
    private static final String APPLICATION = "L.LOGGER NOT IN ('task.run', 'task.performance', 'task.performance.sub')";

    private RunsCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--limit", "--db"), Set.of("--json"), Set.of());
        if (!a.positional().isEmpty()) {
            throw new CliArgs.UsageException("runs takes no arguments: " + a.positional());
        }
        int limit = a.intValue("--limit", 20, 1);
        List<Map<String, Object>> runs;
        try (Connection c = StoreConnection.open(a)) {
            runs = query(c, limit);
        }
        if (a.has("--json")) {
            out.println(Json.write(runs));
            return;
        }
        if (runs.isEmpty()) {
            out.println("no runs in the store");
            return;
        }
        out.println(String.format(Locale.ROOT, "%-8s %-28s %-12s %-19s %10s %10s %6s %6s  %s",
                "ID", "NAME", "STATUS", "STARTED", "DURATION", "CPU", "WARN", "ERROR", "HOST"));
        for (Map<String, Object> r : runs) {
            out.println(String.format(Locale.ROOT, "%-8s %-28s %-12s %-19s %10s %10s %6s %6s  %s",
                    r.get("id"), Format.clip((String) r.get("name"), 28), r.get("status"),
                    Format.local((String) r.get("startedAt")), Format.millis((Long) r.get("wallMs")),
                    Format.millis((Long) r.get("cpuMs")), r.get("warnings"), r.get("errors"), r.get("host")));
        }
    }

    /** The columns {@link #runRow(ResultSet)} reads, in its order; R is LOG_RUN. */
    static final String RUN_COLUMNS = "R.ID, R.NAME, R.STATUS, R.STARTED_AT, R.FINISHED_AT, R.WALL_MS, R.CPU_MS, R.HOST, R.PID, "
            + "R.DROPPED_EVENTS";

    /** @return a run as the commands show it, from the first columns of {@code rs} ({@link #RUN_COLUMNS}) */
    static Map<String, Object> runRow(ResultSet rs) throws SQLException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", rs.getLong(1));
        r.put("name", rs.getString(2));
        r.put("status", rs.getString(3));
        r.put("startedAt", Format.iso(rs.getObject(4, OffsetDateTime.class)));
        r.put("finishedAt", Format.iso(rs.getObject(5, OffsetDateTime.class)));
        r.put("wallMs", Format.nullableLong(rs, 6));
        r.put("cpuMs", Format.nullableLong(rs, 7));
        r.put("host", rs.getString(8));
        r.put("pid", Format.nullableLong(rs, 9));
        r.put("droppedEvents", rs.getLong(10));
        return r;
    }

    static List<Map<String, Object>> query(Connection c, int limit) throws SQLException {
        List<Map<String, Object>> runs = new ArrayList<>();
        String sql = "SELECT " + RUN_COLUMNS + ", "
                + "(SELECT COUNT(*) FROM LOG L WHERE L.RUN_ID = R.ID AND L.LEVEL = 'WARN' AND " + APPLICATION + "), "
                + "(SELECT COUNT(*) FROM LOG L WHERE L.RUN_ID = R.ID AND L.LEVEL = 'ERROR' AND " + APPLICATION + ") "
                + "FROM LOG_RUN R ORDER BY R.STARTED_AT DESC, R.ID DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = runRow(rs);
                    r.put("warnings", rs.getLong(11));
                    r.put("errors", rs.getLong(12));
                    runs.add(r);
                }
            }
        }
        return runs;
    }
}
