package dev.tasklog.agent.cli;

import dev.tasklog.agent.store.Database;
import dev.tasklog.agent.store.Dialect;
import dev.tasklog.agent.store.Schema;
import dev.tasklog.agent.store.StoreSettings;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import org.hsqldb.server.ServerConstants;

/**
 * The agent's own HSQLDB serving one store, the database {@code tasklog}, to other JVMs over its
 * network protocol. It prints nothing and leaves {@code java.util.logging} alone; when it cannot
 * start, it says why in one line.
 */
final class StoreServer {

    /** The name of the served database: the last part of its URL. */
    static final String DATABASE = "tasklog";

    /** HSQLDB's close mode of the SQL statement {@code SHUTDOWN}: a checkpoint, then the files closed. */
    private static final int SHUTDOWN_NORMAL = org.hsqldb.Database.CLOSEMODE_NORMAL;

    private final Hsqldb server;
    private final String connectHost;
    private final int port;

    private StoreServer(Hsqldb server, String connectHost, int port) {
        this.server = server;
        this.connectHost = connectHost;
        this.port = port;
    }

    /**
     * Starts the server and brings the store's schema up to date, so that applications, the
     * admin and the other commands can use it at once.
     *
     * @param bind        the address to listen on
     * @param connectHost the host name under which this machine reaches it
     * @param port        the port
     * @param dataDir     the directory of the database files (an existing, writable one)
     * @param login       the user (and password) that brings the schema up to date: the store settings'
     * @return the running server
     * @throws StoreConnection.CommandException when it cannot listen, or its database cannot be opened
     */
    static StoreServer start(String bind, String connectHost, int port, Path dataDir, StoreSettings login)
            throws StoreConnection.CommandException {
        Database.leaveLoggingAlone();
        Hsqldb server = new Hsqldb();
        server.setLogWriter(null);
        server.setErrWriter(null);
        server.setSilent(true);
        server.setTrace(false);
        // Its shutdown must not call System.exit: from a shutdown hook that would never return.
        server.setNoSystemExit(true);
        server.setRestartOnShutdown(false);
        server.setAddress(bind);
        server.setPort(port);
        server.setDatabaseName(0, DATABASE);
        // A new database starts in MVCC mode (see setUp), before any client can connect to it.
        server.setDatabasePath(0, "file:" + dataDir.resolve(DATABASE) + ";hsqldb.tx=mvcc");
        server.start();
        if (server.getState() != ServerConstants.SERVER_STATE_ONLINE) {
            throw new StoreConnection.CommandException(whyNotStarted(server.firstError, bind, port, dataDir));
        }
        StoreServer started = new StoreServer(server, connectHost, port);
        try {
            started.setUp(login);
        } catch (SQLException e) {
            started.stop();
            String message = oneLine(String.valueOf(e.getMessage()));
            if (message.contains("authorization")) {
                message += " (the server connects as db.user with the password of db.password or db.password-file,"
                        + " as the applications do)";
            }
            throw new StoreConnection.CommandException("cannot set up the store in " + dataDir + ": " + message);
        }
        return started;
    }

    private void setUp(StoreSettings login) throws SQLException {
        try (Connection c = login.connect(url(connectHost)); Statement st = c.createStatement()) {
            // HSQLDB's default (LOCKS) locks whole tables: one JVM's batch into LOG would hold up
            // every other JVM's, and the admin's reads would wait for the writers (and they for
            // a long read). With MVCC, readers never wait and writers wait only for the rows they
            // both change. Set on every start, too, for a database created before (a new one
            // starts in MVCC already); it is kept in the database's files.
            st.execute("SET DATABASE TRANSACTION CONTROL MVCC");
            // The tables are CACHED, as in the embedded store: a year of runs is not held in memory.
            Schema.migrate(c, Dialect.HSQLDB);
        }
    }

    /**
     * @param host the host name to put in it
     * @return the JDBC URL of the store under that host name
     */
    String url(String host) {
        return "jdbc:hsqldb:hsql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + DATABASE;
    }

    /**
     * Stops serving as the SQL statement {@code SHUTDOWN} does: the clients' sessions are closed,
     * the database is checkpointed (so that the next start opens it at once) and its files and
     * lock are released. Does nothing once stopped.
     */
    void stop() {
        if (server.getState() != ServerConstants.SERVER_STATE_SHUTDOWN) {
            server.shutdownWithCatalogs(SHUTDOWN_NORMAL);
        }
    }

    /** Waits until the server has stopped: by {@link #stop()}, or a client's {@code SHUTDOWN}. */
    void awaitStopped() throws InterruptedException {
        server.stopped.await();
    }

    private static String whyNotStarted(Throwable error, String bind, int port, Path dataDir) {
        String where = "cannot listen on " + bind + ":" + port + ": ";
        String message = error == null ? "" : oneLine(error.getMessage());
        if (error instanceof BindException && message.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return where + "the port is in use (by another server?); choose another with --port";
        }
        if (error instanceof BindException || error instanceof UnknownHostException) {
            return where + message;
        }
        if (message.contains("lock")) {
            return "the data in " + dataDir + " is in use by another process (another tasklog server, or an application"
                    + " whose embedded store it is); the lock of a process that was killed expires after 10 s";
        }
        return "cannot open the database in " + dataDir + ": " + (message.isEmpty() ? String.valueOf(error) : message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.trim().replaceAll("\\s+", " ");
    }

    /** HSQLDB's server, remembering why it could not start and telling when it has stopped. */
    private static final class Hsqldb extends org.hsqldb.server.Server {

        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile Throwable firstError;

        @Override
        protected void setServerError(Throwable t) {
            // When its database does not open, the server clears the error before it shuts down:
            // the first one is the reason.
            if (t != null && firstError == null) {
                firstError = t;
            }
            super.setServerError(t);
        }

        @Override
        protected synchronized void setState(int state) {
            super.setState(state);
            if (state == ServerConstants.SERVER_STATE_SHUTDOWN) {
                stopped.countDown();
            }
        }
    }
}
