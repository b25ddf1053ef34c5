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
import java.util.Map;
import java.util.Set;

/** {@code show RUN_ID [--json]}: one run, its task tree with times and counters, and its log counts. */
final class ShowCommand {

    static final String USAGE = "show RUN_ID [--json] [--db URL]";

    private ShowCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--db"), Set.of("--json"), Set.of());
        if (a.positional().size() != 1) {
            throw new CliArgs.UsageException("show takes one run id");
        }
        long id;
        try {
            id = Long.parseLong(a.positional().get(0));
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("a run id is a number, not '" + a.positional().get(0) + "'");
        }
        Map<String, Object> run;
        try (Connection c = StoreConnection.open(a)) {
            run = load(c, id);
        }
        if (run == null) {
            throw new StoreConnection.CommandException("no run with id " + id);
        }
        if (a.has("--json")) {
            out.println(Json.write(run));
        } else {
            print(run, out);
        }
    }

    static Map<String, Object> load(Connection c, long id) throws SQLException {
        Map<String, Object> run = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RunsCommand.RUN_COLUMNS + " FROM LOG_RUN R WHERE R.ID = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    run = RunsCommand.runRow(rs);
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

    private static List<Map<String, Object>> tasks(Connection c, long runId) throws SQLException {
        Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ID, PARENT_ID, KIND, NAME, STATUS, STARTED_AT, FINISHED_AT, "
                + "WALL_NS, CPU_NS, THREAD, CALLS, MAX_WALL_NS, FAILURES FROM LOG_TASK WHERE RUN_ID = ? ORDER BY STARTED_AT, ID")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("id", rs.getLong(1));
                    Long parent = Format.nullableLong(rs, 2);
                    t.put("parentId", parent);
                    t.put("kind", rs.getString(3));
                    t.put("name", rs.getString(4));
                    t.put("status", rs.getString(5));
                    t.put("startedAt", Format.iso(rs.getObject(6, OffsetDateTime.class)));
                    t.put("finishedAt", Format.iso(rs.getObject(7, OffsetDateTime.class)));
                    t.put("wallNs", Format.nullableLong(rs, 8));
                    t.put("cpuNs", Format.nullableLong(rs, 9));
                    t.put("thread", rs.getString(10));
                    t.put("calls", rs.getLong(11));
                    t.put("maxWallNs", Format.nullableLong(rs, 12));
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
        for (String level : new String[] {"ERROR", "WARN", "INFO", "DEBUG", "TRACE"}) {
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

    @SuppressWarnings("unchecked")
    private static Map<String, Long> counters(Map<String, Object> task) {
        return (Map<String, Long>) task.get("counters");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> children(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("children");
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> run, PrintStream out) {
        out.println("run " + run.get("id") + " " + run.get("name") + ": " + run.get("status"));
        out.println("  started " + Format.local((String) run.get("startedAt")) + ", finished "
                + Format.local((String) run.get("finishedAt")) + ", duration " + Format.millis((Long) run.get("wallMs"))
                + ", cpu " + Format.millis((Long) run.get("cpuMs")) + ", host " + run.get("host") + ", pid " + run.get("pid"));
        if ((Long) run.get("droppedEvents") > 0) {
            out.println("  " + run.get("droppedEvents") + " events could not be stored");
        }
        out.println("tasks:");
        for (Map<String, Object> t : (List<Map<String, Object>>) run.get("tasks")) {
            printTask(t, "  ", out);
        }
        StringBuilder counts = new StringBuilder("log events:");
        ((Map<String, Long>) run.get("logCounts")).forEach((level, n) -> counts.append(' ').append(level).append(' ').append(n));
        out.println(counts);
    }

    private static void printTask(Map<String, Object> t, String indent, PrintStream out) {
        boolean sub = "SUBTASK".equals(t.get("kind"));
        String label = indent + (sub ? "sub " : "") + t.get("name");
        String calls = sub ? " (" + t.get("calls") + (((Long) t.get("calls")) == 1 ? " call" : " calls")
                + ", max " + Format.nanos((Long) t.get("maxWallNs")) + ")" : "";
        out.println(String.format(java.util.Locale.ROOT, "%-44s %-12s %10s  cpu %10s%s", label, t.get("status"),
                Format.nanos((Long) t.get("wallNs")), Format.nanos((Long) t.get("cpuNs")), calls));
        counters(t).forEach((name, value) -> out.println(indent + "  - " + name + ": " + value));
        for (Map<String, Object> child : children(t)) {
            printTask(child, indent + "  ", out);
        }
    }
}
