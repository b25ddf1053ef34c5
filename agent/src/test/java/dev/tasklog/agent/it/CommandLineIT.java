package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.StoreFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code java -jar tasklog.jar runs|show|cleanup-old-logs} over stores that child JVMs filled. */
class CommandLineIT {

    private static OffsetDateTime ago(Duration d) {
        return OffsetDateTime.now(ZoneOffset.UTC).minus(d);
    }

    private static long runJob(AgentProcess p) throws Exception {
        AgentProcess.Result r = p.args("job").run(StoreFixture.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        try (StoreDb db = StoreDb.in(p.workDir())) {
            return ((Number) db.row("SELECT MAX(ID) FROM LOG_RUN").values().iterator().next()).longValue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsAndShowPrintTextAndValidJson() throws Exception {
        // two machines writing to one store: the agent names the host by HOSTNAME when it is set
        AgentProcess p = AgentProcess.named("cli-runs").env("HOSTNAME", "node-a");
        long first = runJob(p);
        long second = runJob(AgentProcess.named("cli-runs").env("HOSTNAME", "node-b"));
        long pidOfSecond;
        try (StoreDb db = StoreDb.in(p.workDir())) {
            pidOfSecond = db.count("SELECT PID FROM LOG_RUN WHERE ID = ?", second);
        }

        AgentProcess.Result text = p.cli("runs");
        assertThat(text.exitCode).as(text.toString()).isZero();
        assertThat(text.stdoutLines().get(0)).startsWith("ID").contains("NAME", "STATUS", "STARTED", "DURATION", "CPU", "WARN", "ERROR", "HOST");
        assertThat(text.stdoutLines().get(1)).startsWith(String.valueOf(second)).contains("store.job", "ERROR")
                .endsWith("  node-b");
        assertThat(text.stdoutLines().get(2)).startsWith(String.valueOf(first)).endsWith("  node-a");

        AgentProcess.Result ofA = p.cli("runs", "--host", "node-a");
        assertThat(ofA.exitCode).as(ofA.toString()).isZero();
        assertThat(ofA.stdoutLines()).hasSize(2);
        assertThat(ofA.stdoutLines().get(1)).startsWith(String.valueOf(first)).endsWith("  node-a");
        AgentProcess.Result ofNone = p.cli("runs", "--host", "node-c");
        assertThat(ofNone.exitCode).as(ofNone.toString()).isZero();
        assertThat(ofNone.stdoutLines()).containsExactly("no runs of host node-c in the store");
        assertThat((List<Object>) MiniJson.parse(p.cli("runs", "--host", "node-c", "--json").stdout)).isEmpty();

        List<Object> runs = (List<Object>) MiniJson.parse(p.cli("runs", "--json", "--limit", "1").stdout);
        assertThat(runs).hasSize(1);
        assertThat((Map<String, Object>) runs.get(0)).containsEntry("id", new BigDecimal(second))
                .containsEntry("name", "store.job").containsEntry("status", "ERROR")
                .containsEntry("warnings", new BigDecimal(1)).containsEntry("errors", new BigDecimal(1))
                .containsEntry("host", "node-b").containsEntry("pid", new BigDecimal(pidOfSecond));
        assertThat(pidOfSecond).isPositive();
        List<Object> ofB = (List<Object>) MiniJson.parse(p.cli("runs", "--json", "--host", "node-b").stdout);
        assertThat(ofB).extracting(r -> ((Map<String, Object>) r).get("id")).containsExactly(new BigDecimal(second));

        AgentProcess.Result shown = p.cli("show", String.valueOf(second));
        assertThat(shown.exitCode).as(shown.toString()).isZero();
        assertThat(shown.stdout).contains("run " + second + " store.job: ERROR").contains("  - rows: 42")
                .contains(", host node-b, pid " + pidOfSecond + "\n")
                .containsPattern("\\n  load +ERROR +\\d+\\.\\d{3}s  cpu +\\d+\\.\\d{3}s")
                .containsPattern("\\n    sub parse +OK .*\\(1 call, max \\d+\\.\\d{3}s\\)")
                .containsPattern("\\n    nested +OK").contains("log events: ERROR 3 WARN 1");

        Map<String, Object> json = MiniJson.object(p.cli("show", String.valueOf(second), "--json").stdout);
        assertThat(json).containsEntry("name", "store.job").containsKey("logCounts")
                .containsEntry("host", "node-b").containsEntry("pid", new BigDecimal(pidOfSecond));
        Map<String, Object> load = ((List<Map<String, Object>>) json.get("tasks")).get(0);
        assertThat(load).containsEntry("name", "load").containsEntry("kind", "TASK")
                .containsEntry("counters", Map.of("rows", new BigDecimal(42)));
        assertThat((List<Map<String, Object>>) load.get("children")).extracting(c -> c.get("name")).containsExactly("parse", "nested");
    }

    @Test
    void wrongUsageAndMissingThingsAreClearErrors() throws Exception {
        AgentProcess p = AgentProcess.named("cli-errors");
        AgentProcess.Result none = p.cli("runs");
        assertThat(none.exitCode).isEqualTo(1);
        assertThat(none.stderr).startsWith("tasklog: there is no store at jdbc:hsqldb:file:");
        assertThat(Files.exists(p.workDir().resolve("tasklog-data"))).as("no empty store left behind").isFalse();

        runJob(p);
        AgentProcess.Result missing = p.cli("show", "999999");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.stderr.trim()).isEqualTo("tasklog: no run with id 999999");
        for (String[] bad : new String[][] {{"show"}, {"show", "abc"}, {"runs", "--limit", "x"}, {"runs", "--frobnicate"},
                {"runs", "--host"}, {"runs", "--host", "--json"}, {"cleanup-old-logs", "--run"},
                {"cleanup-old-logs", "--period-days-logs", "-1"}, {"nonsense"}}) {
            AgentProcess.Result r = p.cli(bad);
            assertThat(r.exitCode).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.stderr).as(String.join(" ", bad)).startsWith("tasklog: ").contains("usage: java -jar tasklog.jar");
        }
    }

    @Test
    void cleanupDeletesExactlyWhatSeedZeroSays() throws Exception {
        AgentProcess p = AgentProcess.named("cli-cleanup");
        long old = runJob(p);
        long recent = runJob(AgentProcess.named("cli-cleanup"));
        long untouched = runJob(AgentProcess.named("cli-cleanup"));
        long perfOfRecent;
        long allOfRecent;
        try (StoreDb db = StoreDb.in(p.workDir())) {
            db.update("UPDATE LOG_RUN SET STARTED_AT = ? WHERE ID = ?", ago(Duration.ofDays(400)), old);
            db.update("UPDATE LOG SET TS = ? WHERE RUN_ID = ? OR RUN_ID IS NULL", ago(Duration.ofDays(40)), recent);
            db.update("UPDATE LOG SET TS = ? WHERE RUN_ID = ?", ago(Duration.ofDays(20)), untouched);
            perfOfRecent = db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ? AND LOGGER LIKE 'task.performance%'", recent);
            allOfRecent = db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", recent);
            assertThat(perfOfRecent).isPositive().isLessThan(allOfRecent);
        }

        AgentProcess.Result r = p.cli("cleanup-old-logs");
        assertThat(r.exitCode).as(r.toString()).isZero();
        long outsideRuns = 3; // "before any run" of each of the three JVMs
        assertThat(r.stdoutLines()).containsExactly(
                "deleted " + (allOfRecent - perfOfRecent + outsideRuns) + " log events older than 30 days (performance events kept)",
                "deleted 1 runs older than 365 days, with their 3 tasks, 2 counters and " + allOfRecent + " log events");

        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG_RUN WHERE ID = ?", old)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM LOG_TASK WHERE RUN_ID = ?", old)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", old)).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM LOG_COUNTER")).isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", recent)).isEqualTo(perfOfRecent);
            assertThat(db.count("SELECT COUNT(*) FROM LOG_TASK WHERE RUN_ID = ?", recent)).isEqualTo(3);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", untouched)).isEqualTo(allOfRecent);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID IS NULL")).isZero();
        }
    }

    @Test
    void cleanupOfSelectedRunsTouchesOnlyThoseRuns() throws Exception {
        AgentProcess p = AgentProcess.named("cli-cleanup-selected");
        long a = runJob(p);
        long b = runJob(AgentProcess.named("cli-cleanup-selected"));
        long eventsOfA;
        try (StoreDb db = StoreDb.in(p.workDir())) {
            db.update("UPDATE LOG_RUN SET STARTED_AT = ?", ago(Duration.ofDays(400)));
            db.update("UPDATE LOG SET TS = ?", ago(Duration.ofDays(40)));
            eventsOfA = db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", a);
        }
        AgentProcess.Result r = p.cli("cleanup-old-logs", "--run", String.valueOf(a));
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdoutLines().get(1)).isEqualTo("deleted 1 runs older than 365 days of runs [" + a
                + "], with their 3 tasks, 2 counters and " + eventsOfA + " log events");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG_RUN")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM LOG_RUN WHERE ID = ?", b)).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ?", b)).isEqualTo(eventsOfA);
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID IS NULL")).isEqualTo(2);
        }
    }

    @Test
    void theEmbeddedStoreShrinksAfterACleanup() throws Exception {
        AgentProcess p = AgentProcess.named("cli-shrink");
        AgentProcess.Result r = p.args("events", "20000", "2000").run(StoreFixture.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        Path data = p.workDir().resolve("tasklog-data/tasklog.data");
        long before = Files.size(data);
        assertThat(before).isGreaterThan(20_000L * 2000);
        try (StoreDb db = StoreDb.in(p.workDir())) {
            db.update("UPDATE LOG SET TS = ?", ago(Duration.ofDays(40)));
        }
        AgentProcess.Result cleanup = p.cli("cleanup-old-logs");
        assertThat(cleanup.exitCode).as(cleanup.toString()).isZero();
        assertThat(cleanup.stdout).startsWith("deleted 20002 log events");
        assertThat(Files.size(data)).as("tasklog.data after cleanup").isLessThan(before / 10);
    }
}
