package dev.tasklog.agent.admin;

import static dev.tasklog.agent.admin.Html.esc;

import dev.tasklog.agent.query.RunFilter;
import dev.tasklog.agent.query.RunQueries;
import dev.tasklog.agent.store.Dialect;
import dev.tasklog.agent.store.Retention;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /cleanup}: seed 000's cleanup of old logs and runs, for all runs or for the ones ticked.
 * The form carries the server's token; a POST without it changes nothing.
 */
final class CleanupPage {

    static final int RUNS_LISTED = 200;

    private CleanupPage() {
    }

    static String form(Connection c, String token) throws SQLException {
        List<Map<String, Object>> runs = RunQueries.page(c, RunFilter.all(), 0, RUNS_LISTED);
        StringBuilder b = new StringBuilder("<h1>Cleanup</h1><p>Deletes log events older than the first period, except ")
                .append("performance events (<code>task.performance*</code>), and runs older than the second period with all ")
                .append("their tasks, counters and events. Tick runs to limit the cleanup to them. An embedded store is ")
                .append("defragmented afterwards, so its files shrink.</p>");
        b.append("<form id=\"cleanup-form\" method=\"post\" action=\"/cleanup\"><input type=\"hidden\" name=\"token\" value=\"")
                .append(esc(token)).append("\"><div class=\"filters\">")
                .append("<label>delete log events older than (days)<input type=\"number\" min=\"0\" name=\"periodDaysLogs\" value=\"30\"></label>")
                .append("<label>delete runs older than (days)<input type=\"number\" min=\"0\" name=\"periodDaysLogruns\" value=\"365\"></label>")
                .append("<button type=\"submit\" id=\"run-cleanup\">Clean up</button></div>");
        b.append("<table id=\"cleanup-runs\"><thead><tr><th></th><th>run</th><th>status</th><th>started</th></tr></thead><tbody>");
        for (Map<String, Object> run : runs) {
            b.append("<tr><td><input type=\"checkbox\" name=\"run\" value=\"").append(run.get("id")).append("\"></td><td>")
                    .append(run.get("id")).append(' ').append(esc(run.get("name"))).append("</td><td>")
                    .append(Html.status(run.get("status"))).append("</td><td>").append(Html.local(run.get("startedAt")))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></form>");
        return Html.page("Cleanup", b.toString());
    }

    static String perform(Connection c, Request r, String token) throws SQLException, HttpError {
        if (!token.equals(r.text("token"))) {
            throw new HttpError(403, "This form has expired or did not come from this admin (its token does not match); "
                    + "open the cleanup page again.");
        }
        int logDays = r.integer("periodDaysLogs", 30, 0, 100_000);
        int runDays = r.integer("periodDaysLogruns", 365, 0, 100_000);
        List<Long> runs = new ArrayList<>();
        for (String id : r.all("run")) {
            runs.add(Request.parseId("run", id.trim()));
        }
        Retention.Result result = Retention.cleanup(c, Dialect.of(c.getMetaData().getURL()), logDays, runDays, runs, Instant.now());
        String scope = runs.isEmpty() ? "" : " of runs " + esc(runs);
        String body = "<h1>Cleanup done</h1><div id=\"cleanup-result\"><p>Deleted <span class=\"deleted-log-events\">"
                + result.logEvents + "</span> log events older than " + logDays + " days" + scope + " (performance events kept).</p>"
                + "<p>Deleted <span class=\"deleted-runs\">" + result.runs + "</span> runs older than " + runDays + " days" + scope
                + ", with their <span class=\"deleted-tasks-of-runs\">" + result.tasksOfRuns + "</span> tasks, "
                + "<span class=\"deleted-counters-of-runs\">" + result.countersOfRuns + "</span> counters and "
                + "<span class=\"deleted-log-events-of-runs\">" + result.logEventsOfRuns + "</span> log events.</p></div>"
                + "<p><a href=\"/runs\">Back to the runs</a></p>";
        return Html.page("Cleanup done", body);
    }
}
