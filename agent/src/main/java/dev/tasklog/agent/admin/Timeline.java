package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's tasks and sub-tasks as a Gantt chart in SVG: one row each, a bar from its start for its
 * wall-clock time. A sub-task row stands for all calls of that name in its task: it starts at the
 * first call and is as long as all calls together.
 */
final class Timeline {

    private static final int WIDTH = 1100;
    private static final int LABEL = 260;
    private static final int ROW = 20;
    private static final int TOP = 24;

    private Timeline() {
    }

    /**
     * @param run   the run, as {@code RunQueries.load} returns it
     * @param rows  its tasks in tree order, each with {@code depth}
     */
    static String svg(Map<String, Object> run, List<Map<String, Object>> rows) {
        long start = Instant.parse((String) run.get("startedAt")).toEpochMilli();
        double spanMs = run.get("wallMs") == null ? 1 : Math.max(1, ((Number) run.get("wallMs")).doubleValue());
        for (Map<String, Object> t : rows) {
            spanMs = Math.max(spanMs, offsetMs(t, start) + wallMs(t));
        }
        double scale = (WIDTH - LABEL - 20) / spanMs;
        int height = TOP + rows.size() * ROW + 10;
        StringBuilder b = new StringBuilder();
        b.append("<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\">");
        for (int i = 0; i <= 4; i++) {
            double x = LABEL + (WIDTH - LABEL - 20) * i / 4.0;
            b.append("<line class=\"axis\" x1=\"").append(fmt(x)).append("\" y1=\"16\" x2=\"").append(fmt(x)).append("\" y2=\"")
                    .append(height - 6).append("\"/><text x=\"").append(fmt(i == 4 ? x - 2 : x + 2)).append("\" y=\"12\"")
                    .append(i == 4 ? " text-anchor=\"end\">" : ">")
                    .append(String.format(Locale.ROOT, "%.3fs", spanMs * i / 4.0 / 1000.0)).append("</text>");
        }
        int y = TOP;
        for (Map<String, Object> t : rows) {
            int depth = (Integer) t.get("depth");
            boolean sub = "SUBTASK".equals(t.get("kind"));
            double x = LABEL + offsetMs(t, start) * scale;
            double w = Math.max(1.5, wallMs(t) * scale);
            String label = (sub ? "sub " : "") + t.get("name");
            b.append("<text x=\"").append(6 + depth * 12).append("\" y=\"").append(y + 13).append("\">").append(esc(clip(label, 36 - depth * 2)))
                    .append("</text>");
            b.append("<rect class=\"bar kind-").append(esc(t.get("kind"))).append(" status-").append(esc(t.get("status")))
                    .append("\" data-name=\"").append(esc(t.get("name"))).append("\" data-kind=\"").append(esc(t.get("kind")))
                    .append("\" x=\"").append(fmt(x)).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(ROW - 6).append("\"><title>").append(esc(label)).append(": ")
                    .append(Html.nanos(t.get("wallNs"))).append(" wall, ").append(Html.nanos(t.get("cpuNs"))).append(" cpu, ")
                    .append(esc(t.get("status"))).append(sub ? ", " + t.get("calls") + " calls" : "").append("</title></rect>");
            y += ROW;
        }
        return b.append("</svg>").toString();
    }

    private static double offsetMs(Map<String, Object> t, long runStart) {
        return Math.max(0, Instant.parse((String) t.get("startedAt")).toEpochMilli() - runStart);
    }

    private static double wallMs(Map<String, Object> t) {
        Object ns = t.get("wallNs");
        return ns == null ? 0 : ((Number) ns).doubleValue() / 1e6;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }
}
