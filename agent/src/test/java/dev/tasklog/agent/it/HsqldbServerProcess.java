package dev.tasklog.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar tasklog.jar server --port P --data D} in a child JVM: a store served over the
 * network, as applications on other machines use it. {@link #start()} returns once the server has
 * printed that it is ready; {@link #stop()} stops it as Ctrl-C does; it can then be started again
 * on the same data. What it printed is appended to {@code server-output.log} beside the data directory.
 */
final class HsqldbServerProcess implements AutoCloseable {

    private static final String READY = "tasklog server at ";

    private final int port;
    private final Path dataDir;
    private final List<String> options = new ArrayList<>();
    private Process process;
    private Output stdout;
    private Output stderr;

    private HsqldbServerProcess(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
    }

    /**
     * @param port    the port to serve on
     * @param dataDir the directory of its database files (its parent is the working directory)
     * @return a server, not started yet
     */
    static HsqldbServerProcess on(int port, Path dataDir) {
        return new HsqldbServerProcess(port, dataDir);
    }

    /** @return a port that was free a moment ago */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Adds options to the command line (e.g. {@code --bind 0.0.0.0}). */
    HsqldbServerProcess options(String... more) {
        options.addAll(Arrays.asList(more));
        return this;
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /** @return the URL under which this machine reaches the store */
    String url() {
        return "jdbc:hsqldb:hsql://127.0.0.1:" + port + "/tasklog";
    }

    /**
     * Starts the server and waits for its ready line.
     *
     * @return this
     * @throws AssertionError when it ends, or prints nothing, before it is ready
     */
    HsqldbServerProcess start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running on port " + port);
        }
        Path workDir = dataDir.getParent();
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(AgentProcess.javaExecutable().toString(), "-jar",
                AgentProcess.agentJar().toString(), "server", "--port", String.valueOf(port), "--data", dataDir.toString()));
        command.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TASKLOG_"));
        process = pb.start();
        stdout = new Output(process.getInputStream(), "server-stdout");
        stderr = new Output(process.getErrorStream(), "server-stderr");
        try {
            stdout.ready.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the server did not get ready: " + command + "\n" + output(), e);
        }
        return this;
    }

    /** @return the line the server printed when it was ready */
    String readyLine() {
        return stdout.ready.join();
    }

    /**
     * Stops the server as Ctrl-C does (SIGTERM) and waits for it to end.
     *
     * @return its exit status
     */
    int stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop within 30 s of SIGTERM\n" + output());
        }
        stdout.reader.join(10_000);
        stderr.reader.join(10_000);
        Files.writeString(dataDir.resolveSibling("server-output.log"), "--- server on port " + port + ", exit "
                + process.exitValue() + "\n" + output() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return process.exitValue();
    }

    /** @return what the server printed on stdout so far */
    String stdout() {
        return stdout.text();
    }

    /** @return what the server printed on stderr so far */
    String stderr() {
        return stderr.text();
    }

    private String output() {
        return "--- stdout\n" + stdout.text() + "--- stderr\n" + stderr.text();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /**
     * One of the child's streams, read on a thread of its own (not the common fork/join pool, where
     * a blocked reader would starve whatever else uses it) until it ends.
     */
    private static final class Output {
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final Thread reader;
        private final StringBuilder text = new StringBuilder();

        Output(InputStream stream, String name) {
            reader = new Thread(() -> read(stream), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                    if (line.startsWith(READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("the server ended without printing '" + READY + "...'"));
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
