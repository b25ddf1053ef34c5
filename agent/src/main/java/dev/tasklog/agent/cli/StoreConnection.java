package dev.tasklog.agent.cli;

import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.store.StoreSettings;
import dev.tasklog.agent.store.Dialect;
import dev.tasklog.agent.store.Schema;
import dev.tasklog.agent.store.Urls;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the store for a command: {@code --db URL} when given, else {@code db.url} from the system
 * properties, environment and {@code tasklog.properties} (as the agent reads them), else the
 * embedded default under {@code ./tasklog-data/}.
 */
final class StoreConnection {

    private StoreConnection() {
    }

    static Connection open(CliArgs args) throws CommandException {
        return target(args).open();
    }

    /** @return the store the command line names, not yet opened */
    static Target target(CliArgs args) {
        return new Target(StoreSettings.of(AgentConfig.load(null), args.value("--db", null)));
    }

    /** A store's URL and credentials. */
    static final class Target {
        final String url;
        private final StoreSettings settings;

        Target(StoreSettings settings) {
            this.settings = settings;
            this.url = settings.url();
        }

        /** @return a new connection to the existing store, its schema brought up to date */
        Connection open() throws CommandException {
            Connection c = connect();
            try {
                Schema.migrate(c, Dialect.of(url));
                settings.markDeadRuns(c);
                return c;
            } catch (SQLException e) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
                throw new CommandException(explain(url, e));
            }
        }

        /** @return a new connection to the existing store, whose schema {@link #open()} brought up to date before */
        Connection connect() throws CommandException {
            String connectUrl = url;
            if (url.startsWith("jdbc:hsqldb:file:") && !url.contains("ifexists=")) {
                // A command reads an existing store; it must not leave an empty one behind.
                connectUrl = url + ";ifexists=true";
            }
            try {
                return settings.connect(connectUrl);
            } catch (SQLException e) {
                throw new CommandException(explain(url, e));
            }
        }
    }

    private static String explain(String url, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
            return "cannot open the store " + Urls.safe(url) + ": the login was refused (" + message + "); check db.user and"
                    + " the password (db.password, TASKLOG_DB_PASSWORD or db.password-file)";
        }
        if (message.contains("lock")) {
            return "the store " + Urls.safe(url) + " is in use by a running application (an embedded store admits one"
                    + " process at a time); try again when it has finished, or use a server store";
        }
        if (message.contains("not found") || message.contains("does not exist")) {
            return "there is no store at " + Urls.safe(url) + " (run an application with the agent first, or give --db)";
        }
        return "cannot open the store " + Urls.safe(url) + ": " + message;
    }

    /** A command that cannot do its work; its message is printed, and the exit status is 1. */
    static final class CommandException extends Exception {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}
