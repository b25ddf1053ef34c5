package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.AdminFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web admin over HTTP: every page and API answer, bad input, escaping, the token, and serving while an application writes. */
class AdminIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Process admin;
    private static String base;
    private static long jobId;
    /** The run of the first JVM, on another host than the job. */
    private static long otherId;
    private static long pidOfJob;
    private static long pidOfOther;

    @BeforeAll
    static void fillTheStoreAndStartTheAdmin() throws Exception {
        AgentProcess p = AgentProcess.named("admin-store").agentArgs("store.level=DEBUG");
        // two machines writing to one store (the agent names the host by HOSTNAME when it is set);
        // the second host's name has markup, to be shown as text
        for (String host : new String[] {"node-a", "node-<b>"}) {
            AgentProcess.Result r = p.env("HOSTNAME", host).run(AdminFixture.class);
            assertThat(r.exitCode).as(r.toString()).isZero();
        }
        try (StoreDb db = StoreDb.in(p.workDir())) {
            pidOfOther = db.count("SELECT PID FROM LOG_RUN WHERE HOST = 'node-a'");
            pidOfJob = db.count("SELECT PID FROM LOG_RUN WHERE HOST = 'node-<b>'");
        }
        admin = new ProcessBuilder(AgentProcess.javaExecutable().toString(), "-jar", AgentProcess.agentJar().toString(),
                "admin", "--port", "0").directory(p.workDir().toFile()).redirectErrorStream(true).start();
        base = awaitLine(admin, "tasklog admin at (http://127\\.0\\.0\\.1:\\d+/)");
        Map<String, Object> runs = MiniJson.object(get("api/runs?name=job").body());
        jobId = ((Number) ((Map<?, ?>) ((List<?>) runs.get("runs")).get(0)).get("id")).longValue();
        otherId = ((Number) ((Map<?, ?>) ((List<?>) runs.get("runs")).get(1)).get("id")).longValue();
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.destroy();
        }
    }

    /** Reads the process's output until a line matches; returns the pattern's first group. */
    static String awaitLine(Process process, String regex) throws Exception {
        return awaitLine(process.getInputStream(), regex);
    }

    /**
     * Reads a stream on a thread of its own until a line matches, then keeps draining it; returns
     * the pattern's first group. (Not on the common fork/join pool: a reader blocked there starves
     * whatever else uses the pool, the JDK's HTTP client among them.)
     */
    static String awaitLine(java.io.InputStream stream, String regex) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            found.completeExceptionally(new AssertionError("the process ended without printing " + regex + ":\n" + seen));
        }, "output-reader");
        reader.setDaemon(true);
        reader.start();
        return found.get(60, TimeUnit.SECONDS);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message).doesNotContain("Exception").doesNotContain("at dev.tasklog");
    }

    @Test
    void theRunsPageListsRunsWithStatusAndFilters() throws Exception {
        HttpResponse<String> all = get("runs");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(all.body()).contains("<table id=\"runs\">", "<tr class=\"run\" data-id=\"" + jobId + "\">",
                "<span class=\"status status-ERROR\">ERROR</span>")
                // the run's name is text, not markup
                .contains("admin &lt;b&gt;job&lt;/b&gt;").doesNotContain("<b>job</b>");
        assertThat(get("runs?status=OK").body()).doesNotContain("class=\"run\"").contains("id=\"no-runs\"");
        assertThat(get("runs?status=ERROR&name=JOB").body()).contains("data-id=\"" + jobId + "\"");
        assertThat(get("runs?name=nothing-like-this").body()).doesNotContain("class=\"run\"");
        assertThat(get("runs?from=2000-01-01&to=2999-12-31").body()).contains("data-id=\"" + jobId + "\"");
        assertThat(get("runs?to=2000-01-01").body()).doesNotContain("class=\"run\"");
        assertThat(get("").statusCode()).isEqualTo(302);
        assertError(get("runs?status=LOUD"), 400, "status must be one of");
        assertError(get("runs?from=yesterday"), 400, "from must be a date like 2026-11-21");
        assertError(get("runs?page=0"), 400, "page must be from 1");
        assertThat(get("static/admin.css").body()).contains(".status-OK");
    }

    @Test
    void runsShowTheirHostAndAreFilteredByIt() throws Exception {
        String all = get("runs").body();
        assertThat(runRow(all, jobId)).endsWith("<td class=\"host\" title=\"pid " + pidOfJob + "\">node-&lt;b&gt;</td>");
        assertThat(runRow(all, otherId)).endsWith("<td class=\"host\" title=\"pid " + pidOfOther + "\">node-a</td>");
        assertThat(all).contains("<th>host</th>").doesNotContain("node-<b>")
                .contains("<select name=\"host\"><option value=\"\" selected>any</option>"
                        + "<option value=\"node-&lt;b&gt;\">node-&lt;b&gt;</option>"
                        + "<option value=\"node-a\">node-a</option></select>");

        String ofA = get("runs?host=node-a").body();
        assertThat(ofA).contains("data-id=\"" + otherId + "\"").doesNotContain("data-id=\"" + jobId + "\"")
                .contains("<option value=\"node-a\" selected>node-a</option>");
        String ofB = get("runs?host=" + URLEncoder.encode("node-<b>", StandardCharsets.UTF_8)).body();
        assertThat(ofB).contains("data-id=\"" + jobId + "\"").doesNotContain("data-id=\"" + otherId + "\"");
        assertThat(get("runs?host=node").body()).as("the host matches exactly").contains("id=\"no-runs\"");
        // a host no run has is still shown as the filter in force
        assertThat(get("runs?host=node-z").body()).doesNotContain("class=\"run\"").contains("id=\"no-runs\"")
                .contains("<option value=\"node-z\" selected>node-z</option>");
        assertThat(get("runs?host=node-a&status=OK").body()).contains("id=\"no-runs\"");

        // the pager's links keep the host filter with the others
        assertThat(get("runs?status=ERROR&host=node-a&page=2").body())
                .contains("<a class=\"first\" href=\"/runs?status=ERROR&amp;host=node-a\">");

        assertThat(get("runs/" + jobId).body()).contains("<span><b>host</b> node-&lt;b&gt; (pid " + pidOfJob + ")</span>");
    }

    /** @return the cells of a run's row on the runs page */
    private static String runRow(String html, long id) {
        Matcher row = Pattern.compile("<tr class=\"run\" data-id=\"" + id + "\">(.*?)</tr>").matcher(html);
        assertThat(row.find()).as(html).isTrue();
        return row.group(1);
    }

    @Test
    void aRunPageHasTheTaskTreeTheTimelineAndTheEventsUnderTheirTasks() throws Exception {
        HttpResponse<String> page = get("runs/" + jobId);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<svg id=\"timeline\"", "data-name=\"load\" data-kind=\"TASK\"",
                "data-name=\"check\" data-kind=\"TASK\"", "data-name=\"step\" data-kind=\"SUBTASK\"",
                "<table id=\"task-tree\">", "rows: 3", "2 (max ")
                .contains("<h3 class=\"task-heading\">task load</h3>", "<h3 class=\"task-heading\">task check</h3>")
                // markup in a message is shown as text
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; loaded").doesNotContain("<script>")
                // the exception, expandable, escaped
                .contains("<details><summary>exception</summary><pre>java.lang.IllegalStateException: bad &lt;row&gt;")
                .containsPattern("AdminFixture\\.java:\\d+");
        assertThat(html.indexOf("task load</h3>")).isLessThan(html.indexOf("loaded"));
        assertThat(html.indexOf("task check</h3>")).isLessThan(html.indexOf("row 2 has no country"));

        String dataOnly = get("runs/" + jobId + "?data=1").body();
        assertThat(dataOnly).contains("row 2 has no country").doesNotContain("loaded").doesNotContain("data-data=\"false\"");
        String errors = get("runs/" + jobId + "?level=ERROR").body();
        assertThat(errors).contains("check failed").doesNotContain("row 2 has no country").doesNotContain("loaded");

        assertError(get("runs/987654321"), 404, "There is no run with id 987654321");
        assertError(get("runs/abc"), 400, "run id must be a number");
        assertError(get("runs/" + jobId + "?level=LOUD"), 400, "level must be one of");
        assertError(get("nowhere"), 404, "There is no page /nowhere");
    }

    @Test
    void theLogsPageShowsEveryEventWithFilters() throws Exception {
        String all = get("logs").body();
        assertThat(all).contains("<section id=\"logs\">", "outside any run: starting up", "check failed");
        String outside = get("logs?outside=1").body();
        assertThat(outside).contains("outside any run: starting up").doesNotContain("check failed");
        String text = get("logs?q=" + URLEncoder.encode("NO COUNTRY", StandardCharsets.UTF_8)).body();
        assertThat(text).contains("row 2 has no country").doesNotContain("check failed");
        assertThat(get("logs?logger=data.").body()).contains("row 2 has no country").doesNotContain("check failed");
        assertThat(get("logs?run=" + jobId + "&level=WARN").body()).contains("row 2 has no country", "check failed")
                .doesNotContain("loaded");
        // a LIKE wildcard in the text is just a character
        assertThat(get("logs?q=%25").body()).contains("id=\"no-events\"");
        assertThat(get("logs?from=2000-01-01T10:30").body()).contains("check failed");
        assertThat(get("logs?from=2999-01-01T00:00").body()).contains("id=\"no-events\"");
        assertThat(get("logs?to=2000-01-01T00:00:30").body()).contains("id=\"no-events\"");
        assertError(get("logs?to=noon"), 400, "to must be a date like 2026-11-21 or a time like 2026-11-21T10:30");
        assertError(get("logs?run=x"), 400, "run must be a number");
    }

    @Test
    void theTaskHistoryChartsATaskAcrossRuns() throws Exception {
        String html = get("tasks/load").body();
        assertThat(html).contains("<svg id=\"history-chart\"", "<circle class=\"point\"", "<table id=\"history-stats\">",
                "median", "href=\"/runs/" + jobId + "\"");
        assertError(get("tasks/" + URLEncoder.encode("no such task", StandardCharsets.UTF_8).replace("+", "%20")), 404,
                "No finished task or sub-task is called &#39;no such task&#39;");
        assertError(get("tasks/100%25%2Fdone"), 404, "No finished task or sub-task is called &#39;100%/done&#39;");
    }

    @Test
    void theJsonApiAnswersTheSameData() throws Exception {
        HttpResponse<String> runs = get("api/runs");
        assertThat(runs.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        Map<String, Object> page = MiniJson.object(runs.body());
        assertThat((List<?>) page.get("runs")).hasSize(2);
        assertThat(page.get("next")).isNull();
        // keyset paging: the cursor of the first page's last run lists the runs after it
        Map<String, Object> first = MiniJson.object(get("api/runs?limit=1").body());
        String next = (String) first.get("next");
        assertThat(next).isNotNull();
        Map<String, Object> second = MiniJson.object(get("api/runs?limit=1&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).body());
        assertThat(((Map<?, ?>) ((List<?>) second.get("runs")).get(0)).get("id"))
                .isNotEqualTo(((Map<?, ?>) ((List<?>) first.get("runs")).get(0)).get("id"));
        assertThat(second.get("next")).isNull();
        assertThat(get("api/runs?after=nonsense").statusCode()).isEqualTo(400);

        // each run names its host and process; host= lists only that host's runs, also after a cursor
        assertThat((List<?>) page.get("runs")).extracting(r -> (String) ((Map<?, ?>) r).get("host"))
                .containsExactly("node-<b>", "node-a");
        assertThat((List<?>) page.get("runs")).extracting(r -> ((Number) ((Map<?, ?>) r).get("pid")).longValue())
                .containsExactly(pidOfJob, pidOfOther);
        Map<String, Object> ofA = MiniJson.object(get("api/runs?host=node-a&limit=1").body());
        assertThat((List<?>) ofA.get("runs")).extracting(r -> ((Number) ((Map<?, ?>) r).get("id")).longValue())
                .containsExactly(otherId);
        assertThat(ofA.get("next")).as("no other run of node-a").isNull();
        assertThat((List<?>) MiniJson.object(get("api/runs?host=node-z").body()).get("runs")).isEmpty();
        String afterJob = URLEncoder.encode((String) first.get("next"), StandardCharsets.UTF_8);
        assertThat((List<?>) MiniJson.object(get("api/runs?after=" + afterJob + "&host=node-a").body()).get("runs")).hasSize(1);
        assertThat((List<?>) MiniJson.object(get("api/runs?after=" + afterJob + "&host="
                + URLEncoder.encode("node-<b>", StandardCharsets.UTF_8)).body()).get("runs")).isEmpty();
        Map<String, Object> someEvents = MiniJson.object(get("api/logs?limit=3").body());
        Map<String, Object> moreEvents = MiniJson.object(get("api/logs?limit=3&after=" + someEvents.get("next")).body());
        long lastOfFirst = ((Number) ((Map<?, ?>) ((List<?>) someEvents.get("events")).get(2)).get("id")).longValue();
        long firstOfSecond = ((Number) ((Map<?, ?>) ((List<?>) moreEvents.get("events")).get(0)).get("id")).longValue();
        assertThat(firstOfSecond).as("newest first, no overlap").isLessThan(lastOfFirst);
        Map<String, Object> run = MiniJson.object(get("api/runs/" + jobId).body());
        assertThat(run).containsEntry("name", "admin <b>job</b>").containsEntry("status", "ERROR")
                .containsEntry("host", "node-<b>");
        assertThat(((Number) run.get("pid")).longValue()).isEqualTo(pidOfJob);
        assertThat((List<?>) run.get("tasks")).hasSize(2);
        Map<String, Object> logs = MiniJson.object(get("api/logs?run=" + jobId + "&data=1").body());
        List<?> events = (List<?>) logs.get("events");
        assertThat(events).hasSize(1);
        Map<?, ?> event = (Map<?, ?>) events.get(0);
        assertThat(event.get("message")).isEqualTo("row 2 has no country");
        assertThat(event.get("data")).isEqualTo(true);
        Map<String, Object> history = MiniJson.object(get("api/tasks/check").body());
        assertThat(((Number) ((Map<?, ?>) history.get("stats")).get("count")).intValue()).isEqualTo(2);

        HttpResponse<String> bad = get("api/runs/abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(((Number) MiniJson.object(bad.body()).get("status")).intValue()).isEqualTo(400);
        assertThat(get("api/runs/987654321").statusCode()).isEqualTo(404);
        assertThat(get("api/runs?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void cleanupChangesDataOnlyByPostWithTheToken() throws Exception {
        assertError(post("cleanup", "periodDaysLogs=0&periodDaysLogruns=0"), 403, "token does not match");
        assertError(post("cleanup", "periodDaysLogs=0&periodDaysLogruns=0&token=forged"), 403, "token does not match");
        assertError(post("runs", "x=1"), 405, "Only the cleanup changes data");
        assertThat(get("runs/" + jobId).statusCode()).as("nothing was deleted").isEqualTo(200);

        String form = get("cleanup").body();
        Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"").matcher(form);
        assertThat(token.find()).isTrue();
        // a run id that is not a number: refused, nothing deleted
        assertError(post("cleanup", "token=" + token.group(1) + "&run=x"), 400, "run must be a number");
        // only within another run: the job stays
        HttpResponse<String> none = post("cleanup", "token=" + token.group(1) + "&periodDaysLogs=0&periodDaysLogruns=0&run=987654321");
        assertThat(none.body()).contains("<span class=\"deleted-runs\">0</span>");
        assertThat(get("runs/" + jobId).statusCode()).isEqualTo(200);
    }

    @Test
    void theAdminInsideTheApplicationServesWhileItWrites() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AgentProcess p = AgentProcess.named("admin-in-app").agentArgs("admin.port=" + port).args("serve", "15");
        Process app = p.start(AdminFixture.class);
        try {
            String url = awaitErrLine(app, "\\[tasklog\\] admin at (http://127\\.0\\.0\\.1:" + port + "/)");
            String runs = "";
            long deadline = System.currentTimeMillis() + 10_000;
            while (!runs.contains("long-job") && System.currentTimeMillis() < deadline) {
                runs = HTTP.send(HttpRequest.newBuilder(URI.create(url + "runs")).build(), HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(200);
            }
            assertThat(runs).contains("long-job", "status-RUNNING");
            Matcher id = Pattern.compile("data-id=\"(\\d+)\"><td class=\"num\">\\d+</td><td><a class=\"run-link\" href=\"/runs/\\d+\">long-job")
                    .matcher(runs);
            assertThat(id.find()).as(runs).isTrue();
            int first = ticks(url, id.group(1));
            Thread.sleep(1500);
            int later = ticks(url, id.group(1));
            assertThat(later).as("events keep arriving while the admin reads").isGreaterThan(first);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAdminInsideTheApplicationDoesNotKeepItRunning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AgentProcess.Result r = AgentProcess.named("admin-in-app-exit").agentArgs("admin.port=" + port).run(AdminFixture.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stderr).contains("[tasklog] admin at http://127.0.0.1:" + port + "/");
    }

    private static int ticks(String url, String runId) throws Exception {
        Map<String, Object> run = MiniJson.object(HTTP.send(HttpRequest.newBuilder(URI.create(url + "api/runs/" + runId)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return ((Number) ((Map<?, ?>) run.get("logCounts")).get("INFO")).intValue();
    }

    private static String awaitErrLine(Process process, String regex) throws Exception {
        Thread drain = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the process ended
            }
        }, "stdout-drain");
        drain.setDaemon(true);
        drain.start();
        return awaitLine(process.getErrorStream(), regex);
    }
}
