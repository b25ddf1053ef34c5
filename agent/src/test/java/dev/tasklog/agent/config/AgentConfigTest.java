package dev.tasklog.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        AgentConfig config = AgentConfig.load(null, new Properties(), Map.of(), dir);
        assertThat(config.bool(ConfigKey.STORE)).isTrue();
        assertThat(config.bool(ConfigKey.CONSOLE)).isTrue();
        assertThat(config.string(ConfigKey.STORE_LEVEL)).isEqualTo("INFO");
        assertThat(config.string(ConfigKey.DB_USER)).isEqualTo("SA");
        assertThat(config.integer(ConfigKey.ADMIN_PORT)).isZero();
        assertThat(config.methods(ConfigKey.METHODS_TASK).entries()).isEmpty();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void firstSourceWinsInTheDocumentedOrder() throws Exception {
        Files.writeString(dir.resolve("tasklog.properties"), "store.level=ERROR\ndb.user=file\nadmin.port=1\nconsole=false\n");
        AgentConfig config = AgentConfig.load("store.level=DEBUG",
                props("tasklog.store.level", "WARN", "tasklog.db.user", "prop"),
                Map.of("TASKLOG_STORE_LEVEL", "TRACE", "TASKLOG_DB_USER", "env", "TASKLOG_ADMIN_PORT", "8080"), dir);
        assertThat(config.string(ConfigKey.STORE_LEVEL)).isEqualTo("DEBUG");
        assertThat(config.string(ConfigKey.DB_USER)).isEqualTo("prop");
        assertThat(config.integer(ConfigKey.ADMIN_PORT)).isEqualTo(8080);
        assertThat(config.bool(ConfigKey.CONSOLE)).isFalse();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigKey.DB_URL.environmentName()).isEqualTo("TASKLOG_DB_URL");
        assertThat(ConfigKey.METHODS_SUBTASK.environmentName()).isEqualTo("TASKLOG_METHODS_SUBTASK");
        AgentConfig config = AgentConfig.load(null, new Properties(), Map.of("TASKLOG_DB_URL", "jdbc:hsqldb:mem:x"), dir);
        assertThat(config.string(ConfigKey.DB_URL)).isEqualTo("jdbc:hsqldb:mem:x");
    }

    @Test
    void anInvalidValueFallsThroughToTheNextSourceAndIsReportedOnce() {
        AgentConfig config = AgentConfig.load("console=perhaps", props("tasklog.console", "false"), Map.of(), dir);
        assertThat(config.bool(ConfigKey.CONSOLE)).isFalse();
        assertThat(config.problems()).containsExactly(
                "bad value 'perhaps' for console in the agent argument: expected true or false; using 'false'");
    }

    @Test
    void unknownKeysAreReportedFromEverySource() throws Exception {
        Files.writeString(dir.resolve("tasklog.properties"), "dburl=x\n");
        AgentConfig config = AgentConfig.load("nonsense=1,justaword", props("tasklog.colour", "red", "other.key", "x"),
                Map.of("TASKLOG_FOO", "1", "PATH", "/bin"), dir);
        assertThat(config.problems()).hasSize(5);
        assertThat(config.problems()).anyMatch(p -> p.startsWith("unknown key 'nonsense' in the agent argument"))
                .anyMatch(p -> p.startsWith("malformed setting 'justaword' in the agent argument: expected key=value"))
                .anyMatch(p -> p.startsWith("unknown key 'colour' in system property tasklog.colour"))
                .anyMatch(p -> p.startsWith("unknown key 'TASKLOG_FOO' in environment variable TASKLOG_FOO"))
                .anyMatch(p -> p.startsWith("unknown key 'dburl' in config file"));
        assertThat(config.problems()).allMatch(p -> !p.contains("\n"));
    }

    @Test
    void commasInsideBracketsBelongToTheValue() {
        AgentConfig config = AgentConfig.load("methods.task=com.acme.Job[load,transform];com.acme.Export[*],console=false",
                new Properties(), Map.of(), dir);
        assertThat(config.problems()).isEmpty();
        assertThat(config.bool(ConfigKey.CONSOLE)).isFalse();
        MethodList methods = config.methods(ConfigKey.METHODS_TASK);
        assertThat(methods.entries()).hasSize(2);
        assertThat(methods.entries().get(0).className()).isEqualTo("com.acme.Job");
        assertThat(methods.entries().get(0).methods()).containsExactly("load", "transform");
        assertThat(methods.entries().get(1).allMethods()).isTrue();
    }

    @Test
    void methodListsNameClassesExactlyOrByPackage() {
        MethodList methods = AgentConfig.load("methods.task=com.acme.Job[run];com.acme.etl.*[load];com.acme.**[*];java.util.Base64$Encoder[encode]",
                new Properties(), Map.of(), dir).methods(ConfigKey.METHODS_TASK);
        MethodList.Entry exact = methods.entries().get(0);
        MethodList.Entry oneLevel = methods.entries().get(1);
        MethodList.Entry allLevels = methods.entries().get(2);
        assertThat(exact.matchesClass("com.acme.Job")).isTrue();
        assertThat(exact.matchesClass("com.acme.Jobs")).isFalse();
        assertThat(exact.matchesMethod("run")).isTrue();
        assertThat(exact.matchesMethod("walk")).isFalse();
        assertThat(oneLevel.matchesClass("com.acme.etl.Loader")).isTrue();
        assertThat(oneLevel.matchesClass("com.acme.etl.Loader$Step")).isTrue();
        assertThat(oneLevel.matchesClass("com.acme.etl.csv.Reader")).isFalse();
        assertThat(oneLevel.matchesClass("com.acme.etlx.Loader")).isFalse();
        assertThat(allLevels.matchesClass("com.acme.etl.csv.Reader")).isTrue();
        assertThat(allLevels.matchesClass("com.acmex.Job")).isFalse();
        assertThat(allLevels.matchesMethod("anything")).isTrue();
        assertThat(methods.entries().get(3).matchesClass("java.util.Base64$Encoder")).isTrue();
    }

    @Test
    void malformedMethodListsAreRejected() {
        for (String bad : new String[] {"com.acme.Job", "com.acme.Job[]", "Job[load,]", "[load]", "a.b[c];;x", "com.*.Job[run]",
            "com.acme.***[run]", "*[run]"}) {
            AgentConfig config = AgentConfig.load(null, props("tasklog.methods.run", bad), Map.of(), dir);
            assertThat(config.problems()).as(bad).singleElement().asString()
                    .startsWith("bad value '" + bad + "' for methods.run in system property tasklog.methods.run: expected entries like");
            assertThat(config.methods(ConfigKey.METHODS_RUN).entries()).isEmpty();
        }
    }

    @Test
    void valuesAreCheckedPerKey() {
        AgentConfig config = AgentConfig.load("admin.port=70000,debug.from=soon,debug.to=5m,store.level=warn", new Properties(), Map.of(), dir);
        assertThat(config.integer(ConfigKey.ADMIN_PORT)).isZero();
        assertThat(config.string(ConfigKey.DEBUG_TO)).isEqualTo("5m");
        assertThat(config.string(ConfigKey.STORE_LEVEL)).isEqualTo("warn");
        assertThat(config.problems()).hasSize(2)
                .anyMatch(p -> p.startsWith("bad value '70000' for admin.port"))
                .anyMatch(p -> p.startsWith("bad value 'soon' for debug.from"));
    }

    @Test
    void theWritersNiceValueIsZeroToNineteen() {
        assertThat(AgentConfig.load(null, new Properties(), Map.of(), dir).integer(ConfigKey.STORE_NICE)).isEqualTo(19);
        assertThat(AgentConfig.load("store.nice=0", new Properties(), Map.of(), dir).integer(ConfigKey.STORE_NICE)).isZero();
        assertThat(AgentConfig.load("store.nice=7", new Properties(), Map.of(), dir).integer(ConfigKey.STORE_NICE)).isEqualTo(7);
        for (String bad : new String[] {"20", "-1", "low", "100"}) {
            AgentConfig config = AgentConfig.load("store.nice=" + bad, new Properties(), Map.of(), dir);
            assertThat(config.integer(ConfigKey.STORE_NICE)).as(bad).isEqualTo(19);
            assertThat(config.problems()).as(bad).singleElement().asString()
                    .startsWith("bad value '" + bad + "' for store.nice in the agent argument: expected a whole number from 0");
        }
    }

    @Test
    void theDatabasesJitIsQuickOrFull() {
        assertThat(AgentConfig.load(null, new Properties(), Map.of(), dir).string(ConfigKey.STORE_JIT)).isEqualTo("quick");
        assertThat(AgentConfig.load("store.jit=FULL", new Properties(), Map.of(), dir).string(ConfigKey.STORE_JIT)).isEqualTo("FULL");
        AgentConfig config = AgentConfig.load("store.jit=c2", new Properties(), Map.of(), dir);
        assertThat(config.string(ConfigKey.STORE_JIT)).isEqualTo("quick");
        assertThat(config.problems()).singleElement().asString()
                .startsWith("bad value 'c2' for store.jit in the agent argument: expected quick (the embedded database");
    }

    @Test
    void aNamedConfigFileThatIsMissingIsReported() {
        AgentConfig config = AgentConfig.load("config=nowhere.properties", new Properties(), Map.of(), dir);
        assertThat(config.problems()).containsExactly("config file 'nowhere.properties' (key config) not found; its settings are not used");
    }
}
