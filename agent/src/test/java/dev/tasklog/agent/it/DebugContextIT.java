package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.debug.DebugFixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DebugContext callbacks, the debug.* filters and the logback filters, in a child JVM. */
class DebugContextIT {

    private static final String SOLVER = "dev.tasklog.fixtures.debug.Solver";

    private static AgentProcess.Result run(String name, String properties) throws Exception {
        AgentProcess p = AgentProcess.named(name).withoutLogbackConfig().jvmArg("-Dlogback.configurationFile="
                + Path.of(System.getProperty("it.fixture.classpath").split(File.pathSeparator)[0], "debug-logback.xml"));
        Files.createDirectories(p.workDir());
        Files.writeString(p.workDir().resolve("tasklog.properties"), properties);
        AgentProcess.Result r = p.run(DebugFixture.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        return r;
    }

    private static int lineOf(String file, String text) throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/tasklog/fixtures/debug/" + file));
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void callbacksRunAtEntryAndExitInsideTheTaskAndAreStoredAsDebugEvents() throws Exception {
        AgentProcess.Result r = run("debug-on", "store.level=DEBUG\n");
        assertThat(r.stdout)
                .contains("DEBUG " + SOLVER + " - enter solve inputs=[1, 2, 3] task=solve | task=solve")
                .contains("DEBUG " + SOLVER + " - exit solve returned=12 thrown=null elapsed>0=true task=solve | task=solve")
                .contains("DEBUG " + SOLVER + " - enter step inputs=[1, 2, 3] task=solve")
                .contains("DEBUG " + SOLVER + " - exit step returned=3 thrown=null")
                .contains("DEBUG " + SOLVER + " - exit step returned=null thrown=java.lang.IllegalArgumentException: negative input -1")
                .contains("DEBUG " + SOLVER + " - enter block inputs=[1, 2, 3] task=null")
                .contains("DEBUG " + SOLVER + " - exit block returned=null thrown=null")
                .contains("INFO dev.tasklog.fixtures.debug.DebugFixture - solved 12")
                .contains("pump inlet ENTER at t=1.0", "pump outlet EXIT at t=5.0")
                .contains("broken results: 42 42")
                .contains("quiet result: 2, callbacks: 0");
        // nested contexts: the inner one's callbacks inside the outer one's, in order
        assertThat(r.stdoutLines()).containsSubsequence(
                "DEBUG dev.tasklog.fixtures.debug.Model - model ENTER | task=simulate",
                "DEBUG dev.tasklog.fixtures.debug.Pump - pump feed ENTER at t=0.5 | task=simulate",
                "DEBUG dev.tasklog.fixtures.debug.Pump - pump feed EXIT at t=0.5 | task=simulate",
                "DEBUG dev.tasklog.fixtures.debug.Model - model EXIT returned simulated | task=simulate",
                "INFO dev.tasklog.fixtures.debug.DebugFixture - model: simulated | task=");
        // the block's lines come between its ENTER and EXIT
        assertThat(r.stdout.indexOf("enter block")).isLessThan(r.stdout.indexOf("inside the block"));
        assertThat(r.stdout.indexOf("inside the block")).isLessThan(r.stdout.indexOf("exit block"));
        // a throwing callback: reported once for its class, the method went on
        assertThat(r.stderrLines().stream().filter(l -> l.contains("dev.tasklog.fixtures.debug.Broken"))).hasSize(1)
                .allMatch(l -> l.startsWith("[tasklog] dev.tasklog.fixtures.debug.Broken.logDebugMessage at ENTER of work threw "
                        + "java.lang.IllegalStateException: callback broke at ENTER; the method went on"));

        try (StoreDb db = StoreDb.in(AgentProcess.named("debug-on").workDir())) {
            Map<String, Object> enter = db.row("SELECT L.LEVEL, L.TASK_NAME, L.FILE_NAME, L.LINE, T.NAME AS TASK FROM LOG L "
                    + "JOIN LOG_TASK T ON T.ID = L.TASK_ID WHERE L.LOGGER = ? AND L.MESSAGE LIKE 'enter solve inputs=[1, 2, 3]%'", SOLVER);
            assertThat(enter).containsEntry("LEVEL", "DEBUG").containsEntry("TASK_NAME", "solve").containsEntry("TASK", "solve")
                    .containsEntry("FILE_NAME", "Solver.java").containsEntry("LINE", lineOf("Solver.java", "first line of solve"));
            Map<String, Object> exit = db.row("SELECT FILE_NAME, LINE FROM LOG WHERE LOGGER = ? AND MESSAGE LIKE 'exit solve returned=12%'", SOLVER);
            assertThat(exit).containsEntry("FILE_NAME", "Solver.java");
            assertThat((Integer) exit.get("LINE")).isBetween(lineOf("Solver.java", "first line of solve"),
                    lineOf("Solver.java", "return sum * scale"));
            Map<String, Object> block = db.row("SELECT FILE_NAME, LINE FROM LOG WHERE MESSAGE LIKE 'enter block%'");
            assertThat(block).containsEntry("FILE_NAME", "DebugFixture.java")
                    .containsEntry("LINE", lineOfFixture("TaskLog.debugContext(solver"));
        }
    }

    @Test
    void atInfoNoCallbackIsCalled() throws Exception {
        AgentProcess.Result r = AgentProcess.named("debug-off").run(DebugFixture.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.stdout).doesNotContain("DEBUG").contains("solved 12", "model: simulated", "broken results: 42 42",
                "quiet result: 2, callbacks: 0", "inside the block");
        assertThat(r.stderr).doesNotContain("Broken");
    }

    private static int lineOfFixture(String text) throws Exception {
        return lineOf("DebugFixture.java", text);
    }

    @Test
    void theLogbackFiltersLetThroughOnlyTheSelectedContextInsideTheWindow() throws Exception {
        AgentProcess.Result r = run("debug-logback-filters", "");
        List<String> pumps = Files.readAllLines(AgentProcess.named("debug-logback-filters").workDir()
                .resolve("pumps.log"));
        assertThat(pumps.stream().filter(l -> l.startsWith("DEBUG")))
                .containsExactly("DEBUG dev.tasklog.fixtures.debug.Pump - pump inlet ENTER at t=3.0",
                        "DEBUG dev.tasklog.fixtures.debug.Pump - pump inlet EXIT at t=3.0");
        assertThat(pumps).anyMatch(l -> l.startsWith("INFO ") && l.contains("solved 12"));
        // the console appender has no filter: it has them all
        assertThat(r.stdout).contains("pump outlet ENTER at t=1.0", "pump inlet EXIT at t=5.0");
    }

    @Test
    void theConfiguredFiltersDecideWhichCallbacksAreCalled() throws Exception {
        AgentProcess.Result contexts = run("debug-config-contexts", "debug.contexts=Pump[outlet]; dev.tasklog.fixtures.**.Broken\n");
        assertThat(contexts.stdout).contains("pump outlet ENTER at t=1.0").doesNotContain("pump inlet")
                .doesNotContain("enter solve").doesNotContain("model ENTER").contains("broken results: 42 42");
        assertThat(contexts.stderr).contains("Broken.logDebugMessage");

        AgentProcess.Result window = run("debug-config-window", "debug.from=2\ndebug.to=4s\n");
        assertThat(window.stdout).contains("pump inlet ENTER at t=3.0", "pump outlet EXIT at t=3.0")
                .doesNotContain("at t=1.0").doesNotContain("at t=5.0")
                // a Solver has no clock: seconds since the run started, under 2 here
                .doesNotContain("enter solve");

        AgentProcess.Result bad = run("debug-config-bad", "debug.from=soon\ndebug.contexts=com.acme.[x\n");
        assertThat(bad.stderrLines())
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'soon' for debug.from"))
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'com.acme.[x' for debug.contexts"));
        assertThat(bad.stdout).contains("enter solve", "pump inlet ENTER at t=1.0");
    }
}
