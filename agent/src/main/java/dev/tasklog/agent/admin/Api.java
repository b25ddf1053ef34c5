package dev.tasklog.agent.admin;

import dev.tasklog.agent.query.LogFilter;
import dev.tasklog.agent.query.LogQueries;
import dev.tasklog.agent.query.RunQueries;
import dev.tasklog.agent.query.TaskHistory;
import dev.tasklog.agent.store.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API under {@code /api/}: the same data as the pages.
 * <ul>
 *   <li>{@code /api/runs?name=&status=&host=&from=&to=&after=&page=&limit=}: {@code {"runs": [...], "next": cursor or null}},
 *       each run with its {@code host} and {@code pid}</li>
 *   <li>{@code /api/runs/{id}}: the run with its task tree and log counts</li>
 *   <li>{@code /api/logs?level=&logger=&data=&q=&from=&to=&run=&outside=&after=&page=&limit=}: {@code {"events": [...], "next": ...}}</li>
 *   <li>{@code /api/tasks/{name}?limit=}: the task's history and its min/median/max</li>
 * </ul>
 * Errors are {@code {"error": "...", "status": 400}}.
 */
final class Api {

    private Api() {
    }

    static String answer(Connection c, Request r, String path) throws HttpError, SQLException {
        if (path.equals("/api/runs")) {
            int limit = r.integer("limit", RunsPage.PAGE_SIZE, 1, 1000);
            List<Map<String, Object>> runs = RunQueries.page(c, RunsPage.filter(r), Pager.offset(r, limit), limit + 1);
            Map<String, Object> answer = paged("runs", runs, limit);
            answer.put("next", runs.size() > limit ? RunsPage.cursor(runs.get(limit - 1)) : null);
            return Json.write(answer);
        }
        if (path.startsWith("/api/runs/")) {
            long id = Request.parseId("run id", AdminServer.segment(path, "/api/runs/"));
            Map<String, Object> run = RunQueries.load(c, id);
            if (run == null) {
                throw HttpError.notFound("no run with id " + id);
            }
            return Json.write(run);
        }
        if (path.equals("/api/logs")) {
            int limit = r.integer("limit", LogsPage.PAGE_SIZE, 1, 1000);
            LogFilter filter = LogsPage.filter(r).run(r.id("run")).outsideRuns(r.flag("outside")).build();
            List<Map<String, Object>> events = LogQueries.find(c, filter, Pager.offset(r, limit), limit + 1, false);
            Map<String, Object> answer = paged("events", events, limit);
            answer.put("next", events.size() > limit ? String.valueOf(events.get(limit - 1).get("id")) : null);
            return Json.write(answer);
        }
        if (path.startsWith("/api/tasks/")) {
            String name = AdminServer.segment(path, "/api/tasks/");
            return Json.write(TaskHistory.load(c, name, r.integer("limit", TaskHistoryPage.POINTS, 1, 10_000)));
        }
        throw HttpError.notFound("no API at " + path);
    }

    private static Map<String, Object> paged(String key, List<Map<String, Object>> rows, int limit) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(key, rows.size() > limit ? rows.subList(0, limit) : rows);
        return answer;
    }

    static String error(HttpError e) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", e.getMessage());
        answer.put("status", e.status);
        return Json.write(answer);
    }
}
