package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import dev.tasklog.agent.query.TaskHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /tasks/{name}}: one task's wall and CPU time across its latest runs, as a chart and a table. */
final class TaskHistoryPage {

    static final int POINTS = 200;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 300;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;

    private TaskHistoryPage() {
    }

    static String render(Connection c, String name) throws SQLException, HttpError {
        Map<String, Object> history = TaskHistory.load(c, name, POINTS);
        List<Map<String, Object>> points = points(history);
        if (points.isEmpty()) {
            throw HttpError.notFound("No finished task or sub-task is called '" + name + "'.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) history.get("stats");
        StringBuilder b = new StringBuilder("<h1>Task ").append(esc(name)).append("</h1>");
        b.append("<p class=\"muted\">The latest ").append(points.size()).append(" times it ran, oldest on the left; ")
                .append("solid: wall-clock time, dashed: CPU time.</p>");
        b.append(chart(points));
        b.append("<table id=\"history-stats\"><thead><tr><th></th><th class=\"num\">min</th><th class=\"num\">median</th>")
                .append("<th class=\"num\">max</th></tr></thead><tbody>");
        for (String key : new String[] {"wall", "cpu"}) {
            b.append("<tr><td>").append(key).append("</td><td class=\"num\">").append(Html.nanos(stats.get(key + "MinNs")))
                    .append("</td><td class=\"num\">").append(Html.nanos(stats.get(key + "MedianNs")))
                    .append("</td><td class=\"num\">").append(Html.nanos(stats.get(key + "MaxNs"))).append("</td></tr>");
        }
        b.append("</tbody></table><h2>Runs</h2><table id=\"history\"><thead><tr><th>run</th><th>started</th><th>status</th>")
                .append("<th class=\"num\">duration</th><th class=\"num\">cpu</th><th class=\"num\">calls</th></tr></thead><tbody>");
        for (int i = points.size() - 1; i >= 0; i--) {
            Map<String, Object> p = points.get(i);
            b.append("<tr><td>");
            if (p.get("runId") != null) {
                b.append("<a href=\"/runs/").append(p.get("runId")).append("\">").append(p.get("runId")).append(' ')
                        .append(esc(p.get("runName"))).append("</a>");
            }
            b.append("</td><td>").append(Html.local(p.get("startedAt"))).append("</td><td>").append(Html.status(p.get("status")))
                    .append("</td><td class=\"num\">").append(Html.nanos(p.get("wallNs"))).append("</td><td class=\"num\">")
                    .append(Html.nanos(p.get("cpuNs"))).append("</td><td class=\"num\">").append(p.get("calls")).append("</td></tr>");
        }
        b.append("</tbody></table>");
        return Html.page("Task " + name, b.toString());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> points(Map<String, Object> history) {
        return (List<Map<String, Object>>) history.get("points");
    }

    private static String chart(List<Map<String, Object>> points) {
        double max = 1;
        for (Map<String, Object> p : points) {
            max = Math.max(max, value(p, "wallNs"));
            max = Math.max(max, value(p, "cpuNs"));
        }
        double plotW = WIDTH - LEFT - 20;
        double plotH = HEIGHT - BOTTOM - 14;
        double step = points.size() == 1 ? 0 : plotW / (points.size() - 1);
        StringBuilder wall = new StringBuilder();
        StringBuilder cpu = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Map<String, Object> p = points.get(i);
            double x = LEFT + (points.size() == 1 ? plotW / 2 : i * step);
            double yWall = 14 + plotH - value(p, "wallNs") / max * plotH;
            double yCpu = 14 + plotH - value(p, "cpuNs") / max * plotH;
            wall.append(fmt(x)).append(',').append(fmt(yWall)).append(' ');
            cpu.append(fmt(x)).append(',').append(fmt(yCpu)).append(' ');
            dots.append("<circle class=\"point\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(yWall))
                    .append("\" r=\"3\" data-run=\"").append(p.get("runId")).append("\"><title>run ").append(p.get("runId"))
                    .append(", ").append(Html.local(p.get("startedAt"))).append(": ").append(Html.nanos(p.get("wallNs")))
                    .append(" wall, ").append(Html.nanos(p.get("cpuNs"))).append(" cpu</title></circle>");
        }
        StringBuilder b = new StringBuilder("<svg id=\"history-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\">");
        for (int i = 0; i <= 4; i++) {
            double y = 14 + plotH - plotH * i / 4.0;
            b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(WIDTH - 20).append("\" y2=\"").append(fmt(y)).append("\"/><text x=\"4\" y=\"").append(fmt(y + 4))
                    .append("\">").append(String.format(Locale.ROOT, "%.3fs", max * i / 4.0 / 1e9)).append("</text>");
        }
        b.append("<polyline class=\"cpu\" points=\"").append(cpu.toString().trim()).append("\"/>");
        b.append("<polyline class=\"wall\" points=\"").append(wall.toString().trim()).append("\"/>");
        b.append(dots);
        b.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 8).append("\">")
                .append(Html.local(points.get(0).get("startedAt"))).append("</text><text x=\"").append(WIDTH - 160)
                .append("\" y=\"").append(HEIGHT - 8).append("\">").append(Html.local(points.get(points.size() - 1).get("startedAt")))
                .append("</text>");
        return b.append("</svg>").toString();
    }

    private static double value(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
