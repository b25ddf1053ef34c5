package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import dev.tasklog.agent.query.LogFilter;
import dev.tasklog.agent.query.LogQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code /logs}: every stored event, also those outside runs, newest first, with filters and paging. */
final class LogsPage {

    static final int PAGE_SIZE = 100;
    static final String[] FILTER_KEYS = {"level", "logger", "data", "q", "from", "to", "run", "outside"};

    private LogsPage() {
    }

    /** The filters shared by this page, a run's page and the JSON API. */
    static LogFilter.Builder filter(Request r) throws HttpError {
        try {
            return LogFilter.builder().afterEvent(r.id("after")).minLevel(r.text("level")).logger(r.text("logger")).dataOnly(r.flag("data"))
                    .text(r.text("q")).from(r.date("from", false)).to(r.date("to", true));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    static String render(Connection c, Request r) throws SQLException, HttpError {
        LogFilter filter = filter(r).run(r.id("run")).outsideRuns(r.flag("outside")).build();
        List<Map<String, Object>> events = LogQueries.find(c, filter, Pager.offset(r, PAGE_SIZE), PAGE_SIZE + 1, false);
        boolean more = events.size() > PAGE_SIZE;
        if (more) {
            events = events.subList(0, PAGE_SIZE);
        }
        StringBuilder b = new StringBuilder("<h1>Log events</h1><section id=\"logs\">");
        b.append(filterForm("/logs", r, true));
        b.append(events.isEmpty() ? "<p class=\"muted\" id=\"no-events\">No events match.</p>" : table(events, true));
        b.append(Pager.links("/logs", r, more ? String.valueOf(events.get(events.size() - 1).get("id")) : null, "newest",
                "older", FILTER_KEYS)).append("</section>");
        return Html.page("Log events", b.toString());
    }

    static String filterForm(String action, Request r, boolean allLogs) {
        String level = r.text("level") == null ? "" : r.text("level");
        StringBuilder b = new StringBuilder("<form class=\"filters\" id=\"log-filter\" method=\"get\" action=\"")
                .append(esc(action)).append("\"><label>level<select name=\"level\">").append(Html.option("", "all", level));
        for (String l : LogFilter.LEVELS) {
            b.append(Html.option(l, l + (l.equals("ERROR") ? "" : " and above"), level));
        }
        b.append("</select></label>")
                .append("<label>logger starts with<input name=\"logger\" value=\"").append(esc(r.text("logger"))).append("\"></label>")
                .append("<label>message contains<input name=\"q\" value=\"").append(esc(r.text("q"))).append("\"></label>")
                .append("<label>from<input type=\"datetime-local\" name=\"from\" value=\"").append(esc(r.text("from"))).append("\"></label>")
                .append("<label>to<input type=\"datetime-local\" name=\"to\" value=\"").append(esc(r.text("to"))).append("\"></label>")
                .append("<label class=\"check\"><input type=\"checkbox\" name=\"data\" value=\"1\"")
                .append(r.flag("data") ? " checked" : "").append(">data only</label>");
        if (allLogs) {
            b.append("<label>run id<input name=\"run\" size=\"8\" value=\"").append(esc(r.text("run"))).append("\"></label>")
                    .append("<label class=\"check\"><input type=\"checkbox\" name=\"outside\" value=\"1\"")
                    .append(r.flag("outside") ? " checked" : "").append(">outside runs only</label>");
        }
        return b.append("<button type=\"submit\" id=\"apply-filter\">Filter</button></form>").toString();
    }

    static String table(List<Map<String, Object>> events, boolean withRun) {
        StringBuilder b = new StringBuilder("<table class=\"events\"><thead><tr><th>time</th><th>level</th><th>logger</th>")
                .append("<th>message</th><th>where</th>").append(withRun ? "<th>run / task</th>" : "").append("</tr></thead><tbody>");
        for (Map<String, Object> e : events) {
            b.append("<tr class=\"event level-").append(esc(e.get("level"))).append("\" data-id=\"").append(e.get("id"))
                    .append("\" data-data=\"").append(e.get("data")).append("\"><td class=\"num\" title=\"")
                    .append(Html.local(e.get("ts"))).append("\">").append(Html.time(e.get("ts"))).append("</td><td class=\"level\">")
                    .append(esc(e.get("level"))).append("</td><td>").append(esc(e.get("logger"))).append("</td><td class=\"msg\">")
                    .append(esc(e.get("message")));
            if (e.get("throwable") != null) {
                b.append("<details><summary>exception</summary><pre>").append(esc(e.get("throwable"))).append("</pre></details>");
            }
            String extra = (String) e.get("extra");
            if (extra != null && !extra.equals("{}")) {
                b.append("<div class=\"muted\">").append(esc(extra)).append("</div>");
            }
            b.append("</td><td>").append(esc(e.get("fileName"))).append(e.get("line") == null ? "" : ":" + e.get("line"))
                    .append("<div class=\"muted\">").append(esc(e.get("thread"))).append("</div></td>");
            if (withRun) {
                b.append("<td>");
                if (e.get("runId") != null) {
                    b.append("<a href=\"/runs/").append(e.get("runId")).append("\">run ").append(e.get("runId")).append("</a>");
                }
                if (e.get("taskName") != null) {
                    b.append(" / ").append(esc(e.get("taskName")));
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
