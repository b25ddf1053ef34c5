package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.SharedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many JVMs, one store: PostgreSQL (the server of {@link Postgres}) and the HSQLDB server of
 * {@code tasklog.jar server}, started and stopped here. Every event must be in the store exactly once and every run complete, also when the
 * server goes away in the middle of a run, is not there at the start, or a JVM is killed.
 */
class SharedStoreIT {

    private static final int JVMS = 4;
    private static final int THREADS = 4;
    private static final int EVENTS = 1_000;

    // ---- four JVMs at once

    @Test
    void fourJvmsWriteEveryEventOnceIntoOnePostgresqlStore() throws Exception {
        String url = Postgres.freshSchema("four-jvms");
        runAtOnce("pg-four", JVMS, postgresArgs(url), THREADS, EVENTS, 0);
        try (StoreDb db = StoreDb.server(Postgres.connect(url))) {
            assertEveryEventOnce(db, tags("pg-four", JVMS), THREADS, EVENTS);
        }
    }

    @Test
    void fourJvmsWriteEveryEventOnceIntoOneHsqldbServer() throws Exception {
        try (HsqldbServer server = HsqldbServer.start("hsqldb-four")) {
            runAtOnce("hsqldb-four", JVMS, server.agentArgs(), THREADS, EVENTS, 0);
            try (StoreDb db = StoreDb.server(server.connect())) {
                assertEveryEventOnce(db, tags("hsqldb-four", JVMS), THREADS, EVENTS);
            }
        }
    }

    // ---- faults

