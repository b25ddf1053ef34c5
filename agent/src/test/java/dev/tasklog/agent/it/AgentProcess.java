package dev.tasklog.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a fixture program in a child JVM, with or without {@code -javaagent:tasklog.jar}, the way a
 * user runs it, and captures what it prints. Its output is also written to
 * {@code target/it-work/<name>/output.log} for reading after a failure.
 */
final class AgentProcess {

    private final String name;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private String agentArgs;
    private boolean agent = true;
    private boolean logbackConfig = true;
    private List<String> excludedJars = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();

    private AgentProcess(String name) {
        this.name = name;
    }

    private static final java.util.Set<String> USED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param name a name for the working directory and log file of this run; the first use of a
     *             name in a test JVM starts from an empty directory, later uses share it
     */
    static AgentProcess named(String name) {
        AgentProcess p = new AgentProcess(name);
        if (USED.add(name)) {
            deleteRecursively(p.workDir());
        }
        return p;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty " + dir, e);
        }
    }

    AgentProcess withoutAgent() {
        agent = false;
        return this;
    }

    /** Runs the program with no logback configuration at all (logback's own defaults apply). */
    AgentProcess withoutLogbackConfig() {
        logbackConfig = false;
        return this;
    }

    AgentProcess agentArgs(String args) {
        agentArgs = args;
        return this;
    }

    AgentProcess jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    AgentProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    AgentProcess args(String... args) {
        programArgs.addAll(Arrays.asList(args));
        return this;
    }

    /** Leaves jars whose file name contains {@code part} off the class path (e.g. "logback"). */
    AgentProcess withoutJarsNamed(String part) {
        excludedJars.add(part);
        return this;
    }

    static Path agentJar() {
        return Path.of(System.getProperty("it.agent.jar", "target/tasklog.jar")).toAbsolutePath();
    }

    static Path javaExecutable() {
        String home = System.getProperty("it.java.home", System.getProperty("java.home"));
        return Path.of(home, "bin", "java");
    }

    /** @return the major version of the JVM the children run on */
    static int childJavaVersion() {
        try {
            Path release = javaExecutable().getParent().getParent().resolve("release");
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Runtime.version().feature();
    }

    private static String fixtureLogbackXml() {
        return Path.of(System.getProperty("it.fixture.classpath").split(File.pathSeparator)[0], "fixture-logback.xml").toString();
    }

    Path workDir() {
        return Path.of(System.getProperty("it.work.dir", "target/it-work"), name).toAbsolutePath();
    }

    /** Starts the program and returns at once. */
    Process start(Class<?> mainClass) throws IOException {
        Files.createDirectories(workDir());
        ProcessBuilder pb = new ProcessBuilder(command(mainClass)).directory(workDir().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TASKLOG_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private List<String> command(Class<?> mainClass) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        if (agent) {
            command.add("-javaagent:" + agentJar() + (agentArgs != null ? "=" + agentArgs : ""));
        }
        if (logbackConfig) {
            command.add("-Dlogback.configurationFile=" + fixtureLogbackXml());
        }
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(programArgs);
        return command;
    }

    Result run(Class<?> mainClass) throws IOException, InterruptedException {
        Path work = workDir();
        List<String> command = command(mainClass);
        Process process = start(mainClass);
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + ": child JVM did not finish in 120 s: " + command);
        }
        Result result = new Result(process.exitValue(), out.join(), err.join());
        Files.writeString(work.resolve("output.log"), String.join(" ", command) + "\n--- exit " + result.exitCode
                + "\n--- stdout\n" + result.stdout + "\n--- stderr\n" + result.stderr, StandardCharsets.UTF_8);
        return result;
    }

    private String classPath() {
        String cp = System.getProperty("it.fixture.classpath");
        if (cp == null) {
            throw new IllegalStateException("it.fixture.classpath is not set: run the integration tests through Maven (failsafe)");
        }
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(entry -> excludedJars.stream().noneMatch(part -> Path.of(entry).getFileName().toString().contains(part)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Runs {@code java -jar tasklog.jar args...} in this process's working directory. */
    Result cli(String... args) throws IOException, InterruptedException {
        Files.createDirectories(workDir());
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString(), "-jar", agentJar().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TASKLOG_"));
        pb.environment().putAll(env);
        Process process = pb.start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tasklog " + Arrays.toString(args) + " did not finish");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Reads a child's output on a thread of its own: readers on a shared pool starve each other. */
    private static CompletableFuture<String> read(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("<unreadable: " + e + ">");
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** What a child JVM did. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        List<String> stdoutLines() {
            return stdout.lines().collect(Collectors.toList());
        }

        List<String> stderrLines() {
            return stderr.lines().collect(Collectors.toList());
        }

        /** @return the lines the program printed itself (tasklog's loggers' lines left out) */
        List<String> programLines() {
            return stdout.lines().filter(l -> !l.matches("^(TRACE|DEBUG|INFO|WARN|ERROR) task\\.(run|performance(\\.sub)?) - .*"))
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
