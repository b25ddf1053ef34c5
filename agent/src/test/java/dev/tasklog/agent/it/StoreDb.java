package dev.tasklog.agent.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a store: the embedded one a child JVM left in its working directory (once the child has
 * exited), or a server's. Column labels are upper case whatever the database.
 */
final class StoreDb implements AutoCloseable {

    private final Connection connection;
    private final boolean embedded;

    private StoreDb(Connection connection, boolean embedded) {
        this.connection = connection;
        this.embedded = embedded;
    }

    static StoreDb in(Path workDir) throws SQLException {
        return open("jdbc:hsqldb:file:" + workDir.resolve("tasklog-data/tasklog") + ";ifexists=true");
    }

    static StoreDb open(String url) throws SQLException {
        return new StoreDb(DriverManager.getConnection(url, "SA", ""), true);
    }

    /** @param connection a connection to a server's store, closed (not shut down) with this */
    static StoreDb server(Connection connection) {
        return new StoreDb(connection, false);
    }

    /** @return a connection to a store served over the network; closing it leaves the server running */
    static StoreDb server(String url) throws SQLException {
        return new StoreDb(DriverManager.getConnection(url, "SA", ""), false);
    }

    List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for " + sql + ", got " + rows);
        }
        return rows.get(0);
    }

    long count(String sql, Object... params) throws SQLException {
        return ((Number) row(sql, params).values().iterator().next()).longValue();
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (embedded) {
                connection.createStatement().execute("SHUTDOWN");
            }
        } finally {
            connection.close();
        }
    }
}
