package dev.tasklog.agent.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables, created on first use and migrated on every open: {@code TASKLOG_SCHEMA} records
 * which versions were applied; a later release adds a version to {@link #migrations(Dialect)}.
 */
public final class Schema {

    /** The schema version this release writes. */
    public static final int VERSION = 3;
    /** Ids are taken from the database in blocks of this size, one sequence call per block. */
    static final int ID_BLOCK = 1000;

    private Schema() {
    }

    /**
     * Brings the database's schema up to {@link #VERSION}.
     *
     * @param connection an open connection (auto-commit is restored afterwards)
     * @param dialect    its dialect
     * @return the version found before migrating (0 for an empty database)
     * @throws SQLException when a statement fails
     */
    public static synchronized int migrate(Connection connection, Dialect dialect) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            if (!tableExists(connection, "TASKLOG_SCHEMA")) {
                st.execute(dialect.createTable() + "TASKLOG_SCHEMA (VERSION INT PRIMARY KEY, APPLIED_AT "
                        + dialect.timestamp() + " NOT NULL)");
            }
            int found = currentVersion(st);
            if (found > VERSION) {
                throw new SQLException("the store has schema version " + found + ", newer than this tasklog ("
                        + VERSION + "); use a newer tasklog or another db.url");
            }
            List<List<String>> migrations = migrations(dialect);
            for (int v = found + 1; v <= VERSION; v++) {
                for (String sql : migrations.get(v - 1)) {
                    st.execute(sql);
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO TASKLOG_SCHEMA (VERSION, APPLIED_AT) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int currentVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT MAX(VERSION) FROM TASKLOG_SCHEMA")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Each element is the statements of one version, from version 1 on. */
    static List<List<String>> migrations(Dialect d) {
        List<List<String>> versions = new ArrayList<>();
        String ts = d.timestamp();
        versions.add(List.of(
                "CREATE SEQUENCE TASKLOG_ID_SEQ AS BIGINT START WITH 1 INCREMENT BY " + ID_BLOCK,
                d.createTable() + "LOG_RUN (ID BIGINT PRIMARY KEY, NAME VARCHAR(500) NOT NULL, STATUS VARCHAR(20) NOT NULL, "
                        + "STARTED_AT " + ts + " NOT NULL, FINISHED_AT " + ts + ", WALL_MS BIGINT, CPU_MS BIGINT, "
                        + "HOST VARCHAR(255), PID BIGINT, HEARTBEAT_AT " + ts + ", DROPPED_EVENTS BIGINT DEFAULT 0 NOT NULL, "
                        + "SOURCE_JVM VARCHAR(36) NOT NULL, SOURCE_ID BIGINT NOT NULL)",
                d.createTable() + "LOG_TASK (ID BIGINT PRIMARY KEY, RUN_ID BIGINT, PARENT_ID BIGINT, KIND VARCHAR(10) NOT NULL, "
                        + "NAME VARCHAR(500) NOT NULL, STATUS VARCHAR(20) NOT NULL, STARTED_AT " + ts + " NOT NULL, "
                        + "FINISHED_AT " + ts + ", WALL_NS BIGINT, CPU_NS BIGINT, THREAD VARCHAR(255), "
                        + "CALLS BIGINT DEFAULT 1 NOT NULL, MAX_WALL_NS BIGINT, FAILURES BIGINT DEFAULT 0 NOT NULL, "
                        + "SOURCE_JVM VARCHAR(36) NOT NULL, SOURCE_ID BIGINT NOT NULL)",
                d.createTable() + "LOG_COUNTER (TASK_ID BIGINT NOT NULL, NAME VARCHAR(500) NOT NULL, VALUE BIGINT NOT NULL, "
                        + "PRIMARY KEY (TASK_ID, NAME))",
                d.createTable() + "LOG (ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, RUN_ID BIGINT, TASK_ID BIGINT, "
                        + "TASK_NAME VARCHAR(500), TS " + ts + " NOT NULL, LEVEL VARCHAR(5) NOT NULL, LOGGER VARCHAR(500) NOT NULL, "
                        + "MESSAGE " + d.text(Limits.MESSAGE) + ", THREAD VARCHAR(255), FILE_NAME VARCHAR(255), LINE INT, "
                        + "IS_DATA BOOLEAN NOT NULL, EXTRA " + d.text(Limits.EXTRA) + ", THROWABLE " + d.text(Limits.THROWABLE) + ")",
                "CREATE INDEX LOG_RUN_STARTED ON LOG_RUN (STARTED_AT)",
                "CREATE INDEX LOG_RUN_STATUS ON LOG_RUN (STATUS)",
                "CREATE INDEX LOG_RUN_SOURCE ON LOG_RUN (SOURCE_JVM, SOURCE_ID)",
                "CREATE INDEX LOG_TASK_RUN ON LOG_TASK (RUN_ID)",
                "CREATE INDEX LOG_TASK_NAME ON LOG_TASK (NAME, STARTED_AT)",
                "CREATE INDEX LOG_TASK_SOURCE ON LOG_TASK (SOURCE_JVM, SOURCE_ID)",
                // One secondary index on LOG, the one a run's page needs. Every index on LOG is
                // maintained for every event (on this machine each costs roughly 10-15% of the
                // writer's throughput); newest-first listings use the primary key, which grows with
                // time, and a cleanup scans.
                "CREATE INDEX LOG_RUN_TS ON LOG (RUN_ID, TS)"));
        // 2: the runs list reads newest first; an index in that order lets a page of runs be read
        // from the index instead of sorting every run (1 ms against 10 ms for 10,000 runs).
        versions.add(List.of(
                "CREATE INDEX LOG_RUN_RECENT ON LOG_RUN (STARTED_AT DESC, ID DESC)",
                "DROP INDEX LOG_RUN_STARTED"));
        // 3: runs of many hosts in one store. The admin lists the distinct hosts on every runs page
        // (a full scan without this index: 150 ms for 100,000 runs, 0.1 ms with it), and a page of
        // one host's runs is read from it, newest first, however rare that host's runs are.
        versions.add(List.of(
                "CREATE INDEX LOG_RUN_HOST ON LOG_RUN (HOST, STARTED_AT, ID)"));
        return versions;
    }
}
