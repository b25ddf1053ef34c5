package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklog.fixtures.PlainOutput;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Configuration from every source; problems are one clear stderr line and never stop the program. */
class ConfigIT {

    @Test
    void badKeysAndValuesAreReportedAndTheProgramRunsUnchanged() throws Exception {
        AgentProcess.Result plain = AgentProcess.named("config-plain").withoutAgent().run(PlainOutput.class);
        AgentProcess.Result result = AgentProcess.named("config-bad")
                .agentArgs("store=maybe,colour=blue,store.level=LOUD,methods.task=com.acme.Job[")
                .jvmArg("-Dtasklog.admin.port=http")
                .env("TASKLOG_NO_SUCH_KEY", "1")
                .run(PlainOutput.class);

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.programLines()).isEqualTo(plain.programLines());
        assertThat(result.stderrLines())
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'maybe' for store in the agent argument: expected true or false; using 'true'"))
                .anyMatch(l -> l.startsWith("[tasklog] config: unknown key 'colour' in the agent argument (ignored); known keys: db.url,"))
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'LOUD' for store.level in the agent argument: expected one of TRACE, DEBUG, INFO, WARN, ERROR; using 'INFO'"))
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'com.acme.Job[' for methods.task in the agent argument: expected entries like com.acme.Job[load,transform];com.acme.Export[*]"))
                .anyMatch(l -> l.startsWith("[tasklog] config: bad value 'http' for admin.port in system property tasklog.admin.port: expected a port number"))
                .anyMatch(l -> l.startsWith("[tasklog] config: unknown key 'TASKLOG_NO_SUCH_KEY' in environment variable TASKLOG_NO_SUCH_KEY (ignored)"));
        assertThat(result.stderrLines().stream().filter(l -> l.startsWith("[tasklog]"))).hasSize(6);
        // the agent still works
        assertThat(result.stdout).contains("run plain finished: status: OK");
    }

    @Test
    void consoleOffSilencesTheAgentsLines() throws Exception {
        AgentProcess.Result result = AgentProcess.named("config-console-off").agentArgs("console=false").run(PlainOutput.class);
        assertThat(result.exitCode).isZero();
        assertThat(result.stdout).doesNotContain("task.").contains("sum = 90");
        assertThat(result.stderr).doesNotContain("[tasklog]");
    }

    @Test
    void theAgentArgumentWinsOverSystemPropertiesWhichWinOverTheEnvironmentAndTheFile() throws Exception {
        AgentProcess argWins = AgentProcess.named("config-precedence-arg").agentArgs("console=true")
                .jvmArg("-Dtasklog.console=false").env("TASKLOG_CONSOLE", "false");
        assertThat(argWins.run(PlainOutput.class).stdout).contains("run plain finished");

        AgentProcess propertyWins = AgentProcess.named("config-precedence-property")
                .jvmArg("-Dtasklog.console=false").env("TASKLOG_CONSOLE", "true");
        assertThat(propertyWins.run(PlainOutput.class).stdout).doesNotContain("run plain");

        AgentProcess envWins = AgentProcess.named("config-precedence-env").env("TASKLOG_CONSOLE", "false");
        Files.createDirectories(envWins.workDir());
        Files.writeString(envWins.workDir().resolve("tasklog.properties"), "console=true\n");
        assertThat(envWins.run(PlainOutput.class).stdout).doesNotContain("run plain");

        AgentProcess fileOnly = AgentProcess.named("config-precedence-file");
        Files.createDirectories(fileOnly.workDir());
        Files.writeString(fileOnly.workDir().resolve("tasklog.properties"), "console=false\n");
        assertThat(fileOnly.run(PlainOutput.class).stdout).doesNotContain("run plain").contains("sum = 90");

        AgentProcess namedFile = AgentProcess.named("config-named-file").env("TASKLOG_CONFIG", "conf/job.properties");
        Files.createDirectories(namedFile.workDir().resolve("conf"));
        Files.writeString(namedFile.workDir().resolve("conf/job.properties"), "console=false\nbogus=1\n");
        AgentProcess.Result named = namedFile.run(PlainOutput.class);
        assertThat(named.stdout).doesNotContain("run plain");
        assertThat(named.stderr).containsPattern("unknown key 'bogus' in config file .*job.properties");
    }
}
