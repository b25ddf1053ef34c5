package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.StoreFixture;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar tasklog.jar server}: a store served to applications over the network, which
 * keeps what they wrote across a restart, and clear errors when it cannot start.
 */
class ServerCommandIT {

    /** The exit status of a JVM ended by SIGTERM (128 + 15): what Ctrl-C or a service manager's stop gives. */
    private static final int STOPPED_BY_SIGTERM = 143;

    @Test
    void anApplicationWritesToTheServerStoreWhichKeepsItsRunAcrossARestart() throws Exception {
        AgentProcess app = AgentProcess.named("server-store");
        Path data = app.workDir().resolve("server-data");
        try (HsqldbServerProcess server = HsqldbServerProcess.on(HsqldbServerProcess.freePort(), data)) {
            server.start();
            assertThat(server.readyLine()).isEqualTo("tasklog server at " + server.url() + " (data in " + data
                    + "; Ctrl-C to stop)");

            AgentProcess.Result empty = app.cli("runs", "--db", server.url());
            assertThat(empty.exitCode).as("the schema is there at once: " + empty).isZero();
            assertThat(empty.stdout.trim()).isEqualTo("no runs in the store");

            AgentProcess.Result job = app.jvmArg("-Dtasklog.db.url=" + server.url()).args("job").run(StoreFixture.class);
            assertThat(job.exitCode).as(job.toString()).isZero();
            assertThat(job.stderr).as("nothing spooled").doesNotContain("[tasklog] store:");
            assertThat(app.workDir().resolve("tasklog-data/tasklog.script")).as("no embedded store").doesNotExist();

            Object runId;
            try (StoreDb db = StoreDb.server(server.url())) {
                Map<String, Object> run = db.row("SELECT ID, NAME, STATUS, FINISHED_AT FROM LOG_RUN");
                assertThat(run).containsEntry("NAME", "store.job").containsEntry("STATUS", "ERROR");
                assertThat(run.get("FINISHED_AT")).isNotNull();
                runId = run.get("ID");
                assertThat(db.count("SELECT COUNT(*) FROM LOG_TASK WHERE RUN_ID = ?", runId)).isEqualTo(3);
                assertThat(db.count("SELECT COUNT(*) FROM LOG WHERE MESSAGE = 'stored at a known line'")).isEqualTo(1);
                assertThat(db.row("VALUES TRANSACTION_CONTROL()").values()).containsExactly("MVCC");
                assertThat(db.rows("SELECT DISTINCT HSQLDB_TYPE FROM INFORMATION_SCHEMA.SYSTEM_TABLES WHERE TABLE_SCHEM = 'PUBLIC'"))
                        .containsExactly(Map.of("HSQLDB_TYPE", "CACHED"));
            }
            AgentProcess.Result runs = app.cli("runs", "--db", server.url());
            assertThat(runs.stdoutLines().get(1)).startsWith(String.valueOf(runId)).contains("store.job", "ERROR");

            assertThat(server.stop()).isEqualTo(STOPPED_BY_SIGTERM);
            assertThat(server.stdout()).as("one line, when ready").isEqualTo(server.readyLine() + "\n");
            assertThat(server.stderr()).isEmpty();
            assertThat(data.resolve("tasklog.lck")).as("lock released").doesNotExist();
            assertThat(data.resolve("tasklog.log")).as("checkpointed at SHUTDOWN").doesNotExist();

            server.start();
            try (StoreDb db = StoreDb.server(server.url())) {
                assertThat(db.row("SELECT ID, NAME, STATUS FROM LOG_RUN"))
                        .containsEntry("ID", runId).containsEntry("NAME", "store.job").containsEntry("STATUS", "ERROR");
                assertThat(db.count("SELECT COUNT(*) FROM LOG_TASK WHERE RUN_ID = ?", runId)).isEqualTo(3);
            }
            assertThat(server.stop()).isEqualTo(STOPPED_BY_SIGTERM);
            assertThat(server.stderr()).isEmpty();
        }
    }

    @Test
    void aPortOrDataInUseIsOneClearLineAndExitStatusOne() throws Exception {
        AgentProcess p = AgentProcess.named("server-in-use");
        Path data = p.workDir().resolve("server-data");
        try (HsqldbServerProcess first = HsqldbServerProcess.on(HsqldbServerProcess.freePort(), data).start()) {
            Path otherData = p.workDir().resolve("other-data");
            AgentProcess.Result samePort = p.cli("server", "--port", String.valueOf(first.port()), "--data", otherData.toString());
            assertThat(samePort.exitCode).as(samePort.toString()).isEqualTo(1);
            assertThat(samePort.stderrLines()).containsExactly("tasklog: cannot listen on 127.0.0.1:" + first.port()
                    + ": the port is in use (by another server?); choose another with --port");
            assertThat(samePort.stdout).isEmpty();
            assertThat(otherData).as("nothing left behind").doesNotExist();

            AgentProcess.Result sameData = p.cli("server", "--port", String.valueOf(HsqldbServerProcess.freePort()),
                    "--data", data.toString());
            assertThat(sameData.exitCode).as(sameData.toString()).isEqualTo(1);
            assertThat(sameData.stderrLines()).hasSize(1);
            assertThat(sameData.stderr).startsWith("tasklog: the data in " + data + " is in use by another process");
        }
    }

    @Test
    void wrongUsageExitsTwoAndUnusableDataExitsOne() throws Exception {
        AgentProcess p = AgentProcess.named("server-errors");
        for (String[] bad : new String[][] {{"server", "--frobnicate"}, {"server", "--port", "0"}, {"server", "--port", "x"},
                {"server", "--port", "70000"}, {"server", "--data"}, {"server", "extra"}}) {
            AgentProcess.Result r = p.cli(bad);
            assertThat(r.exitCode).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.stderr).as(String.join(" ", bad)).startsWith("tasklog: server: ").contains("usage: java -jar tasklog.jar");
        }

        Path blocker = p.workDir().resolve("blocker");
        Files.writeString(blocker, "a file where the data directory's parent should be");
        AgentProcess.Result r = p.cli("server", "--port", String.valueOf(HsqldbServerProcess.freePort()),
                "--data", blocker.resolve("data").toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
        assertThat(r.stderrLines()).containsExactly("tasklog: cannot keep the server's data in " + blocker.resolve("data")
                + ": " + blocker + " is a file");
    }

    @Test
    void boundToEveryAddressItNamesThisMachineInTheUrl() throws Exception {
        AgentProcess p = AgentProcess.named("server-every-address");
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isEmpty()) {
            host = InetAddress.getLocalHost().getHostName();
        }
        int port = HsqldbServerProcess.freePort();
        try (HsqldbServerProcess server = HsqldbServerProcess.on(port, p.workDir().resolve("server-data"))
                .options("--bind", "0.0.0.0").start()) {
            assertThat(server.readyLine()).startsWith("tasklog server at jdbc:hsqldb:hsql://" + host + ":" + port + "/tasklog (");
            AgentProcess.Result runs = p.cli("runs", "--db", server.url());
            assertThat(runs.exitCode).as(runs.toString()).isZero();
        }
    }
}
