package dev.tasklog.agent.cli;

import dev.tasklog.agent.admin.AdminServer;
import dev.tasklog.agent.store.Urls;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code admin [--port 8080] [--bind 127.0.0.1]}: the web admin over a store, until the process is stopped. */
final class AdminCommand {

    static final String USAGE = "admin [--port 8080] [--bind 127.0.0.1] [--db URL]";

    private AdminCommand() {
    }

    static void run(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("--port", "--bind", "--db"), Set.of(), Set.of());
        if (!a.positional().isEmpty()) {
            throw new CliArgs.UsageException("admin takes no arguments: " + a.positional());
        }
        int port = a.intValue("--port", 8080, 0);
        if (port > 65_535) {
            throw new CliArgs.UsageException("--port must be from 0 (any free port) to 65535");
        }
        String bind = a.value("--bind", "127.0.0.1");
        StoreConnection.Target target = StoreConnection.target(a);
        // Held for the server's life: an embedded store stays open between requests. It brings the
        // schema up to date once; the requests' own connections need not.
        Connection keeper = target.open();
        AdminServer server;
        try {
            server = AdminServer.start(bind, port, () -> {
                try {
                    return target.connect();
                } catch (StoreConnection.CommandException e) {
                    throw new SQLException(e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            close(keeper, target.url);
            throw new StoreConnection.CommandException("cannot serve the admin on " + bind + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            close(keeper, target.url);
            stopped.countDown();
        }, "tasklog-admin-stop"));
        out.println("tasklog admin at " + server.url() + " (store " + Urls.safe(target.url) + "; Ctrl-C to stop)");
        out.flush();
        stopped.await();
    }

    private static void close(Connection keeper, String url) {
        try (Connection c = keeper) {
            if (url.startsWith("jdbc:hsqldb:file:")) {
                try (Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                }
            }
        } catch (SQLException e) {
            // closing at exit: nothing more to do
        }
    }
}
