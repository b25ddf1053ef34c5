package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.MethodShapes;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method shape is woven, and behaves exactly as it does without the agent. */
class WeavingIT {

    private static AgentProcess.Result withAgent;
    private static AgentProcess.Result without;

    @BeforeAll
    static void runBoth() throws Exception {
        withAgent = AgentProcess.named("shapes-agent").run(MethodShapes.class);
        without = AgentProcess.named("shapes-plain").withoutAgent().run(MethodShapes.class);
    }

    @Test
    void theProgramComputesAndThrowsExactlyWhatItDoesWithoutTheAgent() {
        assertThat(withAgent.exitCode).as(withAgent.toString()).isZero();
        assertThat(without.exitCode).isZero();
        List<String> results = withAgent.programLines().stream().filter(l -> l.startsWith("result ")).collect(Collectors.toList());
        assertThat(results).hasSize(23);
        assertThat(results).isEqualTo(without.programLines().stream().filter(l -> l.startsWith("result ")).collect(Collectors.toList()));
        assertThat(results).contains("result checked = disk full at checked", "result unchecked = bad state at unchecked",
                "result child-loader = own loader", "result recursive = 24", "result long = " + Long.MAX_VALUE);
    }

    @Test
    void everyShapeIsTimedUnderItsName() {
        List<String> names = TaskLines.tasks(withAgent.stdoutLines()).stream().map(t -> t.name).collect(Collectors.toList());
        assertThat(names).contains(
                "MethodShapes.staticMethod", "shape.instance", "shape.private", "shape.final", "shape.synchronized",
                "shape.generic", "shape.overloaded", "shape.recursive", "shape.default", "shape.void", "shape.long",
                "shape.double", "shape.boolean", "shape.array", "shape.checked", "shape.unchecked", "Nested.run",
                "shape.inner", "shape.anonymous", "Local.twice", "shape.childLoader");
        assertThat(names.stream().filter("shape.overloaded"::equals)).hasSize(2);
        assertThat(withAgent.stdout).contains("INFO task.run - run shapes started");
        assertThat(withAgent.stdout).containsPattern("sub shape.sub: duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s \\| run=shapes task=\\s");
    }

    @Test
    void recursiveTasksNestAndFinishInnermostFirst() {
        List<String> recursive = withAgent.stdoutLines().stream()
                .filter(l -> l.contains("task shape.recursive"))
                .map(l -> l.replaceAll(": duration.*", ": timing").replaceAll(" \\|.*", ""))
                .collect(Collectors.toList());
        assertThat(recursive).containsExactly(
                "INFO task.performance - task shape.recursive started",
                "INFO task.performance - task shape.recursive started",
                "INFO task.performance - task shape.recursive started",
                "INFO task.performance - task shape.recursive started",
                "INFO task.performance - task shape.recursive: timing",
                "INFO task.performance - task shape.recursive: timing",
                "INFO task.performance - task shape.recursive: timing",
                "INFO task.performance - task shape.recursive: timing");
    }

    @Test
    void anExceptionFailsItsTaskAndTheRunButPassesThrough() {
        assertThat(withAgent.stdout)
                .contains("ERROR task.performance - task shape.checked: status: FAILED (java.io.IOException: disk full)")
                .contains("ERROR task.performance - task shape.unchecked: status: FAILED (java.lang.IllegalStateException: bad state)")
                .containsPattern("ERROR task.run - run shapes finished: status: FAILED, duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s");
    }
}
