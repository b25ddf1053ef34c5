package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.StoreFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the embedded store holds after real runs in child JVMs, however they end. */
class StoreIT {

    private static int lineOf(String text) throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/tasklog/fixtures/StoreFixture.java"));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in the fixture's source");
    }

    @Test
    void aRunIsStoredWithItsTaskTreeCountersStatusesAndEvents() throws Exception {
        AgentProcess p = AgentProcess.named("store-job").args("job");
        AgentProcess.Result result = p.run(StoreFixture.class);
        assertThat(result.exitCode).as(result.toString()).isZero();

        try (StoreDb db = StoreDb.in(p.workDir())) {
            Map<String, Object> run = db.row("SELECT * FROM LOG_RUN");
            assertThat(run).containsEntry("NAME", "store.job").containsEntry("STATUS", "ERROR");
            assertThat(run.get("HOST")).isNotNull();
            assertThat(((Number) run.get("PID")).longValue()).isPositive();
            assertThat(run.get("FINISHED_AT")).isNotNull();
            Object runId = run.get("ID");

            Map<String, Object> load = db.row("SELECT * FROM LOG_TASK WHERE NAME = 'load'");
            assertThat(load).containsEntry("RUN_ID", runId).containsEntry("KIND", "TASK").containsEntry("STATUS", "ERROR");
            assertThat(load.get("PARENT_ID")).isNull();
            assertThat(((Number) load.get("WALL_NS")).longValue()).isPositive();
            assertThat(((Number) load.get("CPU_NS")).longValue()).isPositive();
            Map<String, Object> nested = db.row("SELECT * FROM LOG_TASK WHERE NAME = 'nested'");
            assertThat(nested).containsEntry("PARENT_ID", load.get("ID")).containsEntry("STATUS", "OK").containsEntry("KIND", "TASK");
            Map<String, Object> parse = db.row("SELECT * FROM LOG_TASK WHERE NAME = 'parse'");
            assertThat(parse).containsEntry("KIND", "SUBTASK").containsEntry("PARENT_ID", load.get("ID"))
                    .containsEntry("CALLS", 1L).containsEntry("STATUS", "OK");

            assertThat(db.rows("SELECT NAME, VALUE FROM LOG_COUNTER WHERE TASK_ID = ?", load.get("ID")))
                    .containsExactly(Map.of("NAME", "rows", "VALUE", 42L));
            assertThat(db.rows("SELECT NAME, VALUE FROM LOG_COUNTER WHERE TASK_ID = ?", nested.get("ID")))
                    .containsExactly(Map.of("NAME", "inner", "VALUE", 2L));

            Map<String, Object> outside = db.row("SELECT * FROM LOG WHERE MESSAGE = 'before any run'");
            assertThat(outside.get("RUN_ID")).isNull();
            assertThat(outside.get("TASK_ID")).isNull();

            Map<String, Object> known = db.row("SELECT * FROM LOG WHERE MESSAGE = 'stored at a known line'");
            assertThat(known).containsEntry("RUN_ID", runId).containsEntry("TASK_ID", load.get("ID"))
                    .containsEntry("TASK_NAME", "load").containsEntry("LEVEL", "INFO")
                    .containsEntry("LOGGER", "dev.tasklog.fixtures.StoreFixture").containsEntry("THREAD", "main")
                    .containsEntry("FILE_NAME", "StoreFixture.java").containsEntry("LINE", lineOf("stored at a known line"))
                    .containsEntry("IS_DATA", false);
            Map<String, Object> extra = MiniJson.object((String) known.get("EXTRA"));
            assertThat(extra).containsEntry("quote", "say \"hi\"\n\ttab").containsEntry("unicode", "ü€😀")
                    .containsEntry("big", new BigDecimal(Long.MAX_VALUE)).containsEntry("nothing", null)
                    .containsEntry("list", List.of(new BigDecimal(1), "two")).containsEntry("mdcKey", "mdc value")
                    .containsEntry("kv", "pair\u0001");

            assertThat(db.row("SELECT * FROM LOG WHERE MESSAGE = 'record 7 has no date'"))
                    .containsEntry("IS_DATA", true).containsEntry("LOGGER", "data.orders").containsEntry("LEVEL", "WARN");
            String throwable = (String) db.row("SELECT THROWABLE FROM LOG WHERE MESSAGE = 'could not write'").get("THROWABLE");
            assertThat(throwable).startsWith("java.io.IOException: disk full")
                    .contains("Caused by: java.lang.IllegalStateException: root cause")
                    .contains("Suppressed: java.lang.IllegalArgumentException: while closing");
            String huge = (String) db.row("SELECT MESSAGE FROM LOG WHERE MESSAGE LIKE 'xxxxxxxxxx%'").get("MESSAGE");
            assertThat(huge).hasSize(16_000).endsWith("…[truncated, 100000 chars in all]");

            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE = 'for the console only'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE = 'below store.level'")).isZero();
            assertThat(db.row("SELECT * FROM LOG WHERE MESSAGE LIKE 'task load: duration: %'"))
                    .containsEntry("LOGGER", "task.performance").containsEntry("TASK_ID", load.get("ID"));
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE LOGGER = 'task.run' AND RUN_ID = ?", runId)).isEqualTo(2);
        }
    }

    @Test
    void eightThreadsTimesTenThousandEventsAreAllStored() throws Exception {
        AgentProcess p = AgentProcess.named("store-threads").args("threads", "8", "10000");
        AgentProcess.Result result = p.run(StoreFixture.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stderr).doesNotContain("not stored");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE LOGGER LIKE 'threads.%'")).isEqualTo(80_000);
            assertThat(db.count("SELECT COUNT(DISTINCT MESSAGE) FROM LOG WHERE LOGGER LIKE 'threads.%'")).isEqualTo(80_000);
            for (int t = 0; t < 8; t++) {
                assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE LOGGER = ?", "threads." + t)).isEqualTo(10_000);
            }
            assertThat(db.row("SELECT STATUS, DROPPED_EVENTS FROM LOG_RUN"))
                    .containsEntry("STATUS", "OK").containsEntry("DROPPED_EVENTS", 0L);
        }
    }

    @Test
    void systemExitInsideARunLosesNothingAndEndsTheRunAsAborted() throws Exception {
        AgentProcess p = AgentProcess.named("store-exit").args("exit", "5000");
        AgentProcess.Result result = p.run(StoreFixture.class);
        assertThat(result.exitCode).as(result.toString()).isEqualTo(3);
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE LIKE 'work event %'")).isEqualTo(5000);
            assertThat(db.row("SELECT STATUS FROM LOG_RUN")).containsEntry("STATUS", "ABORTED");
            assertThat(db.row("SELECT STATUS FROM LOG_TASK WHERE NAME = 'work'")).containsEntry("STATUS", "OK");
        }
        assertThat(result.stdout).contains("run store.exit finished: status: ABORTED");
    }

    @Test
    void anUncaughtExceptionLosesNothing() throws Exception {
        AgentProcess p = AgentProcess.named("store-uncaught").args("uncaught", "5000");
        AgentProcess.Result result = p.run(StoreFixture.class);
        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr).contains("nobody catches this");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE LIKE 'work event %'")).isEqualTo(5000);
            assertThat(db.row("SELECT STATUS FROM LOG_RUN")).containsEntry("STATUS", "FAILED");
        }
    }

    @Test
    void aKilledJvmLeavesARunThatTheNextOpeningOfTheStoreMarksAborted() throws Exception {
        AgentProcess p = AgentProcess.named("store-killed").args("hang");
        Process hanging = p.start(StoreFixture.class);
        try {
            Path log = p.workDir().resolve("tasklog-data/tasklog.log");
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(log) && Files.readString(log).contains("store.hang"))) {
                assertThat(System.currentTimeMillis()).as("the run was written").isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            hanging.destroyForcibly();
            assertThat(hanging.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // An embedded store's lock outlives a killed JVM by HSQLDB's heartbeat period (10 s): the next
        // start can only open the store after that, as it would in real life.
        Path lock = p.workDir().resolve("tasklog-data/tasklog.lck");
        while (Files.exists(lock) && System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() < 12_000) {
            Thread.sleep(200);
        }
        // A program that records nothing does not open the store (no cost at start or exit) ...
        AgentProcess.Result quiet = AgentProcess.named("store-killed").args("nothing").run(StoreFixture.class);
        assertThat(quiet.exitCode).as(quiet.toString()).isZero();
        // ... the command line, as any JVM that writes to the store, finds the run of the dead JVM
        AgentProcess.Result runs = p.cli("runs");
        assertThat(runs.exitCode).as(runs.toString()).isZero();
        assertThat(runs.stdout).contains("ABORTED").doesNotContain("RUNNING");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            Map<String, Object> run = db.row("SELECT STATUS, FINISHED_AT FROM LOG_RUN WHERE NAME = 'store.hang'");
            assertThat(run).containsEntry("STATUS", "ABORTED");
            assertThat(run.get("FINISHED_AT")).isNotNull();
        }
    }

    @Test
    void anUnwritableStoreKeepsTheApplicationRunningAndLosesNothingOnceItIsReachable() throws Exception {
        AgentProcess first = AgentProcess.named("store-unwritable");
        Path blocker = first.workDir().resolve("blocker");
        Files.createDirectories(first.workDir());
        Files.writeString(blocker, "a file where the store's directory should be");
        String url = "jdbc:hsqldb:file:" + blocker.resolve("db");

        AgentProcess.Result result = first.agentArgs("db.url=" + url).args("job").run(StoreFixture.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdout).contains("run store.job finished: status: ERROR");
        assertThat(result.stderrLines()).anyMatch(l -> l.startsWith("[tasklog] store: cannot open " + url)
                && l.contains("events are kept in " + first.workDir().resolve("tasklog-data/spool")));
        try (var spooled = Files.list(first.workDir().resolve("tasklog-data/spool"))) {
            assertThat(spooled.filter(f -> f.toString().endsWith(".spool"))).hasSize(1);
        }

        Files.delete(blocker);
        AgentProcess.Result later = AgentProcess.named("store-unwritable").agentArgs("db.url=" + url).args("nothing")
                .run(StoreFixture.class);
        assertThat(later.exitCode).as(later.toString()).isZero();
        assertThat(later.stderr).containsPattern("\\[tasklog\\] store: imported \\d+ spooled records from ");
        try (StoreDb db = StoreDb.open(url + ";ifexists=true")) {
            assertThat(db.row("SELECT NAME, STATUS FROM LOG_RUN")).containsEntry("NAME", "store.job").containsEntry("STATUS", "ERROR");
            assertThat(db.count("SELECT COUNT(*) FROM LOG_TASK")).isEqualTo(3);
            assertThat(db.row("SELECT TASK_NAME FROM LOG WHERE MESSAGE = 'stored at a known line'")).containsEntry("TASK_NAME", "load");
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID IS NOT NULL")).isGreaterThan(10);
        }
        try (var left = Files.list(first.workDir().resolve("tasklog-data/spool"))) {
            assertThat(left).isEmpty();
        }
    }
}
