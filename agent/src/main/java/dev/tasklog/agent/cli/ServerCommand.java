package dev.tasklog.agent.cli;

import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.store.Host;
import dev.tasklog.agent.store.StoreSettings;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code server [--port 9001] [--bind 127.0.0.1] [--data DIR]}: an HSQLDB server over one store
 * that the JVMs of many machines write to at once (their {@code db.url} is the URL it prints),
 * until the process is stopped.
 */
final class ServerCommand {

    static final String USAGE = "server [--port 9001] [--bind 127.0.0.1] [--data tasklog-server-data]";

    private ServerCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--port", "--bind", "--data"), Set.of(), Set.of());
        if (!a.positional().isEmpty()) {
            throw new CliArgs.UsageException("server takes no arguments: " + a.positional());
        }
        int port = a.intValue("--port", 9001, 1);
        if (port > 65_535) {
            throw new CliArgs.UsageException("--port must be from 1 to 65535");
        }
        String bind = a.value("--bind", "127.0.0.1");
        Path data = dataDir(a.value("--data", "tasklog-server-data"));
        AgentConfig config = AgentConfig.load(null);
        // Listening on every address, it is reached under this machine's name; bound to one address,
        // only under that address.
        boolean everyAddress = isWildcard(bind);
        StoreServer server = StoreServer.start(bind, everyAddress ? "127.0.0.1" : bind, port, data,
                StoreSettings.of(config, null));
        Thread stop = new Thread(server::stop, "tasklog-server-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        out.println("tasklog server at " + server.url(everyAddress ? Host.name() : bind) + " (data in " + data
                + "; Ctrl-C to stop)");
        out.flush();
        server.awaitStopped();
        try {
            // Removable only while the JVM is not stopping: then a client's SQL SHUTDOWN stopped it.
            Runtime.getRuntime().removeShutdownHook(stop);
            out.println("tasklog server stopped: its database was shut down");
        } catch (IllegalStateException e) {
            // stopped by Ctrl-C, as asked: nothing to add
        }
    }

    /**
     * @return the data directory; HSQLDB creates it when missing, once the port is taken, so that a
     *         server that cannot start leaves nothing behind
     */
    private static Path dataDir(String option) throws StoreConnection.CommandException {
        Path dir;
        try {
            dir = Path.of(option).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CliArgs.UsageException("--data is not a path: " + e.getMessage());
        }
        String cannot = "cannot keep the server's data in " + dir + ": ";
        if (dir.toString().contains(";")) {
            // HSQLDB would read what follows a ';' as database properties.
            throw new StoreConnection.CommandException(cannot + "its path contains ';'");
        }
        Path existing = dir;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new StoreConnection.CommandException(cannot + existing + " is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new StoreConnection.CommandException(cannot + existing + " is not writable");
        }
        return dir;
    }

    private static boolean isWildcard(String bind) {
        try {
            return InetAddress.getByName(bind).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false; // the server says so when it tries to listen there
        }
    }
}
