package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasklog.fixtures.BackgroundWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The store's writer stays in the background: it writes what a burst of events leaves in few,
 * full batches (not a transaction per event), runs at a lower priority than the application
 * ({@code store.nice}), and the JIT's optimising compiler is kept off the embedded database.
 */
class BackgroundWriterIT {

    private static final int EVENTS = 20_000;

    @Test
    void aBurstIsWrittenInFewBatchesByALowPriorityWriter() throws Exception {
        AgentProcess p = AgentProcess.named("writer-default").args(String.valueOf(EVENTS));
        AgentProcess.Result result = p.run(BackgroundWriter.class);
        assertThat(result.exitCode).as(result.toString()).isZero();

        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.row("SELECT COUNT(*) AS N FROM LOG WHERE LOGGER = ?", BackgroundWriter.class.getName()))
                    .containsEntry("N", (long) EVENTS);
            // 2,000 records a batch when the writer has them; 100 ms of lingering over a batch
            // that is not full. Before, a writer keeping up wrote one transaction per few events.
            long batches = ((Number) db.row("SELECT COUNT(*) AS N FROM LOG_BATCH").get("N")).longValue();
            assertThat(batches).as("batches for %d events", EVENTS).isBetween(1L, 40L);
        }
        if (Files.isSymbolicLink(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/renice"))) {
            assertThat(result.stdoutLines()).contains("writer nice: 19");
        }
        assertThat(result.stdoutLines()).anySatisfy(line -> assertThat(line)
                .startsWith("directive matching:").contains("org/hsqldb/*.*").contains("JdbcTarget*.*"));
    }

    @Test
    void everyEventIsStoredAtExitWhileTheApplicationsThreadsTakeEveryCore() throws Exception {
        // The writer runs at the lowest priority; at exit the exiting thread writes what is left,
        // at the application's priority, so the busy threads cannot starve the last events out.
        AgentProcess p = AgentProcess.named("writer-busy-exit").args(String.valueOf(EVENTS), "0", "busy");
        long t0 = System.nanoTime();
        AgentProcess.Result result = p.run(BackgroundWriter.class);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stderr).as(result.toString()).doesNotContain("not stored");
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.row("SELECT COUNT(*) AS N FROM LOG WHERE LOGGER = ?", BackgroundWriter.class.getName()))
                    .containsEntry("N", (long) EVENTS + 1);
        }
        // here 5 s in all; with the writer left alone to finish, at nice 19 beside a busy thread on
        // every core, 17 s (and records lost past the exit's 30 s with more of them)
        assertThat(seconds).as("seconds from start to exit").isLessThan(12);
    }

    @Test
    void theWritersPriorityIsConfigurable() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")) && Files.isExecutable(Path.of("/usr/bin/renice")),
                "Linux with renice");
        AgentProcess.Result nice5 = AgentProcess.named("writer-nice-5").agentArgs("store.nice=5").args("10")
                .run(BackgroundWriter.class);
        assertThat(nice5.stdoutLines()).as(nice5.toString()).contains("writer nice: 5");
        AgentProcess.Result same = AgentProcess.named("writer-nice-0").agentArgs("store.nice=0").args("10")
                .run(BackgroundWriter.class);
        assertThat(same.stdoutLines()).as(same.toString()).contains("writer nice: 0");
    }

    @Test
    void withTheFullJitTheDatabaseIsLeftToTheJvm() throws Exception {
        // the directive would be there within milliseconds of the writer's start: 2 s is ample
        AgentProcess p = AgentProcess.named("writer-full-jit").agentArgs("store.jit=full").args("100", "2000");
        AgentProcess.Result result = p.run(BackgroundWriter.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.stdoutLines()).as(result.toString()).contains("directive matching: *.*")
                .noneMatch(line -> line.contains("hsqldb"));
        try (StoreDb db = StoreDb.in(p.workDir())) {
            assertThat(db.row("SELECT COUNT(*) AS N FROM LOG WHERE LOGGER = ?", BackgroundWriter.class.getName()))
                    .containsEntry("N", 100L);
        }
    }
}
