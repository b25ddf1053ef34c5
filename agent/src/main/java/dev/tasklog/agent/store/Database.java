package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the store. HSQLDB URLs are opened with the agent's own (relocated) HSQLDB
 * driver directly, never through {@code DriverManager}: the agent does not offer its copy to the
 * application, and an application's own HSQLDB, of whatever version, is never used for the store.
 */
public final class Database {

    private static final org.hsqldb.jdbc.JDBCDriver HSQLDB = ownHsqldb();

    private Database() {
    }

    /**
     * Keeps HSQLDB from reconfiguring {@code java.util.logging}, as it otherwise does when it starts:
     * the application's logging is not the agent's to touch. Call before any HSQLDB class is loaded.
     */
    public static void leaveLoggingAlone() {
        if (System.getProperty("hsqldb.reconfig_logging") == null) {
            System.setProperty("hsqldb.reconfig_logging", "false");
        }
    }

    private static org.hsqldb.jdbc.JDBCDriver ownHsqldb() {
        leaveLoggingAlone();
        org.hsqldb.jdbc.JDBCDriver driver = org.hsqldb.jdbc.JDBCDriver.driverInstance;
        // Loading the driver registered it with DriverManager, where the application's own
        // jdbc:hsqldb: URLs could pick the agent's copy instead of its own: take it out again.
        try {
            DriverManager.deregisterDriver(driver);
        } catch (SQLException | SecurityException e) {
            // stays registered; it still only answers jdbc:hsqldb: URLs
        }
        return driver;
    }

    /**
     * @param url      a JDBC URL
     * @param user     the user
     * @param password the password
     * @return an open connection
     * @throws SQLException when it cannot be opened
     */
    public static Connection open(String url, String user, String password) throws SQLException {
        return open(url, user, password, "");
    }

    /**
     * @param url        a JDBC URL
     * @param user       the user
     * @param password   the password
     * @param driverPath {@code db.driver-path}: where the driver of a store other than HSQLDB is, or empty
     * @return an open connection
     * @throws SQLException when it cannot be opened
     */
    public static Connection open(String url, String user, String password, String driverPath) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (Dialect.of(url) == Dialect.HSQLDB) {
            Connection c = HSQLDB.connect(url, props);
            if (c == null) {
                throw new SQLException("not an HSQLDB URL: " + Urls.safe(url));
            }
            return c;
        }
        if (Dialect.of(url) == Dialect.POSTGRESQL && !url.contains("reWriteBatchedInserts")) {
            // The driver sends a batch as one multi-row INSERT instead of one statement per row:
            // measured 1.2-1.5x the events per second of 4 JVMs writing into one server.
            props.setProperty("reWriteBatchedInserts", "true");
        }
        Connection c = Drivers.find(url, driverPath).connect(url, props);
        if (c == null) {
            throw new SQLException("the JDBC driver refused " + Urls.safe(url));
        }
        return c;
    }
}
