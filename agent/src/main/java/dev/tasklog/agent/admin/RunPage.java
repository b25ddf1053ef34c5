package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import dev.tasklog.agent.query.LogFilter;
import dev.tasklog.agent.query.LogQueries;
import dev.tasklog.agent.query.RunQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /runs/{id}}: one run, its task tree, its timeline and its events grouped under their tasks. */
final class RunPage {

    static final int EVENTS_PER_PAGE = 500;

    private RunPage() {
    }

    static String render(Connection c, long id, Request r) throws SQLException, HttpError {
        Map<String, Object> run = RunQueries.load(c, id);
        if (run == null) {
            throw HttpError.notFound("There is no run with id " + id + ".");
        }
        LogFilter filter = LogsPage.filter(r).run(id).build();
        List<Map<String, Object>> events = LogQueries.find(c, filter, Pager.offset(r, EVENTS_PER_PAGE),
                EVENTS_PER_PAGE + 1, true);
        boolean more = events.size() > EVENTS_PER_PAGE;
        if (more) {
            events = events.subList(0, EVENTS_PER_PAGE);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        flatten(tasks(run), 0, rows);

        StringBuilder b = new StringBuilder();
        b.append("<h1>Run ").append(run.get("id")).append(": ").append(esc(run.get("name"))).append(' ')
                .append(Html.status(run.get("status"))).append("</h1>");
        b.append("<div class=\"facts\"><span><b>started</b> ").append(Html.local(run.get("startedAt")))
                .append("</span><span><b>finished</b> ").append(Html.local(run.get("finishedAt")))
                .append("</span><span><b>duration</b> ").append(Html.millis(run.get("wallMs")))
                .append("</span><span><b>cpu</b> ").append(Html.millis(run.get("cpuMs")))
                .append("</span><span><b>host</b> ").append(esc(run.get("host")))
                .append(run.get("pid") == null ? "" : " (pid " + run.get("pid") + ")").append("</span>");
        @SuppressWarnings("unchecked")
        Map<String, Long> counts = (Map<String, Long>) run.get("logCounts");
        counts.forEach((level, n) -> b.append("<span><b>").append(level).append("</b> ").append(n).append("</span>"));
        if (((Number) run.get("droppedEvents")).longValue() > 0) {
            b.append("<span class=\"status status-ERROR\">").append(run.get("droppedEvents")).append(" events not stored</span>");
        }
        b.append("</div>");

        b.append("<h2>Timeline</h2>");
        b.append(rows.isEmpty() ? "<p class=\"muted\">No tasks.</p>" : Timeline.svg(run, rows));

        b.append("<h2>Tasks</h2><table id=\"task-tree\"><thead><tr><th>task</th><th>status</th><th class=\"num\">duration</th>")
                .append("<th class=\"num\">cpu</th><th class=\"num\">calls</th><th>counters</th><th>thread</th></tr></thead><tbody>");
        for (Map<String, Object> t : rows) {
            boolean sub = "SUBTASK".equals(t.get("kind"));
            b.append("<tr class=\"task kind-").append(esc(t.get("kind"))).append("\"><td style=\"padding-left:")
                    .append(8 + 16 * (Integer) t.get("depth")).append("px\">").append(sub ? "sub " : "")
                    .append("<a href=\"/tasks/").append(esc(Html.url((String) t.get("name")))).append("\">").append(esc(t.get("name")))
                    .append("</a></td><td>").append(Html.status(t.get("status"))).append("</td><td class=\"num\">")
                    .append(Html.nanos(t.get("wallNs"))).append("</td><td class=\"num\">").append(Html.nanos(t.get("cpuNs")))
                    .append("</td><td class=\"num\">").append(sub ? t.get("calls") + " (max " + Html.nanos(t.get("maxWallNs")) + ")" : "")
                    .append("</td><td>");
            RunQueries.counters(t).forEach((name, value) -> b.append(esc(name)).append(": ").append(value).append("<br>"));
            b.append("</td><td>").append(esc(t.get("thread"))).append("</td></tr>");
        }
        b.append("</tbody></table>");

        b.append("<section id=\"logs\"><h2>Log events</h2>");
        b.append(LogsPage.filterForm("/runs/" + id, r, false));
        b.append(grouped(events, rows));
        b.append(Pager.links("/runs/" + id, r, more ? String.valueOf(events.get(events.size() - 1).get("id")) : null,
                "first events", "next events", LogsPage.FILTER_KEYS));
        b.append("</section>");
        return Html.page("Run " + id, b.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tasks(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("tasks");
    }

    private static void flatten(List<Map<String, Object>> tasks, int depth, List<Map<String, Object>> into) {
        for (Map<String, Object> t : tasks) {
            t.put("depth", depth);
            into.add(t);
            flatten(RunQueries.children(t), depth + 1, into);
        }
    }

    /** Events under one heading per task, in the order each task's first event came. */
    private static String grouped(List<Map<String, Object>> events, List<Map<String, Object>> tasks) {
        if (events.isEmpty()) {
            return "<p class=\"muted\" id=\"no-events\">No events match.</p>";
        }
        Map<Object, String> taskNames = new LinkedHashMap<>();
        for (Map<String, Object> t : tasks) {
            taskNames.put(t.get("id"), (String) t.get("name"));
        }
        Map<Object, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            groups.computeIfAbsent(e.get("taskId"), k -> new ArrayList<>()).add(e);
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Object, List<Map<String, Object>>> g : groups.entrySet()) {
            String name = g.getKey() == null ? null : taskNames.getOrDefault(g.getKey(), (String) g.getValue().get(0).get("taskName"));
            b.append("<h3 class=\"task-heading\">").append(name == null ? "outside any task" : "task " + esc(name)).append("</h3>");
            b.append(LogsPage.table(g.getValue(), false));
        }
        return b.toString();
    }
}
