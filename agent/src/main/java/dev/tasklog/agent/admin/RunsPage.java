package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import dev.tasklog.agent.query.RunFilter;
import dev.tasklog.agent.query.RunQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code /runs}: the runs, newest first, with filters and paging. */
final class RunsPage {

    static final int PAGE_SIZE = 50;
    static final String[] STATUSES = {"RUNNING", "OK", "DATA_WARNING", "WARNING", "DATA_ERROR", "ERROR", "FAILED", "ABORTED"};
    /** More hosts than this are not offered as a list: the host filter is then a text field. */
    static final int HOSTS_LISTED = 200;

    private RunsPage() {
    }

    static RunFilter filter(Request r) throws HttpError {
        String status = r.text("status");
        if (status != null && !List.of(STATUSES).contains(status)) {
            throw HttpError.badRequest("status must be one of " + String.join(", ", STATUSES) + ", not '" + status + "'");
        }
        RunFilter filter = new RunFilter(r.text("name"), status, r.date("from", false), r.date("to", true))
                .onHost(r.text("host"));
        String after = r.text("after");
        if (after == null) {
            return filter;
        }
        int cut = after.lastIndexOf('_');
        try {
            return filter.after(java.time.Instant.parse(after.substring(0, Math.max(0, cut))),
                    Long.parseLong(after.substring(cut + 1)));
        } catch (RuntimeException e) {
            throw HttpError.badRequest("after must be a cursor from a previous page (start_id), not '" + after + "'");
        }
    }

    /** @return the cursor that lists the runs after this one */
    static String cursor(Map<String, Object> run) {
        return run.get("startedAt") + "_" + run.get("id");
    }

    static String render(Connection c, Request r) throws SQLException, HttpError {
        RunFilter filter = filter(r);
        List<Map<String, Object>> runs = RunQueries.page(c, filter, Pager.offset(r, PAGE_SIZE), PAGE_SIZE + 1);
        boolean more = runs.size() > PAGE_SIZE;
        if (more) {
            runs = runs.subList(0, PAGE_SIZE);
        }
        StringBuilder b = new StringBuilder("<h1>Runs</h1>");
        b.append("<form class=\"filters\" id=\"run-filter\" method=\"get\" action=\"/runs\">")
                .append("<label>name<input name=\"name\" value=\"").append(esc(r.text("name"))).append("\"></label>")
                .append("<label>status<select name=\"status\">").append(Html.option("", "any", filter.status));
        for (String s : STATUSES) {
            b.append(Html.option(s, s, filter.status == null ? "" : filter.status));
        }
        b.append("</select></label>").append(hostFilter(RunQueries.hosts(c, HOSTS_LISTED + 1), filter.host))
                .append("<label>started from<input type=\"date\" name=\"from\" value=\"").append(esc(r.text("from"))).append("\"></label>")
                .append("<label>to<input type=\"date\" name=\"to\" value=\"").append(esc(r.text("to"))).append("\"></label>")
                .append("<button type=\"submit\">Filter</button></form>");
        if (runs.isEmpty()) {
            b.append("<p class=\"muted\" id=\"no-runs\">No runs.</p>");
        }
        b.append("<table id=\"runs\"><thead><tr><th>id</th><th>name</th><th>status</th><th>started</th>")
                .append("<th class=\"num\">duration</th><th class=\"num\">cpu</th><th class=\"num\">warnings</th>")
                .append("<th class=\"num\">errors</th><th>host</th></tr></thead><tbody>");
        for (Map<String, Object> run : runs) {
            b.append("<tr class=\"run\" data-id=\"").append(run.get("id")).append("\"><td class=\"num\">").append(run.get("id"))
                    .append("</td><td><a class=\"run-link\" href=\"/runs/").append(run.get("id")).append("\">")
                    .append(esc(run.get("name"))).append("</a></td><td>").append(Html.status(run.get("status")))
                    .append("</td><td>").append(Html.local(run.get("startedAt"))).append("</td><td class=\"num\">")
                    .append(Html.millis(run.get("wallMs"))).append("</td><td class=\"num\">").append(Html.millis(run.get("cpuMs")))
                    .append("</td><td class=\"num\">").append(run.get("warnings")).append("</td><td class=\"num\">")
                    .append(run.get("errors")).append("</td><td class=\"host\"")
                    .append(run.get("pid") == null ? "" : " title=\"pid " + run.get("pid") + "\"").append('>')
                    .append(esc(run.get("host"))).append("</td></tr>");
        }
        b.append("</tbody></table>");
        b.append(Pager.links("/runs", r, more ? cursor(runs.get(runs.size() - 1)) : null, "newest", "older",
                "name", "status", "host", "from", "to"));
        return Html.page("Runs", b.toString());
    }

    /** A list of the store's hosts; a text field when there are too many to list. */
    private static String hostFilter(List<String> hosts, String selected) {
        if (hosts.size() > HOSTS_LISTED) {
            return "<label>host<input name=\"host\" value=\"" + esc(selected) + "\"></label>";
        }
        String current = selected == null ? "" : selected;
        StringBuilder b = new StringBuilder("<label>host<select name=\"host\">").append(Html.option("", "any", current));
        if (selected != null && !hosts.contains(selected)) {
            // a host no run has (any more), given in the address: listed, so that the form shows the filter in force
            b.append(Html.option(selected, selected, current));
        }
        for (String h : hosts) {
            b.append(Html.option(h, h, current));
        }
        return b.append("</select></label>").toString();
    }
}
