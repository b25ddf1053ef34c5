package dev.tasklog.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped jar: an agent, a command line, and nothing outside its own namespace. */
class AgentJarIT {

    @Test
    void theJarIsAnAgentAndACommandLine() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.tasklog.agent.TaskLogAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.tasklog.agent.TaskLogAgent");
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.tasklog.agent.cli.TaskLogCli");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }

    @Test
    void everyBundledClassIsRelocatedUnderDevTasklog() throws Exception {
        try (JarFile jar = new JarFile(AgentProcess.agentJar().toFile())) {
            List<String> outside = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(n -> !n.startsWith("dev/tasklog/") && !n.equals("dev/") && !n.startsWith("META-INF/"))
                    .collect(Collectors.toList());
            assertThat(outside).isEmpty();
            assertThat(jar.getEntry("dev/tasklog/agent/shaded/net/bytebuddy/ByteBuddy.class")).isNotNull();
            assertThat(jar.getEntry("dev/tasklog/agent/shaded/org/hsqldb/jdbc/JDBCDriver.class")).isNotNull();
            // the agent's HSQLDB is never offered to the application's DriverManager
            assertThat(jar.getEntry("META-INF/services/java.sql.Driver")).isNull();
            assertThat(jar.getEntry("org/slf4j/Logger.class")).isNull();
            assertThat(jar.getEntry("ch/qos/logback/classic/Logger.class")).isNull();
        }
    }

    @Test
    void theCommandLineAnswersVersionAndHelpAndRejectsNonsense() throws Exception {
        assertThat(cli("--version")).isEqualTo("0:tasklog " + System.getProperty("it.project.version", "0.1.0-SNAPSHOT"));
        assertThat(cli("--help")).startsWith("0:usage: java -jar tasklog.jar");
        assertThat(cli("frobnicate")).startsWith("2:tasklog: unknown command 'frobnicate'");
    }

    private static String cli(String arg) throws Exception {
        Process p = new ProcessBuilder(AgentProcess.javaExecutable().toString(), "-jar", AgentProcess.agentJar().toString(), arg)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() + ":" + out;
    }
}