    @Test
    void anHsqldbServerStoppedAndRestartedMidRunLosesAndDuplicatesNothing() throws Exception {
        try (HsqldbServer server = HsqldbServer.start("hsqldb-restart")) {
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                // two JVMs, about 4 s of work each; the server is away for 3 s of it
                List<Future<AgentProcess.Result>> jvms = startAll(pool, "hsqldb-restart", 2, server.agentArgs(), 2, 800, 5_000);
                Thread.sleep(1_200);
                server.stop();
                Thread.sleep(3_000);
                server.startAgain();
                for (Future<AgentProcess.Result> jvm : jvms) {
                    AgentProcess.Result r = jvm.get(120, TimeUnit.SECONDS);
                    assertThat(r.exitCode).as(r.toString()).isZero();
                    assertThat(r.stdout).contains("done hsqldb-restart");
                }
            } finally {
                pool.shutdownNow();
            }
            try (StoreDb db = StoreDb.server(server.connect())) {
                assertEveryEventOnce(db, tags("hsqldb-restart", 2), 2, 800);
            }
        }
    }

    @Test
    void connectionsTerminatedByPostgresqlMidRunLoseAndDuplicateNothing() throws Exception {
        String url = Postgres.freshSchema("terminate");
        ExecutorService pool = Executors.newCachedThreadPool();
        int terminated = 0;
        try {
            // two JVMs, about 6 s of work each
            List<Future<AgentProcess.Result>> jvms = startAll(pool, "pg-terminate", 2, postgresArgs(url), 2, 1_200, 5_000);
            try (Connection admin = Postgres.connect(Postgres.BASE_URL); Statement st = admin.createStatement()) {
                // three times, a second apart, every connection of the store's writers is cut (found
                // by the application name their URL gives) as soon as there is one
                int rounds = 0;
                while (rounds < 3 && !jvms.stream().allMatch(Future::isDone)) {
                    Thread.sleep(100);
                    int cut = 0;
                    try (var rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE application_name = 'tasklog-terminate' AND pid <> pg_backend_pid()")) {
                        while (rs.next()) {
                            cut++;
                        }
                    }
                    if (cut > 0) {
                        terminated += cut;
                        rounds++;
                        Thread.sleep(1_000);
                    }
                }
            }
            for (Future<AgentProcess.Result> jvm : jvms) {
                AgentProcess.Result r = jvm.get(120, TimeUnit.SECONDS);
                assertThat(r.exitCode).as(r.toString()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(terminated).as("connections cut").isPositive();
        try (StoreDb db = StoreDb.server(Postgres.connect(url))) {
            assertEveryEventOnce(db, tags("pg-terminate", 2), 2, 1_200);
        }
    }

    @Test
    void aStoreThatIsDownAtStartGetsTheEventsLater() throws Exception {
        try (HsqldbServer server = HsqldbServer.start("hsqldb-late")) {
            server.stop();
            AgentProcess first = AgentProcess.named("hsqldb-late").agentArgs(server.agentArgs()).args("late-1", "2", "100", "0");
            AgentProcess.Result r = first.run(SharedStore.class);
            // the application runs as if nothing were wrong, and says once where its events are kept
            assertThat(r.exitCode).as(r.toString()).isZero();
            assertThat(r.stdout).contains("done late-1");
            assertThat(r.stderr).contains("store: cannot open jdbc:hsqldb:hsql://", ".spool");
            assertThat(Files.list(first.workDir().resolve("tasklog-data/spool")).count()).isEqualTo(1);

            server.startAgain();
            AgentProcess.Result second = AgentProcess.named("hsqldb-late").agentArgs(server.agentArgs())
                    .args("late-2", "2", "100", "0").run(SharedStore.class);
            assertThat(second.exitCode).as(second.toString()).isZero();
            assertThat(second.stderr).contains("store: imported");
            try (StoreDb db = StoreDb.server(server.connect())) {
                assertEveryEventOnce(db, List.of("late-1", "late-2"), 2, 100);
            }
            assertThat(Files.list(first.workDir().resolve("tasklog-data/spool")).count()).isZero();
        }
    }

    @Test
    void theRunOfAJvmKilledOnAnotherMachineIsAbortedWhenItsLeaseRunsOut() throws Exception {
        String url = Postgres.freshSchema("lease");
        String args = postgresArgs(url) + ",store.heartbeat=1";
        Process hanging = AgentProcess.named("pg-lease-killed").agentArgs(args).args("killed", "hang").start(SharedStore.class);
        try (StoreDb db = StoreDb.server(Postgres.connect(url))) {
            long run = waitForRun(db, "hanging-job");
            hanging.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // as if it had run on another machine: there its process cannot be looked up, only its heartbeat tells
            db.update("UPDATE LOG_RUN SET HOST = 'elsewhere' WHERE ID = ?", run);
            assertThat(status(db, run)).isEqualTo("RUNNING");

            // a JVM that writes to the store for a while (about 12 s) notices the silence
            Process alive = AgentProcess.named("pg-lease-alive").agentArgs(args).args("alive", "1", "400", "30000")
                    .start(SharedStore.class);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!status(db, run).equals("ABORTED") && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(status(db, run)).isEqualTo("ABORTED");
                assertThat(alive.isAlive()).as("aborted while the other JVM still ran, not at its start or end").isTrue();
                assertThat(db.row("SELECT STATUS FROM LOG_TASK WHERE RUN_ID = ? AND KIND = 'TASK'", run).get("STATUS"))
                        .isEqualTo("ABORTED");
            } finally {
                alive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- credentials

    @Test
    void thePasswordComesFromAFileOnlyItsOwnerCanReadAndIsNeverPrinted() throws Exception {
        String secret = "s3cret-Pa55word";
        try (HsqldbServer server = HsqldbServer.start("hsqldb-password")) {
            try (Connection c = server.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE USER WRITER PASSWORD '" + secret + "' ADMIN");
            }
            Path dir = AgentProcess.named("hsqldb-password").workDir();
            Files.createDirectories(dir);
            Path file = dir.resolve("db-password");
            Files.writeString(file, secret + "\n");

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            String args = "db.url=" + server.url() + ",db.user=WRITER,db.password-file=" + file + ",console=false";
            AgentProcess.Result open = AgentProcess.named("hsqldb-password").agentArgs(args).args("pw-open", "1", "10", "0")
                    .run(SharedStore.class);
            assertThat(open.exitCode).isZero();
            assertThat(open.stderr).contains("db.password-file " + file + " can be read by other users (chmod 600 it)")
                    .doesNotContain(secret);

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            AgentProcess.Result ok = AgentProcess.named("hsqldb-password").agentArgs(args).args("pw-ok", "1", "10", "0")
                    .run(SharedStore.class);
            assertThat(ok.exitCode).isZero();
            assertThat(ok.stderr).doesNotContain(secret);
            try (StoreDb db = StoreDb.server(server.connect())) {
                assertEveryEventOnce(db, List.of("pw-ok"), 1, 10);
            }

            // a wrong password given in the URL and as the setting: the error names neither
            String wrong = "wr0ng-Secret";
            AgentProcess.Result refused = AgentProcess.named("hsqldb-password")
                    .agentArgs("db.url=" + server.url() + ";password=" + wrong + ",db.user=WRITER,db.password=" + wrong)
                    .args("pw-wrong", "1", "10", "0").run(SharedStore.class);
            assertThat(refused.exitCode).isZero();
            assertThat(refused.stderr).contains("store: cannot open").doesNotContain(wrong);
            AgentProcess.Result cli = AgentProcess.named("hsqldb-password").env("TASKLOG_DB_USER", "WRITER")
                    .env("TASKLOG_DB_PASSWORD", wrong).cli("runs", "--db", server.url());
            assertThat(cli.exitCode).isEqualTo(1);
            assertThat(cli.stderr + cli.stdout).contains("cannot open the store").doesNotContain(wrong);
        }
    }

    // ---- helpers

    private static String postgresArgs(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        // The application name lets a test find the writers' connections on the server.
        return "db.url=" + url + "&ApplicationName=tasklog-" + schema.substring("tasklog_".length()) + ",db.user=" + Postgres.USER
                + ",db.driver-path=" + Postgres.driverJar() + ",console=false";
    }

    private static void runAtOnce(String tag, int jvms, String agentArgs, int threads, int events, long pauseMicros)
            throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (Future<AgentProcess.Result> jvm : startAll(pool, tag, jvms, agentArgs, threads, events, pauseMicros)) {
                AgentProcess.Result r = jvm.get(180, TimeUnit.SECONDS);
                assertThat(r.exitCode).as(r.toString()).isZero();
                assertThat(r.stderr).as(r.toString()).doesNotContain("[tasklog]");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts {@code jvms} child JVMs together, each tagged {@code <tag>-<n>} and in a working directory of its own. */
    private static List<Future<AgentProcess.Result>> startAll(ExecutorService pool, String tag, int jvms, String agentArgs,
                                                             int threads, int events, long pauseMicros) {
        List<Future<AgentProcess.Result>> results = new ArrayList<>();
        for (int j = 0; j < jvms; j++) {
            String name = tag + "-" + j;
            Callable<AgentProcess.Result> run = () -> AgentProcess.named(name).agentArgs(agentArgs)
                    .args(name, String.valueOf(threads), String.valueOf(events), String.valueOf(pauseMicros))
                    .run(SharedStore.class);
            results.add(pool.submit(run));
        }
        return results;
    }

    private static List<String> tags(String tag, int jvms) {
        List<String> tags = new ArrayList<>();
        for (int j = 0; j < jvms; j++) {
            tags.add(tag + "-" + j);
        }
        return tags;
    }

    /**
     * For the JVM of each tag: its run finished OK, each of its threads' tasks counted all its
     * events, and each event is stored exactly once, under its run and task.
     */
    private static void assertEveryEventOnce(StoreDb db, List<String> jvmTags, int threads, int events) throws SQLException {
        for (String jvmTag : jvmTags) {
            List<Map<String, Object>> runs = db.rows("SELECT DISTINCT R.ID, R.STATUS, R.HOST, R.PID, R.WALL_MS FROM LOG_RUN R "
                    + "JOIN LOG L ON L.RUN_ID = R.ID WHERE L.MESSAGE LIKE ?", "event " + jvmTag + " %");
            assertThat(runs).as("the run of " + jvmTag).hasSize(1);
            Map<String, Object> run = runs.get(0);
            assertThat(run.get("STATUS")).as(jvmTag).isEqualTo("OK");
            assertThat(run.get("HOST")).isNotNull();
            assertThat(run.get("WALL_MS")).isNotNull();
            Object runId = run.get("ID");
            assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE RUN_ID = ? AND MESSAGE LIKE ?", runId, "event " + jvmTag + " %"))
                    .as("events of " + jvmTag).isEqualTo((long) threads * events);
            assertThat(db.count("SELECT COUNT(DISTINCT MESSAGE) FROM LOG WHERE RUN_ID = ? AND MESSAGE LIKE ?", runId,
                    "event " + jvmTag + " %")).as("distinct events of " + jvmTag).isEqualTo((long) threads * events);
            for (int t = 0; t < threads; t++) {
                Map<String, Object> task = db.row("SELECT ID, STATUS FROM LOG_TASK WHERE RUN_ID = ? AND NAME = ? AND KIND = 'TASK'",
                        runId, "worker-" + t);
                assertThat(task.get("STATUS")).isEqualTo("OK");
                assertThat(db.count("SELECT VALUE FROM LOG_COUNTER WHERE TASK_ID = ? AND NAME = 'events'", task.get("ID")))
                        .isEqualTo(events);
                assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE TASK_ID = ? AND MESSAGE LIKE ?", task.get("ID"),
                        "event " + jvmTag + " " + t + " %")).isEqualTo(events);
            }
        }
    }

    private static long waitForRun(StoreDb db, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                List<Map<String, Object>> rows = db.rows("SELECT ID FROM LOG_RUN WHERE NAME = ?", name);
                if (!rows.isEmpty()) {
                    return ((Number) rows.get(0).get("ID")).longValue();
                }
            } catch (SQLException tablesNotThereYet) {
                // the child creates them
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no run " + name + " in the store after 30 s");
    }

    private static String status(StoreDb db, long run) throws SQLException {
        return (String) db.row("SELECT STATUS FROM LOG_RUN WHERE ID = ?", run).get("STATUS");
    }

    /** The store server of {@code java -jar tasklog.jar server}, on a free port, over files in {@code target/it-work/<name>-server}. */
    static final class HsqldbServer implements AutoCloseable {
        private final HsqldbServerProcess process;

        private HsqldbServer(HsqldbServerProcess process) {
            this.process = process;
        }

        static HsqldbServer start(String name) throws IOException, InterruptedException {
            Path dir = AgentProcess.named(name + "-server").workDir();
            Files.createDirectories(dir);
            HsqldbServer server = new HsqldbServer(HsqldbServerProcess.on(HsqldbServerProcess.freePort(), dir));
            server.startAgain();
            return server;
        }

        void startAgain() throws IOException, InterruptedException {
            process.start();
        }

        /** Stops the server: its clients' connections break. */
        void stop() throws IOException, InterruptedException {
            process.stop();
        }

        String url() {
            return process.url();
        }

        String agentArgs() {
            return "db.url=" + url() + ",console=false";
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), "SA", "");
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.close();
        }
    }
}
