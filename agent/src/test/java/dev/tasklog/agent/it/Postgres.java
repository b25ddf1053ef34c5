package dev.tasklog.agent.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server that the tests of the shared store use: {@code it.postgresql.url}
 * (default 127.0.0.1:5432, database {@code test}, trust authentication), one schema per test.
 * Where no server answers, those tests are skipped with a message saying so.
 */
public final class Postgres {

    static final String BASE_URL = System.getProperty("it.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("it.postgresql.user", "postgres");
    private static Boolean reachable;

    private Postgres() {
    }

    /**
     * Skips the calling test unless the server answers; then makes an empty schema.
     *
     * @param name the test's name (letters, digits, dashes)
     * @return a JDBC URL whose tables go into that schema
     */
    public static String freshSchema(String name) throws SQLException {
        Assumptions.assumeTrue(reachable(), "no PostgreSQL at " + BASE_URL + " (user " + USER
                + "): the PostgreSQL store tests are skipped; .ci/run provides one");
        String schema = "tasklog_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        try (Connection c = DriverManager.getConnection(BASE_URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        return BASE_URL + "?currentSchema=" + schema;
    }

    /** @return a connection as the tests' user */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    /** @return the driver's jar, for {@code db.driver-path} of programs run under the agent */
    public static Path driverJar() {
        return Path.of(System.getProperty("it.postgresql.driver"));
    }

    private static synchronized boolean reachable() {
        if (reachable == null) {
            try (Connection c = DriverManager.getConnection(BASE_URL, USER, "")) {
                reachable = c.isValid(5);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }
}
