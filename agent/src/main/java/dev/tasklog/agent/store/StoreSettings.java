package dev.tasklog.agent.store;

import dev.tasklog.agent.config.AgentConfig;
import dev.tasklog.agent.config.ConfigKey;
import dev.tasklog.agent.util.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the store is and how to log in to it: {@code db.url}, {@code db.user}, the password and
 * {@code db.driver-path}. The password comes from {@code db.password-file} when that is set (a
 * file only its owner can read), else from {@code db.password} (also {@code TASKLOG_DB_PASSWORD}).
 * It is never printed: {@link #toString()} and every message go through {@link #mask(String)}.
 */
public final class StoreSettings {

    private static final Set<PosixFilePermission> OTHERS_CAN_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private final String url;
    private final String user;
    private final String password;
    private final String driverPath;
    private final long heartbeatMillis;

    StoreSettings(String url, String user, String password, String driverPath, long heartbeatMillis) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.driverPath = driverPath;
        this.heartbeatMillis = heartbeatMillis;
    }

    /**
     * @param config the agent's settings
     * @param url    a URL that overrides {@code db.url} (the command line's {@code --db}), or null
     * @return the settings; problems with the password file are reported on stderr
     */
    public static StoreSettings of(AgentConfig config, String url) {
        String chosen = url != null && !url.isEmpty() ? url : config.string(ConfigKey.DB_URL);
        return new StoreSettings(Urls.resolve(chosen), config.string(ConfigKey.DB_USER), password(config),
                config.string(ConfigKey.DB_DRIVER_PATH), config.integer(ConfigKey.STORE_HEARTBEAT) * 1000L);
    }

    private static String password(AgentConfig config) {
        String file = config.string(ConfigKey.DB_PASSWORD_FILE).trim();
        if (file.isEmpty()) {
            return config.string(ConfigKey.DB_PASSWORD);
        }
        if (!config.string(ConfigKey.DB_PASSWORD).isEmpty()) {
            Diagnostics.once("password-both", "both db.password and db.password-file are set; db.password-file is used");
        }
        Path path = Path.of(file);
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (!java.util.Collections.disjoint(permissions, OTHERS_CAN_READ)) {
                Diagnostics.once("password-file-open", "db.password-file " + path + " can be read by other users"
                        + " (chmod 600 it); it is not used");
                return "";
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs are the user's to set
        } catch (IOException e) {
            Diagnostics.once("password-file-read", "cannot read db.password-file " + path + " (" + e.getMessage() + ")");
            return "";
        }
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            // the first line: files written by editors and `echo` end with a line break
            int end = content.indexOf('\n');
            return (end < 0 ? content : content.substring(0, end)).replace("\r", "");
        } catch (IOException e) {
            Diagnostics.once("password-file-read", "cannot read db.password-file " + path + " (" + e.getMessage() + ")");
            return "";
        }
    }

    /** @return the JDBC URL */
    public String url() {
        return url;
    }

    /** @return the URL as it may be shown: password-like parameters replaced */
    public String safeUrl() {
        return Urls.safe(url);
    }

    /** @return the dialect of the store's database */
    public Dialect dialect() {
        return Dialect.of(url);
    }

    /**
     * @return a new connection
     * @throws SQLException when it cannot be opened; its message never holds the password
     */
    public Connection connect() throws SQLException {
        return connect(url);
    }

    /**
     * @param otherUrl the URL to use instead of the store's (the same store with other parameters)
     * @return a new connection
     * @throws SQLException when it cannot be opened; its message never holds the password
     */
    public Connection connect(String otherUrl) throws SQLException {
        try {
            return Database.open(otherUrl, user, password, driverPath);
        } catch (SQLException e) {
            throw new SQLException(mask(e.getMessage()), e.getSQLState(), e.getErrorCode());
        } catch (IllegalArgumentException e) {
            throw new SQLException(mask(e.getMessage()));
        }
    }

    /** @return how often a JVM writing to the store tells it that it is alive ({@code store.heartbeat}) */
    public long heartbeatMillis() {
        return heartbeatMillis;
    }

    /**
     * Marks ABORTED the runs whose JVM is gone (dead on this host, or silent for longer than the
     * lease): what a reader of the store (the command line, the admin) does when it opens it.
     *
     * @param connection a connection to the store in auto-commit mode, its schema up to date
     * @return how many runs were marked
     * @throws SQLException when the database fails
     */
    public int markDeadRuns(Connection connection) throws SQLException {
        return AbortedRuns.markDeadRuns(connection, dialect(), null, heartbeatMillis * StoreWriter.LEASE_BEATS);
    }

    /**
     * @param text a message that may quote the URL or the password
     * @return the text with both made safe
     */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String safe = Urls.safe(text);
        return password.length() < 3 ? safe : safe.replace(password, "***");
    }

    @Override
    public String toString() {
        return safeUrl() + " as " + user;
    }
}
