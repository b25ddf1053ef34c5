package dev.tasklog.agent.store;

import java.sql.Connection;
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
     * Brings the database's schema up to {@link #VERSION}. Safe when several JVMs, on several
     * machines, open an empty or older store at once: each version is applied by the one JVM that
     * claims it (a row with the negated version number, which the table's key admits once); the
     * others wait for it.
     *
     * @param connection an open connection (auto-commit is restored afterwards)
     * @param dialect    its dialect
     * @return the version found before migrating (0 for an empty database)
     * @throws SQLException when a statement fails, or another JVM's migration does not finish
     */
    public static synchronized int migrate(Connection connection, Dialect dialect) throws SQLException {
        return migrate(connection, dialect, CLAIM_WAIT_MILLIS);
    }

    /** How long a JVM waits for another one's migration before it gives up. */
    static final long CLAIM_WAIT_MILLIS = 60_000;
    /** A claim this old belongs to a JVM that died while migrating: it is taken over. */
    static final long STALE_CLAIM_MILLIS = 600_000;

    static int migrate(Connection connection, Dialect dialect, long maxWaitMillis) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            createVersionTable(connection, dialect);
            int found = currentVersion(connection);
            int before = found;
            long deadline = System.currentTimeMillis() + maxWaitMillis;
            while (found < VERSION) {
                int next = found + 1;
                if (claim(connection, next)) {
                    try {
                        if (currentVersion(connection) < next) { // not applied by another JVM just before the claim
                            apply(connection, dialect, next);
                        }
                    } finally {
                        unclaim(connection, next);
                    }
                } else if (System.currentTimeMillis() > deadline) {
                    throw new SQLException("another process has been bringing the store's schema to version " + next
                            + " for over " + maxWaitMillis / 1000 + " s; if none is, delete the row VERSION = -" + next
                            + " of TASKLOG_SCHEMA");
                } else {
                    pause();
                    takeOverStaleClaim(connection, next);
                }
                found = currentVersion(connection);
            }
            if (found > VERSION) {
                throw new SQLException("the store has schema version " + found + ", newer than this tasklog ("
                        + VERSION + "); use a newer tasklog or another db.url");
            }
            return before;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Creates the version table unless it exists (or another JVM creates it at the same moment). */
    private static void createVersionTable(Connection connection, Dialect dialect) throws SQLException {
        if (versionTableExists(connection)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(dialect.createTable() + "TASKLOG_SCHEMA (VERSION INT PRIMARY KEY, APPLIED_AT "
                    + dialect.timestamp() + " NOT NULL)");
        } catch (SQLException e) {
            if (!versionTableExists(connection)) {
                throw e;
            }
        }
    }

    /** Asked of the connection's own schema (a database may hold several stores, one per schema). */
    private static boolean versionTableExists(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeQuery("SELECT VERSION FROM TASKLOG_SCHEMA WHERE VERSION = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean claim(Connection connection, int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO TASKLOG_SCHEMA (VERSION, APPLIED_AT) VALUES (?, ?)")) {
            ps.setInt(1, -version);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint: another JVM holds the claim
            }
            throw e;
        }
    }

    private static void unclaim(Connection connection, int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM TASKLOG_SCHEMA WHERE VERSION = ?")) {
            ps.setInt(1, -version);
            ps.executeUpdate();
        }
    }

    private static void takeOverStaleClaim(Connection connection, int version) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM TASKLOG_SCHEMA WHERE VERSION = ? AND APPLIED_AT < ?")) {
            ps.setInt(1, -version);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusNanos(STALE_CLAIM_MILLIS * 1_000_000L));
            ps.executeUpdate();
        }
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for another process's schema migration");
        }
    }

    /** Applies one version in one transaction (where the database makes DDL transactional). */
    private static void apply(Connection connection, Dialect dialect, int version) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : migrations(dialect).get(version - 1)) {
                st.execute(sql);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO TASKLOG_SCHEMA (VERSION, APPLIED_AT) VALUES (?, ?)")) {
                ps.setInt(1, version);
                ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(VERSION) FROM TASKLOG_SCHEMA WHERE VERSION > 0")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
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
        // 3: many JVMs, one store. LOG_BATCH holds the key of every batch a JVM wrote, in the
        // batch's own transaction: a batch whose commit was not confirmed (the server went away)
        // is spooled and offered again, and its key tells whether it is already in. The admin
        // lists the distinct hosts on every runs page (a full scan without LOG_RUN_HOST: 150 ms for
        // 100,000 runs, 0.1 ms with it), and a page of one host's runs is read from it, newest
        // first, however rare that host's runs are.
        versions.add(List.of(
                d.createTable() + "LOG_BATCH (SOURCE_JVM VARCHAR(36) NOT NULL, SEQ BIGINT NOT NULL, WRITTEN_AT " + ts
                        + " NOT NULL, PRIMARY KEY (SOURCE_JVM, SEQ))",
                "CREATE INDEX LOG_RUN_HOST ON LOG_RUN (HOST, STARTED_AT, ID)"));
        return versions;
    }
}
