package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.Unannotated;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** methods.run / methods.task / methods.subtask weave classes that carry no annotation. */
class MethodsConfigIT {

    private static final String TIMING = ": duration: \\d+\\.\\d{3}s, cpu: \\d+\\.\\d{3}s";

    private static AgentProcess.Result run(String name, String properties) throws Exception {
        AgentProcess p = AgentProcess.named(name);
        Files.createDirectories(p.workDir());
        Files.writeString(p.workDir().resolve("tasklog.properties"), properties);
        AgentProcess.Result r = p.run(Unannotated.class);
        assertThat(r.exitCode).as(r.toString()).isZero();
        return r;
    }

    @Test
    void namedMethodsOfApplicationLibraryAndJdkClassesAreWovenAsIfAnnotated() throws Exception {
        AgentProcess.Result r = run("methods-named", String.join("\n",
                "methods.run=dev.tasklog.fixtures.Unannotated[job]",
                "methods.task=dev.tasklog.fixtures.Unannotated[load,transform,missing];org.hsqldb.jdbc.JDBCDriver[connect]",
                "methods.subtask=java.util.Base64$Encoder[encodeToString];com.acme.Nothing[*]", ""));
        assertThat(r.stdout)
                .contains("INFO task.run - run Unannotated.job started")
                .containsPattern("task Unannotated.load" + TIMING)
                .containsPattern("task Unannotated.transform" + TIMING)
                .containsPattern("sub Encoder.encodeToString" + TIMING + " \\| run=Unannotated.job task=Unannotated.transform")
                .containsPattern("task JDBCDriver.connect" + TIMING)
                .containsPattern("run Unannotated.job finished: status: OK")
                .contains("result cmVjb3Jkcw== 1 2");
        assertThat(r.stderrLines())
                .anyMatch(l -> l.equals("[tasklog] config: methods.task entry dev.tasklog.fixtures.Unannotated[load, transform, missing]:"
                        + " no method missing with a body in [dev.tasklog.fixtures.Unannotated]"))
                .anyMatch(l -> l.equals("[tasklog] config: methods.subtask entry com.acme.Nothing[*] matched no class loaded by this JVM"
                        + " (is the class name right?)"));
    }

    @Test
    void packageWildcardsMatchOneLevelOrAllLevels() throws Exception {
        AgentProcess.Result one = run("methods-one-level", "methods.run=dev.tasklog.fixtures.Unannotated[job]\n"
                + "methods.task=dev.tasklog.fixtures.wild.*[step]\n");
        assertThat(one.stdout).containsPattern("task Alpha.step" + TIMING).doesNotContain("Beta.step");

        AgentProcess.Result all = run("methods-all-levels", "methods.run=dev.tasklog.fixtures.Unannotated[job]\n"
                + "methods.task=dev.tasklog.fixtures.wild.**[*]\n");
        assertThat(all.stdout).containsPattern("task Alpha.step" + TIMING).containsPattern("task Beta.step" + TIMING);
    }
}
