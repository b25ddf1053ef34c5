package dev.tasklog.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklog.agent.it.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Creating the schema, and migrating a store of an older version without losing its rows. */
class SchemaTest {

    private static Connection memoryDb(String name) throws SQLException {
        return Database.open("jdbc:hsqldb:mem:" + name, "SA", "");
    }

    private static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(VERSION) FROM TASKLOG_SCHEMA")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean indexExists(Connection c, String table, String index) throws SQLException {
        try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
            while (rs.next()) {
                if (index.equals(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void anEmptyDatabaseGetsTheCurrentSchema() throws SQLException {
        try (Connection c = memoryDb("schema-empty")) {
            assertThat(Schema.migrate(c, Dialect.HSQLDB)).isZero();
            assertThat(version(c)).isEqualTo(Schema.VERSION);
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_RECENT")).isTrue();
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_HOST")).isTrue();
            assertThat(Schema.migrate(c, Dialect.HSQLDB)).as("a second open changes nothing").isEqualTo(Schema.VERSION);
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void aVersionOneStoreIsMigratedAndKeepsItsRuns() throws SQLException {
        try (Connection c = memoryDb("schema-v1")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE TASKLOG_SCHEMA (VERSION INT PRIMARY KEY, APPLIED_AT TIMESTAMP WITH TIME ZONE NOT NULL)");
                for (String sql : Schema.migrations(Dialect.HSQLDB).get(0)) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO TASKLOG_SCHEMA VALUES (1, CURRENT_TIMESTAMP)");
                st.execute("INSERT INTO LOG_RUN (ID, NAME, STATUS, STARTED_AT, SOURCE_JVM, SOURCE_ID) "
                        + "VALUES (7, 'old', 'OK', CURRENT_TIMESTAMP, 'jvm', 1)");
            }
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_STARTED")).isTrue();

            assertThat(Schema.migrate(c, Dialect.HSQLDB)).isEqualTo(1);

            assertThat(version(c)).isEqualTo(Schema.VERSION);
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_RECENT")).isTrue();
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_STARTED")).isFalse();
            assertThat(indexExists(c, "LOG_RUN", "LOG_RUN_HOST")).isTrue();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT NAME FROM LOG_RUN WHERE ID = 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("old");
            }
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void aStoreOfANewerVersionIsRefusedWithAClearMessage() throws SQLException {
        try (Connection c = memoryDb("schema-newer")) {
            Schema.migrate(c, Dialect.HSQLDB);
            c.createStatement().execute("INSERT INTO TASKLOG_SCHEMA VALUES (" + (Schema.VERSION + 1) + ", CURRENT_TIMESTAMP)");
            assertThatThrownBy(() -> Schema.migrate(c, Dialect.HSQLDB)).hasMessageContaining("newer than this tasklog");
            c.createStatement().execute("SHUTDOWN");
        }
    }

    @Test
    void everyVersionHasItsStatements() {
        List<List<String>> versions = Schema.migrations(Dialect.POSTGRESQL);
        assertThat(versions).hasSize(Schema.VERSION).allSatisfy(v -> assertThat(v).isNotEmpty());
    }

    @Test
    void jvmsOpeningAnEmptyHsqldbStoreAtOnceGetOneSchema() throws Exception {
        migrateAtOnce(() -> memoryDb("schema-race"), Dialect.HSQLDB);
    }

    @Test
    void jvmsOpeningAnEmptyPostgresqlStoreAtOnceGetOneSchema() throws Exception {
        String url = Postgres.freshSchema("schema-race");
        migrateAtOnce(() -> Postgres.connect(url), Dialect.POSTGRESQL);
    }

    /** Eight connections, as eight JVMs would, migrate one empty store at the same moment. */
    private static void migrateAtOnce(Callable<Connection> connect, Dialect dialect) throws Exception {
        int n = 8;
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            connections.add(connect.call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Integer>> found = new ArrayList<>();
            for (Connection c : connections) {
                found.add(pool.submit(() -> {
                    start.await();
                    return Schema.migrate(c, dialect, 30_000);
                }));
            }
            int fromEmpty = 0;
            for (Future<Integer> f : found) {
                int before = f.get(60, TimeUnit.SECONDS); // throws if any migration failed
                fromEmpty += before == 0 ? 1 : 0;
            }
            assertThat(fromEmpty).as("some connection found the store empty").isPositive();
            Connection c = connections.get(0);
            assertThat(version(c)).isEqualTo(Schema.VERSION);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT VERSION FROM TASKLOG_SCHEMA ORDER BY VERSION")) {
                List<Integer> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
                assertThat(versions).as("each version once, no claims left").containsExactly(1, 2, 3);
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
