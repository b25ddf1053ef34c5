package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.LateAttach;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attached to a running JVM, the agent weaves classes that were loaded before it came. */
class LateAttachIT {

    @Test
    void classesLoadedBeforeTheAgentAreRewoven() throws Exception {
        AgentProcess process = AgentProcess.named("late-attach").withoutAgent()
                .jvmArg("-Djdk.attach.allowAttachSelf=true")
                .args(AgentProcess.agentJar().toString());
        if (AgentProcess.childJavaVersion() >= 21) {
            process.jvmArg("-XX:+EnableDynamicAgentLoading");
        }
        AgentProcess.Result result = process.run(LateAttach.class);
        assertThat(result.exitCode).as(result.toString()).isZero();
        List<String> lines = result.stdoutLines();
        int attached = lines.indexOf("after attach");
        assertThat(attached).as(result.toString()).isPositive();
        assertThat(lines.subList(0, attached)).noneMatch(l -> l.contains("task."));
        assertThat(lines.subList(attached, lines.size())).anyMatch(l -> l.startsWith("INFO task.run - run late started"))
                .anyMatch(l -> l.startsWith("INFO task.performance -   - done: 1"))
                .anyMatch(l -> l.matches("INFO task.run - run late finished: status: OK, .*"));
    }
}
